//! Runs every scenario in tests/fixtures/*.json: events in, expected views
//! out. The Python and Node suites run the same files; the format is
//! described in tests/fixtures/README.md.

use assetlog::{AssetLog, At, Currency, FleetFilter, FxRates, NewEvent, Person, PersonId, Policy};
use assetlog_tests::{fixture_files, subset_diff};
use serde_json::{json, Value};

fn at_of(v: Option<&Value>) -> At {
    match v.and_then(Value::as_str) {
        None => At::now(),
        Some(s) if s.len() == 10 => At::end_of(assetlog::time::parse_date("at", s).unwrap()),
        Some(s) => At::occurred(assetlog::time::parse_datetime("at", s).unwrap()),
    }
}

fn filter_of(v: Option<&Value>) -> FleetFilter {
    v.map(|f| serde_json::from_value(f.clone()).expect("fixture filter"))
        .unwrap_or_default()
}

fn tags(views: impl IntoIterator<Item = String>) -> Value {
    Value::Array(views.into_iter().map(Value::String).collect())
}

fn fx_of(fixture: &Value) -> FxRates {
    let mut fx = FxRates::new();
    for r in fixture["fx"].as_array().into_iter().flatten() {
        fx.add(
            assetlog::time::parse_date("fx", r["date"].as_str().unwrap()).unwrap(),
            r["from"].as_str().unwrap().parse().unwrap(),
            r["to"].as_str().unwrap().parse().unwrap(),
            r["rate"].as_str().unwrap(),
        )
        .unwrap();
    }
    fx
}

/// Run one step; returns the error code if it failed.
fn run_step(log: &AssetLog, step: &Value) -> Result<Value, String> {
    let res = if let Some(events) = step.get("append") {
        let events: Result<Vec<NewEvent>, _> = events
            .as_array()
            .expect("append takes a list")
            .iter()
            .map(NewEvent::from_json_value)
            .collect();
        events
            .and_then(|evs| log.append_batch(&evs))
            .map(|a| serde_json::to_value(a).unwrap())
    } else if let Some(o) = step.get("offboard") {
        let person: PersonId = o["person"].as_str().unwrap().parse().unwrap();
        let due = assetlog::time::parse_date("due", o["due"].as_str().unwrap()).unwrap();
        let occurred = o
            .get("occurred_at")
            .and_then(Value::as_str)
            .map(|s| assetlog::time::parse_datetime("occurred_at", s).unwrap());
        log.offboard(&person, due, occurred, "fixture")
            .map(|r| serde_json::to_value(r).unwrap())
    } else if let Some(p) = step.get("person") {
        let person: Person = serde_json::from_value(p.clone()).unwrap();
        log.upsert_person(&person).map(|()| Value::Null)
    } else if let Some(id) = step.get("forget") {
        log.forget_person(&id.as_str().unwrap().parse().unwrap())
            .map(Value::Bool)
    } else if let Some(r) = step.get("book_rule") {
        serde_json::from_value::<assetlog::BookRule>(r.clone())
            .map_err(|e| assetlog::Error::InvalidValue {
                field: "rule".into(),
                input: String::new(),
                reason: e.to_string(),
            })
            .and_then(|r| log.set_book_rule(&r))
            .map(|()| Value::Null)
    } else if step.get("rebuild").is_some() {
        log.rebuild().map(|s| serde_json::to_value(s).unwrap())
    } else {
        panic!("unknown step {step}");
    };
    res.map_err(|e| e.code().to_owned())
}

