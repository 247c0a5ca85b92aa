//! Store guarantees: positions, concurrency, idempotency, the change feed,
//! files, schema checks and threads. The tests written with
//! `each_backend` are the store conformance suite: they run against every
//! backend behind the storage boundary.

use std::sync::Arc;

use assetlog::event::{Note, Patched};
use assetlog::{AssetLog, At, Durability, EventId, Expected, FleetFilter, NewEvent, OpenOptions};

use crate::support::{assigned, ordered, received, t, temp_path};

fn note(tag: &str, text: &str) -> NewEvent {
    NewEvent::new(tag, Note { text: text.into() })
}

#[test]
fn positions_are_gapless_and_follow_commit_order_even_after_refusals() {
    crate::support::each_backend(|log| {
        log.append(ordered("A", "1.00 EUR", "2024-01-01")).unwrap();
        // refused: nothing written, no position used
        assert!(log.append(assigned("A", "p1", "2024-01-02")).is_err());
        log.append_batch(&[
            ordered("B", "1.00 EUR", "2024-01-01"),
            received("A", "2024-01-03"),
        ])
        .unwrap();
        let feed = log.feed(0, 100).unwrap();
        let positions: Vec<u64> = feed.iter().map(|e| e.position).collect();
        assert_eq!(positions, vec![1, 2, 3]);
        let versions: Vec<(String, u64)> =
            feed.iter().map(|e| (e.tag.clone(), e.version)).collect();
        assert_eq!(
            versions,
            vec![("A".into(), 1), ("B".into(), 1), ("A".into(), 2)]
        );
    });
}

#[test]
fn change_feed_pages_resume_from_the_last_position() {
    crate::support::each_backend(|log| {
        log.append(ordered("A", "1.00 EUR", "2024-01-01")).unwrap();
        for i in 0..24 {
            log.append(note("A", &format!("n{i}"))).unwrap();
        }
        let mut after = 0;
        let mut seen = Vec::new();
        loop {
            let page = log.feed(after, 10).unwrap();
            if page.is_empty() {
                break;
            }
            after = page.last().unwrap().position;
            seen.extend(page.into_iter().map(|e| e.position));
        }
        assert_eq!(seen, (1..=25).collect::<Vec<_>>());
        let iter: Vec<u64> = log.feed_iter(5, 7).map(|e| e.unwrap().position).collect();
        // out-of-range arguments are refused, never wrapped or clamped
        for (after, limit) in [(0, 0), (0, 100_001), (u64::MAX, 10)] {
            let e = log.feed(after, limit).unwrap_err();
            assert_eq!(e.code(), "INVALID_VALUE", "{after} {limit}");
        }
        assert_eq!(iter, (6..=25).collect::<Vec<_>>());
    });
}

#[test]
fn expected_version_conflicts_are_errors_and_write_nothing() {
    crate::support::each_backend(|log| {
        log.append(ordered("A", "1.00 EUR", "2024-01-01").expect(Expected::NoStream))
            .unwrap();
        let err = log
            .append(note("A", "x").expect(Expected::Exact(0)))
            .unwrap_err();
        assert_eq!(err.code(), "VERSION_CONFLICT");
        assert!(err.to_string().contains("version 1"), "{err}");
        log.append(note("A", "x").expect(Expected::Exact(1)))
            .unwrap();
        assert_eq!(log.stats().unwrap().events, 2);
    });
}

