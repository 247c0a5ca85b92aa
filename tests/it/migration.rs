//! Files written by earlier releases open and migrate in place: the same
//! views, the same as-of answers, the same chain head.

use assetlog::{AssetLog, At, FleetFilter};
use rusqlite::Connection;
use serde_json::Value;

use crate::support::temp_path;

fn fixture(name: &str) -> std::path::PathBuf {
    assetlog_tests::fixtures_dir().join("schema2").join(name)
}

fn json(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(fixture(name)).unwrap()).unwrap()
}

/// A copy of the schema-2 file, so the committed fixture stays as it was.
fn copy_of_schema2(name: &str) -> std::path::PathBuf {
    let path = temp_path(name);
    std::fs::copy(fixture("fleet.db"), &path).unwrap();
    path
}

fn user_version(path: &std::path::Path) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

fn same_as_schema2(actual: &Value, file: &str) {
    let mut expected = json(file);
    // schema 2's views wrote costs in minor units by currency; they are now
    // written as every other money field is: the same sums, as text
    for view in expected.as_array_mut().unwrap() {
        if let Some(costs) = view.get("costs").and_then(Value::as_object).cloned() {
            let listed: Vec<Value> = costs
                .iter()
                .map(|(currency, sums)| {
                    let c: assetlog::Currency = currency.parse().unwrap();
                    let m = |k: &str| {
                        assetlog::Money::from_minor(sums[k].as_i64().unwrap(), c).to_string()
                    };
                    serde_json::json!({
                        "currency": currency, "purchase": m("purchase"), "shipping": m("shipping"),
                        "repair": m("repair"), "support": m("support"), "other": m("other"),
                        "resale": m("resale"),
                    })
                })
                .collect();
            view["costs"] = Value::Array(listed);
        }
    }
    assert_eq!(
        actual.as_array().unwrap().len(),
        expected.as_array().unwrap().len()
    );
    if let Some(d) = assetlog_tests::subset_diff(&expected, actual, "") {
        panic!("{file}: {d}");
    }
}

fn check_migrated(log: &AssetLog) {
    let verify = json("verify.json");
    let v = log.verify().unwrap();
    assert!(v.is_intact(), "{v:?}");
    assert_eq!(v.events, verify["events"].as_u64().unwrap());
    assert_eq!(
        v.head.as_deref(),
        verify["head"].as_str(),
        "the chain survives the migration unchanged"
    );
    // every field schema 2 showed, as it showed it (later releases add fields)
    let now = serde_json::to_value(log.fleet(&FleetFilter::default(), At::now()).unwrap()).unwrap();
    same_as_schema2(&now, "fleet.json");
    let past = log
        .fleet(
            &FleetFilter::default(),
            At::end_of("2025-06-30".parse().unwrap()),
        )
        .unwrap();
    same_as_schema2(
        &serde_json::to_value(past).unwrap(),
        "fleet-2025-06-30.json",
    );
}

#[test]
fn a_schema_2_file_is_migrated_in_place_with_the_same_views_and_chain() {
    let path = copy_of_schema2("schema2.db");
    assert_eq!(user_version(&path), 2);
    let log = AssetLog::open(&path).unwrap();
    check_migrated(&log);
    // it keeps working: a rebuild agrees, and appends chain on
    let before = log.fleet(&FleetFilter::default(), At::now()).unwrap();
    log.rebuild().unwrap();
    assert_eq!(
        before,
        log.fleet(&FleetFilter::default(), At::now()).unwrap()
    );
    let tag = &before[0].tag;
    log.append(assetlog::NewEvent::new(
        tag.as_str(),
        assetlog::event::Note {
            text: "after the migration".into(),
        },
    ))
    .unwrap();
    assert!(log.verify().unwrap().is_intact());
    drop(log);
    assert_eq!(user_version(&path), assetlog::SCHEMA_VERSION);
}

#[test]
fn a_schema_1_file_is_chained_and_migrated_as_if_written_now() {
    let path = copy_of_schema2("schema1.db");
    // schema 1 is schema 2 without the chain
    Connection::open(&path)
        .unwrap()
        .execute_batch("ALTER TABLE events DROP COLUMN hash; PRAGMA user_version = 1;")
        .unwrap();
    let log = AssetLog::open(&path).unwrap();
    check_migrated(&log);
}
