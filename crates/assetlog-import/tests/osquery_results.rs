//! osqueryd results become check-ins, OS versions and patches on the right
//! assets, twice without duplicates; what cannot be linked is listed.

use assetlog::event::{Ordered, Received};
use assetlog::{AssetLog, At, NewEvent};
use assetlog_import::ingest_osquery;

fn t(s: &str) -> chrono::DateTime<chrono::Utc> {
    assetlog::time::parse_datetime("t", s).unwrap()
}

/// An asset with a serial, ordered on 1 January and received on 2 January.
fn in_stock(tag: &str, serial: &str) -> [NewEvent; 2] {
    [
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
    ]
}

#[test]
fn results_land_on_the_asset_with_the_hosts_serial_once() {
    let log = AssetLog::open_in_memory().unwrap();
    for (tag, serial) in [("LAP-1", "C02XK1"), ("LAP-2", "PF4")] {
        log.append_batch(&in_stock(tag, serial)).unwrap();
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

/// Software inventory from every table osquery publishes it in (Windows
/// `programs`, macOS `apps`, `deb_packages`, `rpm_packages`), each row with
/// the columns of osquery's table schema, becomes installations that the
/// compliance report checks against the seats.
#[test]
fn software_rows_of_every_inventory_table_feed_the_compliance_report() {
    use assetlog::event::{LicenseKind, LicensePurchased, SeatAssigned};
    let log = AssetLog::open_in_memory().unwrap();
    let mut events = Vec::new();
    for (tag, serial) in [
        ("WIN-1", "5CG4101ABC"),
        ("MAC-2", "C02ZX2LMD6M0"),
        ("DEB-3", "PF4TZ9Q1"),
        ("RPM-4", "MJ0K3XYZ"),
    ] {
        events.extend(in_stock(tag, serial));
    }
    let license = |tag: &str, product: &str, kind| {
        NewEvent::new(
            tag,
            LicensePurchased {
                product: product.into(),
                publisher: None,
                edition: None,
                kind,
                seats: Some(2),
                term_start: assetlog::time::parse_date("d", "2024-01-01").unwrap(),
                term_end: None,
                cost: "100.00 EUR".parse().unwrap(),
                order_ref: None,
                not_reassignable: false,
                allow_overuse: false,
            },
        )
        .at(t("2024-01-01T00:00:00Z"))
    };
    events.push(license(
        "LIC-CC",
        "Adobe Creative Cloud",
        LicenseKind::PerDevice,
    ));
    events.push(license(
        "LIC-VPN",
        "GlobalProtect VPN",
        LicenseKind::PerDevice,
    ));
    events.push(license("LIC-CAD", "AutoCAD", LicenseKind::PerDevice));
    events.push(
        NewEvent::new(
            "LIC-CC",
            SeatAssigned {
                person: None,
                device: Some("MAC-2".into()),
            },
        )
        .at(t("2024-01-03T00:00:00Z")),
    );
    log.append_batch(&events).unwrap();

    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/osquery/software.results.log");
    let r = ingest_osquery(&log, &[&file], &[], false, &mut |_, _| {}).unwrap();
    assert!(r.skipped.is_empty(), "{:?}", r.skipped);
    assert_eq!(r.assets, 4);

    let report = log.compliance(At::now(), &[]).unwrap();
    let product = |name: &str| report.iter().find(|p| p.product == name).unwrap();
    // the macOS app (no publisher column) is matched by its display name
    // and covered by the device's seat
    let cc = product("Adobe Creative Cloud");
    assert_eq!((cc.installations, cc.licensed), (1, 1));
    // the Debian package, from its maintainer; the Windows copy was removed
    // by a later differential result
    let vpn = product("GlobalProtect VPN");
    assert_eq!(vpn.installations, 1);
    assert_eq!(vpn.unlicensed[0].device, "DEB-3");
    assert_eq!(vpn.shelfware, 2);
    // the RPM package, from its vendor
    let cad = product("AutoCAD");
    assert_eq!(cad.unlicensed[0].device, "RPM-4");
    assert_eq!(cad.unlicensed[0].program, "autocad");
    // Microsoft 365 on the Windows laptop with no license bought at all
    let m365 = product("Microsoft 365 E3");
    assert_eq!((m365.seats, m365.installations), (Some(0), 1));
    assert_eq!(
        m365.unlicensed[0].program,
        "Microsoft 365 Apps for enterprise - en-us"
    );
    // as of the first day, the Windows copy of GlobalProtect was there
    let before = log
        .compliance(At::occurred(t("2024-07-01T12:00:00Z")), &[])
        .unwrap();
    let vpn = before
        .iter()
        .find(|p| p.product == "GlobalProtect VPN")
        .unwrap();
    assert_eq!(vpn.installations, 2);
}
