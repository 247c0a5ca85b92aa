"""Every scenario in tests/fixtures/*.json gives the same views as in Rust."""
import dataclasses
import enum
import os
import uuid
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

import assetlog
from conftest import FIXTURES, load


def canonical(value):
    """Python view data back into the core's JSON forms, for comparison."""
    if isinstance(value, assetlog.Money):
        return str(value)
    if dataclasses.is_dataclass(value):
        value = value.to_dict()
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        text = value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
        return text.replace(".000000Z", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, assetlog.Money):
        return str(value)
    if isinstance(value, (uuid.UUID, Decimal)):
        return str(value)
    return value


def subset_diff(expected, actual, path=""):
    if isinstance(expected, dict) and isinstance(actual, dict):
        for k, v in expected.items():
            if k not in actual:
                if v is None:
                    continue
                return f"{path}.{k}: missing"
            d = subset_diff(v, actual[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return f"{path}: expected {len(expected)} items, got {len(actual)}: {actual}"
        for i, (e, a) in enumerate(zip(expected, actual)):
            d = subset_diff(e, a, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if expected == actual else f"{path}: expected {expected!r}, got {actual!r}"


def moment(text):
    if text is None:
        return None
    if len(text) == 10:
        return date.fromisoformat(text)
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def filters(f):
    return dict(f or {})


def run_step(log, step):
    if "append" in step:
        return log.append(step["append"])
    if "offboard" in step:
        o = step["offboard"]
        return log.offboard(o["person"], due=date.fromisoformat(o["due"]),
                            occurred_at=moment(o.get("occurred_at")))
    if "person" in step:
        p = step["person"]
        return log.upsert_person(p["id"], name=p.get("name"), email=p.get("email"), address=p.get("address"))
    if "forget" in step:
        return log.forget_person(step["forget"])
    if "rebuild" in step:
        return log.rebuild()
    if "book_rule" in step:
        r = step["book_rule"]
        return log.set_book_rule(r["book"], r["category"], r["rule"], start=date.fromisoformat(r["from"]),
                                 country=r.get("country"))
    raise AssertionError(f"unknown step {step}")


def rates(fixture):
    return [(date.fromisoformat(r["date"]), r["from"], r["to"], r["rate"]) for r in fixture.get("fx", [])]


def evaluate(log, fixture, x):
    at = moment(x.get("at"))
    if "asset" in x:
        try:
            actual = {"view": canonical(log.asset(x["asset"], as_of=at))}
        except assetlog.AssetLogError as e:
            actual = {"error": e.code}
        expected = {"error": x["error"]} if "error" in x else {"view": x["view"]}
        return actual, expected
    if "cost" in x:
        policy = assetlog.Policy(**x["policy"]) if "policy" in x else None
        view = log.cost(x["cost"], as_of=at, policy=policy)
        actual, expected = {"view": canonical(view)}, {"view": x["view"]}
        if "total_in" in x:
            try:
                actual["total"] = str(assetlog.total_in([c.total for c in view.costs], x["total_in"],
                                                       rates(fixture), view.on))
            except assetlog.AssetLogError as e:
                actual["total"] = e.code
            expected["total"] = x["total"]
        return actual, expected
    if "book_value" in x:
        try:
            actual = {"view": canonical(log.book_value(x["book_value"], x["book"], as_of=at))}
        except assetlog.AssetLogError as e:
            actual = {"error": e.code}
        expected = {"error": x["error"]} if "error" in x else {"view": x["view"]}
        return actual, expected
    result = x.get("result")
    if "schedule" in x:
        c = x["schedule"]
        s = assetlog.depreciation_schedule(c["cost"], date.fromisoformat(c["placed"]), c["rule"])
        return [str(p.depreciation) for p in s.periods], result
    if "counts" in x:
        c = x["counts"]
        return canonical(log.counts(as_of=moment(c.get("at")), **filters(c.get("filter")))), result
    if "fleet" in x:
        c = x["fleet"]
        return [v.tag for v in log.fleet(as_of=moment(c.get("at")), **filters(c.get("filter")))], result
    if "spend" in x:
        c = x["spend"]
        spend = log.spend(as_of=moment(c.get("at")), **filters(c.get("filter")))
        if "total_in" in c:
            on = moment(c["at"])
            try:
                return str(assetlog.total_in([s.total for s in spend], c["total_in"], rates(fixture), on)), result
            except assetlog.AssetLogError as e:
                return e.code, result
        return canonical(spend), result
    if "idle" in x:
        c = x["idle"]
        return canonical(log.idle(c["days"], as_of=moment(c.get("at")))), result
    if "overdue" in x:
        return canonical(log.overdue_returns(as_of=moment(x["overdue"].get("at")))), result
    if "not_patched_since" in x:
        c = x["not_patched_since"]
        return [v.tag for v in log.not_patched_since(moment(c["since"]), as_of=moment(c.get("at")))], result
    if "warranty_ending_before" in x:
        c = x["warranty_ending_before"]
        return [v.tag for v in log.warranty_ending_before(date.fromisoformat(c["date"]), as_of=moment(c.get("at")))], result
    if "duplicate_serials" in x:
        return canonical(log.duplicate_serials(as_of=moment(x["duplicate_serials"].get("at")))), result
    if "holdings" in x:
        c = x["holdings"]
        return [v.tag for v in log.holdings(c["person"], as_of=moment(c.get("at")))], result
    if "history" in x:
        return [e.type for e in log.history(x["history"])], x["types"]
    if "person" in x:
        p = log.person(x["person"])
        return (None if p is None else canonical(p)), result
    if "counts_by" in x:
        c = x["counts_by"]
        return canonical(log.counts_by(c["by"], as_of=moment(c.get("at")))), result
    if "spend_by" in x:
        c = x["spend_by"]
        return canonical(log.spend_by(c["by"], as_of=moment(c.get("at")))), result
    if "unseen" in x:
        c = x["unseen"]
        return [s.tag for s in log.unseen(c["days"], as_of=moment(c.get("at")))], result
    if "outdated" in x:
        c = x["outdated"]
        return [s.tag for s in log.outdated(c["component"], c["minimum"], as_of=moment(c.get("at")))], result
    if "flow_times" in x:
        c = x["flow_times"]
        stats = log.flow_times(c["flow"], date.fromisoformat(c["from"]), date.fromisoformat(c["to"]),
                               by=c.get("by"), as_of=moment(c.get("at")))
        return canonical(stats), result
    if "recovery" in x:
        c = x["recovery"]
        return canonical(log.recovery(date.fromisoformat(c["from"]), date.fromisoformat(c["to"]),
                                      as_of=moment(c.get("at")))), result
    if "data_gaps" in x:
        return canonical(log.data_gaps(as_of=moment(x["data_gaps"].get("at")))), result
    if "license" in x:
        try:
            return {"view": canonical(log.license(x["license"], as_of=moment(x.get("at"))))}, {"view": x["view"]}
        except assetlog.AssetLogError as e:
            return {"error": e.code}, {"error": x.get("error")}
    if "reclaimable" in x:
        c = x["reclaimable"]
        return canonical(log.reclaimable(silent_days=c.get("silent_days"), as_of=moment(c.get("at")))), result
    if "compliance" in x:
        return canonical(log.compliance(as_of=moment(x["compliance"].get("at")))), result
    if "person_view" in x:
        return canonical(log.person_view(x["person_view"])), result
    if "stats" in x:
        return canonical(log.stats()), x["stats"]
    raise AssertionError(f"unknown expectation {x}")


def pg_url():
    """A new, empty log on the test PostgreSQL server (its own schema), when
    the test command started one (tests/postgres.sh sets ASSETLOG_TEST_PG)."""
    base = os.environ["ASSETLOG_TEST_PG"]
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}schema=py_{uuid.uuid4().hex}"


BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("ASSETLOG_TEST_PG") else [])


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_fixture(path, backend):
    fixture = load(path)
    log = assetlog.AssetLog(pg_url() if backend == "postgresql" else None)
    failures = []
    for i, step in enumerate(fixture["steps"]):
        before = log.stats()
        want = step.get("error")
        try:
            run_step(log, step)
            if want:
                failures.append(f"step {i}: expected {want}, it succeeded")
        except assetlog.AssetLogError as e:
            if want != e.code:
                failures.append(f"step {i}: expected {want}, got {e.code}: {e}")
            if log.stats() != before:
                failures.append(f"step {i}: a refused step wrote events")
    for i, x in enumerate(fixture["expect"]):
        actual, expected = evaluate(log, fixture, x)
        diff = subset_diff(expected, actual)
        if diff:
            failures.append(f"expect {i}: {diff}")
    inline = canonical(log.fleet())
    log.rebuild()
    if canonical(log.fleet()) != inline:
        failures.append("inline views differ from a rebuild")
    assert not failures, "\n".join(failures)


def test_there_are_fixtures():
    assert len(FIXTURES) >= 5