#[test]
fn a_retried_batch_returns_the_first_positions_and_adds_nothing() {
    crate::support::each_backend(|log| {
        let batch = vec![
            ordered("A", "1.00 EUR", "2024-01-01").with_id(EventId::new()),
            received("A", "2024-01-02").with_id(EventId::new()),
        ];
        let first = log.append_batch(&batch).unwrap();
        let again = log.append_batch(&batch).unwrap();
        assert_eq!(first, again);
        assert_eq!(log.stats().unwrap().events, 2);
        // a retry of a single event that is already stored, inside a larger batch
        let mixed = vec![batch[1].clone(), note("A", "new").with_id(EventId::new())];
        let out = log.append_batch(&mixed).unwrap();
        assert_eq!(out[0], first[1]);
        assert_eq!(out[1].position, 3);
        // the same id, payload and type at another time is not a retry
        let mut moved = batch[1].clone();
        moved.occurred_at = Some(t("2024-01-05T00:00:00Z"));
        let e = log.append(moved).unwrap_err();
        assert_eq!(e.code(), "EVENT_ID_REUSED", "{e}");
        // nor by another actor
        let other = batch[1].clone().by("someone-else");
        let e = log.append(other).unwrap_err();
        assert_eq!(e.code(), "EVENT_ID_REUSED", "{e}");
        assert_eq!(log.stats().unwrap().events, 3);
    });
}

#[test]
fn backdated_events_land_in_their_place() {
    crate::support::each_backend(|log| {
        log.append_batch(&[
            ordered("A", "1.00 EUR", "2024-01-01"),
            received("A", "2024-01-02"),
            assigned("A", "p1", "2024-03-01"),
        ])
        .unwrap();
        // A patch that happened in February, reported in April.
        let patch = NewEvent::new(
            "A",
            Patched {
                component: "os".into(),
                version: "1".into(),
            },
        )
        .at(t("2024-02-01"));
        log.append(patch).unwrap();
        let v = log.asset("A", At::now()).unwrap();
        assert_eq!(v.status.name(), "assigned");
        assert_eq!(v.last_patch.unwrap().at, t("2024-02-01"));
        assert_eq!(v.status_since, t("2024-03-01"));
        // Assigning before it was received breaks the timeline.
        let err = log
            .append(assigned("A", "p2", "2024-01-01T12:00:00Z"))
            .unwrap_err();
        assert_eq!(err.code(), "INVALID_TRANSITION");
        assert!(err.to_string().contains("ordered"), "{err}");
        assert!(err.details()["later"].is_null());
        // A retirement in February is legal then, but not the assignment of
        // March after it: the refusal names the retirement and the later event.
        let retire = NewEvent::new(
            "A",
            assetlog::event::Retired {
                reason: assetlog::event::RetireReason::Recycled,
                resale_value: None,
                disposal_cost: None,
            },
        )
        .at(t("2024-02-15"));
        let err = log.append(retire).unwrap_err();
        assert_eq!(err.code(), "INVALID_TRANSITION");
        assert_eq!(err.details()["event"], "retired");
        assert_eq!(err.details()["later"], "assigned at 2024-03-01T00:00:00Z");
        assert_eq!(err.details()["status"], "retired");
        assert!(
            err.to_string()
                .contains("a 'retired' at 2024-02-15T00:00:00Z would make the later 'assigned at 2024-03-01T00:00:00Z' illegal"),
            "{err}"
        );
    });
}

#[test]
fn as_recorded_shows_what_the_log_knew_then() {
    let (log, now) = crate::support::log_with_clock("2024-06-01T00:00:00Z");
    log.append_batch(&[
        ordered("A", "1.00 EUR", "2024-05-01"),
        received("A", "2024-05-02"),
        assigned("A", "p1", "2024-05-03"),
    ])
    .unwrap();
    let believed_at = *now.lock().unwrap() + chrono::Duration::milliseconds(500);
    // A week later we learn the laptop came back on 20 May.
    *now.lock().unwrap() = t("2024-06-08T00:00:00Z");
    log.append(
        NewEvent::new(
            "A",
            assetlog::event::Returned {
                condition: assetlog::event::Condition::Good,
                location: "Depot".into(),
                country: None,
            },
        )
        .at(t("2024-05-20")),
    )
    .unwrap();
    let then = log.asset("A", At::recorded(believed_at)).unwrap();
    assert_eq!(then.status.name(), "assigned");
    let now_view = log.asset("A", At::now()).unwrap();
    assert_eq!(now_view.status.name(), "in_stock");
    // Both times at once: on 25 May, as believed on 1 June.
    let both = At {
        occurred: Some(t("2024-05-25")),
        recorded: Some(believed_at),
    };
    assert_eq!(log.asset("A", both).unwrap().status.name(), "assigned");
    assert_eq!(
        log.counts(&FleetFilter::default(), At::recorded(believed_at))
            .unwrap()
            .total,
        1
    );
    let recorded: Vec<_> = log
        .feed(0, 10)
        .unwrap()
        .iter()
        .map(|e| e.recorded_at)
        .collect();
    assert!(
        recorded.windows(2).all(|w| w[0] <= w[1]),
        "recorded_at follows positions"
    );
}

