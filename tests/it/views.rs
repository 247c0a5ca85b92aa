//! Views beyond the fixtures: future book values, FX tables from CSV,
//! ages and the JSON forms the bindings rely on.

use assetlog::{AssetLog, At, FleetFilter, FxRates, Policy};

use crate::support::{ordered, received, t};

#[test]
fn book_value_on_a_future_date_for_an_employee_buy_out() {
    let log = AssetLog::open_in_memory().unwrap();
    log.append_batch(&[
        ordered("A", "3600.00 EUR", "2024-01-01"),
        received("A", "2024-01-02"),
    ])
    .unwrap();
    let future = At::end_of(assetlog::time::parse_date("d", "2026-01-01").unwrap());
    // A future date folds what is known so far; book value is for that date.
    let cost = log.cost("A", future, &Policy::default()).unwrap();
    assert_eq!(cost.on.to_string(), "2026-01-01");
    assert!(cost.book_value_straight_line.minor() < 360_000);
    assert!(cost.book_value_declining_balance.minor() < cost.book_value_straight_line.minor());
    assert_eq!(log.asset("A", At::now()).unwrap().age_days(cost.on), 731);
}

#[test]
fn fx_rates_read_from_csv_and_refuse_bad_lines() {
    let fx = FxRates::from_csv("date,from,to,rate\n2024-01-01,USD,EUR,0.9\n").unwrap();
    let m = fx
        .convert(
            "10.00 USD".parse().unwrap(),
            "EUR".parse().unwrap(),
            t("2024-02-01").date_naive(),
        )
        .unwrap();
    assert_eq!(m.to_string(), "9.00 EUR");
    assert_eq!(
        FxRates::from_csv("2024-01-01,USD,EUR\n")
            .unwrap_err()
            .code(),
        "INVALID_VALUE"
    );
    assert_eq!(
        FxRates::from_csv("2024-01-01,USD,EUR,-1\n")
            .unwrap_err()
            .code(),
        "INVALID_VALUE"
    );
    assert_eq!(
        FxRates::from_csv("2024-01-01,USD,ZZZ,1\n")
            .unwrap_err()
            .code(),
        "UNKNOWN_CURRENCY"
    );
}

#[test]
fn recorded_events_round_trip_through_their_json_form() {
    let log = AssetLog::open_in_memory().unwrap();
    log.append_batch(&[
        ordered("A", "12.34 EUR", "2024-01-01"),
        received("A", "2024-01-02"),
    ])
    .unwrap();
    let copy = AssetLog::open_in_memory().unwrap();
    for e in log.feed(0, 100).unwrap() {
        let mut v = e.to_json_value();
        let obj = v.as_object_mut().unwrap();
        for k in ["position", "version", "recorded_at", "schema_version"] {
            obj.remove(k);
        }
        copy.append(assetlog::NewEvent::from_json_value(&v).unwrap())
            .unwrap();
    }
    let a = log.asset("A", At::now()).unwrap();
    let b = copy.asset("A", At::now()).unwrap();
    assert_eq!(a, b, "same ids, same views");
    assert_eq!(
        copy.feed(0, 10).unwrap()[0].event_id,
        log.feed(0, 10).unwrap()[0].event_id
    );
}

