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

/// Run a store conformance test against every backend: SQLite in memory
/// and SQLite in a file (a server backend joins this list).
pub fn each_backend(test: impl Fn(AssetLog)) {
    test(AssetLog::open_in_memory().unwrap());
    test(AssetLog::open(temp_path("conformance.db")).unwrap());
}
