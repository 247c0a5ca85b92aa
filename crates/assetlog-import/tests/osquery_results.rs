//! osqueryd results become check-ins, OS versions and patches on the right
//! assets, twice without duplicates; what cannot be linked is listed.

use assetlog::event::{Ordered, Received};
use assetlog::{AssetLog, At, NewEvent};
use assetlog_import::ingest_osquery;

fn t(s: &str) -> chrono::DateTime<chrono::Utc> {
    assetlog::time::parse_datetime("t", s).unwrap()
}

#[test]
fn results_land_on_the_asset_with_the_hosts_serial_once() {
    let log = AssetLog::open_in_memory().unwrap();
    for (tag, serial) in [("LAP-1", "C02XK1"), ("LAP-2", "PF4")] {
        log.append_batch(&[
            NewEvent::new(
                tag,
                Ordered {
                    category: "laptop".into(),
                    vendor: "Apple".into(),
                    model: "MacBook Pro".into(),
                    serial: Some(serial.into()),
                    unit_cost: "2000.00 EUR".parse().unwrap(),
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
        .join("../../tests/fixtures/osquery/osqueryd.results.log");
    let patches = vec!["programs".to_owned()];
    let mut heard = Vec::new();
    let r = ingest_osquery(&log, &[&file], &patches, false, &mut |d, t| {
        heard.push((d, t));
    })
    .unwrap();
    assert_eq!(r.rows, 8);
    assert_eq!(r.assets, 1, "mac-1 only");
    assert_eq!(r.skipped.len(), 1);
    assert_eq!(r.skipped[0].line, 6);
    let issues: Vec<&str> = r.issues.iter().map(|b| b.reason.as_str()).collect();
    assert!(
        issues
            .iter()
            .any(|i| i.contains("'win-7' reports serial 'UNKNOWN9'")),
        "{issues:?}"
    );
    assert!(
        issues
            .iter()
            .any(|i| i.contains("'ghost'") && i.contains("no system_info")),
        "{issues:?}"
    );
    assert_eq!(issues.len(), 2, "{issues:?}");
    assert_eq!(heard.last().map(|(d, t)| d == t), Some(true));
    let v = log.asset("LAP-1", At::now()).unwrap();
    assert_eq!(v.last_seen, Some(t("2024-06-03T10:00:00Z")));
    assert_eq!(v.os_version.as_deref(), Some("14.2.1"));
    let patch = v.last_patch.unwrap();
    assert_eq!(
        (patch.component.as_str(), patch.version.as_str()),
        ("Google Chrome", "125.0.6422.142")
    );
    assert_eq!(log.asset("LAP-2", At::now()).unwrap().last_seen, None);
    // 4 check-ins (one per result time), the OS version and the patch, and
    // the software inventory: Chrome 125 installed, Chrome 124 removed
    assert_eq!(r.events, 8);
    assert_eq!(r.written, 8);
    let again = ingest_osquery(&log, &[&file], &patches, false, &mut |_, _| {}).unwrap();
    assert_eq!(again.written, 0, "the same log twice adds nothing");
}
