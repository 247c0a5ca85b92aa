//! Crashes and concurrent writers, with real processes.
//!
//! `ASSETLOG_CRASH_ROUNDS` sets how many times a writer is killed (default
//! 50; `tests/soak.sh` runs many more). Each round checks the batches of the
//! writer just killed; every 25 rounds and at the end, the whole log.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use assetlog::event::{Note, Ordered};
use assetlog::{AssetLog, At, Expected, FleetFilter, NewEvent};

use crate::support::temp_path;

const WRITER: &str = env!("CARGO_BIN_EXE_log_writer");

fn rounds() -> usize {
    std::env::var("ASSETLOG_CRASH_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(50)
}

/// A small deterministic generator for kill delays.
struct Xorshift(u64);
impl Xorshift {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn batch_number(tag: &str) -> Option<u64> {
    tag.strip_prefix("CRASH-").and_then(|n| n.parse().ok())
}

#[test]
fn a_writer_killed_at_random_loses_no_acknowledged_batch_and_leaves_no_partial_one() {
    let path = temp_path("crash.db");
    drop(AssetLog::open(&path).unwrap());
    let mut rng = Xorshift(0x2545_F491_4F6C_DD1D);
    let mut acked = BTreeSet::new();
    let mut next = 0u64;
    let mut largest_wal = 0u64;
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    for round in 0..rounds() {
        let mut child = Command::new(WRITER)
            .args(["batches", path.to_str().unwrap(), &next.to_string()])
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
        std::thread::sleep(Duration::from_millis(5 + rng.below(60)));
        child.kill().unwrap(); // SIGKILL: no chance to clean up
        child.wait().unwrap();
        acked.extend(reader.join().unwrap());
        largest_wal = largest_wal.max(std::fs::metadata(&wal).map_or(0, |m| m.len()));

        let log = AssetLog::open(&path).unwrap();
        // Every round, cheaply: the batches this writer started are whole
        // (five events each) or absent, and every acknowledged one is there.
        let mut n = next;
        loop {
            match log.asset(format!("CRASH-{n:06}").as_str(), At::now()) {
                Ok(v) => assert_eq!(v.version, 5, "round {round}: batch {n} is partial"),
                Err(e) if e.code() == "UNKNOWN_ASSET" => break,
                Err(e) => panic!("round {round}: {e}"),
            }
            n += 1;
        }
        for a in acked.range(next..) {
            assert!(*a < n, "round {round}: acknowledged batch {a} is gone");
        }
        let stats = log.stats().unwrap();
        assert_eq!(stats.events, 5 * stats.assets, "round {round}");
        // Every 25 rounds and at the end, everything: the whole chain, every
        // view, and a rebuild.
        if round % 25 == 0 || round + 1 == rounds() {
            let views = log.fleet(&FleetFilter::default(), At::now()).unwrap();
            let present: BTreeSet<u64> =
                views.iter().filter_map(|v| batch_number(&v.tag)).collect();
            for a in &acked {
                assert!(
                    present.contains(a),
                    "round {round}: acknowledged batch {a} is gone"
                );
            }
            for v in &views {
                assert_eq!(v.version, 5, "round {round}: batch {} is partial", v.tag);
            }
            let check = log.verify().unwrap();
            assert!(check.is_intact(), "round {round}: {check:?}");
            assert_eq!(
                check.events, stats.events,
                "round {round}: positions are gapless"
            );
            log.rebuild().unwrap();
            assert_eq!(
                log.fleet(&FleetFilter::default(), At::now()).unwrap(),
                views,
                "round {round}: views equal a rebuild"
            );
        }
        next = n;
    }
    assert!(
        acked.len() > rounds(),
        "the writer got work done between kills: {}",
        acked.len()
    );
    println!(
        "{} rounds, {} batches acknowledged, largest WAL seen {} KiB",
        rounds(),
        acked.len(),
        largest_wal / 1024
    );
    assert!(
        largest_wal <= assetlog::WAL_LIMIT_BYTES + 16 * 1024 * 1024,
        "the WAL stays bounded when writers die: {largest_wal} bytes"
    );
}

#[test]
fn processes_and_threads_racing_on_the_same_assets_never_duplicate_or_lose_an_event() {
    race(temp_path("race.db").to_str().unwrap());
}

#[test]
fn processes_and_threads_racing_on_postgresql_never_duplicate_or_lose_an_event() {
    match crate::support::pg_url() {
        Some(url) => race(&url),
        None => eprintln!("ASSETLOG_TEST_PG is not set: no PostgreSQL server to test against"),
    }
}

/// Three writer processes and two threads append to the same four assets
/// with expected versions, while a follower checks that it sees every
/// position once, in order.
fn race(target: &str) {
    let log = Arc::new(AssetLog::open(target).unwrap());
    for i in 0..4 {
        log.append(
            NewEvent::new(
                format!("R{i}"),
                Ordered {
                    category: "laptop".into(),
                    vendor: "V".into(),
                    model: "M".into(),
                    serial: None,
                    unit_cost: "1.00 EUR".parse().unwrap(),
                    order_ref: None,
                    warranty_end: None,
                },
            )
            .expect(Expected::NoStream),
        )
        .unwrap();
    }
    let done = Arc::new(AtomicBool::new(false));
    // A reader follows the change feed during the writes.
    let follower = {
        let log = log.clone();
        let done = done.clone();
        std::thread::spawn(move || {
            let mut last = 0u64;
            loop {
                let finished = done.load(Ordering::SeqCst);
                for e in log.feed(last, 500).unwrap() {
                    assert_eq!(
                        e.position,
                        last + 1,
                        "the feed skipped or reordered an event"
                    );
                    last = e.position;
                }
                if finished && log.feed(last, 1).unwrap().is_empty() {
                    return last;
                }
                std::thread::sleep(Duration::from_millis(1));
            }
        })
    };
    let procs: Vec<_> = (0..3)
        .map(|w| {
            Command::new(WRITER)
                .args(["race", target, &format!("p{w}"), "60"])
                .stdout(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let threads: Vec<_> = (0..2)
        .map(|w| {
            let log = log.clone();
            std::thread::spawn(move || {
                let mut ok = Vec::new();
                for i in 0..60 {
                    let tag = format!("R{}", i % 4);
                    let v = log.asset(tag.as_str(), At::now()).unwrap().version;
                    let e = NewEvent::new(
                        tag.as_str(),
                        Note {
                            text: format!("t{w}/{i}"),
                        },
                    )
                    .expect(Expected::Exact(v));
                    match log.append(e) {
                        Ok(a) => ok.push((a.tag, a.version)),
                        Err(e) => assert_eq!(e.code(), "VERSION_CONFLICT", "{e}"),
                    }
                }
                ok
            })
        })
        .collect();
    let mut acked: Vec<(String, u64)> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    for p in procs {
        let out = p.wait_with_output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.ends_with("done\n"), "{text}");
        for line in text.lines() {
            let parts: Vec<&str> = line.split(' ').collect();
            match parts[..] {
                ["ok", tag, v] => acked.push((tag.to_owned(), v.parse().unwrap())),
                ["conflict", _] | ["done"] => {}
                _ => panic!("a writer saw an unexpected error: {line}"),
            }
        }
    }
    done.store(true, Ordering::SeqCst);
    let followed = follower.join().unwrap();
    let stats = log.stats().unwrap();
    assert_eq!(
        stats.events,
        4 + acked.len() as u64,
        "every acknowledged event is there, nothing else"
    );
    assert_eq!(followed, stats.events, "the follower saw every event");
    let mut seen = BTreeSet::new();
    for (tag, version) in &acked {
        assert!(
            seen.insert((tag.clone(), *version)),
            "version {version} of {tag} acknowledged twice"
        );
    }
    for i in 0..4 {
        let tag = format!("R{i}");
        let versions: Vec<u64> = log
            .read_stream(tag.as_str())
            .unwrap()
            .iter()
            .map(|e| e.version)
            .collect();
        assert_eq!(versions, (1..=versions.len() as u64).collect::<Vec<_>>());
    }
    assert!(log.verify().unwrap().is_intact());
}