#[test]
fn now_means_now_even_with_events_dated_later_today() {
    use assetlog::event::{ReturnReason, ReturnRequested};
    let (log, clock) = crate::support::log_with_clock("2024-03-01T09:00:00Z");
    log.append(crate::support::ordered("A", "100.00 EUR", "2024-01-01"))
        .unwrap();
    log.append(crate::support::received("A", "2024-01-02"))
        .unwrap();
    log.append(crate::support::assigned("A", "emp-1", "2024-01-03"))
        .unwrap();
    let now = *clock.lock().unwrap();
    let mut e = assetlog::NewEvent::new(
        "A",
        ReturnRequested {
            reason: ReturnReason::Offboarding,
            due: "2024-03-15".parse().unwrap(),
        },
    );
    e.occurred_at = Some(now + chrono::Duration::hours(12));
    log.append(e).unwrap();
    let now = *clock.lock().unwrap() + chrono::Duration::seconds(1);
    let all = FleetFilter::default();
    // the default is the present moment, not the latest event
    let current = log.asset("A", At::now()).unwrap();
    assert_eq!(current.status, assetlog::Status::Assigned);
    assert_eq!(current, log.asset("A", At::occurred(now)).unwrap());
    let counts = log.counts(&all, At::now()).unwrap();
    assert_eq!(counts, log.counts(&all, At::occurred(now)).unwrap());
    assert_eq!(counts.by_status[&assetlog::Status::Assigned], 1);
    assert_eq!(
        log.fleet(&all, At::now()).unwrap(),
        log.fleet(&all, At::occurred(now)).unwrap()
    );
    // and the future state is there when its time comes
    let later = At::occurred(now + chrono::Duration::hours(13));
    assert_eq!(
        log.asset("A", later).unwrap().status,
        assetlog::Status::ReturnPending
    );
}

#[test]
fn opening_a_log_with_an_oversized_wal_folds_it_back() {
    let path = crate::support::temp_path("wal.db");
    drop(AssetLog::open(&path).unwrap());
    // a writer that never checkpoints leaves a large WAL behind
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch(
        "PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = -1;
         CREATE TABLE scratch (b BLOB);",
    )
    .unwrap();
    let chunk = 4 * 1024 * 1024;
    let chunks = assetlog::WAL_LIMIT_BYTES / chunk + 2;
    for _ in 0..chunks {
        raw.execute("INSERT INTO scratch VALUES (zeroblob(?1))", [chunk as i64])
            .unwrap();
    }
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let size = |p: &std::ffi::OsString| std::fs::metadata(p).map_or(0, |m| m.len());
    assert!(size(&wal) > assetlog::WAL_LIMIT_BYTES);
    let log = AssetLog::open(&path).unwrap();
    assert_eq!(size(&wal), 0, "the WAL was checkpointed and truncated");
    assert!(log.verify().unwrap().is_intact());
    drop(raw);
}

#[test]
fn spend_stays_with_the_department_that_had_the_asset_when_it_arose() {
    use assetlog::event::{CostKind, CostRecorded, Returned};
    use assetlog::{Dimension, NewEvent};
    let log = AssetLog::open_in_memory().unwrap();
    let mut sales = crate::support::assigned("A", "emp-1", "2024-01-03");
    if let assetlog::Event::Assigned(a) = &mut sales.event {
        a.department = Some("Sales".into());
    }
    log.append_batch(&[
        ordered("A", "1000.00 EUR", "2024-01-01"),
        received("A", "2024-01-02"),
        sales,
        NewEvent::new(
            "A",
            CostRecorded {
                kind: CostKind::Repair,
                amount: "120.00 EUR".parse().unwrap(),
                description: None,
            },
        )
        .at(t("2024-02-01T00:00:00Z")),
        NewEvent::new(
            "A",
            Returned {
                location: "Depot".into(),
                country: Some("DE".parse().unwrap()),
                condition: assetlog::event::Condition::Good,
            },
        )
        .at(t("2024-03-01T00:00:00Z")),
    ])
    .unwrap();
    let all = FleetFilter::default();
    let by_dept = log
        .spend_by(&[Dimension::Department], &all, At::now())
        .unwrap();
    let keys: Vec<_> = by_dept.iter().map(|g| g.key[0].clone()).collect();
    // the purchase arose before anyone held it; the repair while Sales did
    assert_eq!(keys, vec![None, Some("Sales".to_owned())]);
    assert_eq!(by_dept[1].costs[0].repair.to_string(), "120.00 EUR");
    assert_eq!(by_dept[0].costs[0].purchase.to_string(), "1000.00 EUR");
    // the asset is back in stock now: counted with no department
    let counts = log
        .counts_by(&[Dimension::Department], &all, At::now())
        .unwrap();
    assert_eq!((counts[0].key.clone(), counts[0].count), (vec![None], 1));
    // and grouping is checked
    let e = log
        .counts_by(&[Dimension::Country, Dimension::Country], &all, At::now())
        .unwrap_err();
    assert_eq!(e.code(), "INVALID_VALUE");
    assert_eq!(
        Dimension::parse_list("Department,cost-centre").unwrap(),
        vec![Dimension::Department, Dimension::CostCentre]
    );
}

