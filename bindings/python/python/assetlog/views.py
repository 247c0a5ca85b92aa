"""Frozen view objects returned by :class:`assetlog.AssetLog`.

Each is built from the core's JSON and converts to Python types: ids are
``uuid.UUID``, instants timezone-aware ``datetime`` (UTC), dates ``date``,
money :class:`~assetlog.Money`. ``to_dict()`` gives plain Python data.
"""

from __future__ import annotations

import dataclasses
import enum
import os
from decimal import Decimal
from dataclasses import dataclass, fields
from datetime import date, datetime, timezone
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple, Type, TypeVar
from uuid import UUID

from .money import Money


class Status(str, enum.Enum):
    """Lifecycle statuses (compare equal to their names: ``Status.ASSIGNED == "assigned"``)."""

    ORDERED = "ordered"
    IN_STOCK = "in_stock"
    IN_TRANSIT = "in_transit"
    ASSIGNED = "assigned"
    IN_REPAIR = "in_repair"
    RETURN_PENDING = "return_pending"
    LOST = "lost"
    RETIRED = "retired"

    def __str__(self) -> str:
        return self.value


def instant(text: Optional[str]) -> Optional[datetime]:
    if text is None:
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)


def day(text: Optional[str]) -> Optional[date]:
    return None if text is None else date.fromisoformat(text)


def money(text: Optional[str]) -> Optional[Money]:
    # the core wrote it ("1299.00 EUR"): already checked, no need to ask it again
    return None if text is None else Money._from_core(text)


def uuid(text: Optional[str]) -> Optional[UUID]:
    return None if text is None else UUID(text)


T = TypeVar("T")


class _View:
    """Shared behaviour: build from core JSON, convert back to a dict."""

    _convert: Dict[str, Callable[[Any], Any]] = {}

    @classmethod
    def from_json(cls: Type[T], data: Dict[str, Any]) -> T:
        plan = cls.__dict__.get("_plan")
        if plan is None:
            # each field with its converter, worked out once per class
            conv = cls._convert  # type: ignore[attr-defined]
            plan = tuple((f.name, conv.get(f.name, _same)) for f in fields(cls))  # type: ignore[arg-type]
            setattr(cls, "_plan", plan)
        if STRICT:
            # a field the core has and this class lacks (or the reverse) fails loudly
            names = {name for name, _ in plan}
            if set(data) != names:
                raise TypeError(f"{cls.__name__}: the core sends {sorted(set(data) - names)} "
                                f"that the class lacks, and lacks {sorted(names - set(data))}")
        get = data.get
        return cls(**{name: convert(get(name)) for name, convert in plan})

    def to_dict(self) -> Dict[str, Any]:
        """The view as a dict; nested views become dicts, values keep their
        Python types (``Money``, ``datetime``, ``UUID``...)."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]

    def to_json(self) -> Dict[str, Any]:
        """The view as a JSON-ready dict (``json.dumps`` takes it): instants and
        dates in ISO form, money as "12.50 EUR", ids and enums as text."""
        return {f.name: _json_ready(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


#: Set by the test suite (``ASSETLOG_STRICT_VIEWS=1``): views refuse JSON
#: whose keys differ from their fields, so a field added to a core view
#: fails the Python tests until the class carries it.
STRICT = os.environ.get("ASSETLOG_STRICT_VIEWS") == "1"


def records(views: Iterable["_View"]) -> List[Dict[str, Any]]:
    """Views as JSON-ready dicts, one per view: what ``json.dumps`` and
    ``pandas.DataFrame(records(log.fleet()))`` take directly."""
    return [v.to_json() for v in views]


def _json_ready(v: Any) -> Any:
    if isinstance(v, _View):
        return v.to_json()
    if isinstance(v, (tuple, list)):
        return [_json_ready(x) for x in v]
    if isinstance(v, dict):
        return {str(_json_ready(k)): _json_ready(x) for k, x in v.items()}
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    if isinstance(v, (UUID, Money, Decimal)):
        return str(v)
    if isinstance(v, enum.Enum):
        return v.value
    return v


def _plain(v: Any) -> Any:
    if isinstance(v, _View):
        return v.to_dict()
    if isinstance(v, tuple):
        return [_plain(x) for x in v]
    return v


def _same(v: Any) -> Any:
    return v


def _tuple(v: Any) -> Tuple[Any, ...]:
    return tuple(v or ())


@dataclass(frozen=True)
class PatchInfo(_View):
    """The latest patch applied to an asset."""

    at: datetime
    component: str
    version: str
    _convert = {"at": instant}


def _patch(v: Any) -> Optional[PatchInfo]:
    return None if v is None else PatchInfo.from_json(v)


@dataclass(frozen=True, repr=False)
class AssetView(_View):
    """One asset's state at a moment. Costs are in :meth:`AssetLog.cost`."""

    asset_id: UUID
    tag: str
    status: Status
    version: int
    category: str
    vendor: str
    model: str
    serial: Optional[str]
    order_ref: Optional[str]
    ordered_on: date
    unit_cost: Money
    warranty_end: Optional[date]
    holder: Optional[str]
    department: Optional[str]
    cost_centre: Optional[str]
    location: Optional[str]
    country: Optional[str]
    destination: Optional[str]
    destination_country: Optional[str]
    carrier: Optional[str]
    repairer: Optional[str]
    last_seen: Optional[datetime]
    os_version: Optional[str]
    firmware_version: Optional[str]
    last_patch: Optional[PatchInfo]
    open_tickets: Tuple[str, ...]
    return_due: Optional[date]
    return_reason: Optional[str]
    condition: Optional[str]
    wiped: bool
    retired_reason: Optional[str]
    status_since: datetime
    first_event_at: datetime
    last_event_at: datetime
    costs: Tuple["CurrencyCosts", ...]

    _convert = {
        "asset_id": uuid, "status": Status, "ordered_on": day, "unit_cost": money,
        "warranty_end": day, "last_seen": instant, "last_patch": _patch,
        "open_tickets": _tuple, "return_due": day, "status_since": instant,
        "first_event_at": instant, "last_event_at": instant,
        "costs": lambda raw: _costs(raw),
    }

    def __repr__(self) -> str:
        where = f"{self.location}, {self.country}" if self.country else f"{self.location}"
        return (f"AssetView(tag={self.tag!r}, status={self.status.value!r}, holder={self.holder!r}, "
                f"location={where!r}, version={self.version})")


