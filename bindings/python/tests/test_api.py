"""The Python API: types, errors, threads, time travel, people, a 100,000-event round trip."""
import dataclasses
import json
import sqlite3
import threading
import uuid
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

import assetlog
from assetlog import AssetLog, Event, Money

UTC = timezone.utc
T0 = datetime(2024, 1, 10, 9, 0, tzinfo=UTC)


def order(log, tag="LAP-1", cost="1500.00 EUR", at=T0, **extra):
    return log.record(tag, "ordered", category="laptop", vendor="Dell", model="XPS",
                      unit_cost=cost, occurred_at=at, **extra)


def test_views_are_frozen_python_objects(log):
    order(log, serial="SN1", warranty_end=date(2027, 1, 10))
    log.record("LAP-1", "received", location="Berlin", country="DE", occurred_at=T0 + timedelta(days=1))
    v = log.asset("LAP-1")
    assert v.status == assetlog.Status.IN_STOCK and v.status == "in_stock"
    assert isinstance(v.asset_id, uuid.UUID)
    assert v.unit_cost == Money(Decimal("1500.00"), "EUR")
    assert v.warranty_end == date(2027, 1, 10)
    assert v.status_since == T0 + timedelta(days=1) and v.status_since.tzinfo is not None
    assert "LAP-1" in repr(v) and "in_stock" in repr(v)
    with pytest.raises(dataclasses.FrozenInstanceError):
        v.tag = "other"  # type: ignore[misc]
    d = v.to_dict()
    assert d["tag"] == "LAP-1" and d["country"] == "DE"
    assert log.asset(v.asset_id).tag == "LAP-1"


def test_money_accepts_decimal_and_text_and_refuses_floats(log):
    order(log, cost=Money(Decimal("999.99"), "USD"))
    order(log, tag="LAP-2", cost="USD 10")
    order(log, tag="LAP-3", cost=("5.5", "EUR") and Money.of(("5.5", "EUR")))
    assert log.asset("LAP-3").unit_cost == Money(Decimal("5.50"), "EUR")
    with pytest.raises(assetlog.InvalidAmount) as e:
        order(log, tag="LAP-4", cost=12.5)
    assert isinstance(e.value, ValueError)
    for bad in [Decimal("NaN"), Decimal("Infinity")]:
        with pytest.raises(assetlog.InvalidAmount):
            order(log, tag="LAP-5", cost=Money(bad, "EUR"))
    with pytest.raises(assetlog.InvalidAmount):
        order(log, tag="LAP-5", cost=Money(Decimal("1.001"), "EUR"))
    with pytest.raises(assetlog.UnknownCurrency):
        order(log, tag="LAP-5", cost="1.00 XYZ")
    with pytest.raises(assetlog.InvalidValue, match="finite"):
        order(log, tag="LAP-5", cost=float("nan"))
    assert log.stats().assets == 3


def test_naive_datetimes_are_refused(log):
    with pytest.raises(assetlog.InvalidValue, match="timezone-aware"):
        order(log, at=datetime(2024, 1, 1))
    order(log)
    with pytest.raises(assetlog.InvalidValue):
        log.asset("LAP-1", as_of=datetime(2024, 2, 1))
    assert log.stats().events == 1


def test_every_core_error_code_has_its_class():
    codes = assetlog.error_codes()
    assert len(codes) >= 20
    classes = set()
    for code in codes:
        err = assetlog.from_code(code, "m", "{}")
        assert err.code == code
        assert type(err) is not assetlog.AssetLogError, code
        classes.add(type(err))
    assert len(classes) == len(codes)
    future = assetlog.from_code("SOMETHING_NEW", "m", "{}")
    assert type(future) is assetlog.AssetLogError and future.code == "SOMETHING_NEW"


def test_the_base_class_of_every_error_follows_from_its_kind_in_the_core_table():
    from assetlog import _native
    bases = {
        "bad_input": assetlog.InvalidInput, "conflict": assetlog.Conflict, "not_found": assetlog.NotFound,
        "environment": assetlog.EnvironmentFailure, "corrupt": assetlog.CorruptData,
        "internal": assetlog.InternalError,
    }
    table = _native.error_table()
    assert [code for code, _ in table] == assetlog.error_codes()
    for code, kind in table:
        err = assetlog.from_code(code, "m", "{}")
        assert isinstance(err, bases[kind]) and err.kind == kind, (code, kind)
    assert isinstance(assetlog.from_code("UNKNOWN_ASSET", "m", "{}"), LookupError)
    assert not isinstance(assetlog.from_code("DUPLICATE_TAG", "m", "{}"), ValueError)


