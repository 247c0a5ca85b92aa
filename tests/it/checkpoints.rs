//! Checkpoints: a log cut short at its end, or replaced by an older copy,
//! verifies on its own; against a checkpoint kept elsewhere it does not.

use assetlog::{AssetLog, Checkpoint};

use crate::support::{assigned, ordered, received, temp_path};

fn three_events(path: &std::path::Path) -> AssetLog {
    let log = AssetLog::open(path).unwrap();
    log.append(ordered("A", "100.00 EUR", "2024-01-01"))
        .unwrap();
    log.append(received("A", "2024-01-02")).unwrap();
    log.append(assigned("A", "emp-1", "2024-01-03")).unwrap();
    log
}

#[test]
fn a_checkpoint_is_extended_by_later_appends() {
    let path = temp_path("cp.db");
    let log = three_events(&path);
    let file = path.with_extension("checkpoint");
    log.checkpoint().unwrap().write(&file).unwrap();
    let cp = Checkpoint::read(&file).unwrap();
    assert_eq!(cp.position, 3);
    assert_eq!(Some(cp.head.clone()), log.verify().unwrap().head);
    log.append(ordered("B", "1.00 EUR", "2024-01-04")).unwrap();
    let v = log.verify_against(&cp).unwrap();
    assert!(v.is_intact(), "{v:?}");
    assert_eq!(v.events, 4);
}

#[test]
fn events_cut_off_the_end_fail_against_the_checkpoint() {
    let path = temp_path("cut.db");
    let log = three_events(&path);
    let cp = log.checkpoint().unwrap();
    drop(log);
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("DELETE FROM events WHERE position = 3", [])
        .unwrap();
    let log = AssetLog::open(&path).unwrap();
    assert!(
        log.verify().unwrap().is_intact(),
        "the chain alone cannot tell"
    );
    let v = log.verify_against(&cp).unwrap();
    let m = v
        .first_mismatch
        .expect("a cut log fails against its checkpoint");
    assert_eq!(m.position, 3);
    assert!(m.reason.contains("cut off the end"), "{}", m.reason);
    assert_eq!(v.head, None);
}

#[test]
fn an_older_copy_of_the_file_fails_against_a_newer_checkpoint() {
    let path = temp_path("old.db");
    let log = three_events(&path);
    drop(log);
    let old = temp_path("old-copy.db");
    std::fs::copy(&path, &old).unwrap();
    let log = AssetLog::open(&path).unwrap();
    log.append(ordered("B", "1.00 EUR", "2024-01-04")).unwrap();
    let cp = log.checkpoint().unwrap();
    // the old copy is rolled forward with other events: same length, other history
    let copy = AssetLog::open(&old).unwrap();
    assert!(copy.verify_against(&cp).unwrap().first_mismatch.is_some());
    copy.append(ordered("C", "1.00 EUR", "2024-01-04")).unwrap();
    let v = copy.verify_against(&cp).unwrap();
    let m = v
        .first_mismatch
        .expect("another history at the same position");
    assert_eq!(m.position, 4);
    assert!(m.reason.contains("rolled back"), "{}", m.reason);
}

#[test]
fn a_file_that_is_not_a_checkpoint_is_a_typed_error() {
    let file = temp_path("bad.checkpoint");
    std::fs::write(&file, "{\"position\": 3}").unwrap();
    let e = Checkpoint::read(&file).unwrap_err();
    assert_eq!(e.code(), "INVALID_VALUE", "{e}");
    let e = Checkpoint::read(&temp_path("missing.checkpoint")).unwrap_err();
    assert_eq!(e.code(), "IO", "{e}");
}

#[test]
fn a_tampered_log_gets_no_checkpoint() {
    let path = temp_path("tampered.db");
    drop(three_events(&path));
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("UPDATE events SET actor = 'mallory' WHERE position = 2", [])
        .unwrap();
    let e = AssetLog::open(&path).unwrap().checkpoint().unwrap_err();
    assert_eq!(e.code(), "CORRUPT_EVENT", "{e}");
}