@dataclass(frozen=True)
class CurrencyCosts(_View):
    """Costs in one currency, split by kind; ``total`` is all costs minus resale."""

    currency: str
    purchase: Money
    shipping: Money
    repair: Money
    support: Money
    other: Money
    resale: Money
    total: Money
    _convert = {k: money for k in ("purchase", "shipping", "repair", "support", "other", "resale", "total")}


def _costs(v: Any) -> Tuple[CurrencyCosts, ...]:
    return tuple(CurrencyCosts.from_json(c) for c in v or ())


@dataclass(frozen=True)
class Policy(_View):
    """Depreciation policy: useful life, salvage share (basis points), declining factor (%)."""

    life_months: int = 36
    salvage_bp: int = 0
    declining_factor_percent: int = 200


@dataclass(frozen=True)
class CostView(_View):
    """An asset's cost of ownership by currency and its book values on ``on``."""

    asset_id: UUID
    tag: str
    on: date
    costs: Tuple[CurrencyCosts, ...]
    unit_cost: Money
    book_value_straight_line: Money
    book_value_declining_balance: Money
    policy: Policy
    _convert = {
        "asset_id": uuid, "on": day, "costs": _costs, "unit_cost": money,
        "book_value_straight_line": money, "book_value_declining_balance": money,
        "policy": lambda p: Policy.from_json(p),
    }


@dataclass(frozen=True)
class FleetCounts(_View):
    """Asset counts by status and by status x country ("" for unknown)."""

    total: int
    by_status: Dict[str, int]
    by_status_country: Dict[str, Dict[str, int]]


@dataclass(frozen=True)
class IdleAsset(_View):
    """An asset idle (in stock, or assigned and not seen) for ``days``."""

    asset_id: UUID
    tag: str
    status: Status
    reason: str
    since: datetime
    days: int
    _convert = {"asset_id": uuid, "status": Status, "since": instant}


@dataclass(frozen=True)
class DataGaps(_View):
    """Assets the fleet questions cannot place, attribute or value (tags), and
    serials on several assets."""

    no_country: Tuple[str, ...]
    no_department: Tuple[str, ...]
    no_cost: Tuple[str, ...]
    no_serial: Tuple[str, ...]
    duplicate_serials: Tuple[DuplicateSerial, ...]
    _convert = {"no_country": tuple, "no_department": tuple, "no_cost": tuple, "no_serial": tuple,
                "duplicate_serials": lambda raw: tuple(DuplicateSerial.from_json(d) for d in raw)}


