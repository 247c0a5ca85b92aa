"""The exception tree: one root, one class per stable error code.

Every error raised by assetlog is an :class:`AssetLogError` with ``.code``
(the same string in Rust, Python, Node and the CLI), ``.kind`` and the
error's fields as attributes (``err.asset``, ``err.status`` ...).

The kind decides the base class (the core's error table says which kind
each code has; a test holds them together):

========================  ===============  ==================================
base                      kind             meaning
========================  ===============  ==================================
:class:`InvalidInput`     ``bad_input``    fix the input (also ``ValueError``)
:class:`Conflict`         ``conflict``     the log holds otherwise: re-read
:class:`NotFound`         ``not_found``    no such asset or person (``LookupError``)
:class:`EnvironmentFailure` ``environment`` file, disk, lock, closed handle
:class:`CorruptData`      ``corrupt``      stored data unreadable
:class:`InternalError`    ``internal``     a bug in assetlog
========================  ===============  ==================================
"""

from __future__ import annotations

import json
from typing import Any, Dict, Type, Union


class AssetLogError(Exception):
    """Root of every assetlog error."""

    code: str = "ASSETLOG_ERROR"
    kind: str = "unknown"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details: Dict[str, Any] = details
        for key, value in details.items():
            setattr(self, key, value)

    def __getattr__(self, name: str) -> Any:
        # Fields differ by code; ``details`` lists the ones this error has.
        raise AttributeError(f"{type(self).__name__} has no field {name!r}; it has {sorted(self.details)}")


class InvalidInput(AssetLogError, ValueError):
    """Root of the errors caused by bad input: fix the input."""

    code = "INVALID_INPUT"
    kind = "bad_input"


class Conflict(AssetLogError):
    """Root of the refusals because the log holds otherwise: re-read, decide again."""

    code = "CONFLICT"
    kind = "conflict"


class NotFound(AssetLogError, LookupError):
    """Root of the errors for an asset or person that does not exist."""

    code = "NOT_FOUND"
    kind = "not_found"


class EnvironmentFailure(AssetLogError):
    """Root of the failures of the file, the disk, a lock or a closed handle."""

    code = "ENVIRONMENT"
    kind = "environment"


class CorruptData(AssetLogError):
    """Root of the errors for stored data that cannot be read back."""

    code = "CORRUPT"
    kind = "corrupt"


class InvalidTransition(Conflict):
    """The event is not allowed in the asset's status (see ``transitions()``)."""

    code = "INVALID_TRANSITION"
    asset: str
    status: str
    event: str
    at: str


class VersionConflict(Conflict):
    """The asset was not at the expected version: re-read and retry."""

    code = "VERSION_CONFLICT"
    asset: str
    expected: Union[int, str]  # a version, or "no stream" / "any"
    actual: int


class UnknownAsset(NotFound):
    """No asset with that tag or id (at that moment)."""

    code = "UNKNOWN_ASSET"


class UnknownPerson(NotFound):
    """No person with that id, e-mail or name, and nothing held by that id."""

    code = "UNKNOWN_PERSON"
    person: str


class NoFreeSeat(Conflict):
    """Every seat of the license is in use and it does not allow overuse."""

    code = "NO_FREE_SEAT"
    license: str
    seats: int
    used: int


class EventIdReused(Conflict):
    """An event id was reused for a different event."""

    code = "EVENT_ID_REUSED"


class CurrencyMismatch(InvalidInput):
    """Amounts in different currencies combined without FX rates."""

    code = "CURRENCY_MISMATCH"


class MissingFxRate(InvalidInput):
    """No FX rate for a pair on or before a date."""

    code = "MISSING_FX_RATE"


class AmountOverflow(InvalidInput):
    """A sum does not fit in 64-bit minor units."""

    code = "AMOUNT_OVERFLOW"


class NotAnAssetLog(EnvironmentFailure):
    """The file is not an assetlog log; it was left untouched."""

    code = "NOT_AN_ASSETLOG"


class SchemaTooNew(EnvironmentFailure):
    """The file was written by a newer assetlog; it was left untouched."""

    code = "SCHEMA_TOO_NEW"


class Busy(EnvironmentFailure):
    """Another writer held the file for too long: retry later."""

    code = "BUSY"


class CorruptEvent(CorruptData):
    """A stored event cannot be read."""

    code = "CORRUPT_EVENT"