#[test]
fn unseen_and_unpatched_list_only_devices_that_check_in_most_days_first() {
    use assetlog::event::{Observed, Patched};
    use assetlog::{CheckInPolicy, NewEvent};
    let log = AssetLog::open_in_memory().unwrap();
    let mut monitor = ordered("MON-1", "300.00 EUR", "2024-01-01");
    if let assetlog::Event::Ordered(o) = &mut monitor.event {
        o.category = "monitor".into();
    }
    log.append_batch(&[
        ordered("A", "1000.00 EUR", "2024-01-01"),
        ordered("B", "1000.00 EUR", "2024-01-01"),
        monitor,
        received("A", "2024-01-02"),
        received("B", "2024-01-02"),
        received("MON-1", "2024-01-02"),
        crate::support::assigned("A", "emp-1", "2024-01-03"),
        crate::support::assigned("B", "emp-2", "2024-01-03"),
        crate::support::assigned("MON-1", "emp-1", "2024-01-03"),
        NewEvent::new(
            "B",
            Observed {
                location: None,
                country: None,
                os_version: None,
                firmware_version: None,
                source: None,
            },
        )
        .at(t("2024-03-01T00:00:00Z")),
        NewEvent::new(
            "B",
            Patched {
                component: "os".into(),
                version: "14.1".into(),
            },
        )
        .at(t("2024-03-01T00:00:00Z")),
    ])
    .unwrap();
    let at = At::end_of("2024-04-01".parse().unwrap());
    let all = FleetFilter::default();
    let policy = CheckInPolicy::default();
    let unseen = log.unseen(20, &policy, &all, at).unwrap();
    let tags: Vec<(&str, i64)> = unseen.iter().map(|s| (s.tag.as_str(), s.days)).collect();
    // A never checked in since its assignment; B a month ago; the monitor never reports
    assert_eq!(tags, vec![("A", 89), ("B", 31)]);
    assert!(unseen[0].last.is_none());
    assert_eq!(unseen[0].holder.as_ref().unwrap().as_str(), "emp-1");
    let unpatched = log.unpatched(60, &policy, &all, at).unwrap();
    assert_eq!(
        unpatched.iter().map(|s| s.tag.as_str()).collect::<Vec<_>>(),
        vec!["A"]
    );
    // an assigned monitor is not idle either; with monitors declared as reporting, it is
    let idle = log.idle(30, at).unwrap();
    assert!(idle.iter().all(|i| i.tag != "MON-1"), "{idle:?}");
    let with_monitors = CheckInPolicy {
        categories: vec!["laptop".into(), "Monitor".into()],
    };
    assert!(log
        .idle_with(30, &with_monitors, at)
        .unwrap()
        .iter()
        .any(|i| i.tag == "MON-1"));
}

