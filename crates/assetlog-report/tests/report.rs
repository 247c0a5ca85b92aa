//! The report against the views it draws: every chart's numbers are the
//! core's answers, the page stands alone, and the same log gives the same
//! bytes.

use assetlog::event::{Assigned, CostKind, CostRecorded, Ordered, Received};
use assetlog::{AssetLog, At, BookRule, FleetFilter, NewEvent};
use assetlog_report::data::ReportData;
use assetlog_report::{report_html, ReportOptions};
use chrono::NaiveDate;

fn t(s: &str) -> chrono::DateTime<chrono::Utc> {
    assetlog::time::parse_datetime("t", s).unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn fleet() -> AssetLog {
    let log = AssetLog::open_in_memory().unwrap();
    let mut batch = Vec::new();
    for (i, (country, cost)) in [
        ("DE", "1200.00 EUR"),
        ("DE", "1000.00 EUR"),
        ("FR", "900.00 EUR"),
        ("US", "1500.00 USD"),
    ]
    .iter()
    .enumerate()
    {
        let tag = format!("LAP-{i}");
        batch.push(
            NewEvent::new(
                tag.as_str(),
                Ordered {
                    category: "laptop".into(),
                    vendor: "Dell".into(),
                    model: "XPS 13".into(),
                    serial: Some(format!("SN{i}")),
                    unit_cost: cost.parse().unwrap(),
                    order_ref: None,
                    warranty_end: Some(day("2026-02-01")),
                },
            )
            .at(t("2025-01-10T09:00:00Z")),
        );
        batch.push(
            NewEvent::new(
                tag.as_str(),
                Received {
                    location: format!("{country} office"),
                    country: Some(country.parse().unwrap()),
                    serial: None,
                },
            )
            .at(t("2025-01-20T09:00:00Z")),
        );
        if i < 3 {
            batch.push(
                NewEvent::new(
                    tag.as_str(),
                    Assigned {
                        person: format!("emp-{i}").parse().unwrap(),
                        department: Some("Sales".into()),
                        cost_centre: None,
                    },
                )
                .at(t("2025-02-01T09:00:00Z")),
            );
        }
    }
    batch.push(
        NewEvent::new(
            "LAP-0",
            CostRecorded {
                kind: CostKind::Support,
                amount: "50.00 EUR".parse().unwrap(),
                description: None,
            },
        )
        .at(t("2025-06-15T09:00:00Z")),
    );
    log.append_batch(&batch).unwrap();
    log.set_book_rule(&BookRule {
        book: "finance".into(),
        category: "laptop".into(),
        country: None,
        from: day("2020-01-01"),
        rule: serde_json::from_value(
            serde_json::json!({"method": "straight-line", "life_months": 36}),
        )
        .unwrap(),
    })
    .unwrap();
    log
}

fn options(on: &str) -> ReportOptions {
    ReportOptions {
        as_of: Some(day(on)),
        ..ReportOptions::default()
    }
}

#[test]
fn every_chart_shows_the_core_answers_as_of_the_day() {
    let log = fleet();
    let on = day("2025-12-31");
    let at = At::end_of(on);
    let d = ReportData::gather(&log, &options("2025-12-31")).unwrap();
    assert_eq!(d.counts, log.counts(&FleetFilter::default(), at).unwrap());
    let last = d.utilization.last().unwrap();
    assert_eq!(last.on, on);
    assert_eq!(last.by_status, d.counts.by_status);
    assert_eq!(d.utilization.len(), 25, "24 month ends and the day");
    // spend by month adds up to the spend of the window
    let eur_total: i64 = d
        .spend
        .iter()
        .flat_map(|m| m.costs.iter())
        .filter(|c| c.currency.code() == "EUR")
        .map(|c| c.total.minor())
        .sum();
    assert_eq!(eur_total, 315_000, "3,100.00 purchases and 50.00 support");
    assert_eq!(d.ages.iter().map(|a| a.count).sum::<u64>(), 4);
    let book = d.book.as_ref().expect("the log has a book");
    assert_eq!(book.book, "finance");
    assert_eq!(
        book.values.last().unwrap(),
        &log.fleet_book_value("finance", &FleetFilter::default(), at)
            .unwrap()
    );
    assert_eq!(
        book.end_of_life.iter().map(|q| q.assets).sum::<u64>(),
        4,
        "three-year lives end in 2028"
    );
    assert_eq!(
        d.warranty.len(),
        4,
        "warranties end 2026-02-01, within 90 days"
    );
    // the page carries the figures in its tables
    let page = report_html(&log, &options("2025-12-31")).unwrap();
    for id in [
        "status-by-country",
        "utilization",
        "age",
        "spend-eur",
        "spend-usd",
        "book-value-eur",
        "end-of-life",
        "repair-turnaround",
        "delivery-by-carrier",
        "delivery-by-country",
    ] {
        assert!(page.contains(&format!("id=\"{id}\"")), "{id} missing");
    }
    assert!(page.contains(
        "<td>assigned</td><td class=\"n\">2</td><td class=\"n\">1</td><td class=\"n\">0</td>"
    ));
    assert!(page.contains("Warranties ending within 90 days (4)"));
    // as of an earlier day, the earlier fleet
    let before = ReportData::gather(&log, &options("2025-01-15")).unwrap();
    assert_eq!(before.counts.total, 4);
    assert_eq!(before.counts.by_status.len(), 1, "all ordered then");
}

#[test]
fn the_page_stands_alone_and_is_the_same_bytes_each_time() {
    let log = fleet();
    let a = report_html(&log, &options("2025-12-31")).unwrap();
    let b = report_html(&log, &options("2025-12-31")).unwrap();
    assert_eq!(a, b);
    assert!(a.starts_with("<!DOCTYPE html>"));
    // the SVG namespace names, it does not fetch
    let fetches = a.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    for outside in ["http://", "https://", "<script", " src=", "url(", "<link"] {
        assert!(
            !fetches.contains(outside),
            "the page refers to something outside: {outside}"
        );
    }
    assert!(a.contains("name=\"viewport\""), "readable on a phone");
    assert!(a.contains("@media print"));
}

#[test]
fn money_is_converted_with_the_callers_rates() {
    let log = fleet();
    let dir = std::env::temp_dir().join(format!("assetlog-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let rates = dir.join("rates.csv");
    std::fs::write(&rates, "date,from,to,rate\n2024-01-01,USD,EUR,0.90\n").unwrap();
    let o = ReportOptions::from_text(Some("2025-12-31"), Some("EUR"), Some(&rates), None).unwrap();
    let page = report_html(&log, &o).unwrap();
    assert!(page.contains("id=\"spend-eur\""));
    assert!(!page.contains("id=\"spend-usd\""), "USD converted into EUR");
    // 3,100 EUR + 1,500 USD x 0.90 in January 2025
    assert!(
        page.contains("<td>2025-01</td><td class=\"n\">4,450</td>"),
        "{}",
        &page[page.find("spend-eur").unwrap()..][..3000]
    );
    // refusals: a currency without rates, a rate missing, a bad day, an unknown book
    let e = ReportOptions::from_text(None, Some("EUR"), None, None).unwrap_err();
    assert_eq!(e.code(), "INVALID_VALUE");
    let o = ReportOptions::from_text(Some("2025-12-31"), Some("JPY"), Some(&rates), None).unwrap();
    assert!(report_html(&log, &o).is_err());
    assert_eq!(
        ReportOptions::from_text(Some("31/12/2025"), None, None, None)
            .unwrap_err()
            .code(),
        "INVALID_VALUE"
    );
    let mut o = options("2025-12-31");
    o.book = Some("ifrs".into());
    let out = dir.join("r.html");
    assert!(assetlog_report::write_report(&log, &o, &out).is_err());
    assert!(!out.exists(), "nothing written on a refusal");
}

#[test]
fn the_licenses_section_shows_seats_renewals_and_compliance() {
    use assetlog::event::{LicenseKind, LicensePurchased, SeatAssigned, SoftwareInstalled};
    let log = fleet();
    log.append_batch(&[
        NewEvent::new(
            "LIC-CAD",
            LicensePurchased {
                product: "AutoCAD".into(),
                publisher: Some("Autodesk".into()),
                edition: None,
                kind: LicenseKind::PerDevice,
                seats: Some(3),
                term_start: day("2025-01-01"),
                term_end: Some(day("2026-03-31")),
                cost: "6300.00 EUR".parse().unwrap(),
                order_ref: None,
                not_reassignable: false,
                allow_overuse: false,
            },
        )
        .at(t("2025-01-01T09:00:00Z")),
        NewEvent::new(
            "LIC-CAD",
            SeatAssigned {
                person: None,
                device: Some("LAP-0".into()),
            },
        )
        .at(t("2025-02-01T09:00:00Z")),
        NewEvent::new(
            "LAP-1",
            SoftwareInstalled {
                name: "AutoCAD 2025".into(),
                version: None,
                publisher: Some("Autodesk, Inc.".into()),
            },
        )
        .at(t("2025-02-02T09:00:00Z")),
    ])
    .unwrap();
    let d = ReportData::gather(&log, &options("2025-12-31")).unwrap();
    assert_eq!(
        d.licenses,
        log.licenses(At::end_of(day("2025-12-31"))).unwrap()
    );
    assert_eq!(
        d.renewals.budget[0].to_string(),
        "6300.00 EUR",
        "ends 2026-03-31, within a year"
    );
    assert_eq!(d.compliance[0].unlicensed[0].device, "LAP-1");
    let page = report_html(&log, &options("2025-12-31")).unwrap();
    assert!(page.contains("id=\"license-seats\""));
    assert!(
        page.contains("<td>2026-03</td><td>AutoCAD (6300.00 EUR)</td>"),
        "renewals by month"
    );
    assert!(page.contains("Installed against owned"));
}
