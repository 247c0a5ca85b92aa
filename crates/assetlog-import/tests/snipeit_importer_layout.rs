//! A Snipe-IT export in the layout of Snipe-IT's own importer samples, as
//! a user's real file arrives: CR line ends, Windows-1252 text, status
//! labels, checked-out users, warranty months, and a row with a stray comma.

use assetlog::{AssetLog, At, Event, Status};
use assetlog_import::{import_snipeit, SnipeitImport};

const HEADER: &str = "Full Name,Email,Username,Company,item Name,Category,Model name,Manufacturer,Model Number,Serial,Asset Tag,Location,Category,Notes,Purchase Date,Purchase Cost,Company,Status,Warranty,Supplier";

fn row(fields: &[&[u8]]) -> Vec<u8> {
    let mut out = fields.join(&b","[..]);
    out.push(b'\r');
    out
}

fn export() -> Vec<u8> {
    let mut b = HEADER.as_bytes().to_vec();
    b.push(b'\r');
    // Zürich – HQ (0xFC ü, 0x96 en dash): bytes 0x80-0x9F are Windows-1252 characters
    b.extend(row(&[
        b"Ada Lovelace",
        b"ada@example.com",
        b"alovelace",
        b"Acme GmbH",
        b"Ada's laptop",
        b"Laptops",
        b"MacBook Pro 14",
        b"Apple",
        b"MX2E3",
        b"C02XK1",
        b"WBH-1",
        b"Z\xfcrich \x96 HQ",
        b"Laptops",
        b"battery \x80 swapped",
        b"2024-01-15",
        b"\"2,499.00\"",
        b"Acme GmbH",
        b"Ready to Deploy",
        b"36",
        b"Gravis",
    ]));
    b.extend(row(&[
        b"",
        b"",
        b"",
        b"Acme Inc",
        b"Spare",
        b"Phones",
        b"iPhone 15",
        b"Apple",
        b"A3090",
        b"F17X",
        b"WBH-2",
        b"Berlin",
        b"Phones",
        b"",
        b"2024-02-01",
        b"899.00",
        b"Acme Inc",
        b"Lost/Stolen",
        b"12",
        b"Gravis",
    ]));
    b.extend(row(&[
        b"",
        b"",
        b"",
        b"Acme Inc",
        b"Old",
        b"Laptops",
        b"ThinkPad T14",
        b"Lenovo",
        b"20W0",
        b"PF3",
        b"WBH-3",
        b"Berlin",
        b"Laptops",
        b"",
        b"2021-05-01",
        b"\"1,200.00\"",
        b"Acme Inc",
        b"Archived",
        b"36",
        b"CDW",
    ]));
    b.extend(row(&[
        b"Grace Hopper",
        b"grace@example.com",
        b"ghopper",
        b"Acme Inc",
        b"",
        b"Laptops",
        b"ThinkPad T14",
        b"Lenovo",
        b"20W0",
        b"PF4",
        b"WBH-4",
        b"Berlin",
        b"Laptops",
        b"",
        b"2024-03-01",
        b"\"1,250.00\"",
        b"Acme Inc",
        b"Pending Diagnostics",
        b"36",
        b"CDW",
    ]));
    b.extend(row(&[
        b"",
        b"",
        b"",
        b"Acme Inc",
        b"",
        b"Monitors",
        b"U2723",
        b"Dell",
        b"",
        b"D1",
        b"WBH-5",
        b"Berlin",
        b"Monitors",
        b"",
        b"2024-03-01",
        b"399.00",
        b"Acme Inc",
        b"Undeployable",
        b"",
        b"CDW",
    ]));
    // an unquoted comma in the notes: one field too many
    b.extend(row(&[
        b"",
        b"",
        b"",
        b"Acme Inc",
        b"",
        b"Laptops",
        b"ThinkPad T14",
        b"Lenovo",
        b"20W0",
        b"PF6",
        b"WBH-6",
        b"Berlin",
        b"Laptops",
        b"keys, sticky",
        b"2024-03-01",
        b"12.00",
        b"Acme Inc",
        b"Ready to Deploy",
        b"36",
        b"CDW",
    ]));
    b
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
