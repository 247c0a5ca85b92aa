//! What only the PostgreSQL backend has: opening checks against a server,
//! roles, followers woken by NOTIFY, writers on many connections, and a
//! server stopped in the middle of a load. The store semantics themselves
//! are the conformance suite's (`each_backend`), run on both backends.
//!
//! Each test needs the server `tests/postgres.sh` starts (`ASSETLOG_TEST_PG`);
//! without one it says so and passes.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use assetlog::event::Note;
use assetlog::{AssetLog, At, FleetFilter, NewEvent, OpenOptions};

use crate::support::{assigned, ordered, pg_url, received};

const WRITER: &str = env!("CARGO_BIN_EXE_log_writer");

fn server() -> Option<String> {
    let url = pg_url();
    if url.is_none() {
        eprintln!("ASSETLOG_TEST_PG is not set: no PostgreSQL server to test against");
    }
    url
}

/// A superuser client on the test server, and the schema a URL names.
fn admin(url: &str) -> (postgres::Client, String) {
    let (base, query) = url.split_once('?').unwrap();
    let mut keep = Vec::new();
    let mut schema = String::new();
    for pair in query.split('&') {
        match pair.strip_prefix("schema=") {
            Some(s) => s.clone_into(&mut schema),
            None => keep.push(pair),
        }
    }
    let client =
        postgres::Client::connect(&format!("{base}?{}", keep.join("&")), postgres::NoTls).unwrap();
    (client, schema)
}

/// The URL as another user.
fn as_user(url: &str, user: &str) -> String {
    url.replacen(
        "postgresql://postgres@",
        &format!("postgresql://{user}@"),
        1,
    )
}

#[test]
fn a_server_that_is_down_or_a_schema_that_is_not_ours_is_refused_with_a_code() {
    let Some(url) = server() else { return };
    let started = Instant::now();
    let e = AssetLog::open("postgresql://postgres@/postgres?host=/nonexistent-dir").unwrap_err();
    assert_eq!(
        (e.code(), e.kind().name()),
        ("SERVER_UNAVAILABLE", "environment")
    );
    assert!(e.to_string().contains("/nonexistent-dir"), "{e}");
    // no answer at all: the connect timeout ends the wait
    let e = AssetLog::open("postgresql://postgres@10.255.255.1:5432/postgres?connect_timeout=1")
        .unwrap_err();
    assert_eq!(e.code(), "SERVER_UNAVAILABLE", "{e}");
    let e = AssetLog::open(url.replacen("/postgres?", "/no_such_db?", 1)).unwrap_err();
    assert_eq!(e.code(), "SERVER_UNAVAILABLE", "{e}");
    assert!(started.elapsed() < Duration::from_secs(20));
    let e = AssetLog::open(format!("{url}x;DROP")).unwrap_err();
    assert_eq!(e.code(), "INVALID_VALUE", "a bad schema name: {e}");

    // a schema of another application: refused, untouched
    let (mut db, schema) = admin(&url);
    db.batch_execute(&format!(
        "CREATE SCHEMA {schema}; CREATE TABLE {schema}.invoices (id int)"
    ))
    .unwrap();
    let e = AssetLog::open(&url).unwrap_err();
    assert_eq!(e.code(), "NOT_AN_ASSETLOG", "{e}");
    let tables: i64 = db
        .query_one(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = $1",
            &[&schema],
        )
        .unwrap()
        .get(0);
    assert_eq!(tables, 1, "the foreign schema was left as it was");

    // a log written by a newer assetlog: refused, untouched
    let newer = pg_url().unwrap();
    AssetLog::open(&newer)
        .unwrap()
        .append(ordered("A", "1.00 EUR", "2024-01-01"))
        .unwrap();
    let (mut db, schema) = admin(&newer);
    db.execute(
        &format!("UPDATE {schema}.assetlog_meta SET value = '99' WHERE key = 'schema_version'"),
        &[],
    )
    .unwrap();
    let e = AssetLog::open(&newer).unwrap_err();
    assert_eq!(e.code(), "SCHEMA_TOO_NEW", "{e}");
    assert_eq!(e.details()["found"], 99);
}

