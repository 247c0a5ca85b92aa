"""The :class:`AssetLog` handle and the :class:`Event` to append."""

from __future__ import annotations

import enum
import json
import os
from datetime import date, datetime, time, timezone
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Dict, Iterable, Iterator, List, Optional, Sequence, Union, overload
from uuid import UUID

from . import _native
from .errors import InvalidValue
from .money import Money
from .views import (
    LicenseView, ProductCompliance, ReclaimableSeat, Renewals, DepartmentSeats, CopyStats,
    Appended, AssetView, CostView, CurrencyCosts, DuplicateSerial, FleetCounts, IdleAsset,
    LogStats, Offboarding, OverdueReturn, Person, Policy, RebuildStats, RecordedEvent,
    BookRule, BookValue, BookValueGroup, Checkpoint, CountGroup, DataGaps, FleetBookValue, FlowStats, Forecast, JsonlImport,
    PersonView, Recovery,
    AgeBand, MonthSpend, OutdatedAsset, Schedule, SilentAsset, SpendGroup, StatusCount, Verification, views,
)

if TYPE_CHECKING:
    from .events import EventType

AssetRef = Union[str, UUID]
Moment = Union[datetime, date, str, None]
#: A calendar day: a ``date`` or a "YYYY-MM-DD" string.
Day = Union[date, str]
#: When an event happened: a datetime, a date (start of that day, UTC) or an ISO string.
Instant = Union[datetime, date, str]


def _wire_value(o: Any) -> Any:
    """``json.dumps`` hook: Python values to the core's JSON forms."""
    if type(o) is datetime and o.tzinfo is timezone.utc:
        return o.isoformat()
    if isinstance(o, datetime):
        if o.tzinfo is None or o.utcoffset() is None:
            raise InvalidValue(
                f"naive datetime {o.isoformat()}: pass a timezone-aware datetime "
                "(e.g. datetime.now(timezone.utc))", field="datetime", input=o.isoformat())
        return o.isoformat()
    if isinstance(o, date):
        return o.isoformat()
    if isinstance(o, Money):
        return str(o)
    if isinstance(o, Decimal):
        return format(o, "f")
    if isinstance(o, UUID):
        return str(o)
    if isinstance(o, enum.Enum):
        return o.value
    if isinstance(o, (set, frozenset, tuple)):
        return list(o)
    raise InvalidValue(f"cannot store a {type(o).__name__} value", field="value", input=repr(o)[:80])


def _dumps(value: Any) -> str:
    try:
        return json.dumps(value, default=_wire_value, allow_nan=False)
    except ValueError as e:
        if isinstance(e, InvalidValue):
            raise
        raise InvalidValue(f"{e}: numbers must be finite (money is text, e.g. \"12.50 EUR\")",
                           field="value", input="NaN or infinity") from None


def _moment(m: Moment) -> Optional[str]:
    """An instant for a query; a date (or a "YYYY-MM-DD" string) means the end
    of that day (UTC); other strings are RFC 3339 instants, read by the core."""
    if m is None:
        return None
    if isinstance(m, str):
        return m
    if isinstance(m, datetime):
        return _wire_value(m)  # type: ignore[no-any-return]
    if isinstance(m, date):
        return datetime.combine(m, time.max, tzinfo=timezone.utc).isoformat()
    raise InvalidValue(f"as_of takes a datetime, a date or an ISO string, not {type(m).__name__}",
                       field="as_of", input=repr(m)[:80])


def _day(d: Any, field: str) -> str:
    """A calendar day: a ``date`` or a "YYYY-MM-DD" string (checked by the core)."""
    if isinstance(d, datetime):
        raise InvalidValue(f"{field} takes a date, not a datetime", field=field, input=d.isoformat())
    if isinstance(d, date):
        return d.isoformat()
    if isinstance(d, str):
        return d
    raise InvalidValue(f"{field} takes a date or a YYYY-MM-DD string, not {type(d).__name__}",
                       field=field, input=repr(d)[:80])


def _instant(t: Any, field: str) -> str:
    """When an event happened: a timezone-aware ``datetime``, a ``date`` (the
    start of that day, UTC, as in every language) or an ISO string."""
    if isinstance(t, str):
        return t
    if isinstance(t, (datetime, date)):
        return _wire_value(t)  # type: ignore[no-any-return]
    raise InvalidValue(f"{field} takes a datetime, a date or an ISO string, not {type(t).__name__}",
                       field=field, input=repr(t)[:80])


