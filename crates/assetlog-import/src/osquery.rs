//! osquery results (the filesystem logger's JSON lines) into check-ins.
//!
//! Every result form osqueryd writes is read: differential rows
//! (`columns` with `action` added or removed), snapshots (`snapshot`: a
//! list of rows) and batches (`diffResults` with `added` and `removed`).
//! `unixTime` may be a number or a string. Query names are matched by
//! their end, so `pack_inventory_system_info` is a `system_info` query.
//!
//! - `system_info` rows link a `hostIdentifier` to an asset by
//!   `hardware_serial` (serials compared without case or surrounding
//!   space).
//! - Every result of a linked host is a check-in: one `observed` event
//!   per host and `unixTime`.
//! - `os_version` rows are also an `observed` with the OS version.
//! - Rows of the queries named as patch queries become `patched` events
//!   (component: the row's `name` or `hotfix_id`; version: its `version`,
//!   else its `hotfix_id`).
//! - Hosts that cannot be linked are listed, never dropped silently; so
//!   are results for retired assets and results dated before an asset
//!   existed (the lifecycle refuses those).
//!
//! Event ids are derived from host, query, time and kind: reading the same
//! log twice adds nothing. The file is read twice (links first, then
//! events), line by line: memory holds one line and one entry per host.

use std::collections::HashMap;
use std::io::BufRead;

use assetlog::event::{Observed, Patched, SoftwareInstalled, SoftwareRemoved};
use assetlog::{AssetRef, BadLine, Event, EventId, NewEvent};
use chrono::{DateTime, Utc};
use serde_json::Value;
use uuid::Uuid;

/// One result row of a line.
struct Row<'v> {
    host: &'v str,
    query: &'v str,
    time: i64,
    /// "added", "removed" or "snapshot".
    action: &'static str,
    columns: &'v serde_json::Map<String, Value>,
}

/// Call `f` with each row of one line, whatever its form.
fn each_row<'v>(v: &'v Value, f: &mut dyn FnMut(Row<'v>)) {
    let host = v["hostIdentifier"].as_str().unwrap_or_default();
    let query = v["name"].as_str().unwrap_or_default();
    let time = match &v["unixTime"] {
        Value::Number(n) => n.as_i64().unwrap_or(0),
        Value::String(s) => s.trim().parse().unwrap_or(0),
        _ => 0,
    };
    let mut emit = |action: &'static str, row: &'v Value| {
        if let Some(columns) = row.as_object() {
            f(Row {
                host,
                query,
                time,
                action,
                columns,
            });
        }
    };
    if let Some(c) = v.get("columns") {
        let action = if v["action"].as_str() == Some("removed") {
            "removed"
        } else {
            "added"
        };
        emit(action, c);
    }
    for r in v
        .get("snapshot")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        emit("snapshot", r);
    }
    if let Some(d) = v.get("diffResults") {
        for (k, action) in [("added", "added"), ("removed", "removed")] {
            for r in d.get(k).and_then(Value::as_array).into_iter().flatten() {
                emit(action, r);
            }
        }
    }
}

/// osquery tables whose rows are installed software.
const SOFTWARE_QUERIES: &[&str] = &["programs", "apps", "deb_packages", "rpm_packages"];

fn is(query: &str, name: &str) -> bool {
    query == name || query.ends_with(&format!("_{name}"))
}

fn column<'c>(c: &'c serde_json::Map<String, Value>, names: &[&str]) -> Option<&'c str> {
    names
        .iter()
        .find_map(|n| c.get(*n).and_then(Value::as_str))
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn fold_serial(s: &str) -> String {
    s.trim().to_ascii_uppercase()
}

fn event_id(host: &str, query: &str, time: i64, what: &str) -> EventId {
    EventId(Uuid::new_v5(
        &Uuid::NAMESPACE_OID,
        format!("assetlog:osquery:{host}:{query}:{time}:{what}").as_bytes(),
    ))
}

/// An asset a host can be linked to, from the log's views.
#[derive(Clone, Debug)]
pub struct Known {
    /// Its tag.
    pub tag: String,
    /// Its first event: results before it are refused by the lifecycle.
    pub first: DateTime<Utc>,
    /// Retired assets take no check-ins.
    pub retired: bool,
}

/// What reading produced, besides the events.
#[derive(Debug, Default)]
pub struct Tally {
    /// Lines read.
    pub lines: u64,
    /// Lines that are not results (with why).
    pub skipped: Vec<BadLine>,
    /// Hosts not linked, results not taken, with the first line of each.
    pub issues: Vec<BadLine>,
    /// Hosts linked to assets.
    pub linked: usize,
}