#[test]
fn a_file_keeps_everything_across_reopen() {
    let path = temp_path("fleet.db");
    {
        let log = AssetLog::open(&path).unwrap();
        log.append_batch(&[
            ordered("A", "10.00 EUR", "2024-01-01"),
            received("A", "2024-01-02"),
        ])
        .unwrap();
    }
    let log = AssetLog::open_with(
        &path,
        OpenOptions {
            durability: Durability::PowerLoss,
            ..OpenOptions::default()
        },
    )
    .unwrap();
    assert_eq!(log.asset("a", At::now()).unwrap().status.name(), "in_stock");
    assert_eq!(log.stats().unwrap().events, 2);
    log.append(note("A", "after reopen")).unwrap();
    assert_eq!(log.feed(2, 10).unwrap()[0].position, 3);
}

#[test]
fn a_log_in_a_missing_folder_is_an_io_error_naming_it() {
    let path = temp_path("x.db")
        .with_file_name("no-such-folder")
        .join("fleet.db");
    let e = AssetLog::open(&path).unwrap_err();
    assert_eq!(e.code(), "IO", "{e}");
    assert!(e.to_string().contains("no-such-folder"), "{e}");
}

#[test]
fn foreign_and_newer_files_are_refused_untouched() {
    // Some other application's SQLite database.
    let other = temp_path("other.db");
    {
        let c = rusqlite::Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
            .unwrap();
    }
    let before = std::fs::read(&other).unwrap();
    let err = AssetLog::open(&other).unwrap_err();
    assert_eq!(err.code(), "NOT_AN_ASSETLOG");
    assert_eq!(std::fs::read(&other).unwrap(), before);

    // Not a database at all.
    let text = temp_path("notes.txt");
    std::fs::write(
        &text,
        "this is not a database, just some notes\n".repeat(200),
    )
    .unwrap();
    assert_eq!(AssetLog::open(&text).unwrap_err().code(), "NOT_AN_ASSETLOG");
    assert!(std::fs::read_to_string(&text)
        .unwrap()
        .starts_with("this is not"));

    // A log written by a newer assetlog.
    let newer = temp_path("newer.db");
    drop(AssetLog::open(&newer).unwrap());
    {
        let c = rusqlite::Connection::open(&newer).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = std::fs::read(&newer).unwrap();
    let err = AssetLog::open(&newer).unwrap_err();
    assert_eq!(err.code(), "SCHEMA_TOO_NEW");
    assert!(err.to_string().contains("upgrade"), "{err}");
    assert_eq!(std::fs::read(&newer).unwrap(), before);
}

#[test]
fn threads_read_and_write_one_log_at_once() {
    let path = temp_path("threads.db");
    let log = Arc::new(AssetLog::open(&path).unwrap());
    for w in 0..4 {
        log.append(ordered(&format!("T{w}"), "1.00 EUR", "2024-01-01"))
            .unwrap();
    }
    let mut handles = Vec::new();
    for w in 0..4 {
        let log = log.clone();
        handles.push(std::thread::spawn(move || {
            for i in 0..50 {
                log.append(note(&format!("T{w}"), &format!("{i}"))).unwrap();
            }
        }));
    }
    for _ in 0..2 {
        let log = log.clone();
        handles.push(std::thread::spawn(move || {
            let mut last = 0;
            for _ in 0..50 {
                // a reader never sees a gap or a reordering
                let page = log.feed(0, 10_000).unwrap();
                let positions: Vec<u64> = page.iter().map(|e| e.position).collect();
                assert_eq!(positions, (1..=positions.len() as u64).collect::<Vec<_>>());
                assert!(positions.len() as u64 >= last);
                last = positions.len() as u64;
                let counts = log.counts(&FleetFilter::default(), At::now()).unwrap();
                assert_eq!(counts.total, 4);
            }
        }));
    }
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(log.stats().unwrap().events, 4 + 4 * 50);
    for w in 0..4 {
        assert_eq!(log.asset(format!("T{w}"), At::now()).unwrap().version, 51);
    }
}

#[test]
fn concurrent_writers_with_expected_versions_never_duplicate() {
    let path = temp_path("race.db");
    let log = Arc::new(AssetLog::open(&path).unwrap());
    log.append(ordered("R", "1.00 EUR", "2024-01-01")).unwrap();
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let log = log.clone();
            std::thread::spawn(move || {
                let mut ok = 0;
                let mut conflicts = 0;
                for _ in 0..25 {
                    let v = log.asset("R", At::now()).unwrap().version;
                    match log.append(note("R", &format!("w{i}")).expect(Expected::Exact(v))) {
                        Ok(_) => ok += 1,
                        Err(e) if e.code() == "VERSION_CONFLICT" => conflicts += 1,
                        Err(e) => panic!("{e}"),
                    }
                }
                (ok, conflicts)
            })
        })
        .collect();
    let total_ok: u64 = handles.into_iter().map(|h| h.join().unwrap().0).sum();
    let events = log.read_stream("R").unwrap();
    assert_eq!(events.len() as u64, 1 + total_ok);
    let versions: Vec<u64> = events.iter().map(|e| e.version).collect();
    assert_eq!(versions, (1..=events.len() as u64).collect::<Vec<_>>());
}

