//! Profiling helper: one workload at a time, for `perf record`.
//! `cargo run --release -p assetlog-benches --example profile_append -- batch|single|rebuild|interleaved`
use assetlog::AssetLog;
use assetlog_benches::{assetlog_append, fleet, fleet_interleaved, remove_db, temp_db, time};

fn main() {
    let what = std::env::args().nth(1).unwrap_or_else(|| "batch".into());
    let events = if what == "interleaved" {
        fleet_interleaved(10_000)
    } else {
        fleet(10_000)
    };
    let p = temp_db("prof.db");
    let log = AssetLog::open(&p).unwrap();
    let d = match what.as_str() {
        "single" => time(|| {
            for e in &events[..5000] {
                log.append(e.clone()).unwrap();
            }
        }),
        "rebuild" => {
            assetlog_append(&log, &events, 1000);
            time(|| {
                for _ in 0..3 {
                    log.rebuild().unwrap();
                }
            })
        }
        _ => time(|| assetlog_append(&log, &events, 1000)),
    };
    eprintln!("{what}: {d:?}");
    drop(log);
    remove_db(&p);
}
