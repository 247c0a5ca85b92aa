//! JSON Lines: one event per line, in the form [`crate::RecordedEvent`]
//! serializes to. An export keeps event and asset ids, so importing it again
//! (or importing it twice) adds nothing; lines that cannot be read are
//! reported with their numbers instead of stopping the import.

use std::io::{BufRead, Write};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::event::{NewEvent, RecordedEvent};
use crate::log::AssetLog;

/// Keys of a recorded event that the log assigns itself, dropped on import.
const ASSIGNED_BY_THE_LOG: &[&str] = &["position", "version", "recorded_at", "schema_version"];

/// A line that could not be read, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BadLine {
    /// Its number, from 1.
    pub line: u64,
    /// What is wrong with it.
    pub reason: String,
}

/// What an import read and wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct JsonlImport {
    /// Events read from good lines.
    pub events: u64,
    /// New events written (0 for a dry run; retries of stored events add nothing).
    pub written: u64,
    /// Lines that could not be read.
    pub bad_lines: Vec<BadLine>,
    /// The file was a whole export (positions 1, 2, 3... with their
    /// recorded_at) going into an empty log, so it was restored exactly:
    /// same positions and recorded_at, same chain head. Otherwise the
    /// events were appended as new facts, recorded now.
    pub restored: bool,
}

fn io(e: &std::io::Error) -> Error {
    Error::Io {
        reason: e.to_string(),
    }
}

/// Read events from JSON Lines; unreadable lines are reported, not fatal.
pub fn read(input: impl BufRead) -> Result<(Vec<NewEvent>, Vec<BadLine>)> {
    let (events, _, bad) = read_with_origin(input)?;
    Ok((events, bad))
}

/// What [`read_with_origin`] gives: the events, each good line's position
/// and recorded_at (micros) when it is a whole recorded event, and the bad
/// lines.
type Origins = (Vec<NewEvent>, Vec<Option<(u64, i64)>>, Vec<BadLine>);

/// [`read`], also giving each good line's position and recorded_at when it
/// is a whole recorded event (an export's line).
fn read_with_origin(input: impl BufRead) -> Result<Origins> {
    let mut origins = Vec::new();
    let mut events = Vec::new();
    let mut bad = Vec::new();
    for (i, line) in input.split(b'\n').enumerate() {
        let line_no = i as u64 + 1;
        let bytes = line.map_err(|e| io(&e))?;
        let Ok(text) = std::str::from_utf8(&bytes) else {
            bad.push(BadLine {
                line: line_no,
                reason: "not UTF-8".into(),
            });
            continue;
        };
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let mut origin = None;
        let parsed = serde_json::from_str::<serde_json::Value>(text)
            .map_err(|e| Error::InvalidEvent {
                reason: e.to_string(),
            })
            .and_then(|mut v| {
                // an export's line: the event as it was recorded
                if let Ok(r) = RecordedEvent::deserialize(&v) {
                    origin = Some((r.position, crate::time::to_micros(r.recorded_at)));
                    return Ok(NewEvent::restoring(r));
                }
                if let Some(obj) = v.as_object_mut() {
                    for k in ASSIGNED_BY_THE_LOG {
                        obj.remove(*k);
                    }
                }
                // an export restores facts the log accepted once: a serial
                // it let through then is let through again
                NewEvent::from_json_value(&v).map(|mut e| {
                    e.allow_duplicate_serial = true;
                    e
                })
            });
        match parsed {
            Ok(e) => {
                events.push(e);
                origins.push(origin);
            }
            Err(e) => bad.push(BadLine {
                line: line_no,
                reason: format!("{e} [{}]", e.code()),
            }),
        }
    }
    Ok((events, origins, bad))
}

impl AssetLog {
    /// Import JSON Lines: every good line in one atomic batch (a refused
    /// event refuses the batch); unreadable lines are reported. With
    /// `dry_run`, read and report only.
    ///
    /// A whole export (every line with its position, 1, 2, 3..., and its
    /// recorded_at) imported into an empty log is restored exactly: the same
    /// positions, ids, occurred_at and recorded_at, so the same chain head
    /// and the same "as recorded" answers ([`JsonlImport::restored`]).
    /// Anything else is appended as new facts, recorded now.
    pub fn import_jsonl(&self, input: impl BufRead, dry_run: bool) -> Result<JsonlImport> {
        let (events, origins, bad_lines) = read_with_origin(input)?;
        let whole = bad_lines.is_empty()
            && origins
                .iter()
                .enumerate()
                .all(|(i, o)| o.is_some_and(|(position, _)| position == i as u64 + 1));
        let before = self.stats()?.events;
        let restored = whole && !events.is_empty() && before == 0;
        let written = if dry_run {
            0
        } else if restored {
            let recorded: Vec<i64> = origins.iter().flatten().map(|(_, r)| *r).collect();
            self.append_with(&events, Some(&recorded), true)?;
            self.stats()?.events - before
        } else {
            self.append_batch(&events)?;
            self.stats()?.events - before
        };
        Ok(JsonlImport {
            events: events.len() as u64,
            written,
            bad_lines,
            restored,
        })
    }

    /// Write every event as JSON Lines, page by page (never the whole log
    /// in memory). Returns the number of events written.
    pub fn export_jsonl(&self, out: &mut impl Write) -> Result<u64> {
        let mut n = 0;
        for e in self.feed_iter(0, 10_000) {
            serde_json::to_writer(&mut *out, &e?.to_json_value()).map_err(|e| Error::Io {
                reason: e.to_string(),
            })?;
            out.write_all(b"\n").map_err(|e| io(&e))?;
            n += 1;
        }
        out.flush().map_err(|e| io(&e))?;
        Ok(n)
    }
}