@dataclass(frozen=True)
class FlowStats(_View):
    """Lead times of one group: count, median, 90th percentile and longest, in days."""

    key: Tuple[Optional[str], ...]
    count: int
    median_days: float
    p90_days: float
    max_days: float
    _convert = {"key": tuple}


@dataclass(frozen=True)
class Recovery(_View):
    """What came of the return requests made in a window."""

    requested: int
    returned_on_time: int
    returned_late: int
    still_open: int
    lost: int
    other: int
    condition: Dict[str, int]
    redeployed: int
    outstanding: Tuple[Money, ...]
    outstanding_book_value: Tuple[Money, ...]
    _convert = {"condition": dict, "outstanding": lambda raw: tuple(Money.parse(m) for m in raw),
                "outstanding_book_value": lambda raw: tuple(Money.parse(m) for m in raw)}


@dataclass(frozen=True)
class Period(_View):
    """One fiscal year of a depreciation schedule."""

    year: int
    start: date
    end: date
    depreciation: Money
    end_value: Money
    _convert = {"start": day, "end": day, "depreciation": money, "end_value": money}


@dataclass(frozen=True)
class Schedule(_View):
    """A depreciation schedule by fiscal year; the periods sum to cost minus salvage."""

    cost: Money
    salvage: Money
    placed: date
    periods: Tuple[Period, ...]
    _convert = {"cost": money, "salvage": money, "placed": day,
                "periods": lambda raw: tuple(Period.from_json(p) for p in raw)}


@dataclass(frozen=True)
class BookRule(_View):
    """A dated rule of a depreciation book; ``rule`` in its JSON form
    (``{"method": "macrs", "class": 5, "life_months": 60, "convention": "half-year"}``)."""

    book: str
    category: str
    country: Optional[str]
    from_: date
    rule: Dict[str, Any]

    @classmethod
    def from_json(cls, data: Dict[str, Any]) -> "BookRule":
        return cls(book=data["book"], category=data["category"], country=data.get("country"),
                   from_=date.fromisoformat(data["from"]), rule=dict(data["rule"]))


@dataclass(frozen=True)
class Disposal(_View):
    """How an asset left the books: the carrying amount written off and the gain or loss."""

    on: date
    status: Status
    proceeds: Money
    carrying_amount: Money
    gain_or_loss: Money
    _convert = {"on": day, "status": Status, "proceeds": money, "carrying_amount": money,
                "gain_or_loss": money}


@dataclass(frozen=True)
class BookValue(_View):
    """An asset's value in a book on a date (zero once disposed of)."""

    tag: str
    book: str
    on: date
    rule: Dict[str, Any]
    cost: Money
    accumulated: Money
    book_value: Money
    end_of_life: date
    disposal: Optional[Disposal]
    _convert = {"on": day, "rule": dict, "cost": money, "accumulated": money, "book_value": money,
                "end_of_life": day, "disposal": lambda raw: None if raw is None else Disposal.from_json(raw)}


@dataclass(frozen=True)
class CurrencyBookValue(_View):
    """A fleet's book values in one currency."""

    currency: str
    assets: int
    cost: Money
    accumulated: Money
    book_value: Money
    _convert = {"cost": money, "accumulated": money, "book_value": money}


@dataclass(frozen=True)
class FleetBookValue(_View):
    """A fleet's book values by currency; categories without a rule are not counted."""

    book: str
    on: date
    by_currency: Tuple[CurrencyBookValue, ...]
    categories_without_rule: Tuple[str, ...]
    _convert = {"on": day, "by_currency": lambda raw: tuple(CurrencyBookValue.from_json(c) for c in raw),
                "categories_without_rule": tuple}


@dataclass(frozen=True)
class BookValueGroup(_View):
    """Book values of one group of assets, by currency."""

    key: Tuple[Optional[str], ...]
    by_currency: Tuple[CurrencyBookValue, ...]
    _convert = {"key": tuple, "by_currency": lambda raw: tuple(CurrencyBookValue.from_json(c) for c in raw)}