def _ref(asset: AssetRef) -> tuple:  # type: ignore[type-arg]
    if isinstance(asset, UUID):
        return (str(asset), True)
    if isinstance(asset, str):
        return (asset, False)
    raise InvalidValue(f"an asset is a tag (str) or an id (uuid.UUID), not {type(asset).__name__}",
                       field="asset", input=repr(asset)[:80])


class AppendedList(Sequence[Appended]):
    """The results of an append, one :class:`Appended` per event, in order."""

    __slots__ = ("_rows",)

    def __init__(self, rows: List[Dict[str, Any]]) -> None:
        self._rows = rows

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, i: int) -> Appended: ...

    @overload
    def __getitem__(self, i: slice) -> List[Appended]: ...

    def __getitem__(self, i: Union[int, slice]) -> Union[Appended, List[Appended]]:
        if isinstance(i, slice):
            return [Appended.from_json(r) for r in self._rows[i]]
        return Appended.from_json(self._rows[i])

    def __repr__(self) -> str:
        return f"AppendedList({list(self)!r})"


class Event:
    """An event to append: ``Event("LAP-0042", "shipped", to="Home", cost="25.00 SGD")``.

    Keyword arguments other than the envelope ones (``occurred_at``,
    ``actor``, ``event_id``, ``correlation_id``, ``expected_version``,
    ``asset_id``, ``allow_duplicate_serial``) are the payload: see
    docs/events.md for each type. ``allow_duplicate_serial=True`` lets an
    ``ordered`` or ``received`` event give a serial another asset has.
    ``from_`` stands for the payload field ``from`` (a Python keyword).
    """

    __slots__ = ("asset", "type", "data", "occurred_at", "actor", "event_id",
                 "correlation_id", "expected_version", "asset_id", "allow_duplicate_serial")

    def __init__(self, asset: AssetRef, type: EventType, *, occurred_at: Optional[Instant] = None,
                 actor: Optional[str] = None, event_id: Union[UUID, str, None] = None,
                 correlation_id: Union[UUID, str, None] = None,
                 expected_version: Union[int, str, None] = None,
                 asset_id: Union[UUID, str, None] = None, allow_duplicate_serial: bool = False,
                 **data: Any) -> None:
        self.asset = asset
        self.type = type
        if "from_" in data:  # `from` is a Python keyword (shipped's origin)
            data["from"] = data.pop("from_")
        self.data = data
        self.occurred_at = occurred_at
        self.actor = actor
        self.event_id = event_id
        self.correlation_id = correlation_id
        self.expected_version = expected_version
        self.asset_id = asset_id
        self.allow_duplicate_serial = allow_duplicate_serial

    def to_wire(self) -> Dict[str, Any]:
        """The event's JSON form (docs/events.md)."""
        asset = self.asset
        w: Dict[str, Any] = {"asset": asset if type(asset) is str else str(asset),
                             "type": self.type, "data": self.data}
        # unrolled: this runs once per event of every batch
        if self.occurred_at is not None:
            w["occurred_at"] = _instant(self.occurred_at, "occurred_at")
        if self.actor is not None:
            w["actor"] = self.actor
        if self.event_id is not None:
            w["event_id"] = self.event_id
        if self.correlation_id is not None:
            w["correlation_id"] = self.correlation_id
        if self.expected_version is not None:
            w["expected_version"] = self.expected_version
        if self.asset_id is not None:
            w["asset_id"] = self.asset_id
        if self.allow_duplicate_serial:
            w["allow_duplicate_serial"] = True
        return w

    def __repr__(self) -> str:
        return f"Event({self.asset!r}, {self.type!r}, {self.data!r})"


def _filter(status: Any, country: Optional[str], location: Optional[str], holder: Optional[str],
            category: Optional[str], department: Optional[str]) -> str:
    f = {"status": status, "country": country, "location": location, "holder": holder,
         "category": category, "department": department}
    return _dumps({k: v for k, v in f.items() if v is not None})


