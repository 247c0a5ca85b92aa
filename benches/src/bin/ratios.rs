//! One run, side by side: assetlog against plain rusqlite doing the same
//! work on the same rows (WAL + synchronous=NORMAL for both). Prints a
//! Markdown table, or JSON with `--json`.
//!
//! `cargo run --release -p assetlog-benches --bin ratios -- [--assets N] [--json]`

use std::time::Duration;

use assetlog::{AssetLog, At, FleetFilter};
use assetlog_benches::{
    assetlog_append, baseline_insert, baseline_scan, fleet, fleet_interleaved, remove_db, rows,
    temp_db, time, EVENTS_PER_ASSET,
};

/// Best of `n` runs (the least disturbed by the rest of the machine).
fn best(n: usize, mut f: impl FnMut() -> Duration) -> Duration {
    (0..n).map(|_| f()).min().unwrap()
}

fn rate(events: usize, d: Duration) -> f64 {
    events as f64 / d.as_secs_f64()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let assets: usize = args
        .iter()
        .position(|a| a == "--assets")
        .and_then(|i| args.get(i + 1))
        .map_or(10_000, |s| s.parse().expect("--assets takes a number"));
    let json = args.iter().any(|a| a == "--json");
    let events = fleet(assets);
    let interleaved = fleet_interleaved(assets);
    let n = events.len();
    let plain = rows(&events);
    let mut results: Vec<(&str, f64, f64)> = Vec::new();

    // Batch append, 1,000 events a transaction, views updated inline.
    let ours = best(3, || {
        let p = temp_db("batch.db");
        let log = AssetLog::open(&p).unwrap();
        let d = time(|| assetlog_append(&log, &events, 1000));
        drop(log);
        remove_db(&p);
        d
    });
    let base = best(3, || {
        let p = temp_db("base.db");
        let d = time(|| baseline_insert(&p, &plain, 1000));
        remove_db(&p);
        d
    });
    results.push((
        "batch append (1,000/tx, asset by asset)",
        rate(n, ours),
        rate(n, base),
    ));

    let ours_i = best(3, || {
        let p = temp_db("batch-i.db");
        let log = AssetLog::open(&p).unwrap();
        let d = time(|| assetlog_append(&log, &interleaved, 1000));
        drop(log);
        remove_db(&p);
        d
    });
    results.push((
        "batch append (1,000/tx, time order across assets)",
        rate(n, ours_i),
        rate(n, base),
    ));

    // JSON Lines import of the time-ordered log's own export (parse, then
    // one atomic batch), against the same bare inserts.
    let export = {
        let p = temp_db("export.db");
        let log = AssetLog::open(&p).unwrap();
        assetlog_append(&log, &interleaved, 1000);
        let mut buf = Vec::new();
        log.export_jsonl(&mut buf).unwrap();
        drop(log);
        remove_db(&p);
        buf
    };
    let ours_j = best(3, || {
        let p = temp_db("import.db");
        let log = AssetLog::open(&p).unwrap();
        let d = time(|| {
            let r = log.import_jsonl(&export[..], false).unwrap();
            assert_eq!(r.written as usize, n);
        });
        drop(log);
        remove_db(&p);
        d
    });
    results.push((
        "JSON Lines import of the log's export",
        rate(n, ours_j),
        rate(n, base),
    ));

    // Single-event append: one transaction per event.
    let single = (n / 20).max(100);
    let ours_1 = best(3, || {
        let p = temp_db("single.db");
        let log = AssetLog::open(&p).unwrap();
        let d = time(|| {
            for e in &events[..single] {
                log.append(e.clone()).unwrap();
            }
        });
        drop(log);
        remove_db(&p);
        d
    });
    let base_1 = best(3, || {
        let p = temp_db("single-base.db");
        let d = time(|| baseline_insert(&p, &plain[..single], 1));
        remove_db(&p);
        d
    });
    results.push((
        "single-event append (1/tx)",
        rate(single, ours_1),
        rate(single, base_1),
    ));

    // Rebuild every view from the log vs a plain ordered scan of the rows.
    let p = temp_db("rebuild.db");
    let log = AssetLog::open(&p).unwrap();
    assetlog_append(&log, &events, 1000);
    let ours_r = best(3, || {
        time(|| {
            log.rebuild().unwrap();
        })
    });
    let pb = temp_db("scan.db");
    baseline_insert(&pb, &plain, 10_000);
    let base_r = best(3, || time(|| assert_eq!(baseline_scan(&pb) as usize, n)));
    results.push((
        "rebuild all views vs ordered scan",
        rate(n, ours_r),
        rate(n, base_r),
    ));

    // Queries.
    let past = At::end_of(chrono::NaiveDate::from_ymd_opt(2023, 6, 30).unwrap());
    let asset_now = best(5, || {
        time(|| drop(log.asset("LAP-000042", At::now()).unwrap()))
    });
    let asset_past = best(5, || time(|| drop(log.asset("LAP-000042", past).unwrap())));
    let counts_now = best(3, || {
        time(|| drop(log.counts(&FleetFilter::default(), At::now()).unwrap()))
    });
    let counts_past = best(3, || {
        time(|| drop(log.counts(&FleetFilter::default(), past).unwrap()))
    });
    // What the bindings are compared on: a fleet of every asset, a feed page.
    let fleet_now = best(3, || {
        time(|| drop(log.fleet(&FleetFilter::default(), At::now()).unwrap()))
    });
    let feed_page = best(5, || time(|| drop(log.feed((n / 2) as u64, 1000).unwrap())));

    // Disk: bytes per event after a checkpoint.
    drop(log);
    let log = AssetLog::open(&p).unwrap();
    drop(log);
    let c = rusqlite::Connection::open(&p).unwrap();
    c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    let pages: i64 = c.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
    let page: i64 = c.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
    let bytes_per_event = (pages * page) as f64 / n as f64;
    let cb = rusqlite::Connection::open(&pb).unwrap();
    let bpages: i64 = cb.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
    let base_bytes = (bpages * page) as f64 / n as f64;
    remove_db(&p);
    remove_db(&pb);

    if json {
        let out = serde_json::json!({
            "assets": assets,
            "events": n,
            "events_per_asset": EVENTS_PER_ASSET,
            "workloads": results.iter().map(|(name, o, b)| serde_json::json!({
                "name": name, "assetlog_per_s": o, "baseline_per_s": b, "ratio": o / b
            })).collect::<Vec<_>>(),
            "asset_view_now_us": asset_now.as_secs_f64() * 1e6,
            "asset_view_past_us": asset_past.as_secs_f64() * 1e6,
            "fleet_counts_now_ms": counts_now.as_secs_f64() * 1e3,
            "fleet_counts_past_ms": counts_past.as_secs_f64() * 1e3,
            "fleet_now_ms": fleet_now.as_secs_f64() * 1e3,
            "feed_page_1000_ms": feed_page.as_secs_f64() * 1e3,
            "bytes_per_event": bytes_per_event,
            "baseline_bytes_per_event": base_bytes,
        });
        println!("{out}");
        return;
    }
    println!("{assets} assets x {EVENTS_PER_ASSET} events = {n} events\n");
    println!("| workload | assetlog events/s | plain rusqlite rows/s | ratio |");
    println!("|---|---:|---:|---:|");
    for (name, o, b) in &results {
        println!("| {name} | {o:.0} | {b:.0} | {:.2}x |", o / b);
    }
    println!();
    println!("| query | time |");
    println!("|---|---:|");
    println!(
        "| one asset view, now | {:.1} µs |",
        asset_now.as_secs_f64() * 1e6
    );
    println!(
        "| one asset view, as of a past date | {:.1} µs |",
        asset_past.as_secs_f64() * 1e6
    );
    println!(
        "| fleet counts by status x country, now | {:.1} ms |",
        counts_now.as_secs_f64() * 1e3
    );
    println!(
        "| fleet counts, as of a past date | {:.1} ms |",
        counts_past.as_secs_f64() * 1e3
    );
    println!();
    println!("disk: {bytes_per_event:.0} bytes/event (views and indexes included); the bare baseline table: {base_bytes:.0} bytes/event");
}
