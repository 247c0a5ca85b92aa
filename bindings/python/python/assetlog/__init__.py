"""assetlog: the whole life of every IT asset as an append-only event log
in an embedded SQLite file, with the lifecycle enforced and views answered
now or as of any date.

>>> import assetlog
>>> log = assetlog.AssetLog()            # or assetlog.AssetLog("fleet.db")
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any, Dict, Iterable, List, Union

from . import _native
from . import errors
from . import events
from .errors import *  # noqa: F401,F403  (every exception class, one per error code)
from .errors import AssetLogError, from_code
from .log import AssetLog, Event, _day
from .money import Money, MoneyLike
from .views import (
    Appended, AssetView, CostView, CurrencyCosts, DuplicateSerial, FleetCounts, IdleAsset,
    LogStats, Offboarding, OverdueReturn, PatchInfo, Person, Policy, RebuildStats,
    RecordedEvent, Status, Transition, Mismatch, Verification, Checkpoint, CountGroup, SpendGroup, SilentAsset, OutdatedAsset, StatusCount, MonthSpend, AgeBand, PersonView, Schedule, Period,
    BookRule, BookValue, BookValueGroup, Disposal, FleetBookValue, CurrencyBookValue, Forecast, EndOfLife, FlowStats, DataGaps,
    Recovery, BadLine, JsonlImport, records, LicenseView, Seat, SeatHolder, Renewals, ReclaimableSeat,
    ProductCompliance, UnlicensedCopy, PersonSeat, EditionSeats, DepartmentSeats, CopyStats,
)

__version__: str = _native.__version__


def transitions() -> List[Transition]:
    """The lifecycle table: every allowed (status, event) and where it leads."""
    return [Transition(r["from"], r["event"], r["to"]) for r in json.loads(_native.transitions())]


def error_codes() -> List[str]:
    """Every stable error code of the core."""
    return list(_native.error_codes())


def depreciation_schedule(cost: MoneyLike, placed: Union[date, str], rule: Dict[str, Any]) -> Schedule:
    """A depreciation schedule by fiscal year for ``cost`` placed in service on
    ``placed``, by ``rule`` in its JSON form, e.g.
    ``{"method": "macrs", "class": 5, "life_months": 60, "convention": "half-year"}``."""
    return Schedule.from_json(json.loads(
        _native.depreciation_schedule(str(Money.of(cost)), _day(placed, "placed"), json.dumps(rule))))


def total_in(amounts: Iterable[MoneyLike], currency: str, rates: Iterable[tuple], on: Union[date, str]) -> Money:  # type: ignore[type-arg]
    """Sum amounts into one currency with caller-supplied rates ``(date, from, to, rate)``,
    each the latest on or before ``on`` (an inverse rate is used exactly)."""
    wire_rates = [{"date": _day(d, "rate date"), "from": f, "to": t, "rate": str(r)} for d, f, t, r in rates]
    wire_amounts = [str(Money.of(a)) for a in amounts]
    return Money.parse(_native.total_in(json.dumps(wire_amounts), currency, json.dumps(wire_rates), _day(on, "on")))


__all__ = [
    "AssetLog", "Event", "Money", "Status", "Policy", "AssetView", "CostView", "CurrencyCosts",
    "FleetCounts", "IdleAsset", "OverdueReturn", "DuplicateSerial", "Appended", "RecordedEvent",
    "Offboarding", "Person", "PatchInfo", "RebuildStats", "LogStats", "Transition",
    "Mismatch", "Verification", "Checkpoint", "CountGroup", "SpendGroup", "SilentAsset", "OutdatedAsset", "StatusCount", "MonthSpend", "AgeBand", "PersonView", "Schedule", "Period", "BookRule",
    "BookValue", "BookValueGroup", "Disposal", "FleetBookValue", "CurrencyBookValue", "Forecast", "EndOfLife", "FlowStats", "Recovery", "DataGaps", "depreciation_schedule", "BadLine", "JsonlImport", "transitions", "error_codes", "total_in", "records", "events",
    "LicenseView", "Seat", "SeatHolder", "Renewals", "ReclaimableSeat", "ProductCompliance", "UnlicensedCopy", "PersonSeat", "EditionSeats", "DepartmentSeats", "CopyStats",
]
__all__ += errors.__all__
