//! Licenses and subscriptions: their lifecycle, seats, as-of views,
//! renewals and reclaimable seats, and the refusals that write nothing.

use assetlog::event::{
    LicenseCancelled, LicenseKind, LicensePurchased, LicenseRenewed, RetireReason, Retired,
    SeatAssigned, SeatReleased, SeatTransferred, SeatsChanged,
};
use assetlog::license::{LicenseStatus, ReclaimReason, SeatHolder};
use assetlog::{AssetLog, At, NewEvent};

use crate::support::{ordered, received, t};

fn day(s: &str) -> chrono::NaiveDate {
    assetlog::time::parse_date("d", s).unwrap()
}

fn purchase(tag: &str, kind: LicenseKind, seats: Option<u32>, at: &str) -> NewEvent {
    NewEvent::new(
        tag,
        LicensePurchased {
            product: "Microsoft 365 E3".into(),
            publisher: Some("Microsoft".into()),
            edition: None,
            kind,
            seats,
            term_start: day("2024-01-01"),
            term_end: Some(day("2024-12-31")),
            cost: "3600.00 EUR".parse().unwrap(),
            order_ref: None,
            not_reassignable: false,
            allow_overuse: false,
        },
    )
    .at(t(at))
}

fn to_person(tag: &str, person: &str, at: &str) -> NewEvent {
    NewEvent::new(
        tag,
        SeatAssigned {
            person: Some(person.parse().unwrap()),
            device: None,
        },
    )
    .at(t(at))
}

fn to_device(tag: &str, device: &str, at: &str) -> NewEvent {
    NewEvent::new(
        tag,
        SeatAssigned {
            person: None,
            device: Some(device.into()),
        },
    )
    .at(t(at))
}

#[test]
fn seats_are_counted_freed_and_never_over_assigned() {
    let log = AssetLog::open_in_memory().unwrap();
    log.append_batch(&[
        purchase(
            "LIC-M365",
            LicenseKind::PerUser,
            Some(2),
            "2024-01-01T00:00:00Z",
        ),
        to_person("LIC-M365", "emp-1", "2024-01-02T00:00:00Z"),
        to_person("LIC-M365", "emp-2", "2024-01-03T00:00:00Z"),
    ])
    .unwrap();
    let l = log.license("LIC-M365", At::now()).unwrap();
    assert_eq!((l.seats, l.seats_used, l.seats_free), (Some(2), 2, Some(0)));
    assert_eq!(l.status, LicenseStatus::Active);

    let before = log.stats().unwrap();
    let e = log
        .append(to_person("LIC-M365", "emp-3", "2024-01-04T00:00:00Z"))
        .unwrap_err();
    assert_eq!(e.code(), "NO_FREE_SEAT");
    assert_eq!(e.details()["used"], 2);
    let e = log
        .append(to_person("LIC-M365", "emp-1", "2024-01-04T00:00:00Z"))
        .unwrap_err();
    assert_eq!(e.code(), "INVALID_VALUE", "{e}");
    assert_eq!(log.stats().unwrap(), before, "refusals write nothing");

    // a released seat is free again
    log.append(
        NewEvent::new(
            "LIC-M365",
            SeatReleased {
                person: Some("emp-1".parse().unwrap()),
                device: None,
            },
        )
        .at(t("2024-01-05T00:00:00Z")),
    )
    .unwrap();
    log.append(to_person("LIC-M365", "emp-3", "2024-01-06T00:00:00Z"))
        .unwrap();
    let l = log.license("LIC-M365", At::now()).unwrap();
    let holders: Vec<_> = l.holders.iter().map(|s| s.holder.to_string()).collect();
    assert_eq!(holders, ["person emp-2", "person emp-3"]);

    // as of a past moment: the fold of what had happened by then
    let then = log
        .license("LIC-M365", At::occurred(t("2024-01-02T12:00:00Z")))
        .unwrap();
    assert_eq!(then.seats_used, 1);
    assert!(then.holds(&SeatHolder::Person("emp-1".parse().unwrap())));

    // a true-up makes room; a reduction below what is used is refused
    log.append(
        NewEvent::new(
            "LIC-M365",
            SeatsChanged {
                seats: 5,
                cost: Some("1800.00 EUR".parse().unwrap()),
            },
        )
        .at(t("2024-02-01T00:00:00Z")),
    )
    .unwrap();
    let e = log
        .append(NewEvent::new(
            "LIC-M365",
            SeatsChanged {
                seats: 1,
                cost: None,
            },
        ))
        .unwrap_err();
    assert_eq!(e.code(), "NO_FREE_SEAT");
    let l = log.license("LIC-M365", At::now()).unwrap();
    assert_eq!(
        (l.seats_free, l.cost_so_far.to_string().as_str()),
        (Some(3), "5400.00 EUR")
    );
}

