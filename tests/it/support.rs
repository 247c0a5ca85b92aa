//! Builders for test events.

use assetlog::event::{Assigned, Ordered, Received};
use assetlog::{AssetLog, Clock, NewEvent, OpenOptions};
use chrono::{DateTime, Duration, Utc};
use std::sync::{Arc, Mutex};

pub fn t(s: &str) -> DateTime<Utc> {
    assetlog::time::parse_datetime("t", s).unwrap()
}

pub fn ordered(tag: &str, cost: &str, at: &str) -> NewEvent {
    NewEvent::new(
        tag,
        Ordered {
            category: "laptop".into(),
            vendor: "Lenovo".into(),
            model: "T14".into(),
            serial: Some(format!("SN-{tag}")),
            unit_cost: cost.parse().unwrap(),
            order_ref: None,
            warranty_end: None,
        },
    )
    .at(t(at))
}

pub fn received(tag: &str, at: &str) -> NewEvent {
    NewEvent::new(
        tag,
        Received {
            location: "Berlin warehouse".into(),
            country: Some("DE".parse().unwrap()),
            serial: None,
        },
    )
    .at(t(at))
}

pub fn assigned(tag: &str, person: &str, at: &str) -> NewEvent {
    NewEvent::new(
        tag,
        Assigned {
            person: person.parse().unwrap(),
            department: Some("Engineering".into()),
            cost_centre: None,
        },
    )
    .at(t(at))
}

/// A clock that starts at `start` and moves one second per reading, so
/// every append gets its own recorded_at.
pub fn stepping_clock(start: &str) -> (Clock, Arc<Mutex<DateTime<Utc>>>) {
    let now = Arc::new(Mutex::new(t(start)));
    let inner = now.clone();
    let clock: Clock = Arc::new(move || {
        let mut n = inner.lock().unwrap();
        *n += Duration::seconds(1);
        *n
    });
    (clock, now)
}

pub fn log_with_clock(start: &str) -> (AssetLog, Arc<Mutex<DateTime<Utc>>>) {
    let (clock, now) = stepping_clock(start);
    let log = AssetLog::open_in_memory_with(OpenOptions {
        clock: Some(clock),
        ..OpenOptions::default()
    })
    .unwrap();
    (log, now)
}

pub fn temp_path(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "assetlog-it-{}-{}",
        std::process::id(),
        uuid::Uuid::now_v7()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// A URL for a new, empty log on the test PostgreSQL server (a schema of
/// its own), when the test command started one (`ASSETLOG_TEST_PG`, set by
/// `tests/postgres.sh`).
pub fn pg_url() -> Option<String> {
    let base = std::env::var("ASSETLOG_TEST_PG").ok()?;
    let sep = if base.contains('?') { '&' } else { '?' };
    Some(format!(
        "{base}{sep}schema=t_{}",
        uuid::Uuid::now_v7().simple()
    ))
}

/// A new log on each backend, named: SQLite in memory, SQLite in a file,
/// and PostgreSQL when a test server runs.
pub fn backends() -> Vec<(&'static str, AssetLog)> {
    let mut out = vec![
        ("sqlite memory", AssetLog::open_in_memory().unwrap()),
        (
            "sqlite file",
            AssetLog::open(temp_path("conformance.db")).unwrap(),
        ),
    ];
    if let Some(url) = pg_url() {
        out.push(("postgresql", AssetLog::open(url).unwrap()));
    }
    out
}

/// Run a store conformance test against every backend.
pub fn each_backend(test: impl Fn(AssetLog)) {
    for (_, log) in backends() {
        test(log);
    }
}
