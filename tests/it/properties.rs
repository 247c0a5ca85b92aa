//! Properties over random event sequences.

use std::collections::BTreeMap;

use assetlog::event::{
    Assigned, Condition, CostKind, CostRecorded, Delivered, Found, Note, Observed, Ordered,
    Patched, Received, Relocated, Repaired, ReportedLost, RetireReason, Retired, ReturnReason,
    ReturnRequested, Returned, SentForRepair, Shipped, TicketClosed, TicketOpened, Unassigned,
    Wiped,
};
use assetlog::lifecycle;
use assetlog::{AssetLog, At, Currency, Dimension, Event, EventType, FleetFilter, Money, NewEvent};
use chrono::{Duration, NaiveDate};
use proptest::prelude::*;

use crate::support::t;

/// One random step: which asset, which event (an index into the allowed
/// events, or into all events when `any`), an amount and a time shift.
#[derive(Clone, Debug)]
struct Op {
    asset: usize,
    pick: usize,
    any: bool,
    amount: i64,
    euro: bool,
    back_days: i64,
}

fn op(illegal_share: u32) -> impl Strategy<Value = Op> {
    (
        0..3usize,
        0..64usize,
        0..100u32,
        0..1_000_000_000_000i64,
        any::<bool>(),
        0..100u32,
    )
        .prop_map(move |(asset, pick, roll, amount, euro, back)| Op {
            asset,
            pick,
            any: roll < illegal_share,
            amount,
            euro,
            // one step in five is backdated by up to 30 days
            back_days: if back < 20 { i64::from(back) + 1 } else { 0 },
        })
}

fn event_of(ty: EventType, o: &Op) -> Event {
    let cur = Currency::new(if o.euro { "EUR" } else { "USD" }).unwrap();
    let m = Money::from_minor(o.amount, cur);
    let n = o.amount;
    match ty {
        EventType::Ordered => Ordered {
            category: "laptop".into(),
            vendor: "V".into(),
            model: "M".into(),
            serial: Some(format!("S{}", n % 5)),
            unit_cost: m,
            order_ref: None,
            warranty_end: NaiveDate::from_ymd_opt(2024, 1, 1)
                .map(|d| d + Duration::days(n % 60))
                .filter(|_| n % 3 != 0),
        }
        .into(),
        EventType::Received => Received {
            location: format!("L{}", n % 3),
            country: Some(if n % 2 == 0 { "DE" } else { "FR" }.parse().unwrap()),
            serial: None,
        }
        .into(),
        EventType::Shipped => Shipped {
            from: None,
            to: "Home".into(),
            to_country: Some("SG".parse().unwrap()),
            carrier: None,
            tracking_ref: None,
            cost: Some(m),
        }
        .into(),
        EventType::Delivered => Delivered {
            location: None,
            country: None,
        }
        .into(),
        EventType::Assigned => Assigned {
            person: format!("p{}", n % 3).parse().unwrap(),
            department: Some(if n % 2 == 0 { "Sales" } else { "D" }.into()),
            cost_centre: None,
        }
        .into(),
        EventType::Unassigned => Unassigned { reason: None }.into(),
        EventType::Observed => Observed {
            location: None,
            country: None,
            os_version: Some(format!("{}", n % 7)),
            firmware_version: None,
            source: None,
        }
        .into(),
        EventType::Patched => Patched {
            component: "os".into(),
            version: format!("{n}"),
        }
        .into(),
        EventType::SentForRepair => SentForRepair {
            vendor: None,
            reason: None,
        }
        .into(),
        EventType::Repaired => Repaired {
            cost: Some(m),
            vendor: None,
            under_warranty: false,
            description: None,
        }
        .into(),
        EventType::TicketOpened => TicketOpened {
            ticket_id: format!("T{}", n % 2),
            summary: None,
        }
        .into(),
        EventType::TicketClosed => TicketClosed {
            ticket_id: format!("T{}", n % 2),
            cost: Some(m),
            resolution: None,
        }
        .into(),
        EventType::ReturnRequested => ReturnRequested {
            reason: ReturnReason::Offboarding,
            due: NaiveDate::from_ymd_opt(2024, 6, 1).unwrap(),
        }
        .into(),
        EventType::Returned => Returned {
            condition: Condition::Good,
            location: "Depot".into(),
            country: None,
        }
        .into(),
        EventType::Wiped => Wiped {
            method: "purge".into(),
            certificate_ref: None,
        }
        .into(),
        EventType::Retired => Retired {
            reason: RetireReason::Sold,
            resale_value: Some(m),
            disposal_cost: None,
        }
        .into(),
        EventType::ReportedLost => ReportedLost {
            stolen: n % 2 == 0,
            report_ref: None,
        }
        .into(),
        EventType::Found => Found {
            location: "Depot".into(),
            country: None,
        }
        .into(),
        EventType::Relocated => Relocated {
            location: "Elsewhere".into(),
            country: None,
        }
        .into(),
        EventType::CostRecorded => CostRecorded {
            kind: [
                CostKind::Purchase,
                CostKind::Shipping,
                CostKind::Repair,
                CostKind::Support,
                CostKind::Other,
            ][(n % 5) as usize],
            amount: m,
            description: None,
        }
        .into(),
        EventType::Note => Note {
            text: format!("{n}"),
        }
        .into(),
        EventType::SoftwareInstalled => assetlog::event::SoftwareInstalled {
            name: format!("Program {}", n % 3),
            version: Some(format!("1.{n}")),
            publisher: None,
        }
        .into(),
        EventType::SoftwareRemoved => assetlog::event::SoftwareRemoved {
            name: format!("Program {}", n % 3),
            version: None,
        }
        .into(),
        // the enum is non_exhaustive for other crates: a new event type must
        // get a generator here, or every run that draws it fails
        other => panic!("no generator for event type {other:?}: add one to event_of"),
    }
}

