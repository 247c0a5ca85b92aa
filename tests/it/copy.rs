//! Moving a log between stores keeps its history exactly: a copy (and a
//! restore of a JSON Lines export into an empty log) has the same
//! positions, ids, occurred_at and recorded_at, so the same chain head and
//! the same answers "as recorded at" a past moment.

use assetlog::depreciation::{Convention, Method, Rule};
use assetlog::event::{LicenseKind, LicensePurchased};
use assetlog::{AssetLog, At, BookRule, NewEvent, OpenOptions, Person};

use crate::support::{assigned, ordered, received, stepping_clock, t, temp_path};

/// A log built over several recorded moments (one second apart), with
/// people, a leaver, a book rule and a license key beside its events.
fn history(log: &AssetLog) {
    log.append_batch(&[
        ordered("LAP-1", "1000.00 EUR", "2024-01-01"),
        received("LAP-1", "2024-01-02"),
    ])
    .unwrap();
    log.append(assigned("LAP-1", "emp-1", "2024-01-03"))
        .unwrap();
    log.append(ordered("LAP-2", "900.00 EUR", "2024-02-01"))
        .unwrap();
    log.append(
        NewEvent::new(
            "LIC-1",
            LicensePurchased {
                product: "VPN".into(),
                publisher: None,
                edition: None,
                kind: LicenseKind::PerUser,
                seats: Some(5),
                term_start: "2024-01-01".parse().unwrap(),
                term_end: None,
                cost: "50.00 EUR".parse().unwrap(),
                order_ref: None,
                not_reassignable: false,
                allow_overuse: false,
            },
        )
        .at(t("2024-01-01T00:00:00Z")),
    )
    .unwrap();
    log.set_license_key("LIC-1", "AAAA-BBBB").unwrap();
    let mut p = Person::new("emp-1".parse().unwrap());
    p.name = Some("Ada Lovelace".into());
    log.upsert_person(&p).unwrap();
    log.mark_left(
        &"emp-9".parse().unwrap(),
        Some("2024-03-01".parse().unwrap()),
    )
    .unwrap();
    log.set_book_rule(&BookRule {
        book: "IFRS".into(),
        category: "laptop".into(),
        country: None,
        from: "2020-01-01".parse().unwrap(),
        rule: Rule {
            method: Method::StraightLine,
            life_months: 36,
            salvage: None,
            convention: Convention::FullMonth,
            fiscal_year_start: 1,
        },
    })
    .unwrap();
}

fn clocked(path: &std::path::Path) -> AssetLog {
    let (clock, _) = stepping_clock("2024-06-01T00:00:00Z");
    AssetLog::open_with(
        path,
        OpenOptions {
            clock: Some(clock),
            ..OpenOptions::default()
        },
    )
    .unwrap()
}

/// Everything a copy must carry, as one comparable value.
fn everything(log: &AssetLog) -> serde_json::Value {
    let feed: Vec<_> = log
        .feed(0, 1000)
        .unwrap()
        .iter()
        .map(assetlog::RecordedEvent::to_json_value)
        .collect();
    serde_json::json!({
        "feed": feed,
        "head": log.verify().unwrap().head,
        "person": log.person(&"emp-1".parse().unwrap()).unwrap(),
        "leavers": log.leavers(At::now()).unwrap().iter().map(|p| (p.id.to_string(), p.left_on)).collect::<Vec<_>>(),
        "books": log.book_rules(None).unwrap(),
        "key": log.license_key("LIC-1").unwrap(),
        // what the log believed one second into its life: LAP-1 ordered and
        // received, not yet assigned
        "believed": log.asset("LAP-1", At::recorded(t("2024-06-01T00:00:01.5Z"))).unwrap().status,
    })
}

#[test]
fn a_copy_to_every_backend_and_back_keeps_positions_recorded_times_and_the_chain_head() {
    let source = clocked(&temp_path("source.db"));
    history(&source);
    let want = everything(&source);
    assert_eq!(want["believed"], "in_stock");
    for (backend, target) in crate::support::backends() {
        let stats = source.copy_to(&target, &mut |_| {}).unwrap();
        assert_eq!(stats.events, 5, "{backend}");
        assert_eq!(
            (
                stats.people,
                stats.leavers,
                stats.book_rules,
                stats.license_keys
            ),
            (1, 1, 1, 1),
            "{backend}"
        );
        assert_eq!(everything(&target), want, "{backend}");
        // and back, into a new file
        let back = AssetLog::open(temp_path("back.db")).unwrap();
        target.copy_to(&back, &mut |_| {}).unwrap();
        assert_eq!(everything(&back), want, "{backend} and back");
        // a copy goes into an empty log only, and writes nothing otherwise
        let err = source.copy_to(&target, &mut |_| {}).unwrap_err();
        assert_eq!(err.code(), "INVALID_VALUE", "{backend}");
        assert_eq!(target.stats().unwrap().events, 5, "{backend}");
    }
}

#[test]
fn a_whole_export_restores_exactly_into_an_empty_log_and_appends_into_a_busy_one() {
    let source = clocked(&temp_path("export.db"));
    history(&source);
    let mut file = Vec::new();
    source.export_jsonl(&mut file).unwrap();
    for (backend, target) in crate::support::backends() {
        let r = target.import_jsonl(file.as_slice(), false).unwrap();
        assert!(r.restored, "{backend}");
        assert_eq!(r.written, 5, "{backend}");
        let (a, b) = (everything(&source), everything(&target));
        assert_eq!(a["feed"], b["feed"], "{backend}");
        assert_eq!(a["head"], b["head"], "{backend}");
        assert_eq!(b["believed"], "in_stock", "{backend}");
        // importing it again: retries of stored events, nothing added
        let again = target.import_jsonl(file.as_slice(), false).unwrap();
        assert_eq!((again.restored, again.written), (false, 0), "{backend}");
    }
    // into a log that already holds events: appended as new facts
    let busy = AssetLog::open_in_memory().unwrap();
    busy.append(ordered("OTHER", "1.00 EUR", "2024-01-01"))
        .unwrap();
    let r = busy.import_jsonl(file.as_slice(), false).unwrap();
    assert_eq!((r.restored, r.written), (false, 5));
    assert_eq!(busy.feed(0, 10).unwrap()[1].position, 2);
}