def test_errors_carry_structured_fields_and_write_nothing(log, tmp_path):
    order(log)
    with pytest.raises(assetlog.InvalidTransition) as e:
        log.record("LAP-1", "assigned", person="emp-1", occurred_at=T0 + timedelta(days=1))
    assert (e.value.asset, e.value.status, e.value.event) == ("LAP-1", "ordered", "assigned")
    with pytest.raises(assetlog.VersionConflict) as e:
        log.record("LAP-1", "note", text="x", expected_version=5)
    assert (e.value.expected, e.value.actual) == (5, 1)
    with pytest.raises(assetlog.UnknownAsset):
        log.asset("NOPE")
    with pytest.raises(assetlog.DuplicateTag):
        order(log, tag="lap-1")
    eid = uuid.uuid4()
    log.record("LAP-1", "note", text="a", event_id=eid)
    assert log.record("LAP-1", "note", text="a", event_id=eid).position == 2
    with pytest.raises(assetlog.EventIdReused):
        log.record("LAP-1", "note", text="b", event_id=eid)
    with pytest.raises(assetlog.NegativeAmount):
        order(log, tag="N", cost="-1.00 EUR")
    with pytest.raises(assetlog.EmptyField):
        log.record("", "note", text="x")
    with pytest.raises(assetlog.TextTooLong):
        log.record("LAP-1", "note", text="x" * 20000)
    with pytest.raises(assetlog.InvalidValue):
        log.record("LAP-1", "received", location="X", country="Germany")
    with pytest.raises(assetlog.DateOutOfRange):
        log.record("LAP-1", "note", text="x", occurred_at=datetime(1970, 1, 1, tzinfo=UTC))
    with pytest.raises(assetlog.InvalidEvent):
        log.record("LAP-1", "teleported")
    with pytest.raises(assetlog.InvalidEvent):
        log.record("LAP-1", "note", txt="typo")
    with pytest.raises(assetlog.MissingFxRate):
        assetlog.total_in(["1.00 USD"], "EUR", [], date(2024, 1, 1))
    order(log, tag="BIG", cost="1.00 USD")
    log.record("BIG", "cost_recorded", kind="other", amount="92233720368547758.07 USD")
    with pytest.raises(assetlog.AmountOverflow):
        log.record("BIG", "cost_recorded", kind="other", amount="0.01 USD")
    assert log.stats().events == 4
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n" * 100)
    with pytest.raises(assetlog.NotAnAssetLog):
        AssetLog(text)
    with pytest.raises(assetlog.IoError):  # names the missing folder
        AssetLog(tmp_path / "missing-dir" / "x.db")


def test_newer_schema_and_corrupt_payloads_are_reported(tmp_path):
    path = tmp_path / "f.db"
    log = AssetLog(path)
    order(log)
    del log
    con = sqlite3.connect(path)
    con.execute("UPDATE events SET payload = '{not json' WHERE position = 1")
    con.commit()
    log = AssetLog(path)
    with pytest.raises(assetlog.CorruptEvent) as e:
        log.history("LAP-1")
    assert e.value.position == 1
    del log
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    with pytest.raises(assetlog.SchemaTooNew):
        AssetLog(path)


def test_bad_types_from_python_are_typed_errors(log):
    order(log)
    with pytest.raises(assetlog.InvalidEvent):
        log.record("LAP-1", "note", text="x", expected_version=2**70)
    with pytest.raises(assetlog.AssetLogError):
        log.record("LAP-1", "note", text="\ud800 lone surrogate")
    with pytest.raises(assetlog.InvalidEvent):
        log.record("LAP-1", "note", text=12)
    with pytest.raises(assetlog.InvalidValue):
        log.record("LAP-1", "note", text=object())
    with pytest.raises(assetlog.InvalidValue):
        log.asset(12)  # type: ignore[arg-type]
    assert log.stats().events == 1


def test_time_travel_and_as_recorded(log):
    order(log)
    log.append([Event("LAP-1", "received", location="Depot", occurred_at=T0 + timedelta(days=1)),
                Event("LAP-1", "assigned", person="emp-1", occurred_at=T0 + timedelta(days=2))])
    believed = datetime.now(UTC)
    import time
    time.sleep(0.01)
    log.record("LAP-1", "returned", condition="good", location="Depot", occurred_at=T0 + timedelta(days=5))
    assert log.asset("LAP-1").status == "in_stock"
    assert log.asset("LAP-1", as_of=T0 + timedelta(days=3)).holder == "emp-1"
    assert log.asset("LAP-1", as_recorded=believed).status == "assigned"
    assert log.asset("LAP-1", as_of=date(2024, 1, 10)).status == "ordered"
    assert [e.type for e in log.history("LAP-1")] == ["ordered", "received", "assigned", "returned"]
    assert log.counts(as_of=T0 + timedelta(days=3)).by_status == {"assigned": 1}


def test_offboarding_people_and_erasure(log):
    log.upsert_person("emp-9", name="Ada Example", email="ada@example.com")
    for tag in ["A", "B"]:
        order(log, tag=tag)
        log.record(tag, "received", location="Depot", occurred_at=T0 + timedelta(days=1))
        log.record(tag, "assigned", person="emp-9", occurred_at=T0 + timedelta(days=2))
    off = log.offboard("emp-9", due=date(2024, 3, 1), occurred_at=T0 + timedelta(days=20))
    assert [a.tag for a in off.requested] == ["A", "B"] and off.skipped == ()
    assert [o.tag for o in log.overdue_returns(as_of=date(2024, 3, 5))] == ["A", "B"]
    assert [v.tag for v in log.holdings("emp-9")] == ["A", "B"]
    assert log.person("emp-9").name == "Ada Example"
    assert log.forget_person("emp-9") is True
    assert log.person("emp-9") is None
    assert log.asset("A").holder == "emp-9"


def test_verify_detects_a_rewritten_event(tmp_path):
    path = tmp_path / "v.db"
    log = AssetLog(path)
    order(log)
    log.record("LAP-1", "received", location="Berlin", occurred_at=T0 + timedelta(days=1))
    v = log.verify()
    assert v.is_intact and v.events == 2 and len(v.head) == 64
    del log
    con = sqlite3.connect(path)
    con.execute("UPDATE events SET payload = replace(payload, 'Berlin', 'Berlyn') WHERE position = 2")
    con.commit()
    con.close()
    v = AssetLog(path).verify()
    assert not v.is_intact
    assert v.first_mismatch.position == 2 and v.head is None