class IoError(EnvironmentFailure):
    """Reading or writing a file failed (an import or export)."""

    code = "IO"


class StorageError(EnvironmentFailure):
    """The store reported an unexpected error (disk full, read-only...)."""

    code = "STORAGE"


class ServerUnavailable(EnvironmentFailure):
    """The PostgreSQL server is down, refused the password, or did not answer in time."""

    code = "SERVER_UNAVAILABLE"
    target: str
    reason: str


class PermissionDenied(EnvironmentFailure):
    """The database role may not do this (a read-only role's append, say)."""

    code = "PERMISSION_DENIED"
    reason: str


class Closed(EnvironmentFailure):
    """The log was closed (``close()`` or leaving a ``with`` block): open it again."""

    code = "CLOSED"


class InternalError(AssetLogError):
    """A bug inside assetlog, caught at the boundary (please report it)."""

    code = "INTERNAL"
    kind = "internal"


class DuplicateTag(Conflict):
    """The asset tag is already in use."""

    code = "DUPLICATE_TAG"


class DuplicateSerialError(Conflict):
    """The serial number is already another asset's; pass allow_duplicate_serial=True if intended."""

    code = "DUPLICATE_SERIAL"
    serial: str
    tag: str
    other: str


class UnknownCurrency(InvalidInput):
    """Not an ISO 4217 currency code."""

    code = "UNKNOWN_CURRENCY"


class InvalidAmount(InvalidInput):
    """An amount that cannot be read or does not fit its currency."""

    code = "INVALID_AMOUNT"


class NegativeAmount(InvalidInput):
    """A negative cost or value."""

    code = "NEGATIVE_AMOUNT"


class EmptyField(InvalidInput):
    """A required text or id is empty."""

    code = "EMPTY_FIELD"


class TextTooLong(InvalidInput):
    """A text longer than accepted."""

    code = "TEXT_TOO_LONG"


class InvalidValue(InvalidInput):
    """A value not of the expected form (country, id, date, naive datetime...)."""

    code = "INVALID_VALUE"


class DateOutOfRange(InvalidInput):
    """A date outside the accepted range."""

    code = "DATE_OUT_OF_RANGE"


class InvalidEvent(InvalidInput):
    """An event that cannot be read (unknown type, unknown or missing field)."""

    code = "INVALID_EVENT"


_BY_CODE: Dict[str, Type[AssetLogError]] = {
    cls.code: cls
    for cls in [
        InvalidTransition, VersionConflict, UnknownAsset, UnknownPerson, NoFreeSeat, DuplicateTag, DuplicateSerialError,
        EventIdReused,
        UnknownCurrency, InvalidAmount, NegativeAmount, CurrencyMismatch, MissingFxRate,
        EmptyField, TextTooLong, InvalidValue, DateOutOfRange, InvalidEvent, AmountOverflow,
        NotAnAssetLog, SchemaTooNew, Busy, CorruptEvent, IoError, StorageError, Closed, InternalError,
        ServerUnavailable, PermissionDenied,
    ]
}


def from_code(code: str, message: str, details: str = "{}") -> AssetLogError:
    """The exception for a code; an unknown (newer) code gives the root class."""
    cls = _BY_CODE.get(code, AssetLogError)
    err = cls(message, **json.loads(details))
    if cls is AssetLogError:
        err.code = code
    return err


__all__ = [
    "AssetLogError",
    "ServerUnavailable",
    "PermissionDenied",
    "InvalidTransition",
    "VersionConflict",
    "UnknownAsset",
    "UnknownPerson",
    "NoFreeSeat",
    "EventIdReused",
    "CurrencyMismatch",
    "MissingFxRate",
    "AmountOverflow",
    "NotAnAssetLog",
    "SchemaTooNew",
    "Busy",
    "CorruptEvent",
    "IoError",
    "StorageError",
    "Closed",
    "InternalError",
    "InvalidInput",
    "Conflict",
    "NotFound",
    "EnvironmentFailure",
    "CorruptData",
    "DuplicateTag",
    "DuplicateSerialError",
    "UnknownCurrency",
    "InvalidAmount",
    "NegativeAmount",
    "EmptyField",
    "TextTooLong",
    "InvalidValue",
    "DateOutOfRange",
    "InvalidEvent",
    "from_code",
]
