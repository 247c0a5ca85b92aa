//! Everything that reads outside data never panics and answers with a
//! typed error: property tests on random input, and a corpus of nasty
//! inputs in tests/fixtures/hostile/.

use assetlog::{AssetLog, Error, FxRates, Money, NewEvent};
use proptest::prelude::*;

fn typed<T>(r: Result<T, Error>) {
    if let Err(e) = r {
        assert!(Error::CODES.contains(&e.code()), "{e}");
        assert!(!e.to_string().is_empty());
    }
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,20}".prop_map(Value::String),
        prop_oneof![
            Just("1299.00 EUR"),
            Just("-1 USD"),
            Just("1.5 JPY"),
            Just("DE"),
            Just("2024-01-01"),
            Just("emp-1")
        ]
        .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("asset".to_owned()),
                    Just("type".to_owned()),
                    Just("data".to_owned()),
                    Just("occurred_at".to_owned()),
                    Just("unit_cost".to_owned()),
                    Just("person".to_owned()),
                    Just("location".to_owned()),
                    Just("text".to_owned()),
                    "[a-z_]{1,8}",
                ],
                inner,
                0..6
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any text read as events, money, rates, dates or countries is a value or a typed error.
    #[test]
    fn random_text_never_panics(text in "\\PC{0,200}") {
        typed(NewEvent::from_json(&text));
        typed(NewEvent::list_from_json(&text));
        typed(text.parse::<Money>());
        typed(FxRates::from_csv(&text));
        typed(assetlog::time::parse_datetime("t", &text));
        typed(assetlog::Country::new(&text));
    }

    /// Random JSON shaped like events: decoding and appending never panic,
    /// and a refused append writes nothing.
    #[test]
    fn random_event_shaped_json_never_panics(items in prop::collection::vec(json_value(), 1..4)) {
        let log = AssetLog::open_in_memory().unwrap();
        for v in &items {
            match NewEvent::from_json_value(v) {
                Ok(e) => match log.append(e) {
                    Ok(_) => {}
                    Err(err) => {
                        typed::<()>(Err(err));
                        prop_assert_eq!(log.stats().unwrap().events, log.feed(0, 100).unwrap().len() as u64);
                    }
                },
                Err(err) => typed::<()>(Err(err)),
            }
        }
    }
}

#[test]
fn the_corpus_of_nasty_inputs_gets_typed_errors() {
    let dir = assetlog_tests::fixtures_dir().join("hostile");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 10);
    let log = AssetLog::open_in_memory().unwrap();
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        if f.extension().is_some_and(|e| e == "csv") {
            let err = FxRates::from_csv(&text).unwrap_err();
            assert!(Error::CODES.contains(&err.code()), "{name}: {err}");
            continue;
        }
        for line in text.lines() {
            match NewEvent::from_json(line) {
                Ok(e) => {
                    let err = log.append(e).expect_err(&name);
                    assert!(Error::CODES.contains(&err.code()), "{name}: {err}");
                }
                Err(err) => assert!(Error::CODES.contains(&err.code()), "{name}: {err}"),
            }
        }
    }
    assert_eq!(log.stats().unwrap().events, 0, "nothing nasty was stored");
}