/// The role SQL of docs/postgres.md, for a schema and role names of the test's own.
fn roles_sql(schema: &str, suffix: &str) -> String {
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/postgres.md"),
    )
    .unwrap();
    let start = doc
        .find("```sql\n")
        .expect("docs/postgres.md has the role SQL")
        + 7;
    let end = start + doc[start..].find("```").unwrap();
    doc[start..end]
        .replace("SCHEMA assetlog", &format!("SCHEMA {schema}"))
        .replace("assetlog.license_keys", &format!("{schema}.license_keys"))
        .replace("assetlog_reader", &format!("reader_{suffix}"))
        .replace("assetlog_writer", &format!("writer_{suffix}"))
}

#[test]
fn a_reader_role_can_ask_and_follow_but_not_write_and_a_writer_role_can_append() {
    let Some(url) = server() else { return };
    let owner = AssetLog::open(&url).unwrap();
    owner
        .append_batch(&[
            ordered("LAP-1", "1000.00 EUR", "2024-01-01"),
            received("LAP-1", "2024-01-02"),
        ])
        .unwrap();
    let (mut db, schema) = admin(&url);
    let suffix = &schema[2..14];
    db.batch_execute(&roles_sql(&schema, suffix)).unwrap();
    db.batch_execute(&format!(
        "CREATE ROLE alice_{suffix} LOGIN IN ROLE reader_{suffix}; \
         CREATE ROLE bob_{suffix} LOGIN IN ROLE writer_{suffix};"
    ))
    .unwrap();

    let reader = AssetLog::open(as_user(&url, &format!("alice_{suffix}"))).unwrap();
    assert_eq!(
        reader.asset("LAP-1", At::now()).unwrap().status.name(),
        "in_stock"
    );
    assert_eq!(reader.feed(0, 10).unwrap().len(), 2);
    assert!(!reader
        .wait_for_events(2, Duration::from_millis(50))
        .unwrap());
    let e = reader
        .append(assigned("LAP-1", "emp-1", "2024-01-03"))
        .unwrap_err();
    assert_eq!(
        (e.code(), e.kind().name()),
        ("PERMISSION_DENIED", "environment")
    );
    assert_eq!(
        reader
            .forget_person(&"emp-1".parse().unwrap())
            .unwrap_err()
            .code(),
        "PERMISSION_DENIED"
    );
    assert_eq!(
        owner.stats().unwrap().events,
        2,
        "the refusals wrote nothing"
    );

    let writer = AssetLog::open(as_user(&url, &format!("bob_{suffix}"))).unwrap();
    writer
        .append(assigned("LAP-1", "emp-1", "2024-01-03"))
        .unwrap();
    writer
        .append(ordered("LAP-2", "900.00 EUR", "2024-01-04"))
        .unwrap();
    assert!(writer.forget_person(&"emp-1".parse().unwrap()).is_ok());
    assert_eq!(reader.stats().unwrap().events, 4);
}

#[test]
fn a_follower_is_woken_by_another_connections_commit() {
    let Some(url) = server() else { return };
    let follower = AssetLog::open(&url).unwrap();
    let writer = AssetLog::open(&url).unwrap();
    writer
        .append(ordered("A", "1.00 EUR", "2024-01-01"))
        .unwrap();
    let waiting = std::thread::spawn(move || {
        let started = Instant::now();
        let page = follower.feed_wait(1, 100, Duration::from_secs(20)).unwrap();
        (page, started.elapsed())
    });
    std::thread::sleep(Duration::from_millis(300));
    writer
        .append(NewEvent::new("A", Note { text: "hi".into() }))
        .unwrap();
    let (page, waited) = waiting.join().unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].position, 2);
    assert!(
        waited < Duration::from_secs(5),
        "woken by the commit, not by the timeout: {waited:?}"
    );
}