def test_a_log_cut_short_fails_against_its_checkpoint(tmp_path):
    path = tmp_path / "c.db"
    log = AssetLog(path)
    order(log)
    log.record("LAP-1", "received", location="Berlin", occurred_at=T0 + timedelta(days=1))
    cp = log.checkpoint(tmp_path / "c.checkpoint")
    assert isinstance(cp, assetlog.Checkpoint) and cp.position == 2 and cp.head == log.verify().head
    assert log.verify(against=tmp_path / "c.checkpoint").is_intact
    del log
    con = sqlite3.connect(path)
    con.execute("DELETE FROM events WHERE position = 2")
    con.commit()
    con.close()
    log = AssetLog(path)
    assert log.verify().is_intact  # the chain alone cannot tell
    v = log.verify(against=str(tmp_path / "c.checkpoint"))
    assert not v.is_intact and v.first_mismatch.position == 2
    assert "cut off the end" in v.first_mismatch.reason
    with pytest.raises(assetlog.AssetLogError) as e:
        log.verify(against=tmp_path / "missing.checkpoint")
    assert e.value.code == "IO"


def test_shipped_from_is_written_from_underscore(log):
    order(log)
    log.record("LAP-1", "received", location="Depot", occurred_at=T0 + timedelta(days=1))
    log.record("LAP-1", "shipped", from_="Depot", to="Home", cost="5.00 EUR", occurred_at=T0 + timedelta(days=2))
    assert log.history("LAP-1")[-1].data["from"] == "Depot"
    assert log.asset("LAP-1").destination == "Home"


def test_jsonl_export_import_round_trip(tmp_path):
    a = AssetLog(tmp_path / "a.db")
    order(a)
    a.record("LAP-1", "received", location="Depot", occurred_at=T0 + timedelta(days=1))
    assert a.export_jsonl(tmp_path / "x.jsonl") == 2
    b = AssetLog(tmp_path / "b.db")
    assert b.import_jsonl(tmp_path / "x.jsonl", dry_run=True).written == 0
    first = b.import_jsonl(tmp_path / "x.jsonl")
    assert (first.events, first.written, first.bad_lines) == (2, 2, ())
    assert b.import_jsonl(tmp_path / "x.jsonl").written == 0
    assert b.asset("LAP-1") == a.asset("LAP-1")
    (tmp_path / "bad.jsonl").write_text('not json\n{"asset": "X", "type": "teleported"}\n')
    r = b.import_jsonl(tmp_path / "bad.jsonl")
    assert [x.line for x in r.bad_lines] == [1, 2]
    with pytest.raises(assetlog.IoError):
        b.import_jsonl(tmp_path / "missing.jsonl")


def test_transitions_table(log):
    rows = assetlog.transitions()
    assert any(r.from_status is None and r.event == "ordered" and r.to == "ordered" for r in rows)
    assert not any(r.from_status == "retired" and r.to not in ("same",) for r in rows)


