//! A Snipe-IT export in the layout of Snipe-IT's own importer samples, as
//! a user's real file arrives: CR line ends, Windows-1252 text, status
//! labels, checked-out users, warranty months, and a row with a stray comma.

use assetlog::{AssetLog, At, Event, Status};
use assetlog_import::{import_snipeit, SnipeitImport};

/// The shared fixture (also read by the Python and Node tests).
fn export() -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/snipeit/importer-layout-cp1252.csv"),
    )
    .unwrap()
}

#[test]
fn every_asset_arrives_with_its_status_holder_and_warranty_once() {
    let dir = std::env::temp_dir().join(format!("assetlog-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("assets.csv");
    std::fs::write(&file, export()).unwrap();
    let log = AssetLog::open_in_memory().unwrap();
    let snipe = SnipeitImport {
        assets: &file,
        users: None,
        locations: None,
        currency: "EUR".parse().unwrap(),
        encoding: None,
        status_map: None,
        dry_run: false,
        strict: false,
    };
    let report = import_snipeit(&log, &snipe).unwrap();
    assert_eq!(report.rows, 6);
    assert_eq!(report.assets, 5, "{:?}", report.skipped);
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(report.skipped[0].line, 7);
    assert!(report.skipped[0]
        .reason
        .contains("21 fields where the header has 20"));
    assert!(
        report.warnings.iter().any(|w| w.contains("windows-1252")),
        "{:?}",
        report.warnings
    );
    let at = At::now();
    let ada = log.asset("WBH-1", at).unwrap();
    assert_eq!(ada.status, Status::Assigned);
    assert_eq!(ada.holder.as_ref().unwrap().as_str(), "alovelace");
    assert_eq!(ada.location.as_deref(), Some("Zürich – HQ"));
    assert_eq!(ada.vendor, "Apple");
    assert_eq!(ada.model, "MacBook Pro 14");
    assert_eq!(ada.unit_cost.to_string(), "2499.00 EUR");
    assert_eq!(ada.warranty_end, "2027-01-15".parse().ok());
    assert_eq!(ada.department, None, "the company is not the department");
    let person = log.person(&"alovelace".parse().unwrap()).unwrap().unwrap();
    assert_eq!(person.name.as_deref(), Some("Ada Lovelace"));
    assert_eq!(person.email.as_deref(), Some("ada@example.com"));
    assert_eq!(log.asset("WBH-2", at).unwrap().status, Status::Lost);
    assert_eq!(log.asset("WBH-3", at).unwrap().status, Status::Retired);
    let four = log.asset("WBH-4", at).unwrap();
    assert_eq!(four.status, Status::InRepair);
    assert_eq!(four.holder.as_ref().unwrap().as_str(), "ghopper");
    assert_eq!(
        log.asset("WBH-5", at).unwrap().status,
        Status::InRepair,
        "undeployable stays visible"
    );
    // everything else is kept with the asset
    let note = log
        .history("WBH-1")
        .unwrap()
        .into_iter()
        .find_map(|e| match e.event {
            Event::Note(n) => Some(n.text),
            _ => None,
        })
        .unwrap();
    for kept in [
        "Company=Acme GmbH",
        "item Name=Ada's laptop",
        "Model Number=MX2E3",
        "Notes=battery € swapped",
        "Supplier=Gravis",
    ] {
        assert!(note.contains(kept), "{kept} missing from {note}");
    }
    // the location has no country and the costs are EUR by default: said, not hidden
    assert!(
        report
            .issues
            .iter()
            .any(|b| b.reason.contains("no known country")),
        "{:?}",
        report.issues
    );
    assert!(
        report
            .issues
            .iter()
            .any(|b| b.reason.contains("only by default")),
        "{:?}",
        report.issues
    );
    // twice: nothing new
    let again = import_snipeit(&log, &snipe).unwrap();
    assert_eq!(again.written, 0);
    assert_eq!(again.events, report.events);
}
