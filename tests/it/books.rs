//! Depreciation books: dated rules per category, book values on any date,
//! disposals, fleet totals and the replacement forecast.

use assetlog::depreciation::{Convention, Method, Rule};
use assetlog::event::{RetireReason, Retired};
use assetlog::{AssetLog, At, BookRule, FleetFilter, NewEvent};
use chrono::NaiveDate;

use crate::support::{ordered, received, t};

fn rule(method: Method, life_months: u32) -> Rule {
    Rule {
        method,
        life_months,
        salvage: None,
        convention: Convention::FullMonth,
        fiscal_year_start: 1,
    }
}

fn book_rule(book: &str, category: &str, from: &str, rule: Rule) -> BookRule {
    BookRule {
        book: book.into(),
        category: category.into(),
        country: None,
        from: from.parse().unwrap(),
        rule,
    }
}

fn day(d: &str) -> At {
    At::end_of(d.parse().unwrap())
}

fn fleet() -> AssetLog {
    let log = AssetLog::open_in_memory().unwrap();
    log.append_batch(&[
        ordered("A", "3600.00 EUR", "2024-01-01"),
        ordered("B", "3600.00 EUR", "2024-01-01"),
        received("A", "2024-01-02"),
        received("B", "2024-01-02"),
    ])
    .unwrap();
    log.set_book_rule(&book_rule(
        "ifrs",
        "laptop",
        "2000-01-01",
        rule(Method::StraightLine, 36),
    ))
    .unwrap();
    log
}

#[test]
fn book_values_follow_the_rule_in_force_on_each_date() {
    let log = fleet();
    let v = log.book_value("A", "ifrs", day("2024-12-31")).unwrap();
    assert_eq!(v.book_value.to_string(), "2400.00 EUR", "a year of three");
    assert_eq!(v.accumulated.to_string(), "1200.00 EUR");
    assert_eq!(v.end_of_life.to_string(), "2026-12-31");
    // from 2025 the policy is 24 months: dated, so 2024 answers do not change
    log.set_book_rule(&book_rule(
        "ifrs",
        "laptop",
        "2025-01-01",
        rule(Method::StraightLine, 24),
    ))
    .unwrap();
    assert_eq!(
        log.book_value("A", "ifrs", day("2024-12-31"))
            .unwrap()
            .book_value
            .to_string(),
        "2400.00 EUR"
    );
    let later = log.book_value("A", "ifrs", day("2025-06-30")).unwrap();
    assert_eq!(later.rule.life_months, 24);
    assert_eq!(later.book_value.to_string(), "900.00 EUR");
    assert_eq!(log.book_rules(Some("ifrs")).unwrap().len(), 2);
    let s = log.book_schedule("A", "ifrs", day("2024-12-31")).unwrap();
    assert_eq!(s.periods.len(), 3);
}

#[test]
fn a_retired_asset_leaves_the_books_with_its_gain_or_loss() {
    let log = fleet();
    log.append(
        NewEvent::new(
            "B",
            Retired {
                reason: RetireReason::Sold,
                resale_value: Some("1000.00 EUR".parse().unwrap()),
                disposal_cost: None,
            },
        )
        .at(t("2025-01-10T00:00:00Z")),
    )
    .unwrap();
    let v = log.book_value("B", "ifrs", day("2026-06-30")).unwrap();
    assert_eq!(v.book_value.to_string(), "0.00 EUR");
    let d = v.disposal.expect("retired");
    assert_eq!(d.on.to_string(), "2025-01-10");
    assert_eq!(d.carrying_amount.to_string(), "2400.00 EUR");
    assert_eq!(d.gain_or_loss.to_string(), "-1400.00 EUR");
    // and the old per-asset cost view stops depreciating too
    let c = log
        .cost("B", day("2026-06-30"), &assetlog::Policy::default())
        .unwrap();
    assert_eq!(c.book_value_declining_balance.to_string(), "0.00 EUR");
    // the fleet: A still on the books, B at zero
    let f = log
        .fleet_book_value("ifrs", &FleetFilter::default(), day("2025-12-31"))
        .unwrap();
    assert_eq!(f.by_currency[0].assets, 2);
    assert_eq!(f.by_currency[0].book_value.to_string(), "1200.00 EUR");
    // in one currency through the caller's rates
    let fx = assetlog::FxRates::from_csv("date,from,to,rate\n2020-01-01,EUR,USD,1.10\n").unwrap();
    let usd = f.total_in("USD".parse().unwrap(), &fx).unwrap();
    assert_eq!(usd.to_string(), "1320.00 USD");
    // grouped by the assets' status: A in stock, B retired at zero
    let groups = log
        .fleet_book_value_by(
            "ifrs",
            &[assetlog::Dimension::Status],
            &FleetFilter::default(),
            day("2025-12-31"),
        )
        .unwrap();
    let keys: Vec<_> = groups.iter().map(|x| x.key[0].clone().unwrap()).collect();
    assert_eq!(keys, vec!["in_stock".to_owned(), "retired".to_owned()]);
    assert_eq!(groups[1].by_currency[0].book_value.to_string(), "0.00 EUR");
}