#[test]
fn a_second_asset_with_a_known_serial_is_refused_unless_intended() {
    use assetlog::event::Ordered;
    use assetlog::NewEvent;
    let log = AssetLog::open_in_memory().unwrap();
    let with_serial = |tag: &str, serial: &str| {
        NewEvent::new(
            tag,
            Ordered {
                category: "laptop".into(),
                vendor: "Dell".into(),
                model: "XPS".into(),
                serial: Some(serial.into()),
                unit_cost: "1000.00 EUR".parse().unwrap(),
                order_ref: None,
                warranty_end: None,
            },
        )
    };
    log.append(with_serial("A", "5CG123")).unwrap();
    // case and spaces folded; refused, nothing written
    let e = log.append(with_serial("B", " 5cg123 ")).unwrap_err();
    assert_eq!(e.code(), "DUPLICATE_SERIAL", "{e}");
    assert_eq!(e.details()["other"], "A");
    assert_eq!(log.stats().unwrap().events, 1);
    // two new assets with one serial in the same batch
    let e = log
        .append_batch(&[with_serial("C", "X1"), with_serial("D", "x1")])
        .unwrap_err();
    assert_eq!(e.code(), "DUPLICATE_SERIAL");
    assert_eq!(log.stats().unwrap().events, 1);
    // intended: accepted, and listed by the report
    let mut b = with_serial("B", "5CG123");
    b.allow_duplicate_serial = true;
    log.append(b).unwrap();
    let d = log.duplicate_serials(At::now()).unwrap();
    assert_eq!(d[0].tags, vec!["A".to_owned(), "B".to_owned()]);
}

#[test]
fn outdated_compares_installed_versions_as_versions_per_component() {
    use assetlog::event::{Observed, Patched};
    use assetlog::{CheckInPolicy, NewEvent};
    let log = AssetLog::open_in_memory().unwrap();
    let observed = |tag: &str, os: Option<&str>, firmware: Option<&str>, day: &str| {
        NewEvent::new(
            tag,
            Observed {
                location: None,
                country: None,
                os_version: os.map(Into::into),
                firmware_version: firmware.map(Into::into),
                source: Some("intune".into()),
            },
        )
        .at(t(&format!("{day}T00:00:00Z")))
    };
    let patched = |tag: &str, component: &str, version: &str, day: &str| {
        NewEvent::new(
            tag,
            Patched {
                component: component.into(),
                version: version.into(),
            },
        )
        .at(t(&format!("{day}T00:00:00Z")))
    };
    let mut batch = Vec::new();
    for tag in ["A", "B", "C", "D"] {
        batch.push(ordered(tag, "1000.00 EUR", "2024-01-01"));
        batch.push(received(tag, "2024-01-02"));
        batch.push(crate::support::assigned(tag, "emp-1", "2024-01-03"));
    }
    batch.extend([
        // A reports 14.2 and was patched to 14.10 later: 14.10 is after 14.9
        observed("A", Some("macOS 14.2"), Some("2.1"), "2024-02-01"),
        patched("A", "os", "14.10", "2024-02-02"),
        // B was patched to 14.10 but reports an older version afterwards: the later version counts
        patched("B", "OS", "14.10", "2024-02-01"),
        observed("B", Some("14.8"), None, "2024-02-03"),
        // C reports 14.8: below
        observed("C", Some("14.8"), Some("1.9"), "2024-02-01"),
        // D never reported its OS, but its browser
        patched("D", "chrome", "120.0.6099.109", "2024-02-01"),
    ]);
    log.append_batch(&batch).unwrap();
    let (policy, all, now) = (CheckInPolicy::default(), FleetFilter::default(), At::now());
    let tags = |list: Vec<assetlog::OutdatedAsset>| {
        list.into_iter()
            .map(|o| (o.tag, o.installed))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        tags(log.outdated("os", "14.9", &policy, &all, now).unwrap()),
        vec![("D".into(), None), ("C".into(), Some("14.8".into()))]
    );
    assert_eq!(
        tags(log.outdated("firmware", "2.0", &policy, &all, now).unwrap()),
        vec![
            ("B".into(), None),
            ("D".into(), None),
            ("C".into(), Some("1.9".into()))
        ]
    );
    let chrome = log
        .outdated("Chrome", "120.0.6099.200", &policy, &all, now)
        .unwrap();
    assert_eq!(chrome.len(), 4, "A, B, C never reported it; D is below");
    assert_eq!(chrome[3].installed.as_deref(), Some("120.0.6099.109"));
    // as of a date before the patches, A's OS was 14.2
    let before = At::end_of("2024-02-01".parse().unwrap());
    assert!(log
        .outdated("os", "14.9", &policy, &all, before)
        .unwrap()
        .iter()
        .any(|o| o.tag == "A" && o.installed.as_deref() == Some("macOS 14.2")));
    // refusals name the argument
    let e = log
        .outdated("os", "newest", &policy, &all, now)
        .unwrap_err();
    assert_eq!(e.code(), "INVALID_VALUE");
    assert!(e.to_string().contains("minimum version 'newest'"), "{e}");
    let e = log.outdated(" ", "14.9", &policy, &all, now).unwrap_err();
    assert_eq!(e.code(), "INVALID_VALUE");
}