/// Turn ops into appends; returns the log and the events it accepted.
fn play(ops: &[Op]) -> (AssetLog, Vec<NewEvent>, usize) {
    let log = AssetLog::open_in_memory().unwrap();
    let mut accepted = Vec::new();
    let mut refused = 0;
    let start = t("2024-01-01T00:00:00Z");
    for (i, o) in ops.iter().enumerate() {
        let tag = format!("A{}", o.asset);
        let status = log.asset(tag.as_str(), At::now()).ok().map(|v| v.status);
        let ty = if o.any {
            // every device event type, allowed or not (a license's events
            // have their own lifecycle and tests: tests/it/licenses.rs)
            let device: Vec<EventType> = EventType::ALL
                .iter()
                .copied()
                .filter(|t| !t.is_license())
                .collect();
            device[o.pick % device.len()]
        } else {
            let allowed = lifecycle::allowed_events(status);
            allowed[o.pick % allowed.len()]
        };
        let at = start + Duration::days(i as i64) - Duration::days(o.back_days);
        let mut e = NewEvent::new(tag.as_str(), event_of(ty, o)).at(at);
        // serials repeat on purpose: the duplicate-serials report is under test
        e.allow_duplicate_serial = true;
        let before = log.asset(tag.as_str(), At::now()).ok();
        let events_before = log.stats().unwrap().events;
        match log.append(e.clone()) {
            Ok(_) => accepted.push(e),
            Err(err) => {
                refused += 1;
                assert!(
                    matches!(
                        err.code(),
                        "INVALID_TRANSITION" | "DUPLICATE_TAG" | "UNKNOWN_ASSET"
                    ),
                    "unexpected {err}"
                );
                // a refused event changes nothing
                assert_eq!(log.asset(tag.as_str(), At::now()).ok(), before);
                assert_eq!(log.stats().unwrap().events, events_before);
            }
        }
    }
    (log, accepted, refused)
}

