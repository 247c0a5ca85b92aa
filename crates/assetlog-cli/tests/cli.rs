//! The `assetlog` command, run as a user runs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_assetlog");

/// The shared Snipe-IT samples: `shared/` stands beside the checkout.
fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|a| a.join("shared/data/snipeit"))
        .find(|p| p.join("assets-sample.csv").exists())
        .expect("shared/data/snipeit (beside the checkout) holds the Snipe-IT samples")
}

fn dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "assetlog-cli-{}-{}",
        std::process::id(),
        uuid::Uuid::now_v7()
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("ASSETLOG_DB")
        .output()
        .unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json(db: &Path, args: &[&str]) -> Value {
    let mut a = vec!["--json"];
    a.extend_from_slice(args);
    serde_json::from_str(&ok(db, &a)).unwrap()
}

/// A refused command: its exit code and its one stderr line; nothing written.
fn refused(db: &Path, args: &[&str]) -> (i32, String) {
    let before = std::fs::read(db).ok();
    let out = run(db, args);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!out.status.success(), "{args:?} should fail");
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{err}"
    );
    let errors: Vec<&str> = err
        .lines()
        .filter(|l| !l.starts_with("warning: "))
        .collect();
    assert_eq!(errors.len(), 1, "one error line on stderr: {err}");
    assert!(errors[0].starts_with("error: "), "{err}");
    if let Some(before) = before {
        // an opened log has WAL files beside it; the main file is what counts
        assert_eq!(
            std::fs::read(db).ok(),
            Some(before),
            "{args:?} changed the log"
        );
    }
    (out.status.code().unwrap(), err)
}

fn event_count(db: &Path) -> u64 {
    let out = run(db, &["export", "--jsonl"]);
    String::from_utf8(out.stdout).unwrap().lines().count() as u64
}

#[test]
fn demo_writes_a_fleet_and_prints_its_summary_in_every_format() {
    let d = dir();
    let db = d.join("demo.db");
    let table = ok(&db, &["demo", "--people", "120", "--seed", "7"]);
    assert!(table.contains("assets by status and country"), "{table}");
    assert!(table.contains("spend by currency"));
    assert!(table.contains("overdue returns"));
    assert!(table.contains("wrote "));
    let summary = json(&db, &["summary"]);
    let total = summary["counts"]["total"].as_u64().unwrap();
    assert!(total > 120);
    let currencies: Vec<&str> = summary["spend"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["currency"].as_str().unwrap())
        .collect();
    assert!(currencies.len() >= 6, "{currencies:?}");
    let csv = ok(&db, &["--csv", "fleet", "--status", "assigned"]);
    assert!(csv.starts_with("tag,status,holder,location,country,category,model,since"));
    // licenses and subscriptions, with seats paid for and unused, and
    // seats still held by people who left: each one a leaver in the log
    let licenses = json(&db, &["licenses"]);
    assert_eq!(licenses.as_array().unwrap().len(), 4);
    let adobe = licenses
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["product"] == "Adobe Creative Cloud")
        .unwrap();
    assert!(
        adobe["seats_free"].as_u64().unwrap() > 0,
        "shelfware: {adobe}"
    );
    // seats by department: every seat held counts once, in one department
    let held: u64 = licenses
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["holders"].as_array().unwrap().len() as u64)
        .sum();
    let by_department = json(&db, &["seats"]);
    let counted: u64 = by_department
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["seats"].as_u64().unwrap())
        .sum();
    assert_eq!(counted, held);
    assert!(
        by_department.as_array().unwrap().len() > 2,
        "{by_department}"
    );
    let reclaim = json(&db, &["reclaim"]);
    let leavers: Vec<&str> = reclaim
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["reason"] == "left")
        .map(|s| s["holder"]["person"].as_str().unwrap())
        .collect();
    assert!(!leavers.is_empty());
    for person in &leavers {
        let p = json(&db, &["person", person]);
        assert_eq!(p["status"], "left", "{person}");
    }
    // compliance: over-deployed products name devices without a seat, each
    // one checked against the log: the program is installed on it, and no
    // seat of the product covers it
    let full = json(&db, &["compliance"]);
    let report = &full["products"];
    // seats held by leavers: each holder is someone the log says has left
    for seat in full["held_by_leavers"].as_array().unwrap() {
        let person = seat["holder"]["person"].as_str().unwrap();
        assert_eq!(json(&db, &["person", person])["status"], "left", "{person}");
    }
    assert!(!full["held_by_leavers"].as_array().unwrap().is_empty());
    let cad = report
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["product"] == "AutoCAD")
        .unwrap();
    assert_eq!(cad["over_deployed"], true, "{cad}");
    let cad_license = json(&db, &["license", "LIC-AUTOCAD"]);
    for copy in cad["unlicensed"].as_array().unwrap() {
        let device = copy["device"].as_str().unwrap();
        let history = json(&db, &["history", device]);
        assert!(
            history
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["type"] == "software_installed" && e["data"]["name"] == "AutoCAD 2025"),
            "{device}"
        );
        assert!(
            !cad_license["holders"]
                .as_array()
                .unwrap()
                .iter()
                .any(|h| h["holder"]["device"] == device),
            "{device} holds a seat"
        );
    }
    let shelf = report
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["product"] == "Adobe Creative Cloud")
        .unwrap();
    assert!(shelf["shelfware"].as_u64().unwrap() > 0, "{shelf}");
    // the same seed gives the same fleet
    let again = d.join("again.db");
    ok(&again, &["demo", "--people", "120", "--seed", "7"]);
    assert_eq!(json(&again, &["summary"])["counts"], summary["counts"]);
    // the last month is recorded as it happened, some of it days late; the
    // log learns each asset's events in order and never before they happen
    let file = d.join("demo.jsonl");
    ok(
        &db,
        &["export", "--jsonl", "--out", &file.display().to_string()],
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let times: Vec<_> = text
        .lines()
        .map(|line| {
            let e: Value = serde_json::from_str(line).unwrap();
            let instant = |k: &str| {
                chrono::DateTime::parse_from_rfc3339(e[k].as_str().unwrap())
                    .unwrap()
                    .to_utc()
            };
            (instant("occurred_at"), instant("recorded_at"))
        })
        .collect();
    // the history was loaded a month ago: the first recorded_at
    let loaded = times[0].1;
    let mut late = 0;
    for (i, (occurred, recorded)) in times.iter().enumerate() {
        assert!(recorded >= occurred);
        assert!(i == 0 || *recorded >= times[i - 1].1);
        if *recorded > loaded && *recorded - *occurred >= chrono::Duration::days(1) {
            late += 1;
        }
    }
    assert!(late > 0, "no event of the last month was recorded late");
    // the demo never overwrites a log
    let (code, err) = refused(&db, &["demo"]);
    assert_eq!(code, 1);
    assert!(err.contains("exists"), "{err}");
}