#[test]
fn rebuild_gives_the_same_views() {
    crate::support::each_backend(|log| {
        log.append_batch(&[
            ordered("A", "1.00 EUR", "2024-01-01"),
            received("A", "2024-01-02"),
            assigned("A", "p", "2024-01-03"),
            ordered("B", "2.00 USD", "2024-01-01"),
        ])
        .unwrap();
        let before = log.fleet(&FleetFilter::default(), At::now()).unwrap();
        let stats = log.rebuild().unwrap();
        assert_eq!((stats.assets, stats.events), (2, 4));
        assert_eq!(
            log.fleet(&FleetFilter::default(), At::now()).unwrap(),
            before
        );
    });
}

#[test]
fn people_live_outside_the_log_and_can_be_forgotten() {
    let path = temp_path("people.db");
    let log = AssetLog::open(&path).unwrap();
    let id: assetlog::PersonId = "emp-77".parse().unwrap();
    log.upsert_person(&assetlog::Person {
        id: id.clone(),
        name: Some("Zelda Unique-Name".into()),
        email: Some("zelda.unique@example.org".into()),
        address: Some("42 Forgettable Lane".into()),
    })
    .unwrap();
    log.append_batch(&[
        ordered("A", "1.00 EUR", "2024-01-01"),
        received("A", "2024-01-02"),
        assigned("A", "emp-77", "2024-01-03"),
    ])
    .unwrap();
    assert_eq!(
        log.person(&id).unwrap().unwrap().name.as_deref(),
        Some("Zelda Unique-Name")
    );
    assert!(log.forget_person(&id).unwrap());
    assert!(!log.forget_person(&id).unwrap());
    assert_eq!(log.person(&id).unwrap(), None);
    // the log still names the opaque id, and is exactly as written
    assert_eq!(log.asset("A", At::now()).unwrap().holder, Some(id.clone()));
    assert!(log
        .history("A")
        .unwrap()
        .iter()
        .any(|e| e.event.payload_json().contains("emp-77")));
    assert!(log.verify().unwrap().is_intact());
    drop(log);
    let bytes = std::fs::read(&path).unwrap();
    let hay = String::from_utf8_lossy(&bytes);
    assert!(!hay.contains("Zelda Unique-Name"));
    assert!(!hay.contains("zelda.unique@example.org"));
    assert!(!hay.contains("42 Forgettable Lane"));
    for suffix in ["-wal", "-shm"] {
        let side = format!("{}{suffix}", path.display());
        if let Ok(b) = std::fs::read(&side) {
            assert!(
                !String::from_utf8_lossy(&b).contains("Zelda Unique-Name"),
                "{side}"
            );
        }
    }
}