#[test]
fn the_license_lifecycle_refuses_what_it_does_not_allow() {
    let log = AssetLog::open_in_memory().unwrap();
    // an unknown license
    let e = log
        .append(to_person("LIC-NONE", "emp-1", "2024-01-02T00:00:00Z"))
        .unwrap_err();
    assert_eq!(e.code(), "UNKNOWN_ASSET");
    log.append(purchase(
        "LIC-A",
        LicenseKind::PerUser,
        None,
        "2024-01-01T00:00:00Z",
    ))
    .unwrap();
    // a renewal before the purchase
    let e = log
        .append(
            NewEvent::new(
                "LIC-A",
                LicenseRenewed {
                    term_end: day("2025-12-31"),
                    cost: "3600.00 EUR".parse().unwrap(),
                },
            )
            .at(t("2023-06-01T00:00:00Z")),
        )
        .unwrap_err();
    assert_eq!(e.code(), "INVALID_TRANSITION", "{e}");
    // a per-user license does not go to a device; a cancelled one takes no seats
    log.append_batch(&[
        ordered("LAP-1", "1000.00 EUR", "2024-01-01"),
        received("LAP-1", "2024-01-02"),
    ])
    .unwrap();
    assert_eq!(
        log.append(to_device("LIC-A", "LAP-1", "2024-01-03T00:00:00Z"))
            .unwrap_err()
            .code(),
        "INVALID_VALUE"
    );
    log.append(
        NewEvent::new("LIC-A", LicenseCancelled { reason: None }).at(t("2024-03-01T00:00:00Z")),
    )
    .unwrap();
    let e = log
        .append(to_person("LIC-A", "emp-1", "2024-03-02T00:00:00Z"))
        .unwrap_err();
    assert_eq!(e.code(), "INVALID_TRANSITION");
    assert!(e.to_string().contains("cancelled"), "{e}");
    // a device's event on a license, a license's event on a device
    assert_eq!(
        log.append(received("LIC-A", "2024-03-03"))
            .unwrap_err()
            .code(),
        "INVALID_TRANSITION"
    );
    assert_eq!(
        log.append(to_person("LAP-1", "emp-1", "2024-03-03T00:00:00Z"))
            .unwrap_err()
            .code(),
        "INVALID_VALUE"
    );
    // the tag is taken either way
    assert_eq!(
        log.append(ordered("LIC-A", "1.00 EUR", "2024-04-01"))
            .unwrap_err()
            .code(),
        "DUPLICATE_TAG"
    );
    // negative seats cannot even be read
    let e = NewEvent::from_json(r#"{"asset":"LIC-A","type":"seats_changed","data":{"seats":-1}}"#)
        .unwrap_err();
    assert_eq!(e.code(), "INVALID_EVENT");
    // licenses are not devices: the fleet does not list them
    assert_eq!(
        log.fleet(&assetlog::FleetFilter::default(), At::now())
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        log.asset("LIC-A", At::now()).unwrap_err().code(),
        "UNKNOWN_ASSET"
    );
}

#[test]
fn seats_go_to_devices_that_exist_and_are_reclaimed_from_leavers_and_retired_devices() {
    let log = AssetLog::open_in_memory().unwrap();
    log.append_batch(&[
        ordered("LAP-1", "1000.00 EUR", "2024-01-01"),
        received("LAP-1", "2024-01-02"),
        ordered("LAP-2", "1000.00 EUR", "2024-01-01"),
        received("LAP-2", "2024-01-02"),
        purchase(
            "LIC-CAD",
            LicenseKind::PerDevice,
            Some(10),
            "2024-01-01T00:00:00Z",
        ),
        purchase(
            "LIC-VPN",
            LicenseKind::PerUser,
            Some(10),
            "2024-01-01T00:00:00Z",
        ),
        to_device("LIC-CAD", "LAP-1", "2024-01-03T00:00:00Z"),
        to_device("LIC-CAD", "LAP-2", "2024-01-03T00:00:00Z"),
        to_person("LIC-VPN", "emp-7", "2024-01-03T00:00:00Z"),
        to_person("LIC-VPN", "emp-8", "2024-01-03T00:00:00Z"),
    ])
    .unwrap();
    assert_eq!(
        log.append(to_device("LIC-CAD", "LAP-404", "2024-01-04T00:00:00Z"))
            .unwrap_err()
            .code(),
        "UNKNOWN_ASSET"
    );
    log.append(
        NewEvent::new(
            "LAP-2",
            Retired {
                reason: RetireReason::Broken,
                resale_value: None,
                disposal_cost: None,
            },
        )
        .at(t("2024-02-01T00:00:00Z")),
    )
    .unwrap();
    log.mark_left(&"emp-8".parse().unwrap(), Some(day("2024-02-15")))
        .unwrap();
    let seats = log.reclaimable(At::now(), None).unwrap();
    let found: Vec<_> = seats
        .iter()
        .map(|s| (s.license.as_str(), s.holder.to_string(), s.reason))
        .collect();
    assert_eq!(
        found,
        [
            ("LIC-CAD", "device LAP-2".to_owned(), ReclaimReason::Retired),
            ("LIC-VPN", "person emp-8".to_owned(), ReclaimReason::Left),
        ]
    );
    // a retired device takes no seat
    let e = log
        .append(
            NewEvent::new(
                "LIC-CAD",
                SeatReleased {
                    person: None,
                    device: Some("LAP-2".into()),
                },
            )
            .at(t("2024-02-02T00:00:00Z")),
        )
        .and_then(|_| log.append(to_device("LIC-CAD", "LAP-2", "2024-02-03T00:00:00Z")))
        .unwrap_err();
    assert_eq!(e.code(), "INVALID_VALUE");
}

#[test]
fn renewals_in_a_window_and_their_budget_by_currency() {
    let log = AssetLog::open_in_memory().unwrap();
    log.append_batch(&[
        purchase(
            "LIC-1",
            LicenseKind::PerUser,
            Some(5),
            "2024-01-01T00:00:00Z",
        ),
        purchase("LIC-2", LicenseKind::Site, None, "2024-01-01T00:00:00Z"),
    ])
    .unwrap();
    log.append(
        NewEvent::new(
            "LIC-2",
            LicenseRenewed {
                term_end: day("2025-06-30"),
                cost: "4000.00 EUR".parse().unwrap(),
            },
        )
        .at(t("2024-12-01T00:00:00Z")),
    )
    .unwrap();
    let r = log
        .renewals(day("2024-12-01"), day("2025-12-31"), At::now())
        .unwrap();
    let tags: Vec<_> = r.licenses.iter().map(|l| l.tag.as_str()).collect();
    assert_eq!(tags, ["LIC-1", "LIC-2"]);
    assert_eq!(
        r.budget.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["7600.00 EUR"]
    );
    let l2 = log.license("LIC-2", At::now()).unwrap();
    assert_eq!(
        (l2.term_start, l2.cost_so_far.to_string()),
        (day("2025-01-01"), "7600.00 EUR".to_owned())
    );
    // the log's history holds it all: feed, export and verify see licenses too
    assert!(log.verify().unwrap().first_mismatch.is_none());
    assert_eq!(log.licenses(At::now()).unwrap().len(), 2);
}

#[test]
fn offboarding_takes_the_seats_back_in_the_same_batch_as_the_devices() {
    let log = AssetLog::open_in_memory().unwrap();
    let mut oem = purchase(
        "LIC-OEM",
        LicenseKind::PerUser,
        Some(5),
        "2024-01-01T00:00:00Z",
    );
    if let assetlog::Event::LicensePurchased(p) = &mut oem.event {
        p.not_reassignable = true;
    }
    log.append_batch(&[
        ordered("LAP-1", "1000.00 EUR", "2024-01-01"),
        received("LAP-1", "2024-01-02"),
        crate::support::assigned("LAP-1", "emp-1", "2024-01-03"),
        purchase(
            "LIC-VPN",
            LicenseKind::PerUser,
            Some(5),
            "2024-01-01T00:00:00Z",
        ),
        oem,
        to_person("LIC-VPN", "emp-1", "2024-01-03T00:00:00Z"),
        to_person("LIC-OEM", "emp-1", "2024-01-03T00:00:00Z"),
    ])
    .unwrap();
    let off = log
        .offboard(&"emp-1".parse().unwrap(), day("2099-01-31"), None, "hr")
        .unwrap();
    assert_eq!(off.requested.len(), 1);
    let released: Vec<_> = off.released.iter().map(|a| a.tag.as_str()).collect();
    assert_eq!(
        released,
        ["LIC-VPN"],
        "a seat that cannot move to anyone else stays"
    );
    // one batch: the return request and the release carry the same correlation id
    let feed = log.feed(0, 100).unwrap();
    let batch: Vec<_> = feed
        .iter()
        .filter(|e| e.correlation_id == Some(off.correlation_id))
        .map(|e| e.event_type().name())
        .collect();
    assert_eq!(batch, ["return_requested", "seat_released"]);
    assert_eq!(log.license("LIC-VPN", At::now()).unwrap().seats_used, 0);
    // the leaver's seat that stayed is reclaimable
    let seats = log.reclaimable(At::now(), None).unwrap();
    assert_eq!(
        seats
            .iter()
            .map(|s| (s.license.as_str(), s.reason))
            .collect::<Vec<_>>(),
        [("LIC-OEM", ReclaimReason::Left)]
    );
}

#[test]
fn a_license_after_any_sequence_equals_its_rebuild_and_backdated_steps_are_checked() {
    let log = AssetLog::open_in_memory().unwrap();
    log.append_batch(&[
        purchase(
            "LIC-1",
            LicenseKind::PerUser,
            Some(2),
            "2024-01-01T00:00:00Z",
        ),
        to_person("LIC-1", "emp-1", "2024-02-01T00:00:00Z"),
        to_person("LIC-1", "emp-2", "2024-03-01T00:00:00Z"),
    ])
    .unwrap();
    // backdated: emp-3 on 15 February fits (one seat free then) but would
    // leave no seat for emp-2 on 1 March, a later event it makes illegal
    let e = log
        .append(to_person("LIC-1", "emp-3", "2024-02-15T00:00:00Z"))
        .unwrap_err();
    assert_eq!(e.code(), "NO_FREE_SEAT", "{e}");
    // backdated and legal: a release before emp-2 took the seat
    log.append(
        NewEvent::new(
            "LIC-1",
            SeatReleased {
                person: Some("emp-1".parse().unwrap()),
                device: None,
            },
        )
        .at(t("2024-02-10T00:00:00Z")),
    )
    .unwrap();
    log.append(to_person("LIC-1", "emp-4", "2024-04-01T00:00:00Z"))
        .unwrap();
    let before = log.license("LIC-1", At::now()).unwrap();
    assert_eq!(before.version, 5);
    let holders: Vec<_> = before
        .holders
        .iter()
        .map(|s| s.holder.to_string())
        .collect();
    assert_eq!(holders, ["person emp-2", "person emp-4"]);
    log.rebuild().unwrap();
    assert_eq!(
        log.license("LIC-1", At::now()).unwrap(),
        before,
        "views equal a rebuild"
    );
    // as of a date equals a fold of what had happened by then
    let feb = log
        .license("LIC-1", At::occurred(t("2024-02-20T00:00:00Z")))
        .unwrap();
    assert_eq!(feb.seats_used, 0);
}

#[test]
fn license_keys_are_secrets_outside_the_log() {
    let log = AssetLog::open_in_memory().unwrap();
    log.append_batch(&[
        purchase("LIC-1", LicenseKind::Site, None, "2024-01-01T00:00:00Z"),
        ordered("LAP-1", "1.00 EUR", "2024-01-01"),
    ])
    .unwrap();
    let events = log.stats().unwrap().events;
    log.set_license_key("LIC-1", "XXXXX-YYYYY-ZZZZZ").unwrap();
    assert_eq!(
        log.license_key("LIC-1").unwrap().as_deref(),
        Some("XXXXX-YYYYY-ZZZZZ")
    );
    assert_eq!(log.stats().unwrap().events, events, "a key is not an event");
    let mut export = Vec::new();
    log.export_jsonl(&mut export).unwrap();
    assert!(
        !String::from_utf8(export).unwrap().contains("XXXXX"),
        "nor exported"
    );
    assert!(log.forget_license_key("LIC-1").unwrap());
    assert_eq!(log.license_key("LIC-1").unwrap(), None);
    assert!(
        log.verify().unwrap().first_mismatch.is_none(),
        "the chain is untouched"
    );
    assert_eq!(
        log.set_license_key("LAP-1", "K").unwrap_err().code(),
        "INVALID_VALUE"
    );
    assert_eq!(
        log.set_license_key("LIC-1", "").unwrap_err().code(),
        "EMPTY_FIELD"
    );
    assert_eq!(log.license_key("NOPE").unwrap_err().code(), "UNKNOWN_ASSET");
}

fn install(device: &str, name: &str, at: &str) -> NewEvent {
    NewEvent::new(
        device,
        assetlog::event::SoftwareInstalled {
            name: name.into(),
            version: Some("1.0".into()),
            publisher: None,
        },
    )
    .at(t(at))
}

#[test]
fn compliance_names_unlicensed_copies_and_shelfware() {
    use assetlog::compliance::ProductRule;
    let log = AssetLog::open_in_memory().unwrap();
    let mut events = Vec::new();
    for (tag, person) in [("LAP-1", "emp-1"), ("LAP-2", "emp-2"), ("LAP-3", "emp-3")] {
        events.push(ordered(tag, "1000.00 EUR", "2024-01-01"));
        events.push(received(tag, "2024-01-02"));
        events.push(crate::support::assigned(tag, person, "2024-01-03"));
    }
    events.push(purchase(
        "LIC-CC",
        LicenseKind::PerUser,
        Some(5),
        "2024-01-01T00:00:00Z",
    ));
    events.push(to_person("LIC-CC", "emp-1", "2024-01-04T00:00:00Z"));
    events.push(install(
        "LAP-1",
        "Adobe Photoshop 2025",
        "2024-01-05T00:00:00Z",
    ));
    events.push(install(
        "LAP-2",
        "Adobe Photoshop 2025",
        "2024-01-05T00:00:00Z",
    ));
    events.push(install("LAP-3", "Notepad++", "2024-01-05T00:00:00Z"));
    log.append_batch(&events).unwrap();
    let rules = ProductRule::from_rows([["Microsoft 365 E3", "adobe photoshop*", ""]]).unwrap();
    let report = log.compliance(At::now(), &rules).unwrap();
    assert_eq!(report.len(), 1);
    let p = &report[0];
    assert_eq!(
        (p.seats, p.seats_assigned, p.installations, p.licensed),
        (Some(5), 1, 2, 1)
    );
    assert!(p.over_deployed);
    assert_eq!(p.unlicensed[0].device, "LAP-2");
    assert_eq!(
        p.unlicensed[0].holder.as_ref().map(ToString::to_string),
        Some("emp-2".into())
    );
    assert_eq!(
        p.shelfware, 4,
        "five seats paid, one covers an installation"
    );
    // removed, the copy no longer counts; as of before, it did
    log.append(NewEvent::new(
        "LAP-2",
        assetlog::event::SoftwareRemoved {
            name: "Adobe Photoshop 2025".into(),
            version: None,
        },
    ))
    .unwrap();
    assert!(!log.compliance(At::now(), &rules).unwrap()[0].over_deployed);
    let before = At::occurred(t("2024-02-01T00:00:00Z"));
    assert!(log.compliance(before, &rules).unwrap()[0].over_deployed);
}

#[test]
fn license_costs_accrue_over_their_terms_in_spend_by_month() {
    let log = AssetLog::open_in_memory().unwrap();
    // 3600.00 EUR for 2024 (366 days), and a true-up of 120.00 EUR in March
    log.append_batch(&[
        purchase(
            "LIC-1",
            LicenseKind::PerUser,
            Some(2),
            "2024-01-01T00:00:00Z",
        ),
        NewEvent::new(
            "LIC-1",
            SeatsChanged {
                seats: 3,
                cost: Some("120.00 EUR".parse().unwrap()),
            },
        )
        .at(t("2024-03-15T00:00:00Z")),
    ])
    .unwrap();
    let months = log
        .spend_by_month(day("2024-01-01"), day("2024-12-31"))
        .unwrap();
    assert_eq!(months.len(), 12);
    let jan = &months[0].licenses[0];
    assert_eq!(
        jan.to_string(),
        "304.73 EUR",
        "31 days of 983 cents; the last day takes the remainder"
    );
    let total: i64 = months.iter().map(|m| m.licenses[0].minor()).sum();
    assert_eq!(
        total, 372_000,
        "the whole term and the true-up, to the cent"
    );
    assert!(
        months[2].licenses[0].minor() > months[1].licenses[0].minor(),
        "March has the true-up"
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    #[derive(Clone, Debug)]
    enum Op {
        Assign(u8),
        Release(u8),
        Seats(u8),
        Transfer(u8, u8),
    }

    fn op() -> impl Strategy<Value = (Op, u8)> {
        (
            prop_oneof![
                (0u8..6).prop_map(Op::Assign),
                (0u8..6).prop_map(Op::Release),
                (0u8..5).prop_map(Op::Seats),
                (0u8..6, 0u8..6).prop_map(|(a, b)| Op::Transfer(a, b)),
            ],
            0u8..4,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Seats in use never exceed the seats owned, a released seat is
        /// free again, the stored view equals a rebuild, and refused events
        /// leave the log as it was, whatever the order and backdating.
        #[test]
        fn seats_never_exceed_what_is_owned_and_views_equal_a_rebuild(ops in proptest::collection::vec(op(), 1..40)) {
            let log = AssetLog::open_in_memory().unwrap();
            log.append(purchase("LIC-P", LicenseKind::PerUser, Some(2), "2024-01-01T00:00:00Z")).unwrap();
            for (i, (o, back)) in ops.iter().enumerate() {
                let at = t("2024-02-01T00:00:00Z") + chrono::Duration::days(i as i64 * 2 - i64::from(*back));
                let person = |p: &u8| -> assetlog::PersonId { format!("emp-{p}").parse().unwrap() };
                let e = match o {
                    Op::Assign(p) => NewEvent::new("LIC-P", SeatAssigned { person: Some(person(p)), device: None }),
                    Op::Release(p) => NewEvent::new("LIC-P", SeatReleased { person: Some(person(p)), device: None }),
                    Op::Seats(n) => NewEvent::new("LIC-P", SeatsChanged { seats: u32::from(*n), cost: None }),
                    Op::Transfer(a, b) => NewEvent::new("LIC-P", SeatTransferred { from_person: Some(person(a)), to_person: Some(person(b)), ..Default::default() }),
                }
                .at(at);
                let before = log.license("LIC-P", At::now()).unwrap();
                let events = log.stats().unwrap().events;
                match log.append(e) {
                    Ok(_) => {
                        let after = log.license("LIC-P", At::now()).unwrap();
                        if let Op::Transfer(..) = o {
                            prop_assert_eq!(after.seats_used, before.seats_used, "a transfer keeps the count");
                        }
                        if let (Op::Release(_), Some(free_before), Some(free_after)) = (o, before.seats_free, after.seats_free) {
                            if before.seats == after.seats {
                                prop_assert_eq!(free_after, free_before + 1, "a released seat is free again");
                            }
                        }
                    }
                    Err(err) => {
                        prop_assert!(matches!(err.code(), "NO_FREE_SEAT" | "INVALID_VALUE" | "INVALID_TRANSITION"), "{}", err);
                        prop_assert_eq!(log.stats().unwrap().events, events);
                        prop_assert_eq!(&log.license("LIC-P", At::now()).unwrap(), &before);
                    }
                }
                let now = log.license("LIC-P", At::now()).unwrap();
                if let Some(seats) = now.seats {
                    prop_assert!(now.seats_used <= seats, "{} used of {}", now.seats_used, seats);
                }
            }
            let stored = log.license("LIC-P", At::now()).unwrap();
            log.rebuild().unwrap();
            prop_assert_eq!(log.license("LIC-P", At::now()).unwrap(), stored);
            // as of a far future moment: the same view, folded again
            let folded = log.license("LIC-P", At::occurred(t("2030-01-01T00:00:00Z"))).unwrap();
            prop_assert_eq!(folded, log.license("LIC-P", At::now()).unwrap());
        }
    }
}

#[test]
fn a_person_view_lists_their_seats_and_what_they_cost() {
    let log = AssetLog::open_in_memory().unwrap();
    log.append_batch(&[
        // 3600.00 EUR for 4 seats: 900.00 EUR a seat
        purchase(
            "LIC-1",
            LicenseKind::PerUser,
            Some(4),
            "2024-01-01T00:00:00Z",
        ),
        to_person("LIC-1", "emp-1", "2024-01-02T00:00:00Z"),
    ])
    .unwrap();
    let p = log.person_view("emp-1", At::now()).unwrap();
    assert_eq!(p.seats.len(), 1);
    assert_eq!(p.seats[0].license, "LIC-1");
    assert_eq!(p.seats_cost[0].to_string(), "900.00 EUR");
    // a person known only by their seat is no unknown person
    assert!(p.holding.is_empty());
}

fn transfer(tag: &str, from: &str, to: &str, at: &str) -> NewEvent {
    NewEvent::new(
        tag,
        SeatTransferred {
            from_person: Some(from.parse().unwrap()),
            to_person: Some(to.parse().unwrap()),
            ..Default::default()
        },
    )
    .at(t(at))
}

#[test]
fn a_transferred_seat_moves_without_freeing_and_only_where_seats_may_move() {
    let log = AssetLog::open_in_memory().unwrap();
    let mut oem = purchase(
        "LIC-OEM",
        LicenseKind::PerDevice,
        Some(2),
        "2024-01-01T00:00:00Z",
    );
    if let assetlog::Event::LicensePurchased(p) = &mut oem.event {
        p.not_reassignable = true;
    }
    log.append_batch(&[
        ordered("LAP-1", "1000.00 EUR", "2024-01-01"),
        received("LAP-1", "2024-01-02"),
        ordered("LAP-2", "1000.00 EUR", "2024-01-01"),
        received("LAP-2", "2024-01-02"),
        purchase(
            "LIC-A",
            LicenseKind::PerUser,
            Some(1),
            "2024-01-01T00:00:00Z",
        ),
        to_person("LIC-A", "emp-1", "2024-01-02T00:00:00Z"),
        oem,
        to_device("LIC-OEM", "LAP-1", "2024-01-03T00:00:00Z"),
    ])
    .unwrap();
    // the only seat moves from emp-1 to emp-2: no free seat needed
    log.append(transfer("LIC-A", "emp-1", "emp-2", "2024-03-01T00:00:00Z"))
        .unwrap();
    let l = log.license("LIC-A", At::now()).unwrap();
    assert_eq!((l.seats_used, l.seats_free), (1, Some(0)));
    assert_eq!(l.holders[0].holder.to_string(), "person emp-2");
    assert_eq!(l.holders[0].since, t("2024-03-01T00:00:00Z"));
    let before = log
        .license("LIC-A", At::occurred(t("2024-02-01T00:00:00Z")))
        .unwrap();
    assert_eq!(before.holders[0].holder.to_string(), "person emp-1");

    let stats = log.stats().unwrap();
    // from someone without a seat, to someone who has one, or a seat that
    // cannot move: refused, nothing written
    for (e, field) in [
        (
            transfer("LIC-A", "emp-1", "emp-3", "2024-03-02T00:00:00Z"),
            "from_person",
        ),
        (
            transfer("LIC-A", "emp-2", "emp-2", "2024-03-02T00:00:00Z"),
            "holder",
        ),
        (
            NewEvent::new(
                "LIC-OEM",
                SeatTransferred {
                    from_device: Some("LAP-1".into()),
                    to_device: Some("LAP-2".into()),
                    ..Default::default()
                },
            )
            .at(t("2024-03-02T00:00:00Z")),
            "from_device",
        ),
        (
            NewEvent::new(
                "LIC-A",
                SeatTransferred {
                    from_person: Some("emp-2".parse().unwrap()),
                    ..Default::default()
                },
            ),
            "to_person",
        ),
    ] {
        let err = log.append(e).unwrap_err();
        assert_eq!(err.code(), "INVALID_VALUE", "{err}");
        assert_eq!(err.details()["field"], field, "{err}");
    }
    assert_eq!(log.stats().unwrap(), stats, "refusals write nothing");
}

#[test]
fn seats_per_department_follow_their_holders_and_what_they_cost() {
    let log = AssetLog::open_in_memory().unwrap();
    log.append_batch(&[
        ordered("LAP-1", "1000.00 EUR", "2024-01-01"),
        received("LAP-1", "2024-01-02"),
        crate::support::assigned("LAP-1", "emp-1", "2024-01-03"),
        ordered("LAP-2", "1000.00 EUR", "2024-01-01"),
        received("LAP-2", "2024-01-02"),
        // 3600.00 EUR for 4 seats: 900.00 EUR a seat
        purchase(
            "LIC-1",
            LicenseKind::PerUser,
            Some(4),
            "2024-01-01T00:00:00Z",
        ),
        to_person("LIC-1", "emp-1", "2024-01-04T00:00:00Z"),
        to_person("LIC-1", "emp-9", "2024-01-04T00:00:00Z"),
        purchase("LIC-2", LicenseKind::Site, None, "2024-01-01T00:00:00Z"),
        to_device("LIC-2", "LAP-1", "2024-01-04T00:00:00Z"),
    ])
    .unwrap();
    let rows = log.seats_by_department(At::now()).unwrap();
    let found: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                r.department.as_deref(),
                r.seats,
                r.cost.iter().map(ToString::to_string).collect::<Vec<_>>(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            // emp-1 holds LAP-1 for Engineering; the site license's seat
            // on LAP-1 counts there too, at no cost per seat
            (Some("Engineering"), 2, vec!["900.00 EUR".to_owned()]),
            // emp-9 holds no device: department unknown, listed last
            (None, 1, vec!["900.00 EUR".to_owned()]),
        ]
    );
    assert_eq!(rows[0].products, ["Microsoft 365 E3"]);
    // before the seats were given, no department held any
    assert!(log
        .seats_by_department(At::occurred(t("2024-01-03T12:00:00Z")))
        .unwrap()
        .is_empty());
}

#[test]
fn compliance_counts_entitlements_by_edition() {
    let log = AssetLog::open_in_memory().unwrap();
    let mut pro = purchase(
        "LIC-PRO",
        LicenseKind::PerUser,
        Some(5),
        "2024-01-01T00:00:00Z",
    );
    let mut std_ = purchase(
        "LIC-STD",
        LicenseKind::PerUser,
        Some(20),
        "2024-01-01T00:00:00Z",
    );
    for (e, edition) in [(&mut pro, "Pro"), (&mut std_, "Standard")] {
        if let assetlog::Event::LicensePurchased(p) = &mut e.event {
            p.edition = Some(edition.into());
        }
    }
    log.append_batch(&[
        pro,
        std_,
        purchase(
            "LIC-X",
            LicenseKind::PerUser,
            Some(3),
            "2024-01-01T00:00:00Z",
        ),
        to_person("LIC-PRO", "emp-1", "2024-01-02T00:00:00Z"),
        to_person("LIC-STD", "emp-2", "2024-01-02T00:00:00Z"),
        to_person("LIC-STD", "emp-3", "2024-01-02T00:00:00Z"),
    ])
    .unwrap();
    let report = log.compliance(At::now(), &[]).unwrap();
    let p = &report[0];
    assert_eq!((p.seats, p.seats_assigned), (Some(28), 3));
    let editions: Vec<_> = p
        .editions
        .iter()
        .map(|e| (e.edition.as_deref(), e.seats, e.seats_assigned))
        .collect();
    assert_eq!(
        editions,
        [
            (Some("Pro"), Some(5), 1),
            (Some("Standard"), Some(20), 2),
            (None, Some(3), 0),
        ]
    );
}