@dataclass(frozen=True)
class EndOfLife(_View):
    """An asset reaching the end of its life, and what replacing it costs."""

    tag: str
    category: str
    model: str
    end_of_life: date
    replacement: Money
    _convert = {"end_of_life": day, "replacement": money}


@dataclass(frozen=True)
class Forecast(_View):
    """Ends of life in a window and the replacement budget by currency."""

    book: str
    from_: date
    to: date
    assets: Tuple[EndOfLife, ...]
    budget: Tuple[Money, ...]

    @classmethod
    def from_json(cls, data: Dict[str, Any]) -> "Forecast":
        return cls(book=data["book"], from_=date.fromisoformat(data["from"]), to=date.fromisoformat(data["to"]),
                   assets=tuple(EndOfLife.from_json(a) for a in data["assets"]),
                   budget=tuple(Money.parse(m) for m in data["budget"]))


@dataclass(frozen=True)
class PersonView(_View):
    """A person as IT sees them: record (when present and not erased),
    ``status`` ``"active"`` or ``"left"``, and what they hold."""

    id: str
    name: Optional[str]
    email: Optional[str]
    status: str
    left_on: Optional[date]
    departments: Tuple[str, ...]
    countries: Tuple[str, ...]
    holding: Tuple[AssetView, ...]
    value_held: Tuple[CurrencyCosts, ...]
    seats: Tuple["PersonSeat", ...]
    seats_cost: Tuple[Money, ...]
    _convert = {
        "left_on": day,
        "departments": tuple,
        "countries": tuple,
        "holding": lambda raw: tuple(AssetView.from_json(v) for v in raw),
        "value_held": lambda raw: tuple(CurrencyCosts.from_json(c) for c in raw),
        "seats": lambda raw: tuple(PersonSeat.from_json(x) for x in raw),
        "seats_cost": lambda raw: tuple(Money._from_core(x) for x in raw),
    }


@dataclass(frozen=True)
class PersonSeat(_View):
    """A license seat a person holds."""

    license: str
    product: str
    since: datetime
    _convert = {"since": instant}


@dataclass(frozen=True)
class SilentAsset(_View):
    """A device in use that has not checked in (or not been patched) for
    ``days``; ``last`` is None when it never has."""

    asset_id: UUID
    tag: str
    category: str
    model: str
    status: Status
    holder: Optional[str]
    department: Optional[str]
    country: Optional[str]
    unit_cost: Money
    last: Optional[datetime]
    days: int
    _convert = {"asset_id": uuid, "status": Status, "unit_cost": money, "last": instant}


@dataclass(frozen=True)
class OutdatedAsset(_View):
    """A device in use whose installed version of ``component`` is below the
    version asked for; ``installed`` is None when it never reported one."""

    asset_id: UUID
    tag: str
    category: str
    model: str
    status: Status
    holder: Optional[str]
    department: Optional[str]
    country: Optional[str]
    unit_cost: Money
    component: str
    installed: Optional[str]
    last_patched: Optional[datetime]
    _convert = {"asset_id": uuid, "status": Status, "unit_cost": money, "last_patched": instant}


@dataclass(frozen=True)
class OverdueReturn(_View):
    """A requested return past its due date."""

    asset_id: UUID
    tag: str
    holder: Optional[str]
    due: date
    days_overdue: int
    reason: Optional[str]
    _convert = {"asset_id": uuid, "due": day}


@dataclass(frozen=True)
class SeatHolder(_View):
    """Who holds a license seat: a person or a device (the other is None)."""

    person: Optional[str] = None
    device: Optional[str] = None

    def __str__(self) -> str:
        return f"person {self.person}" if self.person is not None else f"device {self.device}"


def _holder(raw: Any) -> SeatHolder:
    return SeatHolder(person=raw.get("person"), device=raw.get("device"))


@dataclass(frozen=True)
class Seat(_View):
    """A license seat in use: its holder, since when."""

    holder: SeatHolder
    since: datetime
    _convert = {"holder": _holder, "since": instant}