#[test]
fn a_writer_that_holds_the_lock_too_long_is_a_typed_busy_error_and_then_the_log_works() {
    let path = temp_path("busy.db");
    let log = AssetLog::open_with(
        &path,
        OpenOptions {
            busy_timeout: Some(std::time::Duration::from_millis(200)),
            ..OpenOptions::default()
        },
    )
    .unwrap();
    log.append(ordered("A", "1.00 EUR", "2024-01-01")).unwrap();
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = std::time::Instant::now();
    let err = log.append(note("A", "blocked")).unwrap_err();
    assert_eq!(err.code(), "BUSY", "{err}");
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(150),
        "it waited first"
    );
    // readers are not blocked by a writer (WAL)
    assert_eq!(log.asset("A", At::now()).unwrap().version, 1);
    other.execute_batch("COMMIT").unwrap();
    log.append(note("A", "after")).unwrap();
    assert_eq!(log.stats().unwrap().events, 2);
}

#[test]
fn rebuild_and_verify_report_progress_up_to_every_event() {
    let log = AssetLog::open_in_memory().unwrap();
    let mut batch = Vec::new();
    for i in 0..2_500 {
        let tag = format!("A-{i}");
        batch.push(ordered(&tag, "100.00 EUR", "2024-01-01"));
        batch.extend((0..9).map(|_| note(&tag, "checked")));
    }
    log.append_batch(&batch).unwrap();
    let mut seen = Vec::new();
    let stats = log
        .rebuild_with_progress(&mut |done, total| seen.push((done, total)))
        .unwrap();
    assert_eq!(stats.events, 25_000);
    assert!(seen.len() >= 3, "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0), "{seen:?}");
    assert_eq!(seen.last(), Some(&(25_000, 25_000)));
    let mut checked = Vec::new();
    let v = log
        .verify_with_progress(&mut |done, total| checked.push((done, total)))
        .unwrap();
    assert!(v.first_mismatch.is_none());
    assert_eq!(checked, vec![(10_000, 25_000), (20_000, 25_000)]);
}

#[test]
fn a_refused_event_in_a_batch_is_named_by_its_index_and_nothing_is_written() {
    let log = AssetLog::open_in_memory().unwrap();
    let batch = vec![
        ordered("A", "100.00 EUR", "2024-01-01"),
        ordered("B", "100.00 EUR", "2024-01-01"),
        received("C", "2024-01-02"),
    ];
    let e = log.append_batch(&batch).unwrap_err();
    assert_eq!(e.code(), "UNKNOWN_ASSET", "the refusal's own code");
    assert!(matches!(e.refusal(), assetlog::Error::UnknownAsset { .. }));
    assert_eq!(e.details()["index"], 2);
    assert_eq!(e.details()["batch"], 3);
    assert_eq!(e.details()["asset"], "C");
    assert!(
        e.to_string()
            .starts_with("event 2 of the batch of 3 (received for C): "),
        "{e}"
    );
    assert_eq!(log.stats().unwrap().events, 0);
    // a batch of one keeps its error as it is
    let e = log.append_batch(&batch[2..]).unwrap_err();
    assert!(matches!(e, assetlog::Error::UnknownAsset { .. }));
}

#[test]
fn a_list_of_events_names_the_one_it_cannot_read_without_json_internals() {
    let text = r#"[
        {"asset": "A", "type": "ordered", "data": {"category": "laptop", "vendor": "Dell", "model": "XPS", "unit_cost": "1.00 EUR"}},
        {"asset": "A", "type": "received", "expected_version": -1, "data": {"location": "Berlin"}}
    ]"#;
    let e = NewEvent::list_from_json(text).unwrap_err();
    assert_eq!(e.details()["index"], 1);
    let msg = e.to_string();
    assert!(
        msg.contains("event 1 of the batch of 2 (received for A)"),
        "{msg}"
    );
    assert!(
        msg.contains("expected_version takes a version (0 or more)"),
        "{msg}"
    );
    assert!(!msg.contains("line ") && !msg.contains("untagged"), "{msg}");
}