#[test]
fn the_fleet_comes_in_pages_with_a_cursor_now_and_as_of_a_date() {
    let log = AssetLog::open_in_memory().unwrap();
    let mut events = Vec::new();
    for i in 0..25 {
        let tag = format!("A{i:02}");
        events.push(ordered(&tag, "100.00 EUR", "2024-01-01"));
        if i % 3 != 0 {
            events.push(received(&tag, "2024-02-01"));
        }
    }
    log.append_batch(&events).unwrap();
    let in_stock = FleetFilter::from_pairs([("status", "in_stock")]).unwrap();
    for at in [
        At::now(),
        At::end_of(assetlog::time::parse_date("d", "2024-03-01").unwrap()),
    ] {
        let all: Vec<String> = log
            .fleet(&in_stock, at)
            .unwrap()
            .into_iter()
            .map(|v| v.tag)
            .collect();
        assert_eq!(all.len(), 16);
        let (mut paged, mut after, mut pages) = (Vec::new(), None, 0);
        loop {
            let page = log.fleet_page(&in_stock, at, after, 7).unwrap();
            pages += 1;
            paged.extend(page.views.into_iter().map(|v| v.tag));
            match page.next {
                Some(next) => after = Some(next),
                None => break,
            }
        }
        assert_eq!(
            (paged, pages),
            (all, 3),
            "the pages are the fleet, in order"
        );
    }
    let e = log.fleet_page(&in_stock, At::now(), None, 0).unwrap_err();
    assert_eq!(e.code(), "INVALID_VALUE");
    let gone = assetlog::ids::AssetId::new();
    let e = log
        .fleet_page(&in_stock, At::now(), Some(gone), 5)
        .unwrap_err();
    assert_eq!(e.code(), "UNKNOWN_ASSET");
}

/// What a service sends, a typed client reads back unchanged.
fn round_trips<T>(v: &T)
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let text = serde_json::to_string(v).unwrap();
    let back: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert_eq!(&back, v, "{text}");
}

#[test]
fn views_read_back_from_their_json_form() {
    use assetlog::view::fleet::Dimension;
    let log = AssetLog::open_in_memory().unwrap();
    log.append_batch(&[
        ordered("A", "100.00 EUR", "2024-01-01"),
        received("A", "2024-01-02"),
        crate::support::assigned("A", "emp-1", "2024-01-03"),
        ordered("B", "50.00 USD", "2024-01-01"),
    ])
    .unwrap();
    let all = FleetFilter::default();
    let now = At::now();
    round_trips(&log.counts(&all, now).unwrap());
    round_trips(&log.counts_by(&[Dimension::Country], &all, now).unwrap());
    round_trips(&log.spend(&all, now).unwrap());
    round_trips(&log.spend_by(&[Dimension::Department], &all, now).unwrap());
    round_trips(&log.idle(0, now).unwrap());
    round_trips(&log.data_gaps(now).unwrap());
    round_trips(&log.person_view("emp-1", now).unwrap());
    round_trips(&log.fleet_page(&all, now, None, 1).unwrap());
    round_trips(&log.stats().unwrap());
    let d = assetlog::time::parse_date("d", "2024-06-30").unwrap();
    round_trips(&log.status_over_time(&[d]).unwrap());
    round_trips(&log.age_profile(now).unwrap());
}
