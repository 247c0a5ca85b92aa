//! JSON Lines: one event per line, in the form `export --jsonl` writes and
//! `import jsonl` reads. Event and asset ids are kept, so importing an
//! export again adds nothing.

use std::io::{BufRead, Write};

use assetlog::{AssetLog, NewEvent};

use crate::snipeit::BadRow;

/// Keys of a recorded event that the log assigns itself.
const ASSIGNED_BY_THE_LOG: &[&str] = &["position", "version", "recorded_at", "schema_version"];

/// Read events from JSON Lines; unreadable lines are reported, not fatal.
pub fn read(input: impl BufRead) -> Result<(Vec<NewEvent>, Vec<BadRow>), String> {
    let mut events = Vec::new();
    let mut bad = Vec::new();
    for (i, line) in input.split(b'\n').enumerate() {
        let line_no = i as u64 + 1;
        let bytes = line.map_err(|e| format!("cannot read line {line_no}: {e}"))?;
        let Ok(text) = std::str::from_utf8(&bytes) else {
            bad.push(BadRow {
                line: line_no,
                reason: "not UTF-8".into(),
            });
            continue;
        };
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let parsed = serde_json::from_str::<serde_json::Value>(text)
            .map_err(|e| e.to_string())
            .and_then(|mut v| {
                if let Some(obj) = v.as_object_mut() {
                    for k in ASSIGNED_BY_THE_LOG {
                        obj.remove(*k);
                    }
                }
                NewEvent::from_json_value(&v).map_err(|e| format!("{e} [{}]", e.code()))
            });
        match parsed {
            Ok(e) => events.push(e),
            Err(reason) => bad.push(BadRow {
                line: line_no,
                reason,
            }),
        }
    }
    Ok((events, bad))
}

/// Write every event, streamed page by page (never the whole log in memory).
pub fn write(log: &AssetLog, out: &mut impl Write) -> Result<u64, crate::Failure> {
    let mut n = 0;
    for e in log.feed_iter(0, 10_000) {
        serde_json::to_writer(&mut *out, &e?.to_json_value()).map_err(std::io::Error::from)?;
        out.write_all(b"\n")?;
        n += 1;
    }
    out.flush()?;
    Ok(n)
}