def test_one_log_from_many_threads(tmp_path):
    log = AssetLog(tmp_path / "threads.db")
    for w in range(4):
        order(log, tag=f"T{w}")
    errors = []

    def write(w):
        try:
            for i in range(100):
                log.record(f"T{w}", "note", text=str(i))
        except Exception as e:  # pragma: no cover
            errors.append(e)

    def read():
        try:
            for _ in range(50):
                positions = [e.position for e in log.feed(0, 100000)]
                assert positions == list(range(1, len(positions) + 1))
        except Exception as e:  # pragma: no cover
            errors.append(e)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(4)] + \
              [threading.Thread(target=read) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert log.stats().events == 4 + 400
    assert all(log.asset(f"T{w}").version == 101 for w in range(4))


def test_a_100000_event_round_trip(tmp_path):
    log = AssetLog(tmp_path / "big.db")
    events = []
    for i in range(10_000):
        tag = f"LAP-{i:05d}"
        t = T0 + timedelta(minutes=i)
        events.append(Event(tag, "ordered", occurred_at=t, category="laptop", vendor="Lenovo",
                            model="T14", unit_cost=Money(Decimal("1299.00"), "EUR")))
        events.append(Event(tag, "received", occurred_at=t + timedelta(days=1), location="Depot", country="DE"))
        for n in range(8):
            events.append(Event(tag, "patched", occurred_at=t + timedelta(days=2 + n),
                                component="os", version=f"1.{n}"))
    for start in range(0, len(events), 5000):
        log.append(events[start:start + 5000])
    assert log.stats().events == 100_000
    seen = 0
    last = 0
    for e in log.follow(page=7000):
        seen += 1
        assert e.position == last + 1
        last = e.position
    assert seen == 100_000
    v = log.asset("LAP-09999")
    assert v.last_patch.version == "1.7" and v.version == 10
    spend = log.spend()
    assert [str(s.total) for s in spend] == ["12990000.00 EUR"]
    assert log.rebuild().events == 100_000


def test_counts_and_spend_grouped_by_where_costs_arose(log):
    order(log)
    log.record("LAP-1", "received", location="Berlin", country="DE", occurred_at=T0 + timedelta(days=1))
    log.record("LAP-1", "assigned", person="emp-1", department="Sales", occurred_at=T0 + timedelta(days=2))
    log.record("LAP-1", "cost_recorded", kind="repair", amount="80.00 EUR", occurred_at=T0 + timedelta(days=3))
    log.record("LAP-1", "returned", condition="good", location="Berlin", country="DE",
               occurred_at=T0 + timedelta(days=4))
    counts = log.counts_by(["department", "country"])
    assert [(g.key, g.count) for g in counts] == [((None, "DE"), 1)]
    spend = log.spend_by("department")
    assert [g.key for g in spend] == [(None,), ("Sales",)]
    assert str(spend[1].costs[0].repair) == "80.00 EUR"
    assert isinstance(spend[0], assetlog.SpendGroup)
    # as of the day the repair was recorded, the laptop was with Sales
    then = log.counts_by("department", as_of=T0 + timedelta(days=3))
    assert [(g.key, g.count) for g in then] == [(("Sales",), 1)]
    with pytest.raises(assetlog.AssetLogError) as e:
        log.counts_by("colour")
    assert e.value.code == "INVALID_VALUE"


def test_unseen_unpatched_and_warranty_window(log):
    order(log, warranty_end=date(2024, 6, 1))
    log.record("LAP-1", "received", location="Berlin", country="DE", occurred_at=T0 + timedelta(days=1))
    log.record("LAP-1", "assigned", person="emp-1", occurred_at=T0 + timedelta(days=2))
    log.record("MON-1", "ordered", category="monitor", vendor="Dell", model="U27", unit_cost="300.00 EUR",
               occurred_at=T0)
    log.record("MON-1", "received", location="Berlin", occurred_at=T0 + timedelta(days=1))
    log.record("MON-1", "assigned", person="emp-1", occurred_at=T0 + timedelta(days=2))
    later = T0 + timedelta(days=42)
    unseen = log.unseen(30, as_of=later)
    assert [(s.tag, s.days, s.last) for s in unseen] == [("LAP-1", 40, None)]
    assert isinstance(unseen[0], assetlog.SilentAsset) and str(unseen[0].unit_cost) == "1500.00 EUR"
    assert [s.tag for s in log.unseen(30, as_of=later, checks_in=["laptop", "monitor"])] == ["LAP-1", "MON-1"]
    assert [s.tag for s in log.unpatched(30, as_of=later)] == ["LAP-1"]
    ending = log.warranty_ending_within(date(2024, 5, 1), date(2024, 6, 30), as_of=later)
    assert [v.tag for v in ending] == ["LAP-1"]


def test_people_by_email_or_name_leavers_and_unknown_people(log):
    order(log)
    log.record("LAP-1", "received", location="Berlin", country="DE", occurred_at=T0 + timedelta(days=1))
    log.record("LAP-1", "assigned", person="emp-1", department="Sales", occurred_at=T0 + timedelta(days=2))
    log.upsert_person("emp-1", name="Chidi Okafor", email="chidi@example.com")
    p = log.person_view("chidi okafor")
    assert isinstance(p, assetlog.PersonView) and p.id == "emp-1" and p.status == "active"
    assert [v.tag for v in p.holding] == ["LAP-1"] and p.departments == ("Sales",)
    log.offboard("emp-1", due=date(2024, 2, 1), occurred_at=T0 + timedelta(days=5))
    leavers = log.leavers()
    assert [(x.id, x.status, len(x.holding)) for x in leavers] == [("emp-1", "left", 1)]
    assert leavers[0].left_on == (T0 + timedelta(days=5)).date()
    with pytest.raises(assetlog.UnknownPerson) as e:
        log.person_view("emp-99999")
    assert e.value.code == "UNKNOWN_PERSON"


def test_depreciation_calculator_and_books(log):
    s = assetlog.depreciation_schedule("10000.00 USD", date(2024, 3, 15),
                                       {"method": "macrs", "class": 5, "life_months": 60,
                                        "convention": "half-year"})
    assert [str(p.depreciation) for p in s.periods] == [
        "2000.00 USD", "3200.00 USD", "1920.00 USD", "1152.00 USD", "1152.00 USD", "576.00 USD"]
    with pytest.raises(assetlog.InvalidValue):
        assetlog.depreciation_schedule("100.00 USD", date(2024, 1, 1), {"method": "macrs", "class": 4,
                                                                        "life_months": 48})
    order(log, cost="3600.00 EUR", at=datetime(2024, 1, 1, tzinfo=UTC))
    log.record("LAP-1", "received", location="Berlin", occurred_at=datetime(2024, 1, 2, tzinfo=UTC))
    log.set_book_rule("ifrs", "laptop", {"method": "straight-line", "life_months": 36}, start=date(2000, 1, 1))
    v = log.book_value("LAP-1", "ifrs", as_of=date(2024, 12, 31))
    assert str(v.book_value) == "2400.00 EUR" and v.disposal is None
    assert [r.book for r in log.book_rules()] == ["ifrs"]
    assert len(log.book_schedule("LAP-1", "ifrs").periods) == 3
    f = log.fleet_book_value("ifrs", as_of=date(2024, 12, 31))
    assert str(f.by_currency[0].book_value) == "2400.00 EUR"
    g = log.fleet_book_value_by("ifrs", "status", as_of=date(2024, 12, 31))
    assert [(x.key, str(x.by_currency[0].book_value)) for x in g] == [(("in_stock",), "2400.00 EUR")]
    fc = log.forecast("ifrs", date(2026, 1, 1), date(2027, 12, 31))
    assert [a.tag for a in fc.assets] == ["LAP-1"] and str(fc.budget[0]) == "3600.00 EUR"
    with pytest.raises(assetlog.InvalidValue):
        log.book_value("LAP-1", "us-tax")


def test_lead_times_and_recovery(log):
    order(log, at=datetime(2024, 1, 1, tzinfo=UTC))
    log.record("LAP-1", "received", location="Berlin", country="DE", occurred_at=datetime(2024, 1, 5, tzinfo=UTC))
    log.record("LAP-1", "assigned", person="emp-1", occurred_at=datetime(2024, 1, 6, tzinfo=UTC))
    log.record("LAP-1", "return_requested", reason="offboarding", due=date(2024, 3, 10),
               occurred_at=datetime(2024, 3, 1, tzinfo=UTC))
    log.record("LAP-1", "returned", condition="good", location="Berlin", country="DE",
               occurred_at=datetime(2024, 3, 8, tzinfo=UTC))
    lt = log.flow_times("order_to_receipt", date(2024, 1, 1), date(2024, 12, 31), by="country")
    assert [(s.key, s.count, s.median_days) for s in lt] == [(("DE",), 1, 4.0)]
    r = log.recovery(date(2024, 1, 1), date(2024, 12, 31))
    assert isinstance(r, assetlog.Recovery)
    assert (r.requested, r.returned_on_time, r.condition) == (1, 1, {"good": 1})
    with pytest.raises(assetlog.InvalidValue):
        log.flow_times("teleport", date(2024, 1, 1), date(2024, 12, 31))


def test_a_known_serial_is_refused_unless_intended(log):
    order(log, serial="5CG123")
    with pytest.raises(assetlog.DuplicateSerialError) as e:
        order(log, tag="LAP-2", serial=" 5cg123")
    assert e.value.code == "DUPLICATE_SERIAL" and e.value.other == "LAP-1"
    order(log, tag="LAP-2", serial="5CG123", allow_duplicate_serial=True)
    assert [d.tags for d in log.duplicate_serials()] == [("LAP-1", "LAP-2")]
    gaps = log.data_gaps()
    assert isinstance(gaps, assetlog.DataGaps) and gaps.duplicate_serials[0].serial == "5CG123"


def test_report_html_writes_one_self_contained_page(log, tmp_path):
    order(log, serial="SN1")
    log.record("LAP-1", "received", location="Berlin", country="DE", occurred_at=T0 + timedelta(days=1))
    log.record("LAP-1", "assigned", person="emp-1", occurred_at=T0 + timedelta(days=2))
    out = tmp_path / "report.html"
    log.report_html(out, as_of=date(2024, 6, 30))
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert 'id="status-by-country"' in page and "<svg" in page
    assert "<script" not in page
    log.report_html(tmp_path / "again.html", as_of="2024-06-30")
    assert (tmp_path / "again.html").read_text(encoding="utf-8") == page
    with pytest.raises(assetlog.InvalidValue):
        log.report_html(tmp_path / "bad.html", currency="EUR")
    with pytest.raises(assetlog.AssetLogError) as e:
        log.report_html(tmp_path / "bad.html", book="ifrs")
    assert not (tmp_path / "bad.html").exists()
    assert e.value.code


def test_import_snipeit_reads_the_importer_layout_in_windows_1252(log, tmp_path):
    from conftest import ROOT
    path = ROOT / "tests" / "fixtures" / "snipeit" / "importer-layout-cp1252.csv"
    with pytest.raises(assetlog.InvalidValue):
        log.import_snipeit(path, currency="EUR", strict=True)
    assert log.stats().events == 0
    report = log.import_snipeit(path, currency="EUR")
    assert report["assets"] == 5 and report["rows"] == 6
    assert [b["line"] for b in report["skipped"]] == [7]
    assert any("windows-1252" in w for w in report["warnings"])
    assert log.asset("WBH-1").location == "Zürich – HQ"
    assert log.asset("WBH-1").holder == "alovelace"
    assert log.asset("WBH-2").status == "lost"
    assert log.asset("WBH-3").status == "retired"
    assert log.asset("WBH-5").status == "in_repair"
    assert log.import_snipeit(path, currency="EUR")["written"] == 0


def test_ingest_osquery_links_hosts_by_serial_once(log):
    from conftest import ROOT
    log.record("LAP-1", "ordered", category="laptop", vendor="Apple", model="MacBook Pro", serial="C02XK1",
               unit_cost="2000.00 EUR", occurred_at=datetime(2024, 1, 1, tzinfo=UTC))
    log.record("LAP-1", "received", location="Berlin", country="DE", occurred_at=datetime(2024, 1, 2, tzinfo=UTC))
    path = ROOT / "tests" / "fixtures" / "osquery" / "osqueryd.results.log"
    report = log.ingest_osquery(path, patches=["programs"])
    assert report["assets"] == 1 and report["written"] == 8
    assert [b["line"] for b in report["skipped"]] == [6]
    assert len(report["issues"]) == 2
    assert log.asset("LAP-1").os_version == "14.2.1"
    assert log.ingest_osquery([path], patches=["programs"])["written"] == 0


def test_ingest_tickets_from_a_jira_export(log):
    from conftest import ROOT
    for tag, serial in (("LAP-1", "C02XK1"), ("LAP-2", "PF4")):
        log.record(tag, "ordered", category="laptop", vendor="Lenovo", model="T14", serial=serial,
                   unit_cost="1000.00 EUR", occurred_at=datetime(2024, 1, 1, tzinfo=UTC))
        log.record(tag, "received", location="Berlin", country="DE", occurred_at=datetime(2024, 1, 2, tzinfo=UTC))
    path = ROOT / "tests" / "fixtures" / "tickets" / "jira-export.csv"
    report = log.ingest_tickets(path)
    assert report["written"] == 3 and report["assets"] == 2
    assert len(report["skipped"]) == 1 and len(report["issues"]) == 1
    assert log.asset("LAP-2").open_tickets == ("IT-102",) or list(log.asset("LAP-2").open_tickets) == ["IT-102"]
    assert log.ingest_tickets(path)["written"] == 0
    with pytest.raises(assetlog.InvalidValue):
        log.ingest_tickets(path, map={"colour": "Status"})


def test_a_refused_event_in_a_batch_is_named_by_its_index(log):
    with pytest.raises(assetlog.UnknownAsset) as e:
        log.append([
            {"asset": "A", "type": "ordered", "data": {"category": "laptop", "vendor": "Dell", "model": "XPS",
                                                      "unit_cost": "1.00 EUR"}},
            {"asset": "C", "type": "received", "data": {"location": "Berlin"}},
        ])
    assert e.value.index == 1 and e.value.batch == 2 and e.value.code == "UNKNOWN_ASSET"
    assert "event 1 of the batch of 2" in str(e.value)
    assert log.stats().events == 0


def test_a_date_means_the_same_instant_in_every_language(log):
    # an event's date alone is the start of that day (UTC); a query's date its end
    order(log, at=date(2024, 3, 1))
    log.record("LAP-1", "received", location="Berlin", occurred_at="2024-03-02")
    log.record("LAP-1", "note", text="checked", occurred_at="2024-03-02T10:00:00+01:00")
    times = [e.occurred_at.isoformat() for e in log.history("LAP-1")]
    assert times == ["2024-03-01T00:00:00+00:00", "2024-03-02T00:00:00+00:00", "2024-03-02T09:00:00+00:00"]
    assert log.asset("LAP-1", as_of="2024-03-01").status == "ordered"
    assert log.asset("LAP-1", as_of=date(2024, 3, 2)).status == "in_stock"
    assert log.warranty_ending_before("2030-01-01") == []
    with pytest.raises(assetlog.UnknownPerson):
        log.offboard("emp-404", due="2099-04-01")
    with pytest.raises(assetlog.InvalidValue, match="due"):
        log.offboard("emp-404", due="2024-04-01")
    before = log.stats()
    log.record("LAP-1", "assigned", person="emp-5", occurred_at="2024-03-03")
    with pytest.raises(assetlog.InvalidValue, match="due"):
        log.offboard("emp-5", due="2024-03-01", occurred_at="2024-03-05")
    assert log.offboard("emp-5", due="2024-04-01", occurred_at="2024-03-05").requested[0].tag == "LAP-1"
    assert log.stats().events == before.events + 2
    with pytest.raises(assetlog.InvalidValue):
        log.record("LAP-1", "note", text="x", occurred_at="March 3rd")


def test_money_is_never_a_float_nor_more_digits_than_its_currency():
    with pytest.raises(assetlog.InvalidAmount):
        Money(0.1 + 0.2, "EUR")  # type: ignore[arg-type]
    with pytest.raises(assetlog.AssetLogError):
        Money(Decimal(0.1), "EUR")  # 55 digits
    with pytest.raises(assetlog.AssetLogError):
        Money(Decimal("100.5"), "JPY")
    with pytest.raises(assetlog.AssetLogError):
        Money(Decimal("1"), "EURO")
    assert str(Money(Decimal("12.50"), "EUR")) == "12.50 EUR"
    assert str(Money(1299, "EUR")) == "1299 EUR"  # type: ignore[arg-type]


def test_the_fleet_over_time(log):
    order(log, at=datetime(2024, 1, 10, tzinfo=UTC))
    log.record("LAP-1", "received", location="Berlin", country="DE", occurred_at=date(2024, 2, 1))
    points = log.status_over_time([date(2024, 1, 31), "2024-02-29"])
    assert [(p.on, dict(p.by_status), p.in_service) for p in points] == [
        (date(2024, 1, 31), {"ordered": 1}, 0),
        (date(2024, 2, 29), {"in_stock": 1}, 1),
    ]
    months = log.spend_by_month("2024-01-01", date(2024, 12, 31))
    assert [(m.month, str(m.costs[0].purchase)) for m in months] == [("2024-01", "1500.00 EUR")]
    bands = log.age_profile(as_of=date(2025, 6, 1))
    assert [(b.years, b.count, dict(b.by_category)) for b in bands] == [(1, 1, {"laptop": 1})]
    with pytest.raises(assetlog.InvalidValue):
        log.status_over_time([])


def test_close_releases_the_files_and_with_closes(tmp_path):
    import os
    path = tmp_path / "closed.db"

    def handles() -> int:
        fds = os.listdir("/proc/self/fd")
        return sum(1 for fd in fds if str(path) in (os.readlink(f"/proc/self/fd/{fd}") if os.path.exists(f"/proc/self/fd/{fd}") else ""))

    with AssetLog(path) as log:
        order(log)
        assert handles() > 0
    assert log.closed and handles() == 0
    with pytest.raises(assetlog.Closed):
        log.asset("LAP-1")
    log.close()  # twice is harmless
    again = AssetLog(path)
    assert again.asset("LAP-1").tag == "LAP-1"
    again.close()
    assert handles() == 0


def test_views_are_json_ready_and_carry_every_core_field(log):
    from assetlog import views
    assert views.STRICT, "the suite runs with ASSETLOG_STRICT_VIEWS=1"
    order(log, serial="SN1")
    log.record("LAP-1", "received", location="Berlin", country="DE", occurred_at=T0 + timedelta(days=1))
    v = log.asset("LAP-1")
    text = json.dumps(v.to_json())
    back = json.loads(text)
    assert back["unit_cost"] == "1500.00 EUR" and back["status"] == "in_stock"
    assert back["asset_id"] == str(v.asset_id)
    json.dumps(log.counts().to_json())
    json.dumps([e.to_json() for e in log.history("LAP-1")])


def test_an_empty_path_is_refused_clearly():
    with pytest.raises(assetlog.InvalidValue, match="file path"):
        AssetLog("")


def test_feed_positions_and_limits_are_checked(log):
    order(log)
    for after, limit in ((-1, 3), (2**63, 1), (2**70, 1), (0, 0), (0, -1)):
        with pytest.raises(assetlog.InvalidValue):
            log.feed(after, limit)
    assert len(log.feed(0, 3)) == 1


def test_history_as_of_a_date(log):
    order(log)
    log.record("LAP-1", "received", location="Berlin", occurred_at=T0 + timedelta(days=1))
    assert [e.type for e in log.history("LAP-1", as_of=T0)] == ["ordered"]
    assert len(log.history("LAP-1")) == 2


def test_follow_can_wait_for_events_from_another_thread(tmp_path):
    path = tmp_path / "follow.db"
    writer = AssetLog(path)
    reader = AssetLog(path)
    order(writer)
    seen = []

    def later() -> None:
        import time as _t
        _t.sleep(0.2)
        writer.record("LAP-1", "received", location="Berlin", occurred_at=T0 + timedelta(days=1))

    t = threading.Thread(target=later)
    t.start()
    for e in reader.follow(0, wait=5):
        seen.append(e.type)
        if len(seen) == 2:
            break
    t.join()
    assert seen == ["ordered", "received"]
    # with a short wait and nothing new, it ends
    assert [e.type for e in reader.follow(2, wait=0.05)] == []
    with pytest.raises(assetlog.InvalidValue):
        list(reader.follow(2, wait=-1))


def test_a_bad_filter_value_is_refused_naming_the_filter(log):
    order(log)
    with pytest.raises(assetlog.InvalidValue) as e:
        log.fleet(status="bogus")
    assert (e.value.field, e.value.input) == ("status", "bogus")
    assert "filter ''" not in str(e.value)
    assert [v.tag for v in log.fleet(status="Ordered", country=None)] == ["LAP-1"]


def test_money_adds_subtracts_sums_and_orders_within_one_currency():
    a, b = Money(Decimal("10.50"), "EUR"), Money(Decimal("0.25"), "EUR")
    assert a + b == Money(Decimal("10.75"), "EUR")
    assert a - b == Money(Decimal("10.25"), "EUR")
    assert sum([a, b, b]) == Money(Decimal("11.00"), "EUR")
    assert b < a and max(a, b) == a and sorted([a, b]) == [b, a]
    with pytest.raises(assetlog.CurrencyMismatch):
        a + Money(Decimal("1"), "USD")
    with pytest.raises(assetlog.CurrencyMismatch):
        assert a < Money(Decimal("1"), "USD")
    with pytest.raises(TypeError):
        a + 1  # type: ignore[operator]


def test_records_are_json_ready_rows_a_dataframe_takes(log):
    order(log)
    rows = assetlog.records(log.fleet())
    assert rows[0]["tag"] == "LAP-1" and rows[0]["status"] == "ordered"
    assert rows[0]["unit_cost"] == "999.99 USD" or " " in rows[0]["unit_cost"]
    text = json.dumps(rows)
    assert json.loads(text)[0]["asset_id"] == str(log.asset("LAP-1").asset_id)


def test_typed_event_constructors_are_generated_from_the_core_schema(log):
    import importlib.util
    import pathlib
    script = pathlib.Path(__file__).resolve().parent.parent / "scripts" / "gen_events.py"
    spec = importlib.util.spec_from_file_location("gen_events", script)
    gen = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(gen)  # type: ignore[union-attr]
    from assetlog import _native
    text = gen.render(json.loads(_native.event_schema()), json.loads(_native.statuses()))
    assert gen.TARGET.read_text() == text, "events.py differs from the core: run python scripts/gen_events.py"
    from assetlog import events
    log.append([
        events.ordered("LAP-9", category="laptop", vendor="Dell", model="XPS", unit_cost="1299.00 EUR"),
        events.received("LAP-9", location="Berlin", country="DE"),
        events.shipped("LAP-9", to="Home of emp-7", from_="Berlin"),
    ])
    assert log.asset("LAP-9").status == "in_transit"
    assert log.history("LAP-9")[2].data["from"] == "Berlin"


def test_licenses_seats_renewals_and_offboarding(log):
    from assetlog import events
    order(log)
    log.append([
        events.received("LAP-1", location="Berlin", country="DE"),
        events.assigned("LAP-1", person="emp-1"),
        events.license_purchased("LIC-VPN", product="VPN", kind="per_user", seats=1,
                                 term_start="2024-01-01", term_end="2024-12-31", cost="1200.00 EUR",
                                 occurred_at="2024-01-01"),
        events.seat_assigned("LIC-VPN", person="emp-1", occurred_at="2024-01-02"),
    ])
    lic = log.license("LIC-VPN")
    assert (lic.seats, lic.seats_used, lic.seats_free) == (1, 1, 0)
    assert lic.term_cost == Money(Decimal("1200.00"), "EUR")
    assert str(lic.holders[0].holder) == "person emp-1"
    before = log.stats()
    with pytest.raises(assetlog.NoFreeSeat) as e:
        log.append([events.seat_assigned("LIC-VPN", person="emp-2")])
    assert (e.value.seats, e.value.used) == (1, 1) and isinstance(e.value, assetlog.Conflict)
    assert log.stats() == before
    assert log.license("LIC-VPN", as_of="2024-01-01").seats_used == 0
    me = log.person_view("emp-1")
    assert [s.license for s in me.seats] == ["LIC-VPN"] and me.seats_cost == (Money(Decimal("1200.00"), "EUR"),)
    r = log.renewals("2024-12-01", date(2025, 1, 31))
    assert [x.tag for x in r.licenses] == ["LIC-VPN"] and r.budget == (Money(Decimal("1200.00"), "EUR"),)
    [dept] = log.seats_by_department()
    assert (dept.department, dept.seats, dept.products, dept.cost) == (None, 1, ("VPN",), (Money(Decimal("1200.00"), "EUR"),))
    assert log.seats_by_department(as_of="2024-01-01") == []
    off = log.offboard("emp-1", due=date(2099, 1, 1))
    assert [a.tag for a in off.released] == ["LIC-VPN"]
    assert log.licenses()[0].seats_used == 0
    log.append([events.seat_assigned("LIC-VPN", person="emp-2"),
                events.seat_transferred("LIC-VPN", from_person="emp-2", to_person="emp-3")])
    assert [str(h.holder) for h in log.license("LIC-VPN").holders] == ["person emp-3"]
    with pytest.raises(assetlog.InvalidValue) as e:
        log.append([events.seat_transferred("LIC-VPN", from_person="emp-2", to_person="emp-4")])
    assert e.value.field == "from_person"
    assert log.reclaimable() == []
    log.append([events.software_installed("LAP-1", name="VPN Client 7", publisher="Acme")])
    report = log.compliance(rules=[("VPN", "vpn client*", "")])
    assert (report[0].product, report[0].installations, report[0].over_deployed) == ("VPN", 1, True)
    assert report[0].unlicensed[0].device == "LAP-1" and report[0].shelfware == 1
    log.set_license_key("LIC-VPN", "AAAA-BBBB")
    assert log.license_key("LIC-VPN") == "AAAA-BBBB"
    assert log.forget_license_key("LIC-VPN") and log.license_key("LIC-VPN") is None
    with pytest.raises(assetlog.InvalidValue):
        log.set_license_key("LAP-1", "K")


def test_a_log_copies_to_postgresql_or_a_file_and_an_export_restores_exactly(log, tmp_path):
    import os
    import uuid
    order(log)
    log.record("LAP-1", "received", location="Berlin", country="DE", occurred_at=T0 + timedelta(days=1))
    base = os.environ.get("ASSETLOG_TEST_PG")
    if base:
        target = f"{base}{'&' if '?' in base else '?'}schema=pycopy_{uuid.uuid4().hex}"
    else:
        target = str(tmp_path / "copy.db")
    with assetlog.AssetLog(target) as copy:
        stats = log.copy_to(copy)
        assert stats.events == 2 and stats.head == log.verify().head == copy.verify().head
        assert copy.asset("LAP-1").status == "in_stock"
        assert ("schema pycopy_" in copy.location) == bool(base)
        with pytest.raises(assetlog.InvalidValue):
            log.copy_to(copy)
    export = tmp_path / "log.jsonl"
    log.export_jsonl(export)
    restored = assetlog.AssetLog()
    r = restored.import_jsonl(export)
    assert r.restored and r.written == 2
    assert restored.verify().head == log.verify().head
    assert log.location == ":memory:"


def test_a_follower_on_postgresql_is_woken_by_another_connection():
    import os
    import threading
    import time
    import uuid
    base = os.environ.get("ASSETLOG_TEST_PG")
    if not base:
        pytest.skip("no PostgreSQL test server (tests/postgres.sh sets ASSETLOG_TEST_PG)")
    url = f"{base}{'&' if '?' in base else '?'}schema=pyfollow_{uuid.uuid4().hex}"
    with assetlog.AssetLog(url) as writer, assetlog.AssetLog(url) as follower:
        order(writer)
        timer = threading.Timer(0.3, lambda: writer.record("LAP-1", "note", text="hello"))
        timer.start()
        started = time.monotonic()
        seen = [e.position for e in follower.follow(1, wait=3)]
        timer.join()
        assert seen == [2]
        # woken by the commit's NOTIFY, then one quiet wait of 3 s ends the loop
        assert time.monotonic() - started < 5.5
