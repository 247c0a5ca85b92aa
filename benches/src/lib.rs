//! The benchmark workload: a generated fleet of assets x 10 events, and the
//! plain-rusqlite baselines that do the same work on the same rows.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assetlog::event::{
    Assigned, Delivered, Observed, Ordered, Patched, Received, ReturnReason, ReturnRequested,
    Shipped, TicketClosed, TicketOpened,
};
use assetlog::{AssetLog, Event, EventId, NewEvent};
use chrono::{DateTime, Duration as Days, NaiveDate, Utc};
use rusqlite::{params, Connection};

/// Events per asset in the workload.
pub const EVENTS_PER_ASSET: usize = 10;

/// The ten events of one asset's first year, oldest first.
pub fn asset_events(i: usize) -> Vec<NewEvent> {
    let tag = format!("LAP-{i:06}");
    let start: DateTime<Utc> =
        "2023-01-02T08:00:00Z".parse::<DateTime<Utc>>().unwrap() + Days::minutes(i as i64);
    let at = |d: i64| start + Days::days(d);
    let person = format!("emp-{}", i % 5000);
    let country = ["DE", "FR", "US", "SG", "BR", "JP", "IN", "GB"][i % 8];
    let e = |ev: Event, d: i64| NewEvent::new(tag.as_str(), ev).at(at(d)).by("bench");
    vec![
        e(
            Ordered {
                category: "laptop".into(),
                vendor: "Lenovo".into(),
                model: "ThinkPad T14 Gen 5".into(),
                serial: Some(format!("PF{i:08}")),
                unit_cost: assetlog::Money::from_minor(
                    129_900 + (i as i64 % 500) * 100,
                    "EUR".parse().unwrap(),
                ),
                order_ref: Some(format!("PO-{}", i / 100)),
                warranty_end: NaiveDate::from_ymd_opt(2026, 1, 31),
            }
            .into(),
            0,
        ),
        e(
            Received {
                location: "Berlin warehouse".into(),
                country: Some("DE".parse().unwrap()),
                serial: None,
            }
            .into(),
            7,
        ),
        e(
            Assigned {
                person: person.parse().unwrap(),
                department: Some("Engineering".into()),
                cost_centre: Some("CC-4100".into()),
            }
            .into(),
            9,
        ),
        e(
            Shipped {
                from: Some("Berlin warehouse".into()),
                to: format!("Home of {person}"),
                to_country: Some(country.parse().unwrap()),
                carrier: Some("DHL".into()),
                tracking_ref: Some(format!("JD{i:012}")),
                cost: Some("35.00 EUR".parse().unwrap()),
            }
            .into(),
            10,
        ),
        e(
            Delivered {
                location: None,
                country: None,
            }
            .into(),
            13,
        ),
        e(
            Observed {
                location: None,
                country: Some(country.parse().unwrap()),
                os_version: Some("Windows 11 23H2".into()),
                firmware_version: Some("1.28".into()),
                source: Some("intune".into()),
            }
            .into(),
            30,
        ),
        e(
            Patched {
                component: "os".into(),
                version: "KB5035853".into(),
            }
            .into(),
            60,
        ),
        e(
            TicketOpened {
                ticket_id: format!("INC-{i}"),
                summary: Some("keyboard sticks".into()),
            }
            .into(),
            120,
        ),
        e(
            TicketClosed {
                ticket_id: format!("INC-{i}"),
                cost: Some("45.00 EUR".parse().unwrap()),
                resolution: Some("replaced keyboard".into()),
            }
            .into(),
            125,
        ),
        e(
            ReturnRequested {
                reason: ReturnReason::Upgrade,
                due: NaiveDate::from_ymd_opt(2024, 3, 31).unwrap(),
            }
            .into(),
            360,
        ),
    ]
}

/// The whole fleet, asset by asset (as an import writes it).
pub fn fleet(assets: usize) -> Vec<NewEvent> {
    (0..assets).flat_map(asset_events).collect()
}

/// The whole fleet in time order across assets (as live traffic arrives):
/// each batch touches many assets once.
pub fn fleet_interleaved(assets: usize) -> Vec<NewEvent> {
    let mut all = fleet(assets);
    all.sort_by_key(|e| e.occurred_at);
    all
}

/// One row as the baseline stores it: the same columns assetlog stores.
pub struct Row {
    stream: i64,
    version: i64,
    event_id: [u8; 16],
    ty: &'static str,
    occurred: i64,
    actor: String,
    payload: String,
}

/// The rows assetlog would store for `events` (asset-by-asset order).
pub fn rows(events: &[NewEvent]) -> Vec<Row> {
    let mut streams: std::collections::HashMap<String, (i64, i64)> =
        std::collections::HashMap::new();
    events
        .iter()
        .map(|e| {
            let next = streams.len() as i64 + 1;
            let s = streams.entry(e.asset.to_string()).or_insert((next, 0));
            s.1 += 1;
            Row {
                stream: s.0,
                version: s.1,
                event_id: *EventId::new().0.as_bytes(),
                ty: e.event.event_type().name(),
                occurred: e.occurred_at.unwrap().timestamp_micros(),
                actor: e.actor.clone(),
                payload: e.event.payload_json(),
            }
        })
        .collect()
}