/// Evaluate one expectation; returns (actual, expected).
fn evaluate(log: &AssetLog, fixture: &Value, x: &Value) -> (Value, Value) {
    let at = at_of(x.get("at"));
    let code = |e: assetlog::Error| json!({ "error": e.code() });
    if let Some(tag) = x.get("asset").and_then(Value::as_str) {
        let actual = log
            .asset(tag, at)
            .map_or_else(code, |v| json!({ "view": v }));
        let expected = match x.get("error") {
            Some(e) => json!({ "error": e }),
            None => json!({ "view": x["view"] }),
        };
        return (actual, expected);
    }
    if let Some(tag) = x.get("cost").and_then(Value::as_str) {
        let policy: Policy = x
            .get("policy")
            .map(|p| serde_json::from_value(p.clone()).unwrap())
            .unwrap_or_default();
        let view = log.cost(tag, at, &policy).unwrap();
        let mut actual = json!({ "view": view });
        let mut expected = json!({ "view": x["view"] });
        if let Some(cur) = x.get("total_in").and_then(Value::as_str) {
            let c: Currency = cur.parse().unwrap();
            actual["total"] = view
                .total_in(c, &fx_of(fixture))
                .map_or_else(|e| json!(e.code()), |m| json!(m.to_string()));
            expected["total"] = x["total"].clone();
        }
        return (actual, expected);
    }
    if let Some(tag) = x.get("license").and_then(Value::as_str) {
        let actual = log
            .license(tag, at)
            .map_or_else(code, |v| json!({ "view": v }));
        let expected = match x.get("error") {
            Some(e) => json!({ "error": e }),
            None => json!({ "view": x["view"] }),
        };
        return (actual, expected);
    }
    if let Some(tag) = x.get("book_value").and_then(Value::as_str) {
        let book = x["book"].as_str().unwrap();
        let actual = log
            .book_value(tag, book, at)
            .map_or_else(code, |v| json!({ "view": v }));
        let expected = match x.get("error") {
            Some(e) => json!({ "error": e }),
            None => json!({ "view": x["view"] }),
        };
        return (actual, expected);
    }
    let q = |k: &str| x.get(k);
    let result = |v: Value| (v, x["result"].clone());
    if let Some(c) = q("schedule") {
        let rule: assetlog::depreciation::Rule = serde_json::from_value(c["rule"].clone()).unwrap();
        let cost: assetlog::Money = c["cost"].as_str().unwrap().parse().unwrap();
        let placed = c["placed"].as_str().unwrap().parse().unwrap();
        let s = assetlog::depreciation::schedule(cost, placed, &rule).unwrap();
        return result(json!(s
            .periods
            .iter()
            .map(|p| p.depreciation.to_string())
            .collect::<Vec<_>>()));
    }
    if let Some(c) = q("counts") {
        let counts = log
            .counts(&filter_of(c.get("filter")), at_of(c.get("at")))
            .unwrap();
        return result(serde_json::to_value(counts).unwrap());
    }
    if let Some(c) = q("fleet") {
        let views = log
            .fleet(&filter_of(c.get("filter")), at_of(c.get("at")))
            .unwrap();
        return result(tags(views.into_iter().map(|v| v.tag)));
    }
    if let Some(c) = q("spend") {
        let spend = log
            .spend(&filter_of(c.get("filter")), at_of(c.get("at")))
            .unwrap();
        if let Some(cur) = c.get("total_in").and_then(Value::as_str) {
            let on = log_date(c.get("at"));
            let total =
                assetlog::view::cost::total_in(&spend, cur.parse().unwrap(), &fx_of(fixture), on);
            return result(total.map_or_else(|e| json!(e.code()), |m| json!(m.to_string())));
        }
        return result(serde_json::to_value(spend).unwrap());
    }
    if let Some(c) = q("idle") {
        let days = c["days"].as_i64().unwrap();
        let idle = log.idle(days, at_of(c.get("at"))).unwrap();
        return result(serde_json::to_value(idle).unwrap());
    }
    if let Some(c) = q("reclaimable") {
        let days = c.get("silent_days").and_then(Value::as_i64);
        let seats = log.reclaimable(at_of(c.get("at")), days).unwrap();
        return result(serde_json::to_value(seats).unwrap());
    }
    if let Some(c) = q("compliance") {
        let report = log.compliance(at_of(c.get("at")), &[]).unwrap();
        return result(serde_json::to_value(report).unwrap());
    }
    if let Some(c) = q("overdue") {
        let od = log.overdue_returns(at_of(c.get("at"))).unwrap();
        return result(serde_json::to_value(od).unwrap());
    }
    if let Some(c) = q("not_patched_since") {
        let since = assetlog::time::parse_datetime("since", c["since"].as_str().unwrap()).unwrap();
        let views = log.not_patched_since(since, at_of(c.get("at"))).unwrap();
        return result(tags(views.into_iter().map(|v| v.tag)));
    }
    if let Some(c) = q("warranty_ending_before") {
        let d = assetlog::time::parse_date("date", c["date"].as_str().unwrap()).unwrap();
        let views = log.warranty_ending_before(d, at_of(c.get("at"))).unwrap();
        return result(tags(views.into_iter().map(|v| v.tag)));
    }
    if let Some(c) = q("duplicate_serials") {
        let d = log.duplicate_serials(at_of(c.get("at"))).unwrap();
        return result(serde_json::to_value(d).unwrap());
    }
    if let Some(c) = q("holdings") {
        let p: PersonId = c["person"].as_str().unwrap().parse().unwrap();
        let views = log.holdings(&p, at_of(c.get("at"))).unwrap();
        return result(tags(views.into_iter().map(|v| v.tag)));
    }
    if let Some(tag) = q("history").and_then(Value::as_str) {
        let types: Vec<Value> = log
            .history(tag)
            .unwrap()
            .iter()
            .map(|e| json!(e.event_type().name()))
            .collect();
        return (Value::Array(types), x["types"].clone());
    }
    if let Some(id) = q("person").and_then(Value::as_str) {
        let p = log.person(&id.parse().unwrap()).unwrap();
        return result(serde_json::to_value(p).unwrap());
    }
    if let Some(c) = q("counts_by") {
        let by = dims(&c["by"]);
        let g = log
            .counts_by(&by, &FleetFilter::default(), at_of(c.get("at")))
            .unwrap();
        return result(serde_json::to_value(g).unwrap());
    }
    if let Some(c) = q("spend_by") {
        let by = dims(&c["by"]);
        let g = log
            .spend_by(&by, &FleetFilter::default(), at_of(c.get("at")))
            .unwrap();
        return result(serde_json::to_value(g).unwrap());
    }
    if let Some(c) = q("unseen") {
        let days = c["days"].as_i64().unwrap();
        let list = log
            .unseen(
                days,
                &assetlog::CheckInPolicy::default(),
                &FleetFilter::default(),
                at_of(c.get("at")),
            )
            .unwrap();
        return result(tags(list.into_iter().map(|s| s.tag)));
    }
    if let Some(c) = q("outdated") {
        let list = log
            .outdated(
                c["component"].as_str().unwrap(),
                c["minimum"].as_str().unwrap(),
                &assetlog::CheckInPolicy::default(),
                &FleetFilter::default(),
                at_of(c.get("at")),
            )
            .unwrap();
        return result(tags(list.into_iter().map(|s| s.tag)));
    }
    if let Some(c) = q("flow_times") {
        let flow = assetlog::Flow::from_name(c["flow"].as_str().unwrap()).unwrap();
        let by = c
            .get("by")
            .and_then(Value::as_str)
            .map(|d| assetlog::FlowGroup::from_name(d).unwrap());
        let day = |k: &str| c[k].as_str().unwrap().parse().unwrap();
        let stats = log
            .flow_times(flow, by, day("from"), day("to"), at_of(c.get("at")))
            .unwrap();
        return result(serde_json::to_value(stats).unwrap());
    }
    if let Some(c) = q("recovery") {
        let day = |k: &str| c[k].as_str().unwrap().parse().unwrap();
        let r = log
            .recovery(day("from"), day("to"), at_of(c.get("at")))
            .unwrap();
        return result(serde_json::to_value(r).unwrap());
    }
    if let Some(c) = q("data_gaps") {
        let g = log.data_gaps(at_of(c.get("at"))).unwrap();
        return result(serde_json::to_value(g).unwrap());
    }
    if let Some(who) = q("person_view").and_then(Value::as_str) {
        let p = log.person_view(who, At::now()).unwrap();
        return result(serde_json::to_value(p).unwrap());
    }
    if q("stats").is_some() {
        return (
            serde_json::to_value(log.stats().unwrap()).unwrap(),
            x["stats"].clone(),
        );
    }
    panic!("unknown expectation {x}");
}

