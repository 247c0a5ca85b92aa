"""Batch append, single append and rebuild from Python against the same
workload in Rust, in one go.

    bindings/python/.venv/bin/python bindings/python/bench/side_by_side.py [--assets N]

Runs the Rust side (`cargo run --release -p assetlog-benches --bin ratios --
--json`) first, then the same fleet from Python, and prints both with the
ratio. Each figure is the best of three runs.
"""
import argparse
import json
import os
import pathlib
import subprocess
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import assetlog
from assetlog import AssetLog, Event, Money

ROOT = pathlib.Path(__file__).resolve().parents[3]
COUNTRIES = ["DE", "FR", "US", "SG", "BR", "JP", "IN", "GB"]


def asset_events(i):
    """The same ten events as benches/src/lib.rs::asset_events."""
    tag = f"LAP-{i:06d}"
    start = datetime(2023, 1, 2, 8, 0, tzinfo=timezone.utc) + timedelta(minutes=i)
    at = lambda d: start + timedelta(days=d)  # noqa: E731
    person = f"emp-{i % 5000}"
    country = COUNTRIES[i % 8]
    e = lambda ty, d, **data: Event(tag, ty, occurred_at=at(d), actor="bench", **data)  # noqa: E731
    return [
        e("ordered", 0, category="laptop", vendor="Lenovo", model="ThinkPad T14 Gen 5",
          serial=f"PF{i:08d}", unit_cost=Money(Decimal(129900 + (i % 500) * 100) / 100, "EUR"),
          order_ref=f"PO-{i // 100}", warranty_end=date(2026, 1, 31)),
        e("received", 7, location="Berlin warehouse", country="DE"),
        e("assigned", 9, person=person, department="Engineering", cost_centre="CC-4100"),
        e("shipped", 10, **{"from": "Berlin warehouse"}, to=f"Home of {person}", to_country=country,
          carrier="DHL", tracking_ref=f"JD{i:012d}", cost="35.00 EUR"),
        e("delivered", 13),
        e("observed", 30, country=country, os_version="Windows 11 23H2", firmware_version="1.28",
          source="intune"),
        e("patched", 60, component="os", version="KB5035853"),
        e("ticket_opened", 120, ticket_id=f"INC-{i}", summary="keyboard sticks"),
        e("ticket_closed", 125, ticket_id=f"INC-{i}", cost="45.00 EUR", resolution="replaced keyboard"),
        e("return_requested", 360, reason="upgrade", due=date(2024, 3, 31)),
    ]


def best(n, f):
    return min(f() for _ in range(n))


def timed(f):
    t = time.perf_counter()
    f()
    return time.perf_counter() - t


def fresh(dir):
    fresh.n = getattr(fresh, "n", 0) + 1
    return AssetLog(os.path.join(dir, f"py-{fresh.n}.db"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--assets", type=int, default=10_000)
    args = ap.parse_args()

    rust = json.loads(subprocess.run(
        ["cargo", "run", "-q", "--release", "-p", "assetlog-benches", "--bin", "ratios", "--",
         "--assets", str(args.assets), "--json"],
        cwd=ROOT, check=True, capture_output=True, text=True).stdout)
    by_name = {w["name"]: w["assetlog_per_s"] for w in rust["workloads"]}

    events = [e for i in range(args.assets) for e in asset_events(i)]
    n = len(events)
    single = max(100, n // 20)
    with tempfile.TemporaryDirectory() as d:
        def batch():
            log = fresh(d)
            return timed(lambda: [log.append(events[s:s + 1000]) for s in range(0, n, 1000)])

        def one_by_one():
            log = fresh(d)
            return timed(lambda: [log.append([e]) for e in events[:single]])

        py_batch = best(3, batch)
        py_single = best(3, one_by_one)
        log = fresh(d)
        for s in range(0, n, 1000):
            log.append(events[s:s + 1000])
        py_rebuild = best(3, lambda: timed(log.rebuild))
        py_asset = best(5, lambda: timed(lambda: log.asset("LAP-000042")))
        py_fleet = best(3, lambda: timed(log.fleet))
        py_feed = best(5, lambda: timed(lambda: log.feed(n // 2, 1000)))

    rows = [
        ("batch append (1,000/tx)", n / py_batch, by_name["batch append (1,000/tx, asset by asset)"]),
        ("single-event append (1/tx)", single / py_single, by_name["single-event append (1/tx)"]),
        ("rebuild all views", n / py_rebuild, by_name["rebuild all views vs ordered scan"]),
    ]
    reads = [
        ("one asset view", py_asset, rust["asset_view_now_us"] / 1e6),
        (f"the fleet ({args.assets:,} views)", py_fleet, rust["fleet_now_ms"] / 1e3),
        ("a feed page of 1,000 events", py_feed, rust["feed_page_1000_ms"] / 1e3),
    ]
    print(f"{args.assets} assets x 10 events = {n} events (assetlog {assetlog.__version__})\n")
    print("| workload | Python events/s | Rust events/s | Python / Rust |")
    print("|---|---:|---:|---:|")
    for name, p, r in rows:
        print(f"| {name} | {p:,.0f} | {r:,.0f} | {p / r:.2f}x |")
    print()
    print("| read | Python | Rust | Python / Rust (speed) |")
    print("|---|---:|---:|---:|")
    for name, p, r in reads:
        print(f"| {name} | {p * 1e3:.3f} ms | {r * 1e3:.3f} ms | {r / p:.2f}x |")


if __name__ == "__main__":
    main()