class AssetLog:
    """An assetlog: every asset's events and views in one SQLite file.

    ``AssetLog("fleet.db")`` opens or creates a file; ``AssetLog()`` keeps the
    log in memory. Safe to share between threads; the store works without
    holding the GIL. Every method raises :class:`assetlog.AssetLogError`
    subclasses with a stable ``.code``.
    """

    def __init__(self, path: Union[str, "os.PathLike[str]", None] = None, *,
                 durability: str = "process") -> None:
        self._log = _native.Log(None if path is None else os.fspath(path), durability)

    @classmethod
    def open(cls, path: Union[str, "os.PathLike[str]"], *, durability: str = "process") -> "AssetLog":
        """Open or create a log file (``durability``: "process" or "power_loss")."""
        return cls(path, durability=durability)

    @classmethod
    def memory(cls) -> "AssetLog":
        """A log in memory, gone when dropped."""
        return cls(None)

    @property
    def path(self) -> Optional[str]:
        """The file path, or None in memory or on a server."""
        return self._log.path

    @property
    def location(self) -> str:
        """Where the log is: its path, ``:memory:``, or its server and schema
        (never a password)."""
        return self._log.location

    def close(self) -> None:
        """Close the log and release its files (once calls already running on
        other threads end). Every later call raises ``Closed``; closing twice
        is harmless. ``with AssetLog(path) as log:`` closes on leaving."""
        self._log.close()

    @property
    def closed(self) -> bool:
        """Whether the log was closed."""
        return self._log.closed

    def __enter__(self) -> "AssetLog":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"AssetLog({self.path or ':memory:'!r})"

    # -- writing -----------------------------------------------------------

    def record(self, asset: AssetRef, type: EventType, **kwargs: Any) -> Appended:
        """Append one event; keyword arguments as for :class:`Event`
        (``assetlog.events`` has a typed constructor per event type)."""
        return self.append([Event(asset, type, **kwargs)])[0]

    def append(self, events: Iterable[Union[Event, Dict[str, Any]]]) -> "AppendedList":
        """Append events (``Event`` objects or their JSON-form dicts) atomically.

        Returns where each landed, in order (built on access, so a large
        batch does not pay for objects nobody reads)."""
        wire = [e.to_wire() if isinstance(e, Event) else e for e in events]
        return AppendedList(json.loads(self._log.append(_dumps(wire))))

    def offboard(self, person: str, *, due: Day, occurred_at: Optional[Instant] = None,
                 actor: str = "assetlog") -> Offboarding:
        """Request the return of everything a person has assigned, in one atomic batch."""
        when = None if occurred_at is None else _instant(occurred_at, "occurred_at")
        return Offboarding.from_json(json.loads(self._log.offboard(person, _day(due, "due"), when, actor)))

    # -- reading one asset --------------------------------------------------

    def asset(self, asset: AssetRef, *, as_of: Moment = None, as_recorded: Optional[datetime] = None) -> AssetView:
        """An asset's view now, as of a moment (``as_of``), or as recorded by a moment."""
        tag, by_id = _ref(asset)
        return AssetView.from_json(json.loads(self._log.asset(tag, by_id, _moment(as_of), _moment(as_recorded))))

    def cost(self, asset: AssetRef, *, as_of: Moment = None, as_recorded: Optional[datetime] = None,
             policy: Optional[Policy] = None) -> CostView:
        """Cost of ownership by currency and book values on the moment's date."""
        tag, by_id = _ref(asset)
        p = None if policy is None else _dumps(policy.to_dict())
        return CostView.from_json(json.loads(self._log.cost(tag, by_id, _moment(as_of), _moment(as_recorded), p)))

    def history(self, asset: AssetRef, *, as_of: Moment = None,
                as_recorded: Optional[datetime] = None) -> List[RecordedEvent]:
        """An asset's events in timeline order (occurred_at, then version); with
        ``as_of`` those that had occurred by then, with ``as_recorded`` those
        recorded by then."""
        tag, by_id = _ref(asset)
        return views(RecordedEvent, json.loads(self._log.history(tag, by_id, _moment(as_of), _moment(as_recorded))))

    def read_stream(self, asset: AssetRef) -> List[RecordedEvent]:
        """An asset's events in version (recording) order."""
        tag, by_id = _ref(asset)
        return views(RecordedEvent, json.loads(self._log.read_stream(tag, by_id)))

    # -- the change feed ----------------------------------------------------

    def feed(self, after: int = 0, limit: int = 1000) -> List[RecordedEvent]:
        """Up to ``limit`` events after global position ``after``, in position order."""
        return views(RecordedEvent, json.loads(self._log.feed(after, limit)))

    def follow(self, after: int = 0, page: int = 1000, *, wait: Optional[float] = None) -> Iterator[RecordedEvent]:
        """Every event after ``after``, page by page (never the whole log in memory).

        Without ``wait`` it ends once caught up. With ``wait`` (seconds) it
        then waits that long for new events (appended by any process) and
        goes on, ending only after ``wait`` seconds without one:
        ``for e in log.follow(after, wait=30): ...`` is a sync job's loop."""
        while True:
            batch = views(RecordedEvent, json.loads(self._log.feed(after, page, wait or 0.0)))
            if not batch:
                return
            yield from batch
            after = batch[-1].position

    # -- fleet ----------------------------------------------------------------

    def fleet(self, *, as_of: Moment = None, as_recorded: Optional[datetime] = None,
              status: Optional[str] = None, country: Optional[str] = None, location: Optional[str] = None,
              holder: Optional[str] = None, category: Optional[str] = None,
              department: Optional[str] = None) -> List[AssetView]:
        """Assets matching every filter given."""
        f = _filter(status, country, location, holder, category, department)
        return views(AssetView, json.loads(self._log.fleet(f, _moment(as_of), _moment(as_recorded))))

    def counts(self, *, as_of: Moment = None, as_recorded: Optional[datetime] = None,
               status: Optional[str] = None, country: Optional[str] = None, location: Optional[str] = None,
               holder: Optional[str] = None, category: Optional[str] = None,
               department: Optional[str] = None) -> FleetCounts:
        """Counts by status and status x country of the assets matching the filters."""
        f = _filter(status, country, location, holder, category, department)
        return FleetCounts.from_json(json.loads(self._log.counts(f, _moment(as_of), _moment(as_recorded))))

    def spend(self, *, as_of: Moment = None, as_recorded: Optional[datetime] = None,
              status: Optional[str] = None, country: Optional[str] = None, location: Optional[str] = None,
              holder: Optional[str] = None, category: Optional[str] = None,
              department: Optional[str] = None) -> List[CurrencyCosts]:
        """Spend of the matching assets by currency and kind."""
        f = _filter(status, country, location, holder, category, department)
        return views(CurrencyCosts, json.loads(self._log.spend(f, _moment(as_of), _moment(as_recorded))))

    def counts_by(self, by: Union[str, Sequence[str]], *, as_of: Moment = None,
                  as_recorded: Optional[datetime] = None, status: Optional[str] = None,
                  country: Optional[str] = None, location: Optional[str] = None,
                  holder: Optional[str] = None, category: Optional[str] = None,
                  department: Optional[str] = None) -> List[CountGroup]:
        """Counts of the matching assets grouped by one or two of status, country,
        location, department, cost_centre, category, vendor, model
        (``by="department"`` or ``by=["department", "country"]``)."""
        f = _filter(status, country, location, holder, category, department)
        dims = by if isinstance(by, str) else ",".join(by)
        raw = self._log.counts_by(dims, f, _moment(as_of), _moment(as_recorded))
        return views(CountGroup, json.loads(raw))

    def spend_by(self, by: Union[str, Sequence[str]], *, as_of: Moment = None,
                 as_recorded: Optional[datetime] = None, status: Optional[str] = None,
                 country: Optional[str] = None, location: Optional[str] = None,
                 holder: Optional[str] = None, category: Optional[str] = None,
                 department: Optional[str] = None) -> List[SpendGroup]:
        """Spend by currency and kind grouped like :meth:`counts_by`; department,
        cost centre, location and country are those in force when each cost arose."""
        f = _filter(status, country, location, holder, category, department)
        dims = by if isinstance(by, str) else ",".join(by)
        raw = self._log.spend_by(dims, f, _moment(as_of), _moment(as_recorded))
        return views(SpendGroup, json.loads(raw))

    def idle(self, days: int, *, as_of: Moment = None, as_recorded: Optional[datetime] = None) -> List[IdleAsset]:
        """Assets in stock, or assigned and not seen, for ``days`` or more."""
        return views(IdleAsset, json.loads(self._log.idle(days, _moment(as_of), _moment(as_recorded))))

    def unseen(self, days: int, *, checks_in: Optional[Sequence[str]] = None, as_of: Moment = None,
               as_recorded: Optional[datetime] = None, status: Optional[str] = None,
               country: Optional[str] = None, location: Optional[str] = None, holder: Optional[str] = None,
               category: Optional[str] = None, department: Optional[str] = None) -> List[SilentAsset]:
        """Devices in use (assigned or return pending) of categories that check in
        (``checks_in``, default laptop, desktop, workstation, phone, tablet, server)
        not seen for ``days`` or more, most days first."""
        f = _filter(status, country, location, holder, category, department)
        cats = None if checks_in is None else list(checks_in)
        raw = self._log.silent("unseen", days, cats, f, _moment(as_of), _moment(as_recorded))
        return views(SilentAsset, json.loads(raw))

    def unpatched(self, days: int, *, checks_in: Optional[Sequence[str]] = None, as_of: Moment = None,
                  as_recorded: Optional[datetime] = None, status: Optional[str] = None,
                  country: Optional[str] = None, location: Optional[str] = None, holder: Optional[str] = None,
                  category: Optional[str] = None, department: Optional[str] = None) -> List[SilentAsset]:
        """Devices in use of categories that check in, not patched for ``days`` or
        more (never patched: counted from their first event), most days first."""
        f = _filter(status, country, location, holder, category, department)
        cats = None if checks_in is None else list(checks_in)
        raw = self._log.silent("unpatched", days, cats, f, _moment(as_of), _moment(as_recorded))
        return views(SilentAsset, json.loads(raw))

    def outdated(self, component: str, minimum: str, *, checks_in: Optional[Sequence[str]] = None,
                 as_of: Moment = None, as_recorded: Optional[datetime] = None, status: Optional[str] = None,
                 country: Optional[str] = None, location: Optional[str] = None, holder: Optional[str] = None,
                 category: Optional[str] = None, department: Optional[str] = None) -> List[OutdatedAsset]:
        """Devices in use of categories that check in whose installed version of
        ``component`` ("os", "firmware", or a patched application) is below
        ``minimum``, compared as versions (2024.12 is after 2024.1), or was
        never reported: unknown first, then the oldest."""
        f = _filter(status, country, location, holder, category, department)
        cats = None if checks_in is None else list(checks_in)
        raw = self._log.outdated(component, minimum, cats, f, _moment(as_of), _moment(as_recorded))
        return views(OutdatedAsset, json.loads(raw))

    def warranty_ending_within(self, start: Day, end: Day, *, as_of: Moment = None,
                               as_recorded: Optional[datetime] = None) -> List[AssetView]:
        """Assets in service whose warranty ends between ``start`` and ``end``
        (both included), soonest first."""
        raw = self._log.warranty_ending_within(_day(start, "start"), _day(end, "end"),
                                               _moment(as_of), _moment(as_recorded))
        return views(AssetView, json.loads(raw))

    # -- licenses and subscriptions -------------------------------------------

    def license(self, license: AssetRef, *, as_of: Moment = None,
                as_recorded: Optional[datetime] = None) -> LicenseView:
        """A license as of a moment (default now): seats, term, costs, holders."""
        tag, by_id = _ref(license)
        return LicenseView.from_json(json.loads(
            self._log.license(tag, by_id, _moment(as_of), _moment(as_recorded))))

    def compliance(self, *, rules: Iterable[Sequence[str]] = (), as_of: Moment = None,
                   as_recorded: Optional[datetime] = None) -> List[ProductCompliance]:
        """Installed against owned, per product. ``rules`` are ``(product, name
        pattern, publisher pattern or "")`` rows matching installed programs to
        products, tried before the built-in table and each license's product name."""
        wire = json.dumps([[p, n, pub] for p, n, pub in rules])
        return views(ProductCompliance, json.loads(
            self._log.compliance(wire, _moment(as_of), _moment(as_recorded))))

    def set_license_key(self, license: AssetRef, key: str) -> None:
        """Keep a license's key: a secret outside the log (never in an event or an export)."""
        tag, by_id = _ref(license)
        self._log.set_license_key(tag, key, by_id)

    def license_key(self, license: AssetRef) -> Optional[str]:
        """A license's key, if one is kept."""
        tag, by_id = _ref(license)
        return self._log.license_key(tag, by_id)

    def forget_license_key(self, license: AssetRef) -> bool:
        """Erase a license's key (the log's hash chain is untouched); True if there was one."""
        tag, by_id = _ref(license)
        return self._log.forget_license_key(tag, by_id)

    def licenses(self, *, as_of: Moment = None, as_recorded: Optional[datetime] = None) -> List[LicenseView]:
        """Every license that existed at a moment, in the order they were bought."""
        return views(LicenseView, json.loads(self._log.licenses(_moment(as_of), _moment(as_recorded))))

    def seats_by_department(self, *, as_of: Moment = None,
                            as_recorded: Optional[datetime] = None) -> List[DepartmentSeats]:
        """License seats per department at a moment, with what they cost for the
        current terms (a person's seats count for the department of the devices
        assigned to them; department None last: people with no device)."""
        return views(DepartmentSeats, json.loads(
            self._log.seats_by_department(_moment(as_of), _moment(as_recorded))))

    def renewals(self, start: Day, end: Day, *, as_of: Moment = None,
                 as_recorded: Optional[datetime] = None) -> Renewals:
        """Active licenses whose term ends between two days, and the renewal budget by currency."""
        return Renewals.from_json(json.loads(self._log.renewals(
            _day(start, "start"), _day(end, "end"), _moment(as_of), _moment(as_recorded))))

    def reclaimable(self, *, silent_days: Optional[int] = None, as_of: Moment = None,
                    as_recorded: Optional[datetime] = None) -> List[ReclaimableSeat]:
        """Seats held by leavers, by retired or lost devices, or by devices silent for ``silent_days``."""
        return views(ReclaimableSeat, json.loads(
            self._log.reclaimable(silent_days, _moment(as_of), _moment(as_recorded))))

    def overdue_returns(self, *, as_of: Moment = None, as_recorded: Optional[datetime] = None) -> List[OverdueReturn]:
        """Requested returns past due, most overdue first."""
        return views(OverdueReturn, json.loads(self._log.overdue_returns(_moment(as_of), _moment(as_recorded))))

    def not_patched_since(self, since: Instant, *, as_of: Moment = None,
                          as_recorded: Optional[datetime] = None) -> List[AssetView]:
        """Assets in service not patched since an instant."""
        s = _instant(since, "since")
        return views(AssetView, json.loads(self._log.not_patched_since(s, _moment(as_of), _moment(as_recorded))))

    def warranty_ending_before(self, day: Day, *, as_of: Moment = None,
                               as_recorded: Optional[datetime] = None) -> List[AssetView]:
        """Assets in service whose warranty ends before a date."""
        return views(AssetView, json.loads(
            self._log.warranty_ending_before(_day(day, "day"), _moment(as_of), _moment(as_recorded))))

    def duplicate_serials(self, *, as_of: Moment = None,
                          as_recorded: Optional[datetime] = None) -> List[DuplicateSerial]:
        """Serial numbers found on more than one asset."""
        return views(DuplicateSerial, json.loads(self._log.duplicate_serials(_moment(as_of), _moment(as_recorded))))

    def data_gaps(self, *, as_of: Moment = None, as_recorded: Optional[datetime] = None) -> DataGaps:
        """Assets in service with no country or serial, in use with no department,
        with no purchase price; serials on several assets."""
        return DataGaps.from_json(json.loads(self._log.data_gaps(_moment(as_of), _moment(as_recorded))))

    def flow_times(self, flow: str, start: Day, end: Day, *, by: Optional[str] = None,
                   as_of: Moment = None, as_recorded: Optional[datetime] = None) -> List[FlowStats]:
        """Lead times of the flows that ended between ``start`` and ``end``:
        ``order_to_receipt``, ``order_to_assignment``, ``receipt_to_assignment``,
        ``shipping``, ``repair`` or ``return``; ``by`` country, category, vendor or model."""
        raw = self._log.flow_times(flow, by, _day(start, "start"), _day(end, "end"), _moment(as_of), _moment(as_recorded))
        return views(FlowStats, json.loads(raw))

    def recovery(self, start: Day, end: Day, *, as_of: Moment = None,
                 as_recorded: Optional[datetime] = None) -> Recovery:
        """What came of the return requests made between ``start`` and ``end``."""
        return Recovery.from_json(json.loads(self._log.recovery(_day(start, "start"), _day(end, "end"),
                                                                _moment(as_of), _moment(as_recorded))))

    # -- depreciation books ---------------------------------------------------

    def set_book_rule(self, book: str, category: str, rule: Dict[str, Any], *, start: date,
                      country: Optional[str] = None) -> None:
        """From ``start`` on, assets of ``category`` (in ``country``, or anywhere)
        depreciate by ``rule`` in ``book``; earlier rules stay for earlier dates."""
        self._log.set_book_rule(_dumps({"book": book, "category": category, "country": country,
                                        "from": _day(start, "start"), "rule": rule}))

    def book_rules(self, book: Optional[str] = None) -> List[BookRule]:
        """Every dated rule of a book (or of every book)."""
        return [BookRule.from_json(r) for r in json.loads(self._log.book_rules(book))]

    def book_value(self, tag: str, book: str, *, as_of: Moment = None,
                   as_recorded: Optional[datetime] = None) -> BookValue:
        """An asset's value in a book (zero, with the gain or loss, once retired or lost)."""
        return BookValue.from_json(json.loads(self._log.book_value(tag, book, _moment(as_of), _moment(as_recorded))))

    def book_schedule(self, tag: str, book: str, *, as_of: Moment = None,
                      as_recorded: Optional[datetime] = None) -> Schedule:
        """An asset's whole schedule in a book, by the rule in force at the moment."""
        return Schedule.from_json(json.loads(self._log.book_schedule(tag, book, _moment(as_of), _moment(as_recorded))))

    def fleet_book_value(self, book: str, *, as_of: Moment = None, as_recorded: Optional[datetime] = None,
                         status: Optional[str] = None, country: Optional[str] = None,
                         location: Optional[str] = None, holder: Optional[str] = None,
                         category: Optional[str] = None, department: Optional[str] = None) -> FleetBookValue:
        """The fleet's book values by currency."""
        f = _filter(status, country, location, holder, category, department)
        raw = self._log.fleet_book_value(book, f, _moment(as_of), _moment(as_recorded))
        return FleetBookValue.from_json(json.loads(raw))

    def fleet_book_value_by(self, book: str, by: Union[str, Sequence[str]], *, as_of: Moment = None,
                            as_recorded: Optional[datetime] = None, status: Optional[str] = None,
                            country: Optional[str] = None, location: Optional[str] = None,
                            holder: Optional[str] = None, category: Optional[str] = None,
                            department: Optional[str] = None) -> List[BookValueGroup]:
        """The fleet's book values grouped by one or two dimensions of the assets."""
        f = _filter(status, country, location, holder, category, department)
        dims = by if isinstance(by, str) else ",".join(by)
        raw = self._log.fleet_book_value_by(book, dims, f, _moment(as_of), _moment(as_recorded))
        return views(BookValueGroup, json.loads(raw))

    def forecast(self, book: str, start: Day, end: Day, *, as_of: Moment = None,
                 as_recorded: Optional[datetime] = None) -> Forecast:
        """Assets whose life ends between ``start`` and ``end``, and the budget to
        replace them at the latest price of the same model."""
        raw = self._log.forecast(book, _day(start, "start"), _day(end, "end"), _moment(as_of), _moment(as_recorded))
        return Forecast.from_json(json.loads(raw))

    def person_view(self, who: str, *, as_of: Moment = None,
                    as_recorded: Optional[datetime] = None) -> PersonView:
        """A person by id, e-mail or full name: their record, whether they left,
        and what they hold. Raises :class:`UnknownPerson` when nothing is known."""
        return PersonView.from_json(json.loads(self._log.person_view(who, _moment(as_of), _moment(as_recorded))))

    def status_over_time(self, days: Iterable[Day]) -> List[StatusCount]:
        """How many assets were in each status at the end of each day given
        (sorted, duplicates dropped): the fleet's utilization over time."""
        raw = self._log.status_over_time([_day(d, "days") for d in days])
        return views(StatusCount, json.loads(raw))

    def spend_by_month(self, start: Day, end: Day) -> List[MonthSpend]:
        """Costs that arose from ``start`` to ``end``, month by month, by currency."""
        return views(MonthSpend, json.loads(self._log.spend_by_month(_day(start, "start"), _day(end, "end"))))

    def age_profile(self, *, as_of: Moment = None, as_recorded: Optional[datetime] = None) -> List[AgeBand]:
        """Assets in service by whole years since they were ordered, youngest first."""
        return views(AgeBand, json.loads(self._log.age_profile(_moment(as_of), _moment(as_recorded))))

    def leavers(self, *, as_of: Moment = None, as_recorded: Optional[datetime] = None) -> List[PersonView]:
        """People who left by then, those still holding the most first."""
        return views(PersonView, json.loads(self._log.leavers(_moment(as_of), _moment(as_recorded))))

    def mark_left(self, person: str, on: Optional[date] = None) -> None:
        """Record that a person left on a date (None: they are back). Offboarding
        does this itself; erasing the person keeps the date."""
        self._log.mark_left(person, None if on is None else _day(on, "on"))

    def holdings(self, person: str, *, as_of: Moment = None,
                 as_recorded: Optional[datetime] = None) -> List[AssetView]:
        """Everything a person holds."""
        return views(AssetView, json.loads(self._log.holdings(person, _moment(as_of), _moment(as_recorded))))

    # -- maintenance and people ----------------------------------------------

    def import_snipeit(self, path: Union[str, "os.PathLike[str]"], *,
                       users: Union[str, "os.PathLike[str]", None] = None,
                       locations: Union[str, "os.PathLike[str]", None] = None,
                       currency: str = "USD", encoding: Optional[str] = None,
                       status_map: Union[str, "os.PathLike[str]", None] = None,
                       dry_run: bool = False, strict: bool = False) -> Dict[str, Any]:
        """Import a Snipe-IT assets export (either layout, any encoding) with its
        users and locations exports, in one atomic batch; importing it again adds
        nothing. Returns the report: rows, assets, events, people, written, the
        rows ``skipped`` and the fields with ``issues`` (each with its line), and
        ``warnings`` (the encoding chosen). See docs/import.md."""
        def p(x: Union[str, "os.PathLike[str]", None]) -> Optional[str]:
            return None if x is None else os.fspath(x)
        raw = self._log.import_snipeit(os.fspath(path), p(users), p(locations), currency,
                                       encoding, p(status_map), dry_run, strict)
        report: Dict[str, Any] = json.loads(raw)
        return report

    def ingest_osquery(self, paths: Union[str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]]], *,
                       patches: Sequence[str] = (), dry_run: bool = False) -> Dict[str, Any]:
        """Read osqueryd result logs into check-ins, OS versions and patches (rows of
        the ``patches`` queries) of the assets whose serials the hosts report.
        Returns the report; unknown hosts are in ``issues``, lines that are not
        results in ``skipped``. Reading a log again adds nothing."""
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        raw = self._log.ingest_osquery([os.fspath(p) for p in paths], list(patches), dry_run)
        report: Dict[str, Any] = json.loads(raw)
        return report

    def ingest_tickets(self, path: Union[str, "os.PathLike[str]"], *, map: Optional[Dict[str, str]] = None,
                       encoding: Optional[str] = None, dry_run: bool = False) -> Dict[str, Any]:
        """Read a ticketing export (CSV from Jira, Zendesk, Freshservice or GLPI)
        into ticket_opened and ticket_closed on the asset each ticket names by tag
        or serial. ``map`` reads fields from other columns ({"id": "Ref"}).
        Unmatched tickets are in ``issues``; reading it again adds nothing."""
        raw = self._log.ingest_tickets(os.fspath(path), map, encoding, dry_run)
        report: Dict[str, Any] = json.loads(raw)
        return report

    def report_html(self, path: Union[str, "os.PathLike[str]"], *, as_of: Union[date, str, None] = None,
                    currency: Optional[str] = None, rates: Union[str, "os.PathLike[str]", None] = None,
                    book: Optional[str] = None) -> None:
        """Write the fleet report, one self-contained HTML page with charts and the
        lists to act on, as of the end of ``as_of`` (default today). ``currency``
        with ``rates`` (a CSV file of date,from,to,rate) converts money; ``book``
        picks the depreciation book (default the log's first)."""
        day = None if as_of is None else _day(as_of, "as_of")
        self._log.report_html(os.fspath(path), day, currency,
                              None if rates is None else os.fspath(rates), book)

    def rebuild(self) -> RebuildStats:
        """Fold every view again from the log (same result as inline)."""
        return RebuildStats.from_json(json.loads(self._log.rebuild()))

    def copy_to(self, other: "AssetLog") -> CopyStats:
        """Copy this whole log into ``other``, which must be empty (a new file, or
        an empty PostgreSQL schema): the same positions, ids and recorded times,
        so the same chain head; then people, leavers, books and license keys."""
        return CopyStats.from_json(json.loads(self._log.copy_to(other._log)))

    def import_jsonl(self, path: Union[str, "os.PathLike[str]"], *, dry_run: bool = False) -> JsonlImport:
        """Import events from JSON Lines (as ``export_jsonl`` writes them) in one
        atomic batch; unreadable lines are reported. Importing twice adds nothing."""
        return JsonlImport.from_json(json.loads(self._log.import_jsonl(os.fspath(path), dry_run)))

    def export_jsonl(self, path: Union[str, "os.PathLike[str]"]) -> int:
        """Write every event as JSON Lines, streamed; returns how many."""
        return self._log.export_jsonl(os.fspath(path))

    def verify(self, against: Optional[Union[str, "os.PathLike[str]"]] = None) -> Verification:
        """Check the hash chain: the first event changed, removed or moved since written.

        With ``against`` (a file written by :meth:`checkpoint`), also check that
        the log still extends that checkpoint: a log cut short at its end, or
        replaced by an older copy, is reported at the checkpoint's position."""
        path = None if against is None else os.fspath(against)
        return Verification.from_json(json.loads(self._log.verify(path)))

    def checkpoint(self, path: Union[str, "os.PathLike[str]"]) -> Checkpoint:
        """Verify the log, then write its position and chain head to ``path``
        (keep the file elsewhere; ``verify(against=path)`` checks it later)."""
        return Checkpoint.from_json(json.loads(self._log.checkpoint(os.fspath(path))))

    def stats(self) -> LogStats:
        """Events and assets stored."""
        return LogStats.from_json(json.loads(self._log.stats()))

    def upsert_person(self, person: str, *, name: Optional[str] = None, email: Optional[str] = None,
                      address: Optional[str] = None) -> None:
        """Add or replace a person's personal data (kept outside the log)."""
        self._log.upsert_person(_dumps({"id": person, "name": name, "email": email, "address": address}))

    def person(self, person: str) -> Optional[Person]:
        """A person's personal data, or None."""
        text = self._log.person(person)
        return None if text is None else Person.from_json(json.loads(text))

    def forget_person(self, person: str) -> bool:
        """Erase a person's personal data; the log keeps the opaque id. True if there was a record."""
        return self._log.forget_person(person)
