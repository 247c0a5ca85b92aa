//! The hash chain: every kind of quiet rewrite with plain SQL is detected
//! at the first position it touches.

use assetlog::AssetLog;
use rusqlite::Connection;

use crate::support::{assigned, ordered, received, temp_path};

/// A closed log file with 7 events in 3 batches, and its verified head.
fn written_log() -> (std::path::PathBuf, String) {
    let path = temp_path("chain.db");
    let log = AssetLog::open(&path).unwrap();
    log.append_batch(&[
        ordered("A", "100.00 EUR", "2024-01-01"),
        ordered("B", "200.00 EUR", "2024-01-01"),
    ])
    .unwrap();
    log.append_batch(&[received("A", "2024-01-02"), received("B", "2024-01-02")])
        .unwrap();
    log.append(assigned("A", "emp-1", "2024-01-03")).unwrap();
    log.append_batch(&[
        assigned("B", "emp-2", "2024-01-03"),
        crate::support::received("C", "2024-01-04").clone(),
    ])
    .unwrap_err(); // C does not exist: refused, nothing written
    log.append_batch(&[
        assigned("B", "emp-2", "2024-01-03"),
        ordered("C", "1.00 EUR", "2024-01-04"),
    ])
    .unwrap();
    let v = log.verify().unwrap();
    assert!(v.is_intact(), "{v:?}");
    assert_eq!(v.events, 7);
    (path, v.head.unwrap())
}

fn tamper(path: &std::path::Path, sql: &str) {
    let c = Connection::open(path).unwrap();
    c.execute_batch(sql).unwrap();
}

fn first_mismatch(path: &std::path::Path) -> (u64, String) {
    let v = AssetLog::open(path).unwrap().verify().unwrap();
    let m = v.first_mismatch.expect("tampering must be detected");
    assert!(v.head.is_none());
    (m.position, m.reason)
}

#[test]
fn an_untouched_log_verifies_and_reopening_keeps_the_head() {
    let (path, head) = written_log();
    let v = AssetLog::open(&path).unwrap().verify().unwrap();
    assert!(v.is_intact());
    assert_eq!(v.head.unwrap(), head);
}

#[test]
fn a_changed_payload_byte_is_detected() {
    let (path, _) = written_log();
    tamper(
        &path,
        "UPDATE events SET payload = replace(payload, 'Berlin', 'Berlyn') WHERE position = 3",
    );
    let (pos, reason) = first_mismatch(&path);
    assert_eq!(pos, 3);
    assert!(reason.contains("differs"), "{reason}");
}

#[test]
fn a_deleted_event_is_detected() {
    let (path, _) = written_log();
    tamper(&path, "DELETE FROM events WHERE position = 4");
    let (pos, reason) = first_mismatch(&path);
    assert_eq!(pos, 4);
    assert!(reason.contains("removed"), "{reason}");
}

#[test]
fn reordered_events_are_detected() {
    let (path, _) = written_log();
    tamper(
        &path,
        "UPDATE events SET position = -1 WHERE position = 2;
         UPDATE events SET position = 2 WHERE position = 3;
         UPDATE events SET position = 3 WHERE position = -1;",
    );
    assert_eq!(first_mismatch(&path).0, 2);
}

#[test]
fn an_edited_timestamp_is_detected() {
    let (path, _) = written_log();
    tamper(
        &path,
        "UPDATE events SET occurred_at = occurred_at - 86400000000 WHERE position = 5",
    );
    assert_eq!(first_mismatch(&path).0, 5);
}

#[test]
fn an_event_moved_to_another_asset_or_a_renamed_tag_is_detected() {
    let (path, _) = written_log();
    tamper(&path, "UPDATE assets SET tag = 'Z' WHERE tag = 'B'");
    assert_eq!(first_mismatch(&path).0, 2);
    let (path, _) = written_log();
    tamper(&path, "UPDATE events SET stream_id = 3 WHERE position = 6");
    assert_eq!(first_mismatch(&path).0, 6);
}