/// Writer processes killed with SIGKILL mid-batch leave no partial batch,
/// lose no acknowledged one, and leave the head lock to the next writer.
#[test]
fn writers_killed_mid_batch_leave_nothing_partial_on_postgresql() {
    let Some(url) = server() else { return };
    drop(AssetLog::open(&url).unwrap());
    let mut acked = BTreeSet::new();
    let mut next = 0u64;
    for round in 0..8u64 {
        let mut child = Command::new(WRITER)
            .args(["batches", &url, &next.to_string()])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .filter_map(|l| l.strip_prefix("ack ").and_then(|n| n.parse::<u64>().ok()))
                .collect::<Vec<_>>()
        });
        std::thread::sleep(Duration::from_millis(150 + 37 * round));
        child.kill().unwrap();
        child.wait().unwrap();
        acked.extend(reader.join().unwrap());
        let log = AssetLog::open(&url).unwrap();
        let views = log.fleet(&FleetFilter::default(), At::now()).unwrap();
        for v in &views {
            assert_eq!(v.version, 5, "round {round}: {} is partial", v.tag);
        }
        let present: BTreeSet<u64> = views
            .iter()
            .filter_map(|v| v.tag.strip_prefix("CRASH-").and_then(|n| n.parse().ok()))
            .collect();
        assert!(
            acked.is_subset(&present),
            "round {round}: an acknowledged batch is gone"
        );
        next = present.last().map_or(0, |n| n + 1);
    }
    let log = AssetLog::open(&url).unwrap();
    let check = log.verify().unwrap();
    assert!(check.is_intact(), "{check:?}");
    assert_eq!(
        check.events,
        5 * log.stats().unwrap().assets,
        "positions are gapless"
    );
    assert!(
        acked.len() > 8,
        "the writers got work done: {}",
        acked.len()
    );
}

/// A PostgreSQL cluster of the test's own, so that stopping it disturbs no
/// other test.
struct Cluster {
    dir: std::path::PathBuf,
    bin: std::path::PathBuf,
}

impl Cluster {
    fn pg(&self, tool: &str, args: &[&str]) -> std::process::Output {
        let tool = self.bin.join(tool);
        let root = std::env::var("USER").as_deref() == Ok("root")
            || Command::new("id")
                .arg("-u")
                .output()
                .is_ok_and(|o| o.stdout == b"0\n");
        let mut cmd = if root {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(tool);
            c
        } else {
            Command::new(tool)
        };
        cmd.args(args).output().unwrap()
    }

    fn new() -> Option<Cluster> {
        Cluster::with_auth(&["-A", "trust"])
    }

    /// A cluster whose every connection needs the password `s3cret`.
    fn with_password() -> Option<Cluster> {
        let pw =
            std::env::temp_dir().join(format!("assetlog-pw-{}", uuid::Uuid::now_v7().simple()));
        std::fs::write(&pw, "s3cret\n").unwrap();
        Command::new("chmod").arg("644").arg(&pw).status().unwrap();
        let arg = format!("--pwfile={}", pw.display());
        let c = Cluster::with_auth(&["-A", "scram-sha-256", &arg]);
        let _ = std::fs::remove_file(&pw);
        c
    }

