//! Flow times and recovery, against figures worked out by hand from the events.

use assetlog::event::{Condition, Delivered, ReturnReason, ReturnRequested, Returned, Shipped};
use assetlog::{AssetLog, At, Flow, FlowGroup, NewEvent};

use crate::support::{assigned, ordered, received, t};

fn shipped(tag: &str, at: &str) -> NewEvent {
    NewEvent::new(
        tag,
        Shipped {
            from: None,
            to: "Home".into(),
            to_country: Some("FR".parse().unwrap()),
            carrier: Some("DHL".into()),
            tracking_ref: None,
            cost: None,
        },
    )
    .at(t(at))
}

fn delivered(tag: &str, at: &str) -> NewEvent {
    NewEvent::new(
        tag,
        Delivered {
            location: None,
            country: None,
        },
    )
    .at(t(at))
}

fn return_requested(tag: &str, at: &str, due: &str) -> NewEvent {
    NewEvent::new(
        tag,
        ReturnRequested {
            reason: ReturnReason::Offboarding,
            due: due.parse().unwrap(),
        },
    )
    .at(t(at))
}

fn returned(tag: &str, at: &str, condition: Condition) -> NewEvent {
    NewEvent::new(
        tag,
        Returned {
            condition,
            location: "Depot".into(),
            country: Some("DE".parse().unwrap()),
        },
    )
    .at(t(at))
}

/// A: ordered 1 Jan, received 5 Jan (4 days), shipped 6 Jan, delivered to
/// FR 9 Jan (3 days), assigned 10 Jan; return requested 1 Mar due 10 Mar,
/// back 8 Mar in good condition (7 days, on time), assigned again 20 Mar.
/// B: ordered 1 Jan, received 11 Jan (10 days), assigned 13 Jan; return
/// requested 1 Mar due 5 Mar, back 15 Mar worn (14 days, late).
/// C: ordered 1 Jan, received 2 Jan (1 day), assigned 3 Jan; return
/// requested 2 Mar, never back.
fn log() -> AssetLog {
    let log = AssetLog::open_in_memory().unwrap();
    log.append_batch(&[
        ordered("A", "1000.00 EUR", "2024-01-01"),
        ordered("B", "1000.00 EUR", "2024-01-01"),
        ordered("C", "700.00 EUR", "2024-01-01"),
        received("A", "2024-01-05"),
        received("B", "2024-01-11"),
        received("C", "2024-01-02"),
        shipped("A", "2024-01-06T00:00:00Z"),
        delivered("A", "2024-01-09T00:00:00Z"),
        assigned("A", "emp-1", "2024-01-10"),
        assigned("B", "emp-2", "2024-01-13"),
        assigned("C", "emp-3", "2024-01-03"),
        return_requested("A", "2024-03-01T00:00:00Z", "2024-03-10"),
        return_requested("B", "2024-03-01T00:00:00Z", "2024-03-05"),
        return_requested("C", "2024-03-02T00:00:00Z", "2024-03-09"),
        returned("A", "2024-03-08T00:00:00Z", Condition::Good),
        returned("B", "2024-03-15T00:00:00Z", Condition::Worn),
        assigned("A", "emp-4", "2024-03-20"),
    ])
    .unwrap();
    log
}

fn window() -> (chrono::NaiveDate, chrono::NaiveDate) {
    ("2024-01-01".parse().unwrap(), "2024-12-31".parse().unwrap())
}

#[test]
fn lead_times_have_median_p90_and_count() {
    let log = log();
    let (from, to) = window();
    let r = log
        .flow_times(Flow::OrderToReceipt, None, from, to, At::now())
        .unwrap();
    // 1, 4 and 10 days
    assert_eq!(
        (r[0].count, r[0].median_days, r[0].p90_days, r[0].max_days),
        (3, 4.0, 10.0, 10.0)
    );
    let ship = log
        .flow_times(
            Flow::Shipping,
            Some(FlowGroup::Country),
            from,
            to,
            At::now(),
        )
        .unwrap();
    assert_eq!(ship.len(), 1);
    assert_eq!(ship[0].key, vec![Some("FR".to_owned())]);
    assert_eq!((ship[0].count, ship[0].median_days), (1, 3.0));
    let by_carrier = log
        .flow_times(
            Flow::Shipping,
            Some(FlowGroup::Carrier),
            from,
            to,
            At::now(),
        )
        .unwrap();
    assert_eq!(by_carrier[0].key, vec![Some("DHL".to_owned())]);
    let back = log
        .flow_times(Flow::Return, None, from, to, At::now())
        .unwrap();
    // 7 and 14 days; C never came back
    assert_eq!(
        (back[0].count, back[0].median_days, back[0].max_days),
        (2, 7.0, 14.0)
    );
    // a window that ends before the flows did counts none of them
    let early = log
        .flow_times(
            Flow::Return,
            None,
            from,
            "2024-03-07".parse().unwrap(),
            At::now(),
        )
        .unwrap();
    assert!(early.is_empty());
    let e = FlowGroup::from_name("department").unwrap_err();
    assert_eq!(e.code(), "INVALID_VALUE");
}

#[test]
fn recovery_counts_on_time_late_open_condition_and_redeployment() {
    let log = log();
    let (from, to) = window();
    let r = log.recovery(from, to, At::now()).unwrap();
    assert_eq!(r.requested, 3);
    assert_eq!(
        (r.returned_on_time, r.returned_late, r.still_open),
        (1, 1, 1)
    );
    assert_eq!(r.condition.get("good"), Some(&1));
    assert_eq!(r.condition.get("worn"), Some(&1));
    assert_eq!(r.redeployed, 1);
    assert_eq!(r.outstanding[0].to_string(), "700.00 EUR");
    // C (700.00 EUR, ordered 1 Jan 2024) is worth less than it cost by now
    assert!(r.outstanding_book_value[0].minor() < 70_000);
    // as of 10 March, B was still out too
    let then = log
        .recovery(from, to, At::end_of("2024-03-10".parse().unwrap()))
        .unwrap();
    assert_eq!((then.returned_on_time, then.still_open), (1, 2));
}

#[test]
fn several_flow_questions_in_one_pass_answer_as_each_alone() {
    use assetlog::{Flow, FlowGroup};
    let log = log();
    let (from, to) = window();
    let questions: Vec<(Flow, Option<FlowGroup>)> = Flow::ALL
        .iter()
        .flat_map(|f| [(*f, None), (*f, Some(FlowGroup::Country))])
        .collect();
    let many = log
        .flow_times_many(&questions, from, to, assetlog::At::now())
        .unwrap();
    for ((flow, by), got) in questions.iter().zip(&many) {
        let alone = log
            .flow_times(*flow, *by, from, to, assetlog::At::now())
            .unwrap();
        assert_eq!(&alone, got, "{flow:?} by {by:?}");
    }
}
