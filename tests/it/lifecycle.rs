//! The lifecycle as users meet it through the log, and its documentation.

use assetlog::lifecycle::{self, Status};
use assetlog::{AssetLog, At, EventType};

use crate::support::{assigned, ordered, received};

#[test]
fn an_illegal_event_names_asset_status_and_event_and_writes_nothing() {
    let log = AssetLog::open_in_memory().unwrap();
    log.append(ordered("LAP-9", "1.00 EUR", "2024-01-01"))
        .unwrap();
    let err = log
        .append(assigned("LAP-9", "p", "2024-01-02"))
        .unwrap_err();
    assert_eq!(err.code(), "INVALID_TRANSITION");
    let msg = err.to_string();
    assert!(
        msg.contains("LAP-9") && msg.contains("ordered") && msg.contains("assigned"),
        "{msg}"
    );
    assert_eq!(log.stats().unwrap().events, 1);
    assert_eq!(log.asset("LAP-9", At::now()).unwrap().version, 1);
}

#[test]
fn nothing_moves_a_retired_asset() {
    let log = AssetLog::open_in_memory().unwrap();
    log.append_batch(&[
        ordered("A", "1.00 EUR", "2024-01-01"),
        received("A", "2024-01-02"),
    ])
    .unwrap();
    log.append(
        assetlog::NewEvent::new(
            "A",
            assetlog::event::Retired {
                reason: assetlog::event::RetireReason::Recycled,
                resale_value: None,
                disposal_cost: None,
            },
        )
        .at(crate::support::t("2024-01-03")),
    )
    .unwrap();
    for e in lifecycle::allowed_events(Some(Status::Retired)) {
        assert_eq!(
            lifecycle::target(Some(Status::Retired), e),
            Some(assetlog::Target::Same)
        );
    }
    assert_eq!(
        log.append(received("A", "2024-01-04")).unwrap_err().code(),
        "INVALID_TRANSITION"
    );
}

#[test]
fn every_event_type_is_reachable_from_some_status() {
    // a license's events have their own table (assetlog::license)
    for e in EventType::ALL.iter().filter(|e| !e.is_license()) {
        assert!(
            lifecycle::transitions().iter().any(|t| t.event == *e),
            "{e} is never allowed"
        );
    }
}

#[test]
fn docs_lifecycle_md_shows_the_table_in_code() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/lifecycle.md");
    let doc = std::fs::read_to_string(path).expect("docs/lifecycle.md exists");
    let table = lifecycle::render_markdown();
    assert!(
        doc.contains(&table),
        "docs/lifecycle.md is out of date; paste this table:\n{table}"
    );
    let licenses = assetlog::license::render_markdown();
    assert!(
        doc.contains(&licenses),
        "docs/lifecycle.md is out of date; paste this license table:\n{licenses}"
    );
}

#[test]
fn statuses_read_without_regard_to_case_spaces_or_hyphens() {
    use assetlog::Status;
    for (text, want) in [
        ("assigned", Status::Assigned),
        ("Assigned", Status::Assigned),
        ("IN STOCK", Status::InStock),
        ("return-pending", Status::ReturnPending),
        (" in_repair ", Status::InRepair),
    ] {
        assert_eq!(Status::from_name(text).unwrap(), want, "{text}");
        let json: Status = serde_json::from_value(serde_json::json!(text)).unwrap();
        assert_eq!(json, want);
    }
    assert_eq!(
        Status::from_name("lots").unwrap_err().code(),
        "INVALID_VALUE"
    );
    assert_eq!(serde_json::to_value(Status::InStock).unwrap(), "in_stock");
}
