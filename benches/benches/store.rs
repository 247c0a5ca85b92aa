//! Criterion benchmarks on the generated fleet (10,000 assets x 10 events),
//! each next to the plain-rusqlite baseline doing the same work.
//!
//! `cargo bench -p assetlog-benches --bench store`
//! (`ASSETLOG_BENCH_ASSETS=1000` for a quicker run.)

use std::time::Duration;

use assetlog::{AssetLog, At, FleetFilter};
use assetlog_benches::{
    assetlog_append, baseline_insert, baseline_scan, fleet, remove_db, rows, temp_db,
};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

fn assets() -> usize {
    std::env::var("ASSETLOG_BENCH_ASSETS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000)
}

fn append(c: &mut Criterion) {
    let events = fleet(assets());
    let plain = rows(&events);
    let mut g = c.benchmark_group("batch_append_1000_per_tx");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.throughput(Throughput::Elements(events.len() as u64));
    g.bench_function("assetlog", |b| {
        b.iter_batched(
            || {
                let p = temp_db("c-batch.db");
                (AssetLog::open(&p).unwrap(), p)
            },
            |(log, p)| {
                assetlog_append(&log, &events, 1000);
                drop(log);
                remove_db(&p);
            },
            BatchSize::PerIteration,
        );
    });
    g.bench_function("plain_rusqlite", |b| {
        b.iter_batched(
            || temp_db("c-base.db"),
            |p| {
                baseline_insert(&p, &plain, 1000);
                remove_db(&p);
            },
            BatchSize::PerIteration,
        );
    });
    g.finish();

    let single = 2000.min(events.len());
    let mut g = c.benchmark_group("single_event_append");
    g.sample_size(10).measurement_time(Duration::from_secs(15));
    g.throughput(Throughput::Elements(single as u64));
    g.bench_function("assetlog", |b| {
        b.iter_batched(
            || {
                let p = temp_db("c-single.db");
                (AssetLog::open(&p).unwrap(), p)
            },
            |(log, p)| {
                for e in &events[..single] {
                    log.append(e.clone()).unwrap();
                }
                drop(log);
                remove_db(&p);
            },
            BatchSize::PerIteration,
        );
    });
    g.bench_function("plain_rusqlite", |b| {
        b.iter_batched(
            || temp_db("c-single-base.db"),
            |p| {
                baseline_insert(&p, &plain[..single], 1);
                remove_db(&p);
            },
            BatchSize::PerIteration,
        );
    });
    g.finish();
}

fn read(c: &mut Criterion) {
    let events = fleet(assets());
    let p = temp_db("c-read.db");
    let log = AssetLog::open(&p).unwrap();
    assetlog_append(&log, &events, 1000);
    let pb = temp_db("c-scan.db");
    baseline_insert(&pb, &rows(&events), 10_000);

    let mut g = c.benchmark_group("rebuild_all_views");
    g.sample_size(10).measurement_time(Duration::from_secs(15));
    g.throughput(Throughput::Elements(events.len() as u64));
    g.bench_function("assetlog", |b| b.iter(|| log.rebuild().unwrap()));
    g.bench_function("plain_rusqlite_ordered_scan", |b| {
        b.iter(|| baseline_scan(&pb));
    });
    g.finish();

    let past = At::end_of(chrono::NaiveDate::from_ymd_opt(2023, 6, 30).unwrap());
    let mut g = c.benchmark_group("queries");
    g.bench_function("asset_view_now", |b| {
        b.iter(|| log.asset("LAP-000042", At::now()).unwrap());
    });
    g.bench_function("asset_view_as_of_past_date", |b| {
        b.iter(|| log.asset("LAP-000042", past).unwrap());
    });
    g.sample_size(10);
    g.bench_function("fleet_counts_as_of_past_date", |b| {
        b.iter(|| log.counts(&FleetFilter::default(), past).unwrap());
    });
    g.finish();
    drop(log);
    remove_db(&p);
    remove_db(&pb);
}

criterion_group!(benches, append, read);
criterion_main!(benches);