/// A fresh file path in a fresh temporary folder.
pub fn temp_db(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "assetlog-bench-{}-{}",
        std::process::id(),
        uuid_like()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn uuid_like() -> String {
    EventId::new().to_string()
}

/// Remove a database with its WAL and SHM files.
pub fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

fn baseline_conn(path: &Path) -> Connection {
    let c = Connection::open(path).unwrap();
    c.query_row("PRAGMA journal_mode=WAL", [], |_| Ok(()))
        .unwrap();
    c.pragma_update(None, "synchronous", "NORMAL").unwrap();
    c.execute_batch(
        "CREATE TABLE IF NOT EXISTS events (position INTEGER PRIMARY KEY, stream_id INTEGER NOT NULL, \
         version INTEGER NOT NULL, event_id BLOB NOT NULL, type TEXT NOT NULL, schema_version INTEGER NOT NULL, \
         occurred_at INTEGER NOT NULL, recorded_at INTEGER NOT NULL, actor TEXT NOT NULL, \
         correlation_id BLOB, payload TEXT NOT NULL) STRICT",
    )
    .unwrap();
    c
}

/// Plain rusqlite: insert `rows` into a bare table, `per_tx` rows a transaction.
pub fn baseline_insert(path: &Path, rows: &[Row], per_tx: usize) {
    let mut c = baseline_conn(path);
    let now = Utc::now().timestamp_micros();
    let mut pos = 0i64;
    for chunk in rows.chunks(per_tx) {
        let tx = c.transaction().unwrap();
        {
            let mut st = tx
                .prepare_cached(
                    "INSERT INTO events VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7, ?8, NULL, ?9)",
                )
                .unwrap();
            for r in chunk {
                pos += 1;
                st.execute(params![
                    pos,
                    r.stream,
                    r.version,
                    &r.event_id[..],
                    r.ty,
                    r.occurred,
                    now,
                    r.actor,
                    r.payload
                ])
                .unwrap();
            }
        }
        tx.commit().unwrap();
    }
}

/// Plain rusqlite: read every row of every column in position order.
pub fn baseline_scan(path: &Path) -> u64 {
    let c = Connection::open(path).unwrap();
    let mut st = c.prepare("SELECT * FROM events ORDER BY position").unwrap();
    let mut rows = st.query([]).unwrap();
    let mut n = 0u64;
    let mut bytes = 0usize;
    while let Some(r) = rows.next().unwrap() {
        n += 1;
        bytes += r.get_ref(10).unwrap().as_str().unwrap().len();
        bytes += r.get_ref(4).unwrap().as_str().unwrap().len();
        bytes += r.get_ref(8).unwrap().as_str().unwrap().len();
    }
    std::hint::black_box(bytes);
    n
}

/// A client on a PostgreSQL server, in a new schema of its own (plain
/// `postgres`, for the baselines), and that schema's name.
pub fn pg_baseline_client(url: &str) -> (postgres::Client, String) {
    let mut c = postgres::Client::connect(url, postgres::NoTls).unwrap();
    let schema = format!("bench_{}", uuid_like().replace('-', ""));
    c.batch_execute(&format!(
        "CREATE SCHEMA {schema}; SET search_path TO {schema}; \
         CREATE TABLE events (position BIGINT PRIMARY KEY, stream_id BIGINT NOT NULL, \
         version BIGINT NOT NULL, event_id BYTEA NOT NULL, type TEXT NOT NULL, \
         schema_version BIGINT NOT NULL, occurred_at BIGINT NOT NULL, recorded_at BIGINT NOT NULL, \
         actor TEXT NOT NULL, correlation_id BYTEA, payload TEXT NOT NULL)"
    ))
    .unwrap();
    (c, schema)
}

/// Plain `postgres`: insert `rows` into a bare table, `per_tx` rows a
/// transaction, one prepared INSERT per row (as assetlog sends them).
pub fn pg_baseline_insert(c: &mut postgres::Client, rows: &[Row], per_tx: usize) {
    let now = Utc::now().timestamp_micros();
    let st = c
        .prepare("INSERT INTO events VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8, NULL, $9)")
        .unwrap();
    let mut pos = 0i64;
    for chunk in rows.chunks(per_tx) {
        let mut tx = c.transaction().unwrap();
        for r in chunk {
            pos += 1;
            tx.execute(
                &st,
                &[
                    &pos,
                    &r.stream,
                    &r.version,
                    &&r.event_id[..],
                    &r.ty,
                    &r.occurred,
                    &now,
                    &r.actor,
                    &r.payload,
                ],
            )
            .unwrap();
        }
        tx.commit().unwrap();
    }
}

/// Plain `postgres`: read every row of every column in position order,
/// 2,000 rows at a time through a portal (as assetlog's scans do).
pub fn pg_baseline_scan(c: &mut postgres::Client) -> u64 {
    let mut tx = c.transaction().unwrap();
    let portal = tx
        .bind("SELECT * FROM events ORDER BY position", &[])
        .unwrap();
    let mut n = 0u64;
    let mut bytes = 0usize;
    loop {
        let rows = tx.query_portal(&portal, 2000).unwrap();
        for r in &rows {
            n += 1;
            bytes += r.get::<_, &str>(10).len() + r.get::<_, &str>(4).len();
        }
        if rows.len() < 2000 {
            break;
        }
    }
    std::hint::black_box(bytes);
    n
}

/// assetlog: append `events` in batches of `per_batch`.
pub fn assetlog_append(log: &AssetLog, events: &[NewEvent], per_batch: usize) {
    for chunk in events.chunks(per_batch) {
        log.append_batch(chunk).unwrap();
    }
}

/// Time a closure.
pub fn time(f: impl FnOnce()) -> Duration {
    let t = Instant::now();
    f();
    t.elapsed()
}