#[test]
fn snipeit_samples_import_once_and_show_as_events() {
    let d = dir();
    let db = d.join("snipe.db");
    let s = samples();
    let args = |dry: bool| {
        let mut a = vec![
            "import".to_owned(),
            "snipeit".into(),
            s.join("assets-sample.csv").display().to_string(),
            "--users".into(),
            s.join("users-sample.csv").display().to_string(),
            "--locations".into(),
            s.join("locations-sample.csv").display().to_string(),
        ];
        if dry {
            a.push("--dry-run".into());
        }
        a
    };
    let dry: Vec<String> = args(true);
    let out = json(&db, &dry.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(out["dry_run"], true);
    assert!(
        !db.exists() || event_count(&db) == 0,
        "a dry run writes nothing"
    );
    let real: Vec<String> = args(false);
    let real: Vec<&str> = real.iter().map(String::as_str).collect();
    let first = json(&db, &real);
    assert_eq!(first["rows"], 22);
    assert_eq!(first["assets"], 22);
    assert_eq!(first["skipped"].as_array().unwrap().len(), 0);
    let written = first["written"].as_u64().unwrap();
    assert!(written >= 44);
    let second = json(&db, &real);
    assert_eq!(
        second["written"], 0,
        "importing the same files again adds nothing"
    );
    assert_eq!(event_count(&db), written);
    let v = json(&db, &["show", "WBH-2841795"]);
    assert_eq!(v["status"], "assigned");
    assert_eq!(v["holder"], "gmccrackem2a");
    assert_eq!(v["unit_cost"], "1292.94 USD");
    assert_eq!(v["ordered_on"], "2022-11-14");
    // the table shows money as money, never minor units in JSON
    let table = ok(&db, &["show", "WBH-2841795"]);
    assert!(
        table.contains("cost: purchase") && table.contains("1,292.94 USD"),
        "{table}"
    );
    assert!(!table.contains("{\""), "{table}");
    let held = json(&db, &["holder", "gmccrackem2a"]);
    assert_eq!(held.as_array().unwrap().len(), 1);
    let stock = json(&db, &["show", "ICC-2065556"]);
    assert_eq!(stock["status"], "in_stock");
    // people went to the people table, and can be forgotten
    let f = json(&db, &["forget", "gmccrackem2a"]);
    assert_eq!(f["erased"], true);
}

#[test]
fn messy_exports_are_read_or_refused_clearly() {
    let d = dir();
    // other column order, a blank header cell, CR-only line ends,
    // Windows-1252 bytes, a bad cost, a bad date, a row with an extra comma
    let mut bytes =
        b"Purchase Cost,,Asset Tag,Purchase Date,Category,Supplier,Model,Location\r".to_vec();
    bytes.extend_from_slice(b"1200.00,x,M-1,2023-02-01,laptop,Caf\xe9 Supplies \x80,T14,Berlin\r");
    bytes.extend_from_slice(b"abc,x,M-2,2023-02-01,laptop,ACME,T14,Berlin\r");
    bytes.extend_from_slice(b"10.00,x,M-3,31.12.2023,laptop,ACME,T14,Berlin\r");
    bytes.extend_from_slice(b"99.00,x,M-4,2/3/23,phone,ACME,P1,Berlin\r");
    bytes.extend_from_slice(b"1,292.94,x,M-5,2/3/23,phone,ACME,P1,Berlin\r");
    let file = d.join("messy.csv");
    std::fs::write(&file, &bytes).unwrap();
    let db = d.join("messy.db");
    let f = file.display().to_string();
    let (code, err) = refused(
        &db,
        &["import", "snipeit", &f, "--strict", "--currency", "EUR"],
    );
    assert_eq!(code, 1);
    assert!(err.contains("strict: nothing was written"), "{err}");
    assert_eq!(event_count(&db), 0);
    let out = run(
        &db,
        &["--json", "import", "snipeit", &f, "--currency", "EUR"],
    );
    assert_eq!(
        out.status.code(),
        Some(4),
        "good rows imported, the shifted one skipped"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("windows-1252"));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let lines = |k: &str| -> Vec<(u64, String)> {
        report[k]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| {
                (
                    b["line"].as_u64().unwrap(),
                    b["reason"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let skipped = lines("skipped");
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert_eq!(skipped[0].0, 6);
    assert!(
        skipped[0].1.contains("9 fields where the header has 8"),
        "{skipped:?}"
    );
    let issues = lines("issues");
    assert!(
        issues
            .iter()
            .any(|(l, r)| *l == 3 && r.contains("purchase cost 'abc'")),
        "{issues:?}"
    );
    assert!(
        issues
            .iter()
            .any(|(l, r)| *l == 4 && r.contains("purchase date '31.12.2023'")),
        "{issues:?}"
    );
    assert!(
        issues
            .iter()
            .any(|(_, r)| r.contains("'Berlin' has no known country")),
        "{issues:?}"
    );
    assert!(
        issues.iter().any(|(_, r)| r.contains("only by default")),
        "{issues:?}"
    );
    assert_eq!(report["assets"], 4, "a bad field never costs its asset");
    let v = json(&db, &["show", "M-1"]);
    assert_eq!(v["vendor"], "Café Supplies €");
    assert_eq!(v["unit_cost"], "1200.00 EUR");
    assert_eq!(json(&db, &["show", "M-2"])["unit_cost"], "0.00 EUR");
    assert_eq!(json(&db, &["show", "M-4"])["ordered_on"], "2023-02-03");
    // not a Snipe-IT file at all
    let other = d.join("other.csv");
    std::fs::write(&other, "a,b\n1,2\n").unwrap();
    let (code, err) = refused(&db, &["import", "snipeit", &other.display().to_string()]);
    assert_eq!(code, 1);
    assert!(err.contains("Asset Tag"), "{err}");
}

#[test]
fn jsonl_export_and_import_round_trip() {
    let d = dir();
    let db = d.join("a.db");
    ok(&db, &["demo", "--people", "40"]);
    let file = d.join("events.jsonl");
    ok(
        &db,
        &["export", "--jsonl", "--out", &file.display().to_string()],
    );
    let copy = d.join("b.db");
    let first = json(&copy, &["import", "jsonl", &file.display().to_string()]);
    assert_eq!(first["written"], first["events"]);
    let again = json(&copy, &["import", "jsonl", &file.display().to_string()]);
    assert_eq!(again["written"], 0);
    assert_eq!(
        json(&copy, &["fleet"]),
        json(&db, &["fleet"]),
        "same assets, same views"
    );
    let bad = d.join("bad.jsonl");
    std::fs::write(
        &bad,
        "{\"asset\":\"X\",\"type\":\"teleported\"}\nnot json\n",
    )
    .unwrap();
    let out = run(
        &copy,
        &[
            "--json",
            "import",
            "jsonl",
            &bad.display().to_string(),
            "--dry-run",
        ],
    );
    assert_eq!(out.status.code(), Some(4));
}

#[test]
fn everyday_commands_in_every_format() {
    let d = dir();
    let db = d.join("day.db");
    ok(
        &db,
        &[
            "record",
            "ordered",
            "LAP-1",
            "category=laptop",
            "vendor=Dell",
            "model=XPS",
            "unit_cost=1500.00 EUR",
            "--at",
            "2024-01-10",
        ],
    );
    ok(
        &db,
        &[
            "record",
            "received",
            "LAP-1",
            "location=Berlin",
            "country=DE",
            "--at",
            "2024-01-11",
        ],
    );
    ok(
        &db,
        &[
            "record",
            "assigned",
            "LAP-1",
            "person=emp-1",
            "--at",
            "2024-01-12",
            "--expect-version",
            "2",
        ],
    );
    ok(
        &db,
        &[
            "record",
            "repaired",
            "LAP-1",
            "cost=80.00 EUR",
            "under_warranty=false",
            "--at",
            "2024-03-01",
        ],
    );
    let h = ok(&db, &["history", "LAP-1"]);
    assert!(h.contains("ordered") && h.contains("repaired"), "{h}");
    // a date alone is the start of that day, UTC, as from Python and Node
    let events = json(&db, &["history", "LAP-1"]);
    assert_eq!(events[0]["occurred_at"], "2024-01-10T00:00:00Z");
    assert_eq!(
        json(&db, &["show", "LAP-1", "--as-of", "2024-01-11"])["status"],
        "in_stock"
    );
    assert!(ok(&db, &["--csv", "show", "LAP-1"]).starts_with("field,value"));
    let cost = json(&db, &["cost", "LAP-1", "--as-of", "2024-06-30"]);
    assert_eq!(cost["costs"][0]["total"], "1580.00 EUR");
    let rates = d.join("rates.csv");
    std::fs::write(&rates, "date,from,to,rate\n2024-01-01,EUR,USD,1.10\n").unwrap();
    let fleet_cost = json(
        &db,
        &[
            "cost",
            "--currency",
            "USD",
            "--rates",
            &rates.display().to_string(),
        ],
    );
    assert_eq!(fleet_cost["total_in"], "1738.00 USD");
    assert_eq!(
        json(&db, &["idle", "--days", "30"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let (code, past) = refused(&db, &["offboard", "emp-1", "--due", "2024-05-01"]);
    assert!(
        code == 1 && past.contains("[INVALID_VALUE]") && past.contains("due"),
        "{past}"
    );
    let (code, nobody) = refused(&db, &["offboard", "emp-404", "--due", "2099-05-01"]);
    assert!(code == 1 && nobody.contains("[UNKNOWN_PERSON]"), "{nobody}");
    let off = json(
        &db,
        &[
            "offboard",
            "emp-1",
            "--due",
            "2024-05-01",
            "--at",
            "2024-04-20",
        ],
    );
    assert_eq!(off["requested"].as_array().unwrap().len(), 1);
    let overdue = json(&db, &["overdue"]);
    assert_eq!(overdue[0]["tag"], "LAP-1");
    assert!(ok(&db, &["overdue"]).contains("LAP-1"));
    assert!(ok(&db, &["--csv", "holder", "emp-1"]).contains("LAP-1"));
    assert_eq!(json(&db, &["rebuild"])["assets"], 1);
    assert_eq!(json(&db, &["forget", "emp-1"])["erased"], false);
    let help = ok(&db, &["--help"]);
    for word in [
        "demo",
        "import",
        "export",
        "record",
        "history",
        "fleet",
        "cost",
        "idle",
        "overdue",
        "holder",
        "forget",
        "rebuild",
        "Exit codes",
    ] {
        assert!(help.contains(word), "--help lacks {word}");
    }
}

#[test]
fn bad_input_is_one_clear_line_and_writes_nothing() {
    let d = dir();
    let db = d.join("bad.db");
    ok(
        &db,
        &[
            "record",
            "ordered",
            "LAP-1",
            "category=laptop",
            "vendor=Dell",
            "model=XPS",
            "unit_cost=1500.00 EUR",
            "--at",
            "2024-01-10",
        ],
    );
    let cases: &[(&[&str], i32, &str)] = &[
        (&["show", "NOPE"], 1, "UNKNOWN_ASSET"),
        (
            &["record", "assigned", "LAP-1", "person=emp-1"],
            1,
            "INVALID_TRANSITION",
        ),
        (
            &[
                "record",
                "received",
                "LAP-1",
                "location=X",
                "--at",
                "2024-02-30",
            ],
            1,
            "INVALID_VALUE",
        ),
        (
            &["record", "shipped", "LAP-1", "to=X", "cost=12,5 EUR"],
            1,
            "INVALID_AMOUNT",
        ),
        (
            &["record", "shipped", "LAP-1", "to=X", "cost=-5.00 EUR"],
            1,
            "NEGATIVE_AMOUNT",
        ),
        (&["record", "teleported", "LAP-1"], 1, "INVALID_EVENT"),
        (&["record", "received", "LAP-1", "location"], 1, "key=value"),
        (
            &["record", "note", "LAP-1", "text=x", "--expect-version", "7"],
            1,
            "VERSION_CONFLICT",
        ),
        (&["fleet", "--status", "vanished"], 1, "INVALID_VALUE"),
        (
            &["show", "LAP-1", "--as-of", "yesterday"],
            1,
            "INVALID_VALUE",
        ),
        (
            &["import", "snipeit", "/nonexistent/assets.csv"],
            3,
            "cannot read",
        ),
        (
            &[
                "cost",
                "--currency",
                "EUR",
                "--rates",
                "/nonexistent/rates.csv",
            ],
            3,
            "cannot read",
        ),
    ];
    for (args, code, text) in cases {
        let (c, err) = refused(&db, args);
        assert_eq!(c, *code, "{args:?}: {err}");
        assert!(err.contains(text), "{args:?}: {err}");
    }
    assert_eq!(event_count(&db), 1);
    let not_a_log = d.join("notes.txt");
    std::fs::write(&not_a_log, "hello\n".repeat(100)).unwrap();
    let (c, err) = refused(&not_a_log, &["fleet"]);
    assert_eq!(c, 3);
    assert!(err.contains("NOT_AN_ASSETLOG"), "{err}");
    let usage = run(&db, &["fleet", "--no-such-flag"]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn verify_reports_an_intact_log_and_a_tampered_one() {
    let d = dir();
    let db = d.join("v.db");
    ok(&db, &["demo", "--people", "20"]);
    let v = json(&db, &["verify"]);
    assert!(v["first_mismatch"].is_null());
    assert!(ok(&db, &["verify"]).contains("intact"));
    // a quiet rewrite with plain SQL: one payload changed at position 10
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE events SET payload = payload || ' ' WHERE position = 10",
            [],
        )
        .unwrap();
    let out = run(&db, &["verify"]);
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stdout).contains("TAMPERED: position 10"));
}

#[test]
fn verify_against_a_checkpoint_catches_a_log_cut_short() {
    let d = dir();
    let db = d.join("cp.db");
    let cp = d.join("fleet.checkpoint");
    ok(&db, &["demo", "--people", "5"]);
    let written = ok(&db, &["checkpoint", cp.to_str().unwrap()]);
    assert!(written.contains("checkpoint written"), "{written}");
    assert!(ok(&db, &["verify", "--against", cp.to_str().unwrap()]).contains("intact"));
    let last: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT max(position) FROM events", [], |r| r.get(0))
        .unwrap();
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute("DELETE FROM events WHERE position = ?1", [last])
        .unwrap();
    assert!(
        ok(&db, &["verify"]).contains("intact"),
        "the chain alone cannot tell"
    );
    let out = run(&db, &["verify", "--against", cp.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(5));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("cut off the end"), "{text}");
}

#[test]
fn summary_and_cost_group_by_dimensions() {
    let d = dir();
    let db = d.join("g.db");
    ok(&db, &["demo", "--people", "30"]);
    let g = json(&db, &["summary", "--by", "department,country"]);
    let total: u64 = g["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["count"].as_u64().unwrap())
        .sum();
    let plain = json(&db, &["summary"]);
    assert_eq!(total, plain["counts"]["total"].as_u64().unwrap());
    assert_eq!(g["by"], serde_json::json!(["department", "country"]));
    let text = ok(&db, &["cost", "--by", "Category"]);
    assert!(text.contains("cost of ownership by category"), "{text}");
    let (code, err) = refused(&db, &["summary", "--by", "colour"]);
    assert_eq!(code, 1);
    assert!(err.contains("INVALID_VALUE"), "{err}");
}

#[test]
fn people_are_found_by_id_email_or_name_and_unknown_people_are_errors() {
    let d = dir();
    let db = d.join("p.db");
    ok(&db, &["demo", "--people", "60"]);
    let p = json(&db, &["person", "emp-10003"]);
    assert_eq!(p["id"], "emp-10003");
    let email = p["email"].as_str().unwrap().to_owned();
    assert_eq!(
        json(&db, &["person", &email.to_uppercase()])["id"],
        "emp-10003"
    );
    let leavers = json(&db, &["people", "--left"]);
    assert!(
        !leavers.as_array().unwrap().is_empty(),
        "the demo has leavers"
    );
    for l in leavers.as_array().unwrap() {
        assert_eq!(l["status"], "left");
    }
    for args in [["holder", "emp-99999"], ["person", "Nobody Here"]] {
        let (code, err) = refused(&db, &args);
        assert_eq!(code, 1, "{args:?}");
        assert!(err.contains("UNKNOWN_PERSON"), "{err}");
    }
    let unseen = json(&db, &["unseen", "--days", "0"]);
    assert!(unseen
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["category"] != "monitor"));
    let w = ok(&db, &["warranty", "--within", "800"]);
    assert!(w.contains("warranties ending from"), "{w}");
}

#[test]
fn the_depreciation_calculator_reproduces_the_macrs_table() {
    let d = dir();
    let db = d.join("unused.db");
    let v = json(
        &db,
        &[
            "depreciation",
            "--cost",
            "10000.00 USD",
            "--placed",
            "2024-03-15",
            "--method",
            "macrs",
            "--life-years",
            "5",
            "--convention",
            "half-year",
        ],
    );
    let years: Vec<&str> = v["schedule"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["depreciation"].as_str().unwrap())
        .collect();
    assert_eq!(
        years,
        vec![
            "2000.00 USD",
            "3200.00 USD",
            "1920.00 USD",
            "1152.00 USD",
            "1152.00 USD",
            "576.00 USD"
        ]
    );
    assert_eq!(v["schedule"][0]["end_value"], "8000.00 USD");
    assert!(!db.exists(), "the calculator needs no log");
    let out = run(
        &db,
        &[
            "depreciation",
            "--cost",
            "100.00 USD",
            "--placed",
            "2024-01-01",
            "--method",
            "nope",
            "--life-years",
            "3",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn books_give_book_values_schedules_and_a_forecast() {
    let d = dir();
    let db = d.join("b.db");
    ok(&db, &["demo", "--people", "40"]);
    ok(
        &db,
        &[
            "books",
            "set",
            "ifrs",
            "--category",
            "laptop",
            "--from",
            "2000-01-01",
            "--method",
            "straight-line",
            "--life-years",
            "3",
        ],
    );
    // the demo's finance book (three rules) and the new one
    let rules = json(&db, &["books", "list"]);
    assert_eq!(rules.as_array().unwrap().len(), 4);
    assert_eq!(
        json(&db, &["books", "list", "ifrs"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let fleet = json(&db, &["cost", "--book", "ifrs"]);
    assert!(!fleet["by_currency"].as_array().unwrap().is_empty());
    assert!(fleet["categories_without_rule"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("monitor")));
    let one = json(&db, &["cost", "LAP-000001", "--book", "ifrs"]);
    assert_eq!(one["book"], "ifrs");
    let s = json(&db, &["schedule", "LAP-000001", "--book", "ifrs"]);
    assert!(s["schedule"].as_array().unwrap().len() >= 3);
    let f = json(
        &db,
        &[
            "forecast",
            "--book",
            "ifrs",
            "--from",
            "2020-01-01",
            "--to",
            "2035-01-01",
        ],
    );
    assert!(!f["assets"].as_array().unwrap().is_empty());
    let (code, err) = refused(&db, &["cost", "LAP-000001", "--book", "us-tax"]);
    assert_eq!(code, 1);
    assert!(err.contains("no such book"), "{err}");
}

#[test]
fn lead_times_repairs_and_recovery_answer_from_the_demo() {
    let d = dir();
    let db = d.join("l.db");
    ok(&db, &["demo", "--people", "80"]);
    let lt = json(
        &db,
        &[
            "leadtime",
            "order_to_receipt",
            "--from",
            "2020-01-01",
            "--by",
            "country",
        ],
    );
    let groups = lt.as_array().unwrap();
    assert!(!groups.is_empty());
    for g in groups {
        assert!(g["median_days"].as_f64().unwrap() <= g["p90_days"].as_f64().unwrap());
    }
    let rep = json(&db, &["repairs", "--from", "2020-01-01"]);
    assert!(rep["turnaround"].is_array());
    let rec = json(&db, &["recovery", "--from", "2020-01-01"]);
    let n = |k: &str| rec[k].as_u64().unwrap();
    assert_eq!(
        n("requested"),
        n("returned_on_time") + n("returned_late") + n("still_open") + n("lost") + n("other")
    );
    let (code, err) = refused(&db, &["leadtime", "teleport"]);
    assert_eq!(code, 1);
    assert!(err.contains("INVALID_VALUE"), "{err}");
    // macOS versions: every Mac laptop below 99.0 is listed, none below 1
    let below = json(
        &db,
        &["unpatched", "--below", "os=99.0", "--category", "laptop"],
    );
    let list = below.as_array().unwrap();
    assert!(!list.is_empty());
    assert!(list.iter().all(|a| a["component"] == "os"));
    let none = json(
        &db,
        &["unpatched", "--below", "os=1", "--category", "phone"],
    );
    assert!(none
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["installed"].is_null()));
    let (code, err) = refused(&db, &["unpatched", "--below", "os"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("COMPONENT=VERSION"), "{err}");
}

#[test]
fn a_known_serial_is_refused_from_the_command_line_unless_allowed() {
    let d = dir();
    let db = d.join("s.db");
    let order = |tag: &str, extra: &[&str]| {
        let mut a = vec![
            "record",
            "ordered",
            tag,
            "category=laptop",
            "vendor=Dell",
            "model=XPS",
            "unit_cost=1000.00 EUR",
            "serial=SN-1",
        ];
        a.extend_from_slice(extra);
        a.into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    let args = order("A", &[]);
    ok(&db, &args.iter().map(String::as_str).collect::<Vec<_>>());
    let args = order("B", &[]);
    let (code, err) = refused(&db, &args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(code, 1);
    assert!(err.contains("DUPLICATE_SERIAL"), "{err}");
    let args = order("B", &["--allow-duplicate-serial"]);
    ok(&db, &args.iter().map(String::as_str).collect::<Vec<_>>());
    let dup = json(&db, &["duplicates"]);
    assert_eq!(dup[0]["tags"], serde_json::json!(["A", "B"]));
    let gaps = json(&db, &["gaps"]);
    assert_eq!(gaps["duplicate_serials"][0]["serial"], "SN-1");
    assert!(
        gaps["no_country"].as_array().unwrap().is_empty(),
        "ordered only: not in service"
    );
}

#[test]
fn summary_as_csv_gives_every_table_and_tables_read_as_money() {
    let d = dir();
    let db = d.join("c.db");
    ok(&db, &["demo", "--people", "30"]);
    let csv = ok(&db, &["--csv", "summary"]);
    let blocks: Vec<&str> = csv.split("\n\n").collect();
    assert!(blocks.len() >= 3, "{csv}");
    assert!(blocks[1].starts_with("currency,purchase"), "{csv}");
    assert!(!blocks[1].contains("\",\""), "plain numbers in CSV");
    let table = ok(&db, &["summary"]);
    for line in table
        .lines()
        .filter(|l| l.chars().any(char::is_alphanumeric))
    {
        assert!(
            !line.split_whitespace().any(|cell| cell == "-"),
            "zero is 0, not -: {line}"
        );
    }
    let history = ok(&db, &["history", "LAP-000001"]);
    assert!(history.contains("category=laptop"), "{history}");
}

#[test]
fn read_commands_never_create_a_log() {
    let d = dir();
    let typo = d.join("fleeet.db");
    for args in [
        &["fleet"][..],
        &["summary"],
        &["verify"],
        &["people", "--left"],
    ] {
        let out = run(&typo, args);
        assert_eq!(out.status.code(), Some(3), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("no log at"), "{err}");
        assert!(!typo.exists(), "{args:?} created the file");
    }
}

#[test]
fn the_report_is_one_html_file_of_the_day_asked() {
    let d = dir();
    let db = d.join("r.db");
    ok(&db, &["demo", "--people", "60"]);
    let out = d.join("fleet.html");
    let path = out.display().to_string();
    ok(&db, &["report", "--html", &path, "--as-of", "2026-01-31"]);
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.contains("As of the end of 2026-01-31"));
    assert!(
        page.contains("id=\"book-value-"),
        "the demo has a finance book"
    );
    ok(&db, &["report", "--html", &path, "--as-of", "2026-01-31"]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), page, "same bytes");
    let bad = d.join("bad.html").display().to_string();
    let (code, err) = refused(&db, &["report", "--html", &bad, "--book", "ifrs"]);
    assert_ne!(code, 0);
    assert!(err.contains("ifrs"), "{err}");
    let usage = run(&db, &["report", "--html", &bad, "--currency", "EUR"]);
    assert_eq!(usage.status.code(), Some(2), "--currency needs --rates");
    assert!(!d.join("bad.html").exists());
}

#[test]
fn an_asset_list_and_a_monitoring_agent_meet_on_one_asset() {
    let d = dir();
    let db = d.join("meet.db");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let snipe = fixtures.join("snipeit/importer-layout-cp1252.csv");
    let out = run(
        &db,
        &[
            "--json",
            "import",
            "snipeit",
            &snipe.display().to_string(),
            "--currency",
            "EUR",
        ],
    );
    assert_eq!(out.status.code(), Some(4), "line 7 is skipped");
    let results = fixtures
        .join("osquery/osqueryd.results.log")
        .display()
        .to_string();
    let first = run(
        &db,
        &[
            "--json",
            "ingest",
            "osquery",
            &results,
            "--patches",
            "programs",
        ],
    );
    assert_eq!(first.status.code(), Some(4), "one line is not JSON");
    let report: Value = serde_json::from_slice(&first.stdout).unwrap();
    assert_eq!(report["assets"], 1);
    assert_eq!(report["written"], 8);
    let v = json(&db, &["show", "WBH-1"]);
    assert_eq!(v["os_version"], "14.2.1");
    assert_eq!(v["last_seen"], "2024-06-03T10:00:00Z");
    let again = run(
        &db,
        &[
            "--json",
            "ingest",
            "osquery",
            &results,
            "--patches",
            "programs",
        ],
    );
    let report: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(report["written"], 0, "twice without duplicates");
    // ingesting into a log that does not exist creates nothing
    let (code, _) = refused(&d.join("none.db"), &["ingest", "osquery", &results]);
    assert_eq!(code, 3);
}

#[test]
fn a_jira_export_lands_on_the_assets_it_names() {
    let d = dir();
    let db = d.join("tickets.db");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let snipe = fixtures
        .join("snipeit/importer-layout-cp1252.csv")
        .display()
        .to_string();
    run(&db, &["import", "snipeit", &snipe, "--currency", "EUR"]);
    // the Jira fixture names LAP-1 and serial PF4; here PF4 is WBH-4
    let jira = fixtures
        .join("tickets/jira-export.csv")
        .display()
        .to_string();
    let out = run(&db, &["--json", "ingest", "tickets", &jira]);
    assert_eq!(out.status.code(), Some(4), "IT-104 cannot be read");
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["assets"], 1, "{r}");
    assert_eq!(
        json(&db, &["show", "WBH-4"])["open_tickets"],
        serde_json::json!(["IT-102"])
    );
    let (code, err) = refused(&db, &["ingest", "tickets", &jira, "--map", "colour=Status"]);
    assert_eq!(code, 1);
    assert!(err.contains("not a ticket field"), "{err}");
}

#[test]
fn licenses_from_the_command_line() {
    let db = dir().join("licenses.db");
    ok(
        &db,
        &[
            "record",
            "license_purchased",
            "LIC-M365",
            "product=Microsoft 365 E3",
            "kind=per_user",
            "seats=2",
            "term_start=2026-01-01",
            "term_end=2026-12-31",
            "cost=3600.00 EUR",
            "--at",
            "2026-01-01",
        ],
    );
    for person in ["emp-1", "emp-2"] {
        ok(
            &db,
            &[
                "record",
                "seat_assigned",
                "LIC-M365",
                &format!("person={person}"),
                "--at",
                "2026-01-02",
            ],
        );
    }
    let (code, full) = refused(
        &db,
        &[
            "record",
            "seat_assigned",
            "LIC-M365",
            "person=emp-3",
            "--at",
            "2026-01-03",
        ],
    );
    assert!(code == 1 && full.contains("[NO_FREE_SEAT]"), "{full}");
    let (_, negative) = refused(&db, &["record", "seats_changed", "LIC-M365", "seats=-1"]);
    assert!(negative.contains("[INVALID_EVENT]"), "{negative}");
    let list = json(&db, &["licenses"]);
    assert_eq!(list[0]["seats_used"], 2);
    assert_eq!(list[0]["seats_free"], 0);
    assert!(ok(&db, &["licenses"]).contains("3,600.00 EUR"));
    let one = json(&db, &["license", "LIC-M365", "--as-of", "2026-01-01"]);
    assert_eq!(
        one["seats_used"], 0,
        "as of the day of purchase, nobody held a seat"
    );
    let r = json(
        &db,
        &["renewals", "--from", "2026-12-01", "--to", "2027-01-31"],
    );
    assert_eq!(r["budget"][0], "3600.00 EUR");
    assert!(ok(&db, &["person", "emp-2"]).contains("1 license seats held (1800.00 EUR)"));
    // offboarding takes the seat back in the same batch
    let off = json(&db, &["offboard", "emp-2", "--due", "2099-01-01"]);
    assert_eq!(off["released"][0]["tag"], "LIC-M365");
    assert_eq!(json(&db, &["license", "LIC-M365"])["seats_used"], 1);
    assert_eq!(json(&db, &["reclaim"]).as_array().unwrap().len(), 0);
    assert!(ok(&db, &["--csv", "reclaim"]).starts_with("license,"));
}

#[test]
fn snipeit_licenses_import_once_with_their_keys_kept_apart() {
    let db = dir().join("snipe-licenses.db");
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/snipeit/licenses-importer-layout.csv")
        .to_string_lossy()
        .to_string();
    let first = json(
        &db,
        &["import", "snipeit-licenses", &file, "--currency", "USD"],
    );
    // two purchases, two seats, and Visio's term ended on 2026-07-12
    assert_eq!(
        (first["assets"].as_u64(), first["written"].as_u64()),
        (Some(2), Some(5))
    );
    let list = json(&db, &["licenses"]);
    let visio = list
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["tag"] == "LIC-MICROSOFT-VISIO-PROFESSIONAL")
        .unwrap();
    assert_eq!(
        (visio["seats"].as_u64(), visio["seats_used"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(visio["term_cost"], "1299.00 USD");
    assert_eq!(visio["status"], "expired");
    let key = json(&db, &["license-key", "LIC-SUBLIME-TEXT"]);
    assert_eq!(key["key"], "ST-4-LICENSE-1142");
    assert!(
        !ok(&db, &["export", "--jsonl"]).contains("VX7TQ"),
        "keys never exported"
    );
    let again = json(&db, &["import", "snipeit-licenses", &file]);
    assert_eq!(again["written"], 0, "the same export twice adds nothing");
}

/// A URL for a new, empty log on the test PostgreSQL server (a schema of
/// its own), when the test command started one (`tests/postgres.sh`).
fn pg_url() -> Option<PathBuf> {
    let base = std::env::var("ASSETLOG_TEST_PG").ok()?;
    let sep = if base.contains('?') { '&' } else { '?' };
    Some(PathBuf::from(format!(
        "{base}{sep}schema=cli_{}",
        uuid::Uuid::now_v7().simple()
    )))
}

#[test]
fn the_same_demo_gives_the_same_answers_on_postgresql_as_on_sqlite() {
    let Some(pg) = pg_url() else {
        eprintln!("ASSETLOG_TEST_PG is not set: no PostgreSQL server to test against");
        return;
    };
    let d = dir();
    let file = d.join("demo.db");
    ok(&file, &["demo", "--people", "300", "--seed", "11"]);
    let out = ok(&pg, &["demo", "--people", "300", "--seed", "11"]);
    assert!(out.contains("(schema cli_"), "{out}");
    // the demo is dated from the moment it runs: compare what does not
    // depend on the second it started
    let summary = |db: &Path| {
        let s = json(db, &["summary"]);
        (s["counts"].clone(), s["spend"].clone())
    };
    assert_eq!(summary(&file), summary(&pg));
    let fleet = |db: &Path| {
        json(db, &["fleet"])
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                (
                    v["tag"].clone(),
                    v["status"].clone(),
                    v["holder"].clone(),
                    v["costs"].clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(fleet(&file), fleet(&pg));
    let products = |db: &Path| {
        json(db, &["compliance"])["products"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["product"].clone(),
                    p["installations"].clone(),
                    p["unlicensed"].clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(products(&file), products(&pg));
    assert_eq!(json(&file, &["seats"]), json(&pg, &["seats"]));
    let events = |db: &Path| json(db, &["verify"])["events"].clone();
    assert_eq!(events(&file), events(&pg));
    // a second demo into the same schema is refused, the log untouched
    let before = events(&pg);
    let err = run(&pg, &["demo", "--people", "10"]);
    assert!(!err.status.success());
    assert!(String::from_utf8_lossy(&err.stderr).contains("holds a log already"));
    assert_eq!(events(&pg), before);
}

#[test]
fn copy_moves_a_log_to_postgresql_and_back_with_the_same_chain_head() {
    let d = dir();
    let file = d.join("fleet.db");
    ok(&file, &["demo", "--people", "40", "--seed", "3"]);
    let head = json(&file, &["verify"])["head"].clone();
    // PostgreSQL when the test command started one, else another file
    let middle = pg_url().unwrap_or_else(|| d.join("middle.db"));
    let back = d.join("back.db");
    let path = |p: &Path| p.display().to_string();
    let out = ok(
        &file,
        &["copy", "--from", &path(&file), "--to", &path(&middle)],
    );
    assert!(out.contains("both logs verify to chain head"), "{out}");
    ok(
        &file,
        &["copy", "--from", &path(&middle), "--to", &path(&back)],
    );
    for db in [&middle, &back] {
        assert_eq!(json(db, &["verify"])["head"], head, "{}", db.display());
    }
    // the copy answers "as recorded" questions like the original
    let recorded = json(&file, &["history", "LAP-000001"])[0]["recorded_at"]
        .as_str()
        .unwrap()
        .to_owned();
    let asked = ["fleet", "--as-recorded", recorded.as_str()];
    assert_eq!(json(&back, &asked), json(&file, &asked));
    // into a log that exists: refused, nothing written
    let (code, err) = refused(
        &back,
        &["copy", "--from", &path(&file), "--to", &path(&back)],
    );
    assert_eq!(code, 1, "{err}");
}