fn all_views(log: &AssetLog) -> Vec<assetlog::AssetView> {
    log.fleet(&FleetFilter::default(), At::now()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// For random valid event sequences the inline views equal a full rebuild.
    #[test]
    fn inline_views_equal_a_rebuild(ops in proptest::collection::vec(op(0), 1..60)) {
        let (log, _, _) = play(&ops);
        let inline = all_views(&log);
        log.rebuild().unwrap();
        prop_assert_eq!(inline, all_views(&log));
    }

    /// Random sequences mixed with illegal events never leave a stream in a
    /// status the transition table does not allow; refused events change nothing.
    #[test]
    fn streams_only_ever_follow_the_table(ops in proptest::collection::vec(op(40), 1..60)) {
        let (log, _, _) = play(&ops);
        for view in all_views(&log) {
            let mut status = None;
            let mut holder = false;
            for e in log.history(view.asset_id).unwrap() {
                let target = lifecycle::target(status, e.event_type());
                prop_assert!(target.is_some(), "{} after {:?} in {}", e.event_type(), status, view.tag);
                match &e.event {
                    Event::Assigned(_) => holder = true,
                    Event::Unassigned(_) | Event::Returned(_) | Event::Retired(_) | Event::Found(_) => holder = false,
                    _ => {}
                }
                status = Some(target.unwrap().resolve(status, holder));
            }
            prop_assert_eq!(status, Some(view.status));
        }
    }

    /// Money sums are exact: the spend report equals the sum of the accepted
    /// amounts in integer arithmetic, per currency and kind.
    #[test]
    fn money_sums_are_exact(ops in proptest::collection::vec(op(0), 1..60)) {
        let (log, accepted, _) = play(&ops);
        let mut expected: BTreeMap<String, i128> = BTreeMap::new();
        for e in &accepted {
            let (m, sign) = match &e.event {
                Event::Ordered(o) => (Some(o.unit_cost), 1),
                Event::Shipped(s) => (s.cost, 1),
                Event::Repaired(r) => (r.cost, 1),
                Event::TicketClosed(c) => (c.cost, 1),
                Event::CostRecorded(c) => (Some(c.amount), 1),
                Event::Retired(r) => (r.resale_value, -1),
                _ => (None, 0),
            };
            if let Some(m) = m {
                *expected.entry(m.currency().to_string()).or_default() += i128::from(m.minor()) * sign;
            }
        }
        let spend = log.spend(&FleetFilter::default(), At::now()).unwrap();
        let actual: BTreeMap<String, i128> = spend
            .iter()
            .map(|c| (c.currency.to_string(), i128::from(c.total.minor())))
            .collect();
        let expected: BTreeMap<String, i128> = expected.into_iter().collect();
        prop_assert_eq!(actual, expected);
    }
}

/// Every fleet question at `at`, as JSON, so two ways of answering compare whole.
fn answers(log: &AssetLog, at: At) -> serde_json::Value {
    let all = FleetFilter::default();
    let by_dept = FleetFilter {
        department: Some("Sales".into()),
        ..FleetFilter::default()
    };
    let in_stock = FleetFilter {
        status: Some(assetlog::Status::InStock),
        ..FleetFilter::default()
    };
    let day = NaiveDate::from_ymd_opt(2024, 2, 1).unwrap();
    serde_json::json!({
        "fleet": log.fleet(&all, at).unwrap(),
        "counts": log.counts(&all, at).unwrap(),
        "counts_in_stock": log.counts(&in_stock, at).unwrap(),
        "spend": log.spend(&all, at).unwrap(),
        "spend_sales": log.spend(&by_dept, at).unwrap(),
        "spend_in_stock": log.spend(&in_stock, at).unwrap(),
        "idle": log.idle(3, at).unwrap(),
        "overdue": log.overdue_returns(at).unwrap(),
        "not_patched_since": log.not_patched_since(t("2024-01-20T00:00:00Z"), at).unwrap(),
        "warranty": log.warranty_ending_before(day, at).unwrap(),
        "serials": log.duplicate_serials(at).unwrap(),
        "holdings": log.holdings(&"p1".parse().unwrap(), at).unwrap(),
        "unseen": log.unseen(2, &assetlog::CheckInPolicy::default(), &all, at).unwrap(),
        "unpatched": log.unpatched(5, &assetlog::CheckInPolicy::default(), &all, at).unwrap(),
        "outdated": log
            .outdated("os", "5", &assetlog::CheckInPolicy::default(), &all, at)
            .unwrap(),
        "warranty_within": log
            .warranty_ending_within(day, day + Duration::days(20), at)
            .unwrap(),
        "flows": assetlog::Flow::ALL
            .iter()
            .map(|f| {
                log.flow_times(
                    *f,
                    Some(assetlog::FlowGroup::Carrier),
                    day - Duration::days(60),
                    day + Duration::days(60),
                    at,
                )
                .unwrap()
            })
            .collect::<Vec<_>>(),
        "recovery": log
            .recovery(day - Duration::days(60), day + Duration::days(60), at)
            .unwrap(),
        "counts_by": [
            log.counts_by(&[Dimension::Department, Dimension::Country], &all, at).unwrap(),
            log.counts_by(&[Dimension::Status], &in_stock, at).unwrap(),
            log.counts_by(&[Dimension::Category, Dimension::Location], &all, at).unwrap(),
        ],
        "spend_by": [
            log.spend_by(&[Dimension::Department], &all, at).unwrap(),
            log.spend_by(&[Dimension::Status, Dimension::Country], &all, at).unwrap(),
            log.spend_by(&[Dimension::Location], &by_dept, at).unwrap(),
            log.spend_by(&[Dimension::Vendor], &in_stock, at).unwrap(),
        ],
    })
}

/// The moments to ask at: every few days over the generated history, and beyond.
fn moments() -> impl Iterator<Item = chrono::DateTime<chrono::Utc>> {
    (0..70)
        .step_by(3)
        .map(|d| t("2024-01-01T12:00:00Z") + Duration::days(d))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// "As of" answers from the stored intervals equal a re-fold of the log
    /// up to that instant, for every fleet question, and stay equal after a
    /// rebuild and when the same events arrive as one batch.
    #[test]
    fn as_of_answers_equal_a_refold(ops in proptest::collection::vec(op(0), 1..50)) {
        let (log, accepted, _) = play(&ops);
        let far = t("2100-01-01T00:00:00Z");
        let batch = AssetLog::open_in_memory().unwrap();
        let same_ids: Vec<NewEvent> = accepted
            .into_iter()
            .map(|mut e| {
                if e.event.event_type() == EventType::Ordered {
                    e.asset_id = Some(log.asset(e.asset.clone(), At::now()).unwrap().asset_id);
                }
                e
            })
            .collect();
        batch.append_batch(&same_ids).unwrap();
        let mut stored = Vec::new();
        for m in moments() {
            let from_intervals = answers(&log, At::occurred(m));
            // a recorded cutoff makes the log fold again
            let refolded = answers(&log, At { occurred: Some(m), recorded: Some(far) });
            prop_assert_eq!(&from_intervals, &refolded, "at {}", m);
            prop_assert_eq!(&from_intervals, &answers(&batch, At::occurred(m)), "batch, at {}", m);
            stored.push(from_intervals);
        }
        log.rebuild().unwrap();
        for (m, before) in moments().zip(stored) {
            prop_assert_eq!(before, answers(&log, At::occurred(m)), "after rebuild, at {}", m);
        }
    }
}