@dataclass(frozen=True)
class LicenseView(_View):
    """A license or subscription as of a moment: seats owned (None:
    unlimited), used and free, its term and costs, who holds its seats."""

    license_id: UUID
    tag: str
    status: str
    version: int
    product: str
    publisher: Optional[str]
    edition: Optional[str]
    kind: str
    seats: Optional[int]
    seats_used: int
    seats_free: Optional[int]
    seats_over: int
    term_start: date
    term_end: Optional[date]
    term_cost: Money
    cost_so_far: Money
    not_reassignable: bool
    allow_overuse: bool
    holders: Tuple[Seat, ...]
    last_event_at: datetime
    _convert = {
        "license_id": uuid, "term_start": day, "term_end": day, "term_cost": money,
        "cost_so_far": money, "last_event_at": instant,
        "holders": lambda raw: tuple(Seat.from_json(x) for x in raw),
    }


@dataclass(frozen=True)
class Renewals(_View):
    """Active licenses whose term ends in a window, and the budget by currency."""

    licenses: Tuple[LicenseView, ...]
    budget: Tuple[Money, ...]
    _convert = {
        "licenses": lambda raw: tuple(LicenseView.from_json(x) for x in raw),
        "budget": lambda raw: tuple(Money._from_core(x) for x in raw),
    }


@dataclass(frozen=True)
class ReclaimableSeat(_View):
    """A seat to take back: held by a leaver, a retired or lost device, or a silent one."""

    license: str
    product: str
    holder: SeatHolder
    since: datetime
    reason: str
    _convert = {"holder": _holder, "since": instant}


@dataclass(frozen=True)
class UnlicensedCopy(_View):
    """A product installed on a device that no seat covers."""

    device: str
    holder: Optional[str]
    program: str


@dataclass(frozen=True)
class EditionSeats(_View):
    """Seats of one edition of a product (edition None: licenses without
    one; seats None: unlimited)."""

    edition: Optional[str]
    seats: Optional[int]
    seats_assigned: int


@dataclass(frozen=True)
class DepartmentSeats(_View):
    """The license seats a department holds (department None: people with no
    department known) and what they cost for the current terms, by currency."""

    department: Optional[str]
    seats: int
    products: Tuple[str, ...]
    cost: Tuple[Money, ...]
    _convert = {
        "products": tuple,
        "cost": lambda raw: tuple(Money._from_core(x) for x in raw),
    }


@dataclass(frozen=True)
class ProductCompliance(_View):
    """One product: seats owned (None: unlimited) and assigned, devices with
    it installed, the unlicensed copies, and seats paid for with nothing installed."""

    product: str
    licenses: Tuple[str, ...]
    seats: Optional[int]
    seats_assigned: int
    editions: Tuple[EditionSeats, ...]
    installations: int
    licensed: int
    unlicensed: Tuple[UnlicensedCopy, ...]
    over_deployed: bool
    shelfware: int
    _convert = {
        "licenses": tuple,
        "editions": lambda raw: tuple(EditionSeats.from_json(x) for x in raw),
        "unlicensed": lambda raw: tuple(UnlicensedCopy.from_json(x) for x in raw),
    }


@dataclass(frozen=True)
class DuplicateSerial(_View):
    """A serial number found on several assets."""

    serial: str
    tags: Tuple[str, ...]
    _convert = {"tags": _tuple}


@dataclass(frozen=True)
class Appended(_View):
    """Where an appended event landed."""

    position: int
    asset_id: UUID
    tag: str
    version: int
    event_id: UUID
    _convert = {"asset_id": uuid, "event_id": uuid}


@dataclass(frozen=True)
class RecordedEvent(_View):
    """An event as stored; ``data`` is its payload in JSON form."""

    position: int
    asset: str
    asset_id: UUID
    version: int
    event_id: UUID
    type: str
    schema_version: int
    occurred_at: datetime
    recorded_at: datetime
    actor: str
    correlation_id: Optional[UUID]
    data: Dict[str, Any]
    _convert = {"asset_id": uuid, "event_id": uuid, "occurred_at": instant, "recorded_at": instant,
                "correlation_id": uuid}


def _appended(v: Any) -> Tuple[Appended, ...]:
    return tuple(Appended.from_json(a) for a in v or ())


def _skipped(v: Any) -> Tuple[Tuple[str, Status], ...]:
    return tuple((tag, Status(status)) for tag, status in v or ())


@dataclass(frozen=True)
class Offboarding(_View):
    """What an offboarding requested, what it skipped (tag, status), and the
    license seats it released in the same batch."""

    person: str
    correlation_id: UUID
    requested: Tuple[Appended, ...]
    skipped: Tuple[Tuple[str, Status], ...]
    released: Tuple[Appended, ...]
    _convert = {"correlation_id": uuid, "requested": _appended, "skipped": _skipped, "released": _appended}