#[test]
fn the_forecast_lists_ends_of_life_and_prices_them_at_the_latest_cost() {
    let log = fleet();
    log.append(ordered("C", "4000.00 EUR", "2025-06-01"))
        .unwrap();
    let f = log
        .forecast(
            "ifrs",
            "2026-01-01".parse().unwrap(),
            "2027-03-31".parse().unwrap(),
            day("2025-07-01"),
        )
        .unwrap();
    let tags: Vec<&str> = f.assets.iter().map(|a| a.tag.as_str()).collect();
    assert_eq!(tags, vec!["A", "B"]);
    assert_eq!(f.assets[0].replacement.to_string(), "4000.00 EUR");
    assert_eq!(f.budget[0].to_string(), "8000.00 EUR");
}

#[test]
fn bad_books_and_rules_are_typed_errors_and_store_nothing() {
    let log = fleet();
    let e = log.book_value("A", "us-tax", At::now()).unwrap_err();
    assert_eq!(e.code(), "INVALID_VALUE", "{e}");
    let e = log
        .set_book_rule(&book_rule(
            "ifrs",
            "laptop",
            "2024-01-01",
            rule(Method::StraightLine, 0),
        ))
        .unwrap_err();
    assert_eq!(e.code(), "INVALID_VALUE", "{e}");
    let e = log
        .set_book_rule(&book_rule(
            "tax",
            "laptop",
            "2024-01-01",
            rule(Method::Macrs { class: 4 }, 48),
        ))
        .unwrap_err();
    assert_eq!(e.code(), "INVALID_VALUE", "{e}");
    assert_eq!(log.book_rules(None).unwrap().len(), 1);
    // a category without a rule is named
    log.append(NewEvent::new(
        "M",
        assetlog::event::Ordered {
            category: "monitor".into(),
            vendor: "Dell".into(),
            model: "U27".into(),
            serial: None,
            unit_cost: "300.00 EUR".parse().unwrap(),
            order_ref: None,
            warranty_end: None,
        },
    ))
    .unwrap();
    let e = log.book_value("M", "ifrs", At::now()).unwrap_err();
    assert!(e.to_string().contains("monitor"), "{e}");
    let f = log
        .fleet_book_value("ifrs", &FleetFilter::default(), At::now())
        .unwrap();
    assert_eq!(f.categories_without_rule, vec!["monitor".to_owned()]);
}

#[test]
fn book_values_at_many_days_are_the_book_values_as_of_each_day() {
    let log = fleet();
    // a later, shorter rule, an asset retired, one ordered later
    log.set_book_rule(&book_rule(
        "ifrs",
        "laptop",
        "2025-01-01",
        rule(Method::StraightLine, 24),
    ))
    .unwrap();
    log.append_batch(&[
        NewEvent::new(
            "B",
            Retired {
                reason: RetireReason::Sold,
                resale_value: Some("500.00 EUR".parse().unwrap()),
                disposal_cost: None,
            },
        )
        .at(t("2025-03-01T00:00:00Z")),
        ordered("C", "1200.00 USD", "2024-06-15"),
    ])
    .unwrap();
    let days: Vec<NaiveDate> = [
        "2023-12-31",
        "2024-01-31",
        "2024-06-30",
        "2024-12-31",
        "2025-06-30",
        "2026-12-31",
    ]
    .iter()
    .map(|d| d.parse().unwrap())
    .collect();
    let many = log.fleet_book_values("ifrs", &days).unwrap();
    assert_eq!(many.len(), days.len());
    for (d, v) in days.iter().zip(&many) {
        let one = log
            .fleet_book_value("ifrs", &FleetFilter::default(), At::end_of(*d))
            .unwrap();
        assert_eq!(&one, v, "{d}");
    }
    assert!(log.fleet_book_values("ifrs", &[]).is_err());
    assert!(log.fleet_book_values("nope", &days).is_err());
}