    fn with_auth(auth: &[&str]) -> Option<Cluster> {
        let bin = std::path::PathBuf::from(std::env::var("PGBIN").ok()?);
        let dir =
            std::env::temp_dir().join(format!("assetlog-pg-{}", uuid::Uuid::now_v7().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        Command::new("chmod").arg("777").arg(&dir).status().unwrap();
        let c = Cluster { dir, bin };
        let data = c.dir.join("data");
        let mut args = vec!["-D", data.to_str().unwrap(), "-U", "postgres"];
        args.extend_from_slice(auth);
        let out = c.pg("initdb", &args);
        assert!(out.status.success(), "{out:?}");
        c.start();
        Some(c)
    }

    fn start(&self) {
        let opts = format!(
            "-c listen_addresses='' -c unix_socket_directories={}",
            self.dir.display()
        );
        let out = self.pg(
            "pg_ctl",
            &[
                "-D",
                self.dir.join("data").to_str().unwrap(),
                "-l",
                self.dir.join("log").to_str().unwrap(),
                "-w",
                "start",
                "-o",
                &opts,
            ],
        );
        assert!(out.status.success(), "{out:?}");
    }

    fn stop(&self, mode: &str) {
        self.pg(
            "pg_ctl",
            &[
                "-D",
                self.dir.join("data").to_str().unwrap(),
                "-m",
                mode,
                "-w",
                "stop",
            ],
        );
    }

    fn url(&self) -> String {
        format!(
            "postgresql://postgres@/postgres?host={}",
            self.dir.display()
        )
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.stop("fast");
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn a_server_stopped_immediately_mid_load_keeps_every_acknowledged_batch() {
    if server().is_none() {
        return;
    }
    let Some(cluster) = Cluster::new() else {
        eprintln!("PGBIN is not set: tests/postgres.sh sets it");
        return;
    };
    let url = cluster.url();
    drop(AssetLog::open(&url).unwrap());
    let mut child = Command::new(WRITER)
        .args(["batches", &url, "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .filter_map(|l| l.strip_prefix("ack ").and_then(|n| n.parse::<u64>().ok()))
            .collect::<Vec<_>>()
    });
    std::thread::sleep(Duration::from_millis(800));
    // the server dies as in a power cut: no shutdown checkpoint
    cluster.stop("immediate");
    // the writer fails its next append (and exits) instead of hanging
    let status = child.wait().unwrap();
    assert!(!status.success());
    let acked: BTreeSet<u64> = reader.join().unwrap().into_iter().collect();
    assert!(!acked.is_empty(), "the writer got work done");
    // a handle opened before the crash says so in words, then recovers
    cluster.start();
    let log = AssetLog::open_with(&url, OpenOptions::default()).unwrap();
    let views = log.fleet(&FleetFilter::default(), At::now()).unwrap();
    let present: BTreeSet<u64> = views
        .iter()
        .filter_map(|v| v.tag.strip_prefix("CRASH-").and_then(|n| n.parse().ok()))
        .collect();
    assert!(acked.is_subset(&present), "acknowledged batches survive");
    for v in &views {
        assert_eq!(v.version, 5, "{} is partial", v.tag);
    }
    assert!(log.verify().unwrap().is_intact());
    // the log takes appends again
    log.append(ordered("AFTER", "1.00 EUR", "2024-01-01"))
        .unwrap();
}

#[test]
fn a_handle_survives_a_server_restart_with_a_clear_error_in_between() {
    if server().is_none() {
        return;
    }
    let Some(cluster) = Cluster::new() else {
        return;
    };
    let url = cluster.url();
    let log = AssetLog::open(&url).unwrap();
    log.append(ordered("A", "1.00 EUR", "2024-01-01")).unwrap();
    cluster.stop("fast");
    let e = log
        .append(ordered("B", "1.00 EUR", "2024-01-01"))
        .unwrap_err();
    assert_eq!(e.code(), "SERVER_UNAVAILABLE", "{e}");
    assert_eq!(log.stats().unwrap_err().code(), "SERVER_UNAVAILABLE");
    cluster.start();
    log.append(ordered("B", "1.00 EUR", "2024-01-01")).unwrap();
    assert_eq!(log.stats().unwrap().events, 2);
    // several idle readers, then a restart: one call fails, not one per
    // pooled connection
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let log = log.clone();
            std::thread::spawn(move || log.stats().unwrap())
        })
        .collect();
    for r in readers {
        r.join().unwrap();
    }
    cluster.stop("fast");
    cluster.start();
    let failures = (0..6).filter(|_| log.stats().is_err()).count();
    assert!(failures <= 1, "{failures} calls failed after the restart");
    assert_eq!(log.stats().unwrap().events, 2);
}

#[test]
fn a_refused_password_is_server_unavailable_and_the_right_one_opens() {
    if server().is_none() {
        return;
    }
    let Some(cluster) = Cluster::with_password() else {
        return;
    };
    let url = cluster.url();
    let wrong = url.replacen("postgres@", "postgres:wrong@", 1);
    let e = AssetLog::open(&wrong).unwrap_err();
    assert_eq!(e.code(), "SERVER_UNAVAILABLE", "{e}");
    assert!(e.to_string().contains("password"), "{e}");
    assert!(
        !e.to_string().contains("wrong"),
        "the password is never shown: {e}"
    );
    let right = url.replacen("postgres@", "postgres:s3cret@", 1);
    let log = AssetLog::open(&right).unwrap();
    log.append(ordered("A", "1.00 EUR", "2024-01-01")).unwrap();
    assert!(!log.location().contains("s3cret"), "{}", log.location());
}

#[test]
fn verify_and_checkpoints_catch_tampering_and_truncation_on_postgresql() {
    let Some(url) = server() else { return };
    let log = AssetLog::open(&url).unwrap();
    log.append_batch(&[
        ordered("A", "1.00 EUR", "2024-01-01"),
        received("A", "2024-01-02"),
        assigned("A", "emp-1", "2024-01-03"),
    ])
    .unwrap();
    let cp = log.checkpoint().unwrap();
    log.append(NewEvent::new(
        "A",
        Note {
            text: "later".into(),
        },
    ))
    .unwrap();
    assert!(log.verify_against(&cp).unwrap().is_intact());
    let (mut db, schema) = admin(&url);
    // a payload changed with plain SQL is found at its position
    db.execute(
        &format!("UPDATE {schema}.events SET actor = 'mallory' WHERE position = 2"),
        &[],
    )
    .unwrap();
    let v = log.verify().unwrap();
    assert_eq!(v.first_mismatch.map(|m| m.position), Some(2));
    db.execute(
        &format!("UPDATE {schema}.events SET actor = 'system' WHERE position = 2"),
        &[],
    )
    .unwrap();
    assert!(log.verify().unwrap().is_intact());
    // events cut off the end fail against the checkpoint kept elsewhere
    db.execute(
        &format!("DELETE FROM {schema}.events WHERE position >= 3"),
        &[],
    )
    .unwrap();
    assert!(
        log.verify().unwrap().is_intact(),
        "a shorter chain still verifies"
    );
    assert!(!log.verify_against(&cp).unwrap().is_intact());
}

#[test]
fn a_short_wait_is_not_held_up_by_a_long_one_on_the_same_handle() {
    let Some(url) = server() else { return };
    let log = std::sync::Arc::new(AssetLog::open(&url).unwrap());
    log.append(ordered("A", "1.00 EUR", "2024-01-01")).unwrap();
    let long = {
        let log = log.clone();
        std::thread::spawn(move || log.wait_for_events(1, Duration::from_secs(3)).unwrap())
    };
    std::thread::sleep(Duration::from_millis(200));
    let started = Instant::now();
    assert!(!log.wait_for_events(1, Duration::from_millis(200)).unwrap());
    assert!(
        started.elapsed() < Duration::from_millis(1500),
        "the short wait took {:?}",
        started.elapsed()
    );
    assert!(!long.join().unwrap());
}

#[test]
fn names_compare_without_ascii_case_only_on_every_backend() {
    for (backend, log) in crate::support::backends() {
        let mut p = assetlog::Person::new("emp-1".parse().unwrap());
        p.name = Some("Åsa Lind".into());
        p.email = Some("Asa.Lind@example.com".into());
        log.upsert_person(&p).unwrap();
        // ASCII case is ignored, as SQLite's NOCASE does...
        assert!(
            log.person_view("asa.lind@EXAMPLE.com", At::now()).is_ok(),
            "{backend}"
        );
        assert!(log.person_view("Åsa LIND", At::now()).is_ok(), "{backend}");
        // ...and other letters' case is not, whatever the database's locale
        assert_eq!(
            log.person_view("åsa lind", At::now()).unwrap_err().code(),
            "UNKNOWN_PERSON",
            "{backend}"
        );
    }
}
