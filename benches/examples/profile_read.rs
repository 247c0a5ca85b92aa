//! Profiling helper for reads: one question many times, for `perf record`.
//! `cargo run --release -p assetlog-benches --example profile_read -- asset|counts|counts-past`
use assetlog::{AssetLog, At, FleetFilter};
use assetlog_benches::{assetlog_append, fleet, remove_db, temp_db, time};

fn main() {
    let what = std::env::args().nth(1).unwrap_or_else(|| "asset".into());
    let p = temp_db("prof-read.db");
    let log = AssetLog::open(&p).unwrap();
    assetlog_append(&log, &fleet(10_000), 1000);
    let past = At::end_of(chrono::NaiveDate::from_ymd_opt(2023, 6, 30).unwrap());
    let d = match what.as_str() {
        "counts" => time(|| {
            for _ in 0..200 {
                log.counts(&FleetFilter::default(), At::now()).unwrap();
            }
        }),
        "counts-past" => time(|| {
            for _ in 0..50 {
                log.counts(&FleetFilter::default(), past).unwrap();
            }
        }),
        _ => time(|| {
            for i in 0..20_000 {
                log.asset(format!("LAP-{:06}", i % 10_000).as_str(), At::now())
                    .unwrap();
            }
        }),
    };
    eprintln!("{what}: {d:?}");
    drop(log);
    remove_db(&p);
}
