"""Typed constructors, one per event type, generated from the core's schema
by ``python scripts/gen_events.py`` (a test fails while this file and the core
disagree). mypy catches a misspelt type or field and a missing required one::

    from assetlog import events
    log.append([
        events.ordered("LAP-1", category="laptop", vendor="Dell", model="XPS",
                       unit_cost="1299.00 EUR"),
        events.received("LAP-1", location="Berlin", country="DE"),
    ])
"""

from __future__ import annotations

from typing import Any, Dict, Literal, Optional, Union
from uuid import UUID

from .log import AssetRef, Day, Event, Instant
from .money import MoneyLike

#: Every event type.
EventType = Literal["ordered", "received", "shipped", "delivered", "assigned", "unassigned", "observed", "patched", "sent_for_repair", "repaired", "ticket_opened", "ticket_closed", "return_requested", "returned", "wiped", "retired", "reported_lost", "found", "relocated", "cost_recorded", "note", "license_purchased", "license_renewed", "seats_changed", "seat_assigned", "seat_released", "license_cancelled", "license_expired", "software_installed", "software_removed", "seat_transferred"]

#: Every asset status.
Status = Literal["ordered", "in_stock", "in_transit", "assigned", "in_repair", "return_pending", "lost", "retired"]


def _given(**fields: Any) -> Dict[str, Any]:
    return {k: v for k, v in fields.items() if v is not None and v is not False}


