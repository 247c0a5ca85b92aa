//! Views beyond the fixtures: future book values, FX tables from CSV,
//! ages and the JSON forms the bindings rely on.

use assetlog::{AssetLog, At, FxRates, Policy};

use crate::support::{ordered, received, t};

#[test]
fn book_value_on_a_future_date_for_an_employee_buy_out() {
    let log = AssetLog::open_in_memory().unwrap();
    log.append_batch(&[
        ordered("A", "3600.00 EUR", "2024-01-01"),
        received("A", "2024-01-02"),
    ])
    .unwrap();
    let future = At::end_of(assetlog::time::parse_date("d", "2026-01-01").unwrap());
    // A future date folds what is known so far; book value is for that date.
    let cost = log.cost("A", future, &Policy::default()).unwrap();
    assert_eq!(cost.on.to_string(), "2026-01-01");
    assert!(cost.book_value_straight_line.minor() < 360_000);
    assert!(cost.book_value_declining_balance.minor() < cost.book_value_straight_line.minor());
    assert_eq!(log.asset("A", At::now()).unwrap().age_days(cost.on), 731);
}

#[test]
fn fx_rates_read_from_csv_and_refuse_bad_lines() {
    let fx = FxRates::from_csv("date,from,to,rate\n2024-01-01,USD,EUR,0.9\n").unwrap();
    let m = fx
        .convert(
            "10.00 USD".parse().unwrap(),
            "EUR".parse().unwrap(),
            t("2024-02-01").date_naive(),
        )
        .unwrap();
    assert_eq!(m.to_string(), "9.00 EUR");
    assert_eq!(
        FxRates::from_csv("2024-01-01,USD,EUR\n")
            .unwrap_err()
            .code(),
        "INVALID_VALUE"
    );
    assert_eq!(
        FxRates::from_csv("2024-01-01,USD,EUR,-1\n")
            .unwrap_err()
            .code(),
        "INVALID_VALUE"
    );
    assert_eq!(
        FxRates::from_csv("2024-01-01,USD,ZZZ,1\n")
            .unwrap_err()
            .code(),
        "UNKNOWN_CURRENCY"
    );
}

#[test]
fn recorded_events_round_trip_through_their_json_form() {
    let log = AssetLog::open_in_memory().unwrap();
    log.append_batch(&[
        ordered("A", "12.34 EUR", "2024-01-01"),
        received("A", "2024-01-02"),
    ])
    .unwrap();
    let copy = AssetLog::open_in_memory().unwrap();
    for e in log.feed(0, 100).unwrap() {
        let mut v = e.to_json_value();
        let obj = v.as_object_mut().unwrap();
        for k in ["position", "version", "recorded_at", "schema_version"] {
            obj.remove(k);
        }
        copy.append(assetlog::NewEvent::from_json_value(&v).unwrap())
            .unwrap();
    }
    let a = log.asset("A", At::now()).unwrap();
    let b = copy.asset("A", At::now()).unwrap();
    assert_eq!(a, b, "same ids, same views");
    assert_eq!(
        copy.feed(0, 10).unwrap()[0].event_id,
        log.feed(0, 10).unwrap()[0].event_id
    );
}
