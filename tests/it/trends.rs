//! The fleet over time: status counts at dates, spend by month, age bands
//! and end of life by quarter, each worked out by hand.

use assetlog::event::{Repaired, SentForRepair};
use assetlog::{AssetLog, At, NewEvent, Status};
use chrono::NaiveDate;

use crate::support::{assigned, ordered, received, t};

/// A day, its counts by status, in service, total.
type Point = (NaiveDate, Vec<(Status, u64)>, u64, u64);

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn fleet() -> AssetLog {
    let log = AssetLog::open_in_memory().unwrap();
    log.append_batch(&[
        ordered("A", "1000.00 EUR", "2024-01-01T00:00:00Z"),
        ordered("B", "1000.00 EUR", "2024-01-01T00:00:00Z"),
        received("A", "2024-01-05T00:00:00Z"),
        assigned("A", "emp-1", "2024-01-10T00:00:00Z"),
        received("B", "2024-01-11T00:00:00Z"),
        ordered("C", "700.00 EUR", "2024-02-01T00:00:00Z"),
        NewEvent::new(
            "A",
            SentForRepair {
                vendor: Some("Lenovo depot".into()),
                reason: None,
            },
        )
        .at(t("2024-02-10T00:00:00Z")),
        NewEvent::new(
            "A",
            Repaired {
                cost: Some("100.00 EUR".parse().unwrap()),
                vendor: Some("Lenovo depot".into()),
                under_warranty: false,
                description: None,
            },
        )
        .at(t("2024-02-20T00:00:00Z")),
    ])
    .unwrap();
    log
}

#[test]
fn status_over_time_counts_each_asset_once_at_the_end_of_each_day() {
    let log = fleet();
    let points = log
        .status_over_time(&[
            day("2024-01-31"),
            day("2024-02-15"),
            day("2024-01-01"),
            day("2024-01-31"),
        ])
        .unwrap();
    let got: Vec<Point> = points
        .into_iter()
        .map(|p| {
            (
                p.on,
                p.by_status.into_iter().collect(),
                p.in_service,
                p.total,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (day("2024-01-01"), vec![(Status::Ordered, 2)], 0, 2),
            (
                day("2024-01-31"),
                vec![(Status::InStock, 1), (Status::Assigned, 1)],
                2,
                2
            ),
            (
                day("2024-02-15"),
                vec![
                    (Status::Ordered, 1),
                    (Status::InStock, 1),
                    (Status::InRepair, 1)
                ],
                2,
                3
            ),
        ]
    );
    // the same as the counts as of each day
    for d in ["2024-01-01", "2024-01-31", "2024-02-15", "2024-02-25"] {
        let counts = log
            .counts(&assetlog::FleetFilter::default(), At::end_of(day(d)))
            .unwrap();
        let point = &log.status_over_time(&[day(d)]).unwrap()[0];
        assert_eq!(counts.by_status, point.by_status, "{d}");
    }
    let e = log.status_over_time(&[]).unwrap_err();
    assert_eq!(e.code(), "INVALID_VALUE");
}

#[test]
fn spend_by_month_splits_costs_by_month_currency_and_kind() {
    let log = fleet();
    let months = log
        .spend_by_month(day("2024-01-01"), day("2024-02-29"))
        .unwrap();
    let got: Vec<(String, String, String, String)> = months
        .iter()
        .flat_map(|m| {
            m.costs.iter().map(|c| {
                (
                    m.month.clone(),
                    c.purchase.to_string(),
                    c.repair.to_string(),
                    c.total.to_string(),
                )
            })
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "2024-01".into(),
                "2000.00 EUR".into(),
                "0.00 EUR".into(),
                "2000.00 EUR".into()
            ),
            (
                "2024-02".into(),
                "700.00 EUR".into(),
                "100.00 EUR".into(),
                "800.00 EUR".into()
            ),
        ]
    );
    // a window of February alone
    assert_eq!(
        log.spend_by_month(day("2024-02-01"), day("2024-02-15"))
            .unwrap()
            .iter()
            .map(|m| m.costs[0].total.to_string())
            .collect::<Vec<_>>(),
        vec!["700.00 EUR"]
    );
    assert!(log
        .spend_by_month(day("2024-03-01"), day("2024-02-01"))
        .is_err());
}

#[test]
fn age_profile_counts_assets_in_service_by_whole_years_since_order() {
    let log = fleet();
    let bands = log.age_profile(At::end_of(day("2026-01-15"))).unwrap();
    assert_eq!(bands.len(), 1, "C was only ordered: not in service");
    assert_eq!((bands[0].years, bands[0].count), (2, 2));
    assert_eq!(bands[0].by_category.get("laptop"), Some(&2));
    let young = log.age_profile(At::end_of(day("2024-12-31"))).unwrap();
    assert_eq!((young[0].years, young[0].count), (0, 2));
}