def ordered(
    asset: AssetRef,
    *,
    category: str,
    vendor: str,
    model: str,
    unit_cost: MoneyLike,
    serial: Optional[str] = None,
    order_ref: Optional[str] = None,
    warranty_end: Optional[Day] = None,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """An ``ordered`` event (docs/events.md)."""
    return Event(asset, "ordered", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(category=category, vendor=vendor, model=model, serial=serial, unit_cost=unit_cost, order_ref=order_ref, warranty_end=warranty_end))


def received(
    asset: AssetRef,
    *,
    location: str,
    country: Optional[str] = None,
    serial: Optional[str] = None,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """A ``received`` event (docs/events.md)."""
    return Event(asset, "received", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(location=location, country=country, serial=serial))


def shipped(
    asset: AssetRef,
    *,
    to: str,
    from_: Optional[str] = None,
    to_country: Optional[str] = None,
    carrier: Optional[str] = None,
    tracking_ref: Optional[str] = None,
    cost: Optional[MoneyLike] = None,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """A ``shipped`` event (docs/events.md)."""
    return Event(asset, "shipped", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(from_=from_, to=to, to_country=to_country, carrier=carrier, tracking_ref=tracking_ref, cost=cost))


def delivered(
    asset: AssetRef,
    *,
    location: Optional[str] = None,
    country: Optional[str] = None,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """A ``delivered`` event (docs/events.md)."""
    return Event(asset, "delivered", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(location=location, country=country))


def assigned(
    asset: AssetRef,
    *,
    person: str,
    department: Optional[str] = None,
    cost_centre: Optional[str] = None,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """An ``assigned`` event (docs/events.md)."""
    return Event(asset, "assigned", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(person=person, department=department, cost_centre=cost_centre))


def unassigned(
    asset: AssetRef,
    *,
    reason: Optional[str] = None,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """An ``unassigned`` event (docs/events.md)."""
    return Event(asset, "unassigned", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(reason=reason))


def observed(
    asset: AssetRef,
    *,
    location: Optional[str] = None,
    country: Optional[str] = None,
    os_version: Optional[str] = None,
    firmware_version: Optional[str] = None,
    source: Optional[str] = None,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """An ``observed`` event (docs/events.md)."""
    return Event(asset, "observed", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(location=location, country=country, os_version=os_version, firmware_version=firmware_version, source=source))


def patched(
    asset: AssetRef,
    *,
    component: str,
    version: str,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """A ``patched`` event (docs/events.md)."""
    return Event(asset, "patched", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(component=component, version=version))


def sent_for_repair(
    asset: AssetRef,
    *,
    vendor: Optional[str] = None,
    reason: Optional[str] = None,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """A ``sent_for_repair`` event (docs/events.md)."""
    return Event(asset, "sent_for_repair", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(vendor=vendor, reason=reason))


def repaired(
    asset: AssetRef,
    *,
    cost: Optional[MoneyLike] = None,
    vendor: Optional[str] = None,
    under_warranty: bool = False,
    description: Optional[str] = None,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """A ``repaired`` event (docs/events.md)."""
    return Event(asset, "repaired", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(cost=cost, vendor=vendor, under_warranty=under_warranty, description=description))


def ticket_opened(
    asset: AssetRef,
    *,
    ticket_id: str,
    summary: Optional[str] = None,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """A ``ticket_opened`` event (docs/events.md)."""
    return Event(asset, "ticket_opened", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(ticket_id=ticket_id, summary=summary))


def ticket_closed(
    asset: AssetRef,
    *,
    ticket_id: str,
    cost: Optional[MoneyLike] = None,
    resolution: Optional[str] = None,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """A ``ticket_closed`` event (docs/events.md)."""
    return Event(asset, "ticket_closed", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(ticket_id=ticket_id, cost=cost, resolution=resolution))


def return_requested(
    asset: AssetRef,
    *,
    reason: Literal["offboarding", "upgrade", "repair", "lease_end", "other"],
    due: Day,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """A ``return_requested`` event (docs/events.md)."""
    return Event(asset, "return_requested", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(reason=reason, due=due))


def returned(
    asset: AssetRef,
    *,
    condition: Literal["good", "worn", "damaged", "broken"],
    location: str,
    country: Optional[str] = None,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """A ``returned`` event (docs/events.md)."""
    return Event(asset, "returned", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(condition=condition, location=location, country=country))


def wiped(
    asset: AssetRef,
    *,
    method: str,
    certificate_ref: Optional[str] = None,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """A ``wiped`` event (docs/events.md)."""
    return Event(asset, "wiped", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(method=method, certificate_ref=certificate_ref))


def retired(
    asset: AssetRef,
    *,
    reason: Literal["end_of_life", "sold", "donated", "recycled", "lost", "stolen", "broken"],
    resale_value: Optional[MoneyLike] = None,
    disposal_cost: Optional[MoneyLike] = None,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """A ``retired`` event (docs/events.md)."""
    return Event(asset, "retired", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(reason=reason, resale_value=resale_value, disposal_cost=disposal_cost))


def reported_lost(
    asset: AssetRef,
    *,
    stolen: bool = False,
    report_ref: Optional[str] = None,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """A ``reported_lost`` event (docs/events.md)."""
    return Event(asset, "reported_lost", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(stolen=stolen, report_ref=report_ref))


def found(
    asset: AssetRef,
    *,
    location: str,
    country: Optional[str] = None,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """A ``found`` event (docs/events.md)."""
    return Event(asset, "found", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(location=location, country=country))


def relocated(
    asset: AssetRef,
    *,
    location: str,
    country: Optional[str] = None,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """A ``relocated`` event (docs/events.md)."""
    return Event(asset, "relocated", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(location=location, country=country))


def cost_recorded(
    asset: AssetRef,
    *,
    kind: Literal["purchase", "shipping", "repair", "support", "other"],
    amount: MoneyLike,
    description: Optional[str] = None,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """A ``cost_recorded`` event (docs/events.md)."""
    return Event(asset, "cost_recorded", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(kind=kind, amount=amount, description=description))


def note(
    asset: AssetRef,
    *,
    text: str,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """A ``note`` event (docs/events.md)."""
    return Event(asset, "note", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(text=text))


def license_purchased(
    asset: AssetRef,
    *,
    product: str,
    kind: Literal["per_user", "per_device", "site", "concurrent"],
    term_start: Day,
    cost: MoneyLike,
    publisher: Optional[str] = None,
    edition: Optional[str] = None,
    seats: Optional[int] = None,
    term_end: Optional[Day] = None,
    order_ref: Optional[str] = None,
    not_reassignable: bool = False,
    allow_overuse: bool = False,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """A ``license_purchased`` event (docs/events.md)."""
    return Event(asset, "license_purchased", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(product=product, publisher=publisher, edition=edition, kind=kind, seats=seats, term_start=term_start, term_end=term_end, cost=cost, order_ref=order_ref, not_reassignable=not_reassignable, allow_overuse=allow_overuse))


def license_renewed(
    asset: AssetRef,
    *,
    term_end: Day,
    cost: MoneyLike,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """A ``license_renewed`` event (docs/events.md)."""
    return Event(asset, "license_renewed", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(term_end=term_end, cost=cost))


def seats_changed(
    asset: AssetRef,
    *,
    seats: int,
    cost: Optional[MoneyLike] = None,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """A ``seats_changed`` event (docs/events.md)."""
    return Event(asset, "seats_changed", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(seats=seats, cost=cost))


def seat_assigned(
    asset: AssetRef,
    *,
    person: Optional[str] = None,
    device: Optional[str] = None,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """A ``seat_assigned`` event (docs/events.md)."""
    return Event(asset, "seat_assigned", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(person=person, device=device))


def seat_released(
    asset: AssetRef,
    *,
    person: Optional[str] = None,
    device: Optional[str] = None,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """A ``seat_released`` event (docs/events.md)."""
    return Event(asset, "seat_released", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(person=person, device=device))


def license_cancelled(
    asset: AssetRef,
    *,
    reason: Optional[str] = None,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """A ``license_cancelled`` event (docs/events.md)."""
    return Event(asset, "license_cancelled", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(reason=reason))


def license_expired(
    asset: AssetRef,
    *,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """A ``license_expired`` event (docs/events.md)."""
    return Event(asset, "license_expired", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given())


def software_installed(
    asset: AssetRef,
    *,
    name: str,
    version: Optional[str] = None,
    publisher: Optional[str] = None,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """A ``software_installed`` event (docs/events.md)."""
    return Event(asset, "software_installed", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(name=name, version=version, publisher=publisher))


def software_removed(
    asset: AssetRef,
    *,
    name: str,
    version: Optional[str] = None,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """A ``software_removed`` event (docs/events.md)."""
    return Event(asset, "software_removed", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(name=name, version=version))


def seat_transferred(
    asset: AssetRef,
    *,
    from_person: Optional[str] = None,
    from_device: Optional[str] = None,
    to_person: Optional[str] = None,
    to_device: Optional[str] = None,
    occurred_at: Optional[Instant] = None,
    actor: Optional[str] = None,
    event_id: Union[UUID, str, None] = None,
    correlation_id: Union[UUID, str, None] = None,
    expected_version: Union[int, str, None] = None,
    asset_id: Union[UUID, str, None] = None,
    allow_duplicate_serial: bool = False,
) -> Event:
    """A ``seat_transferred`` event (docs/events.md)."""
    return Event(asset, "seat_transferred", occurred_at=occurred_at, actor=actor, event_id=event_id, correlation_id=correlation_id, expected_version=expected_version, asset_id=asset_id, allow_duplicate_serial=allow_duplicate_serial, **_given(from_person=from_person, from_device=from_device, to_person=to_person, to_device=to_device))


__all__ = ["EventType", "Status", "ordered", "received", "shipped", "delivered", "assigned", "unassigned", "observed", "patched", "sent_for_repair", "repaired", "ticket_opened", "ticket_closed", "return_requested", "returned", "wiped", "retired", "reported_lost", "found", "relocated", "cost_recorded", "note", "license_purchased", "license_renewed", "seats_changed", "seat_assigned", "seat_released", "license_cancelled", "license_expired", "software_installed", "software_removed", "seat_transferred"]
