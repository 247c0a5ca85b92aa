//! One run, side by side on a PostgreSQL server: assetlog's PostgreSQL
//! backend against plain `postgres` inserting the same rows into a bare
//! table, and against a plain ordered scan. Prints a Markdown table.
//!
//! `cargo run --release -p assetlog-benches --bin pg_ratios -- --url URL [--assets N]`
//! (the URL defaults to `ASSETLOG_TEST_PG`, which `tests/postgres.sh` sets).

use std::time::Duration;

use assetlog::AssetLog;
use assetlog_benches::{
    assetlog_append, fleet, fleet_interleaved, pg_baseline_client, pg_baseline_insert,
    pg_baseline_scan, rows, time,
};

fn best(n: usize, mut f: impl FnMut() -> Duration) -> Duration {
    (0..n).map(|_| f()).min().unwrap()
}

fn rate(events: usize, d: Duration) -> f64 {
    events as f64 / d.as_secs_f64()
}

/// A new, empty log in a schema of its own.
fn fresh(url: &str) -> AssetLog {
    let sep = if url.contains('?') { '&' } else { '?' };
    let schema = format!(
        "benchlog_{}",
        assetlog::EventId::new().to_string().replace('-', "")
    );
    AssetLog::open(format!("{url}{sep}schema={schema}")).unwrap()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let url = arg("--url")
        .or_else(|| std::env::var("ASSETLOG_TEST_PG").ok())
        .expect("--url postgresql://... (or ASSETLOG_TEST_PG)");
    let assets: usize = arg("--assets").map_or(2_000, |s| s.parse().expect("a number"));
    let events = fleet(assets);
    let interleaved = fleet_interleaved(assets);
    let n = events.len();
    let plain = rows(&events);
    let mut results: Vec<(&str, f64, f64)> = Vec::new();

    let base = best(3, || {
        let (mut c, _) = pg_baseline_client(&url);
        time(|| pg_baseline_insert(&mut c, &plain, 1000))
    });
    let ours = best(3, || {
        let log = fresh(&url);
        time(|| assetlog_append(&log, &events, 1000))
    });
    results.push((
        "batch append (1,000/tx, asset by asset)",
        rate(n, ours),
        rate(n, base),
    ));
    let ours_i = best(3, || {
        let log = fresh(&url);
        time(|| assetlog_append(&log, &interleaved, 1000))
    });
    results.push((
        "batch append (1,000/tx, time order across assets)",
        rate(n, ours_i),
        rate(n, base),
    ));

    // single-event appends: one transaction each
    let singles = 300.min(n);
    let base_1 = best(3, || {
        let (mut c, _) = pg_baseline_client(&url);
        time(|| pg_baseline_insert(&mut c, &plain[..singles], 1))
    });
    let ours_1 = best(3, || {
        let log = fresh(&url);
        time(|| assetlog_append(&log, &events[..singles], 1))
    });
    results.push((
        "single-event append (one per tx)",
        rate(singles, ours_1),
        rate(singles, base_1),
    ));

    // rebuild every view from the log, against a plain ordered scan
    let log = fresh(&url);
    assetlog_append(&log, &interleaved, 5000);
    let (mut c, _) = pg_baseline_client(&url);
    pg_baseline_insert(&mut c, &plain, 5000);
    let ours_r = best(3, || time(|| assert!(log.rebuild().unwrap().events > 0)));
    let base_r = best(3, || time(|| assert!(pg_baseline_scan(&mut c) > 0)));
    results.push((
        "rebuild of all views vs a plain ordered scan",
        rate(n, ours_r),
        rate(n, base_r),
    ));

    println!(
        "PostgreSQL, {assets} assets x {} events = {n} events\n",
        n / assets
    );
    println!("| workload | assetlog (events/s) | plain postgres (rows/s) | ratio |");
    println!("|---|---:|---:|---:|");
    for (name, a, b) in results {
        println!("| {name} | {a:.0} | {b:.0} | {:.2}x |", a / b);
    }
}