fn dims(v: &Value) -> Vec<assetlog::Dimension> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|d| assetlog::Dimension::from_name(d.as_str().unwrap()).unwrap())
        .collect()
}

fn log_date(at: Option<&Value>) -> chrono::NaiveDate {
    at_of(at)
        .occurred
        .expect("a spend total needs an 'at' date")
        .date_naive()
}

fn all_views(log: &AssetLog) -> Value {
    serde_json::to_value(log.fleet(&FleetFilter::default(), At::now()).unwrap()).unwrap()
}

#[test]
fn every_fixture_gives_the_expected_views() {
    let files = fixture_files();
    assert!(files.len() >= 5, "fixtures are missing: {files:?}");
    let mut failures = Vec::new();
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let fixture: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        for (backend, log) in crate::support::backends() {
            let name = format!("{name} ({backend})");
            for (i, step) in fixture["steps"].as_array().unwrap().iter().enumerate() {
                let before = log.stats().unwrap();
                let outcome = run_step(&log, step);
                match (step.get("error").and_then(Value::as_str), outcome) {
                    (None, Ok(_)) => {}
                    (None, Err(code)) => {
                        failures.push(format!("{name} step {i}: failed with {code}"));
                    }
                    (Some(want), Ok(_)) => {
                        failures.push(format!("{name} step {i}: expected {want}, it succeeded"));
                    }
                    (Some(want), Err(code)) => {
                        if want != code {
                            failures.push(format!("{name} step {i}: expected {want}, got {code}"));
                        }
                        if log.stats().unwrap() != before {
                            failures.push(format!("{name} step {i}: a refused step wrote events"));
                        }
                    }
                }
            }
            for (i, x) in fixture["expect"].as_array().unwrap().iter().enumerate() {
                let (actual, expected) = evaluate(&log, &fixture, x);
                if let Some(diff) = subset_diff(&expected, &actual, "") {
                    failures.push(format!("{name} expect {i}: {diff}"));
                }
            }
            let inline = all_views(&log);
            log.rebuild().unwrap();
            if inline != all_views(&log) {
                failures.push(format!("{name}: inline views differ from a rebuild"));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