@dataclass(frozen=True)
class Person(_View):
    """Personal data kept outside the log (erasable)."""

    id: str
    name: Optional[str] = None
    email: Optional[str] = None
    address: Optional[str] = None


@dataclass(frozen=True)
class BadLine(_View):
    """A line of an import that could not be read, and why."""

    line: int
    reason: str


def _bad_lines(v: Any) -> Tuple[BadLine, ...]:
    return tuple(BadLine.from_json(b) for b in v or ())


@dataclass(frozen=True)
class JsonlImport(_View):
    """What an import read (``events``) and wrote (``written``: retries add
    nothing); ``restored``: a whole export went into an empty log exactly as it
    was recorded (same positions, recorded times and chain head)."""

    events: int
    written: int
    bad_lines: Tuple[BadLine, ...]
    restored: bool
    _convert = {"bad_lines": _bad_lines}


@dataclass(frozen=True)
class Mismatch(_View):
    """The first position where the stored log differs from what was written."""

    position: int
    reason: str


def _mismatch(v: Any) -> Optional[Mismatch]:
    return None if v is None else Mismatch.from_json(v)


@dataclass(frozen=True)
class Verification(_View):
    """The hash chain checked: ``first_mismatch`` is None when the log is intact;
    keep ``head`` elsewhere to notice a log cut short later."""

    events: int
    head: Optional[str]
    first_mismatch: Optional[Mismatch]
    _convert = {"first_mismatch": _mismatch}

    @property
    def is_intact(self) -> bool:
        return self.first_mismatch is None


def _key(raw: Any) -> Tuple[Optional[str], ...]:
    return tuple(raw)


@dataclass(frozen=True)
class CountGroup(_View):
    """Assets counted in one group; ``key`` holds one value per dimension
    asked (None when unknown)."""

    key: Tuple[Optional[str], ...]
    count: int
    _convert = {"key": _key}


@dataclass(frozen=True)
class SpendGroup(_View):
    """Spend of one group by currency and kind (cost of ownership is each
    currency's ``total``)."""

    key: Tuple[Optional[str], ...]
    costs: Tuple[CurrencyCosts, ...]
    _convert = {"key": _key, "costs": lambda raw: tuple(CurrencyCosts.from_json(c) for c in raw)}


@dataclass(frozen=True)
class Checkpoint(_View):
    """A position of the log and the chain head there, as written to a
    checkpoint file."""

    format: str
    position: int
    head: str
    written_at: datetime
    _convert = {"written_at": instant}


@dataclass(frozen=True)
class RebuildStats(_View):
    """What a rebuild did."""

    assets: int
    events: int


@dataclass(frozen=True)
class CopyStats(_View):
    """What a copy moved, and the chain head both logs share (None: empty)."""

    events: int
    people: int
    leavers: int
    book_rules: int
    license_keys: int
    head: Optional[str]


@dataclass(frozen=True)
class LogStats(_View):
    """Events and assets stored."""

    events: int
    assets: int


@dataclass(frozen=True)
class Transition(_View):
    """One row of the lifecycle table: ``to`` is a status, "same" or "resume"."""

    from_status: Optional[str]
    event: str
    to: str


def views(cls: Type[T], rows: List[Dict[str, Any]]) -> List[T]:
    return [cls.from_json(r) for r in rows]  # type: ignore[attr-defined]


@dataclass(frozen=True)
class StatusCount(_View):
    """How many assets were in each status at the end of a day."""

    on: date
    by_status: Dict[str, int]
    in_service: int
    total: int
    _convert = {"on": day, "by_status": dict}


@dataclass(frozen=True)
class MonthSpend(_View):
    """Costs that arose in one month ("YYYY-MM"): devices' by currency and
    kind, and licenses' by currency (each term's cost accrued over its days)."""

    month: str
    costs: Tuple[CurrencyCosts, ...]
    licenses: Tuple[Money, ...]
    _convert = {"costs": _costs, "licenses": lambda raw: tuple(Money._from_core(x) for x in raw)}


@dataclass(frozen=True)
class AgeBand(_View):
    """Assets in service of one age, in whole years since they were ordered."""

    years: int
    count: int
    by_category: Dict[str, int]
    _convert = {"by_category": dict}