#[test]
fn errors_hold_facts_and_speak_of_an_asset_that_did_not_exist_yet() {
    let log = AssetLog::open_in_memory().unwrap();
    log.append(ordered("A", "1.00 EUR", "2024-03-01")).unwrap();
    // asked about before it existed: the tag in `asset`, the moment in `at`
    let e = log
        .asset("A", At::occurred(t("2024-01-01T00:00:00Z")))
        .unwrap_err();
    assert_eq!(e.code(), "UNKNOWN_ASSET");
    assert_eq!(e.details()["asset"], "A");
    assert_eq!(e.details()["at"], "2024-01-01T00:00:00Z");
    assert!(e.to_string().contains("did not exist yet"), "{e}");
    // an event dated before the asset was ordered
    let e = log.append(received("A", "2024-02-01")).unwrap_err();
    assert_eq!(e.code(), "INVALID_TRANSITION");
    assert_eq!(e.details()["status"], "none");
    assert!(
        e.to_string()
            .contains("cannot come before its 'ordered' event"),
        "{e}"
    );
}

#[test]
fn history_as_of_a_moment_holds_the_events_that_had_occurred_by_then() {
    let log = AssetLog::open_in_memory().unwrap();
    log.append_batch(&[
        ordered("A", "1.00 EUR", "2024-01-01"),
        received("A", "2024-01-02"),
        assigned("A", "p1", "2024-03-01"),
    ])
    .unwrap();
    let types = |at: At| {
        log.history_at("A", at)
            .unwrap()
            .iter()
            .map(|e| e.event.event_type().name())
            .collect::<Vec<_>>()
    };
    assert_eq!(types(At::now()).len(), 3);
    assert_eq!(
        types(At::end_of("2024-01-02".parse().unwrap())),
        vec!["ordered", "received"]
    );
    assert_eq!(log.history("A").unwrap().len(), 3);
}

#[test]
fn a_follower_waits_for_the_next_event_instead_of_polling() {
    let log = Arc::new(AssetLog::open_in_memory().unwrap());
    log.append(ordered("A", "1.00 EUR", "2024-01-01")).unwrap();
    let zero = std::time::Duration::ZERO;
    assert!(log.wait_for_events(0, zero).unwrap());
    assert!(!log
        .wait_for_events(1, std::time::Duration::from_millis(30))
        .unwrap());
    let writer = Arc::clone(&log);
    let t = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(50));
        writer.append(received("A", "2024-01-02")).unwrap();
    });
    assert!(log
        .wait_for_events(1, std::time::Duration::from_secs(5))
        .unwrap());
    t.join().unwrap();
}

#[test]
fn a_waiting_feed_iterator_goes_on_as_events_arrive_and_ends_after_a_quiet_spell() {
    let log = Arc::new(AssetLog::open_in_memory().unwrap());
    log.append(ordered("A", "1.00 EUR", "2024-01-01")).unwrap();
    let writer = Arc::clone(&log);
    let t = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(50));
        writer.append(received("A", "2024-01-02")).unwrap();
    });
    let seen: Vec<u64> = log
        .feed_iter(0, 10)
        .waiting(std::time::Duration::from_millis(500))
        .map(|e| e.unwrap().position)
        .collect();
    t.join().unwrap();
    assert_eq!(seen, vec![1, 2], "the second event came while it waited");
    let quiet = log
        .feed_wait(2, 10, std::time::Duration::from_millis(20))
        .unwrap();
    assert!(quiet.is_empty());
    assert_eq!(
        log.feed_iter(0, 1).count(),
        2,
        "without waiting it ends once caught up"
    );
}