/// Pass 1: each host's hardware serial, from `system_info` results (the
/// last one wins), with the line it was first seen on.
pub fn link_hosts<S: std::hash::BuildHasher>(
    input: impl BufRead,
    serials: &mut HashMap<String, (String, u64), S>,
) -> std::io::Result<()> {
    for (i, line) in input.lines().enumerate() {
        let line = line?;
        let Ok(v) = serde_json::from_str::<Value>(&line) else {
            continue;
        };
        each_row(&v, &mut |r| {
            if is(r.query, "system_info") && r.action != "removed" {
                if let Some(serial) = column(r.columns, &["hardware_serial"]) {
                    let e = serials
                        .entry(r.host.to_owned())
                        .or_insert_with(|| (String::new(), i as u64 + 1));
                    e.0 = fold_serial(serial);
                }
            }
        });
    }
    Ok(())
}

/// The hosts of pass 1.
pub struct Hosts<'a> {
    /// Linked to an asset.
    pub linked: &'a HashMap<String, Known>,
    /// Reporting a serial no asset has (the caller reports them).
    pub unmatched: &'a std::collections::HashSet<String>,
}

/// Pass 2: the events of one file, handed to `sink` in batches of 5,000.
pub fn read_events(
    input: impl BufRead,
    hosts: &Hosts<'_>,
    patch_queries: &[String],
    now: DateTime<Utc>,
    tally: &mut Tally,
    sink: &mut dyn FnMut(Vec<NewEvent>) -> assetlog::Result<()>,
) -> assetlog::Result<()> {
    let mut batch = Vec::new();
    let mut last_check_in: HashMap<String, i64> = HashMap::new();
    let mut refused: HashMap<(String, &'static str), (u64, u64)> = HashMap::new();
    let latest = now + chrono::Duration::days(1);
    for (i, line) in input.lines().enumerate() {
        let line = line.map_err(|e| assetlog::Error::Io {
            reason: e.to_string(),
        })?;
        let n = i as u64 + 1;
        tally.lines += 1;
        if line.trim().is_empty() {
            continue;
        }
        let v = match serde_json::from_str::<Value>(&line) {
            Ok(v) if v.is_object() => v,
            Ok(_) => {
                tally.skipped.push(BadLine {
                    line: n,
                    reason: "not an osquery result (a JSON object)".into(),
                });
                continue;
            }
            Err(e) => {
                tally.skipped.push(BadLine {
                    line: n,
                    reason: format!("not JSON: {e}"),
                });
                continue;
            }
        };
        each_row(&v, &mut |r| {
            let mut refuse = |why: &'static str| {
                refused.entry((r.host.to_owned(), why)).or_insert((n, 0)).1 += 1;
            };
            let Some(asset) = hosts.linked.get(r.host) else {
                if !hosts.unmatched.contains(r.host) {
                    refuse("unlinked");
                }
                return;
            };
            let Some(at) =
                DateTime::from_timestamp(r.time, 0).filter(|t| r.time > 0 && *t <= latest)
            else {
                refuse("time");
                return;
            };
            if asset.retired {
                refuse("retired");
                return;
            }
            if at < asset.first {
                refuse("early");
                return;
            }
            let make = |what: &str, e: Event| NewEvent {
                event_id: Some(event_id(r.host, r.query, r.time, what)),
                occurred_at: Some(at),
                actor: "osquery".into(),
                ..NewEvent::new(AssetRef::Tag(asset.tag.clone()), e)
            };
            if last_check_in.get(r.host) != Some(&r.time) {
                last_check_in.insert(r.host.to_owned(), r.time);
                batch.push(NewEvent {
                    event_id: Some(event_id(r.host, "", r.time, "check-in")),
                    ..make(
                        "check-in",
                        Observed {
                            location: None,
                            country: None,
                            os_version: None,
                            firmware_version: None,
                            source: Some("osquery".into()),
                        }
                        .into(),
                    )
                });
            }
            // software inventory: what is installed, for the compliance report
            if SOFTWARE_QUERIES.iter().any(|q| is(r.query, q)) {
                // macOS apps name the bundle folder ("Foo.app"); the name
                // people know is the display or bundle name
                let name = if is(r.query, "apps") {
                    column(r.columns, &["display_name", "bundle_name", "name"])
                        .map(|n| n.strip_suffix(".app").unwrap_or(n))
                } else {
                    column(r.columns, &["name"])
                };
                let version = column(
                    r.columns,
                    &["version", "bundle_short_version", "bundle_version"],
                );
                let publisher = column(r.columns, &["publisher", "vendor", "maintainer"]);
                if let Some(name) = name.filter(|n| !n.trim().is_empty()) {
                    let what = format!("{}:{name}:{}", r.action, version.unwrap_or_default());
                    let e: Event = if r.action == "removed" {
                        SoftwareRemoved {
                            name: name.to_owned(),
                            version: version.map(str::to_owned),
                        }
                        .into()
                    } else {
                        SoftwareInstalled {
                            name: name.to_owned(),
                            version: version.map(str::to_owned),
                            publisher: publisher.map(str::to_owned),
                        }
                        .into()
                    };
                    batch.push(make(&what, e));
                }
            }
            if r.action == "removed" {
                return;
            }
            if is(r.query, "os_version") {
                if let Some(version) = column(r.columns, &["version"]) {
                    batch.push(make(
                        "os_version",
                        Observed {
                            location: None,
                            country: None,
                            os_version: Some(version.to_owned()),
                            firmware_version: None,
                            source: Some("osquery".into()),
                        }
                        .into(),
                    ));
                }
            } else if patch_queries.iter().any(|q| is(r.query, q)) {
                let component = column(r.columns, &["name", "hotfix_id"]);
                let version = column(r.columns, &["version", "hotfix_id"]);
                if let (Some(c), Some(ver)) = (component, version) {
                    batch.push(make(
                        &format!("patch:{c}:{ver}"),
                        Patched {
                            component: c.to_owned(),
                            version: ver.to_owned(),
                        }
                        .into(),
                    ));
                }
            }
        });
        if batch.len() >= 5000 {
            sink(std::mem::take(&mut batch))?;
        }
    }
    if !batch.is_empty() {
        sink(batch)?;
    }
    let mut refused: Vec<_> = refused.into_iter().collect();
    refused.sort_by_key(|(_, (line, _))| *line);
    for ((host, why), (line, count)) in refused {
        let reason = match why {
            "unlinked" => format!(
                "host '{host}': {count} results not imported: no system_info row links it to an asset's serial"
            ),
            "time" => format!("host '{host}': {count} results without a usable unixTime"),
            "retired" => format!(
                "host '{host}' ({}): {count} results after the asset was retired",
                hosts.linked.get(&host).map_or("", |k| k.tag.as_str())
            ),
            _ => format!(
                "host '{host}' ({}): {count} results dated before the asset was ordered",
                hosts.linked.get(&host).map_or("", |k| k.tag.as_str())
            ),
        };
        tally.issues.push(BadLine { line, reason });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any bytes as a results log: lines read or reported, never a panic.
        #[test]
        fn random_logs_never_panic(
            lines in prop::collection::vec(prop_oneof![
                Just(r#"{"name":"system_info","hostIdentifier":"h","unixTime":1,"columns":{"hardware_serial":"S"}}"#.to_owned()),
                Just(r#"{"name":"os_version","hostIdentifier":"h","unixTime":"x","snapshot":[1,{"version":null}]}"#.to_owned()),
                Just(r#"{"diffResults":{"added":"no"},"unixTime":-5}"#.to_owned()),
                ".{0,60}",
            ], 0..20),
        ) {
            let text = lines.join("\n");
            let mut serials = HashMap::new();
            link_hosts(text.as_bytes(), &mut serials).unwrap();
            let linked: HashMap<String, Known> = [("h".to_owned(), Known { tag: "T".into(), first: DateTime::from_timestamp(0, 0).unwrap(), retired: false })].into();
            let hosts = Hosts { linked: &linked, unmatched: &std::collections::HashSet::new() };
            let mut tally = Tally::default();
            read_events(text.as_bytes(), &hosts, &["programs".to_owned()], Utc::now(), &mut tally, &mut |_| Ok(())).unwrap();
        }
    }

    #[test]
    fn every_result_form_gives_its_rows() {
        let forms = [
            r#"{"name":"pack_it_system_info","hostIdentifier":"h1","unixTime":1700000000,"columns":{"hardware_serial":"SN1"},"action":"added"}"#,
            r#"{"name":"os_version","hostIdentifier":"h1","unixTime":"1700000100","snapshot":[{"version":"14.2"},{"version":"14.3"}],"action":"snapshot"}"#,
            r#"{"name":"programs","hostIdentifier":"h1","unixTime":1700000200,"diffResults":{"added":[{"name":"Chrome","version":"120"}],"removed":[{"name":"Chrome","version":"119"}]}}"#,
        ];
        let mut seen = Vec::new();
        for f in forms {
            let v: Value = serde_json::from_str(f).unwrap();
            each_row(&v, &mut |r| {
                seen.push((r.query.to_owned(), r.time, r.action));
            });
        }
        assert_eq!(
            seen,
            vec![
                ("pack_it_system_info".into(), 1_700_000_000, "added"),
                ("os_version".into(), 1_700_000_100, "snapshot"),
                ("os_version".into(), 1_700_000_100, "snapshot"),
                ("programs".into(), 1_700_000_200, "added"),
                ("programs".into(), 1_700_000_200, "removed"),
            ]
        );
        assert!(is("pack_it_system_info", "system_info"));
        assert!(!is("my_system_info_extra", "system_info"));
    }
}
