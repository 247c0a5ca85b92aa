//! A Jira export lands on the assets it names, by tag or serial, once.

use assetlog::event::{Ordered, Received};
use assetlog::{AssetLog, At, NewEvent};
use assetlog_import::{ingest_tickets, tickets::Columns};

fn t(s: &str) -> chrono::DateTime<chrono::Utc> {
    assetlog::time::parse_datetime("t", s).unwrap()
}

#[test]
fn tickets_open_and_close_on_the_asset_they_name() {
    let log = AssetLog::open_in_memory().unwrap();
    for (tag, serial) in [("LAP-1", "C02XK1"), ("LAP-2", "PF4")] {
        log.append_batch(&[
            NewEvent::new(
                tag,
                Ordered {
                    category: "laptop".into(),
                    vendor: "Lenovo".into(),
                    model: "T14".into(),
                    serial: Some(serial.into()),
                    unit_cost: "1000.00 EUR".parse().unwrap(),
                    order_ref: None,
                    warranty_end: None,
                },
            )
            .at(t("2024-01-01T00:00:00Z")),
            NewEvent::new(
                tag,
                Received {
                    location: "Berlin".into(),
                    country: Some("DE".parse().unwrap()),
                    serial: None,
                },
            )
            .at(t("2024-01-02T00:00:00Z")),
        ])
        .unwrap();
    }
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/tickets/jira-export.csv");
    let report = ingest_tickets(&log, &file, &Columns::default(), None, false).unwrap();
    assert_eq!(report.rows, 4);
    assert_eq!(report.assets, 2);
    assert_eq!(report.events, 3, "IT-101 opened and closed, IT-102 opened");
    assert_eq!(report.written, 3);
    assert_eq!(report.skipped.len(), 1);
    assert!(report.skipped[0].reason.contains("IT-104"));
    assert_eq!(report.issues.len(), 1);
    assert!(report.issues[0].reason.contains("'LAP-9' is no asset"));
    let one = log.asset("LAP-1", At::now()).unwrap();
    assert!(one.open_tickets.is_empty());
    let repair: i64 = log
        .cost("LAP-1", At::now(), &assetlog::Policy::default())
        .unwrap()
        .costs
        .iter()
        .map(|c| c.support.minor())
        .sum();
    assert_eq!(repair, 12_000, "the ticket's cost, in the asset's currency");
    assert_eq!(
        log.asset("LAP-2", At::now()).unwrap().open_tickets,
        vec!["IT-102".to_owned()]
    );
    let again = ingest_tickets(&log, &file, &Columns::default(), None, false).unwrap();
    assert_eq!(again.written, 0, "twice: nothing new");
}
