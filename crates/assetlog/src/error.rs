//! The one error type of the crate.
//!
//! Every variant has a stable [`Error::code`] string that the Python and Node
//! bindings and the CLI expose unchanged, so scripts can branch on it. Every
//! error is raised before anything is written: a refused call leaves the log
//! and its views exactly as they were.

use std::fmt;

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in assetlog.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The event is not allowed in the asset's status at its place in the timeline.
    ///
    /// ### Handling
    /// Show it to the user: the lifecycle table (`docs/lifecycle.md`,
    /// [`crate::lifecycle::transitions`]) lists what is allowed from each status.
    #[error("{}", transition_message(asset, status, event, at, later.as_deref()))]
    InvalidTransition {
        /// The asset's tag.
        asset: String,
        /// The status the asset was in ("none" before its first event); for
        /// a backdated event, the status the later event would find.
        status: String,
        /// The refused event's type.
        event: String,
        /// The occurred_at of the refused event (RFC 3339).
        at: String,
        /// For a backdated event: the later, stored event it would make
        /// illegal ("assigned at 2024-03-01T09:00:00Z").
        later: Option<String>,
    },

    /// The stream was not at the version the caller expected.
    ///
    /// ### Handling
    /// Someone else appended first: re-read the asset, decide again, retry.
    #[error("asset {asset} is at version {actual}, but the append expected {expected}: re-read the asset and retry")]
    VersionConflict {
        /// The asset's tag.
        asset: String,
        /// What the caller expected ("no stream", "any" or a number).
        expected: String,
        /// The stream's actual version (0 when it does not exist).
        actual: u64,
    },

    /// No asset with that tag or id exists (or not yet at the moment asked).
    ///
    /// ### Handling
    /// Check the tag; a new asset starts with an `ordered` event.
    #[error("{}", unknown_asset_message(asset, at.as_deref()))]
    UnknownAsset {
        /// The tag or id that was asked for.
        asset: String,
        /// The moment asked, when the asset exists but did not yet then (RFC 3339).
        at: Option<String>,
    },

    /// No person with that id, e-mail or name: no record, and nothing held.
    ///
    /// ### Handling
    /// Check the id (`emp-1042`), the e-mail or the full name.
    #[error(
        "no person '{person}': no record with that id, e-mail or name, and nothing held by that id"
    )]
    UnknownPerson {
        /// What was asked for.
        person: String,
    },

    /// A seat was asked of a license whose seats are all in use (or a
    /// reduction below the seats in use), and it does not allow overuse.
    ///
    /// ### Handling
    /// Release a seat, buy more (`seats_changed`), or allow overuse on the
    /// license if the contract does.
    #[error("license {license} has {seats} seats and {used} are in use: release one, buy more (seats_changed), or allow overuse")]
    NoFreeSeat {
        /// The license's tag.
        license: String,
        /// Seats owned (or asked for).
        seats: u32,
        /// Seats in use.
        used: u32,
    },

    /// An `ordered` or `received` event gives a serial number another asset
    /// already carries.
    ///
    /// ### Handling
    /// Check the serial; if the duplicate is intended (another tool's data),
    /// set `allow_duplicate_serial` on the event: the duplicate-serials
    /// report will list it.
    #[error("serial '{serial}' of {tag} is already the serial of {other}: check it, or allow the duplicate on the event")]
    DuplicateSerial {
        /// The serial (as given).
        serial: String,
        /// The asset the event is for.
        tag: String,
        /// The asset that has it already.
        other: String,
    },

    /// An `ordered` event tried to create an asset whose tag is taken.
    ///
    /// ### Handling
    /// Pick another tag; tags are unique, compared without ASCII case.
    #[error("asset tag '{tag}' is already in use: choose another tag")]
    DuplicateTag {
        /// The tag that exists already.
        tag: String,
    },

    /// An event id was reused for a different event.
    ///
    /// ### Handling
    /// A retry must send the same event; give a new event a new id.
    #[error("event id {event_id} was already used for a different event: give new events new ids")]
    EventIdReused {
        /// The reused id.
        event_id: String,
    },

    /// A currency code that is not an active ISO 4217 code.
    ///
    /// ### Handling
    /// Use a three-letter ISO 4217 code such as EUR, USD or JPY.
    #[error("unknown currency '{code}': use an ISO 4217 code such as EUR, USD or JPY")]
    UnknownCurrency {
        /// The code given.
        code: String,
    },

    /// An amount that cannot be read or does not fit its currency.
    ///
    /// ### Handling
    /// Write amounts as a decimal string with the currency, e.g. "1299.00 USD".
    #[error("invalid amount '{input}': {reason}")]
    InvalidAmount {
        /// The text given.
        input: String,
        /// What is wrong with it.
        reason: String,
    },

    /// A negative amount where only zero or more makes sense.
    ///
    /// ### Handling
    /// Costs and values are never negative; a refund is its own event.
    #[error("{field} must not be negative (got {amount})")]
    NegativeAmount {
        /// Which field.
        field: String,
        /// The amount given.
        amount: String,
    },

    /// Two amounts in different currencies were combined without FX rates.
    ///
    /// ### Handling
    /// Supply an [`crate::FxRates`] table, or keep totals grouped by currency.
    #[error("cannot combine {left} with {right} without an FX rate table")]
    CurrencyMismatch {
        /// One currency.
        left: String,
        /// The other.
        right: String,
    },

    /// No FX rate was supplied for a conversion on a date.
    ///
    /// ### Handling
    /// Add a rate for that pair on or before the date.
    #[error("no FX rate from {from} to {to} on or before {date}: add one to the rate table")]
    MissingFxRate {
        /// Source currency.
        from: String,
        /// Target currency.
        to: String,
        /// The date the rate was needed for.
        date: String,
    },

    /// A required text or id is empty.
    ///
    /// ### Handling
    /// Give a value.
    #[error("{field} must not be empty")]
    EmptyField {
        /// Which field.
        field: String,
    },

    /// A text is longer than the store accepts.
    ///
    /// ### Handling
    /// Shorten it; long documents belong in a ticketing system, referenced by id.
    #[error("{field} is {len} bytes long; at most {max} are accepted")]
    TextTooLong {
        /// Which field.
        field: String,
        /// Its length in bytes.
        len: usize,
        /// The limit.
        max: usize,
    },

    /// A value is not of the expected form (a country code, an id, a date...).
    ///
    /// ### Handling
    /// The message says what form is expected.
    #[error("invalid {field} '{input}': {reason}")]
    InvalidValue {
        /// Which field.
        field: String,
        /// What was given.
        input: String,
        /// The expected form.
        reason: String,
    },

    /// A date outside what the log accepts.
    ///
    /// ### Handling
    /// Occurred-at times lie between 1980 and one day after now; other dates
    /// between 1900 and 9999.
    #[error("{field} {value} is out of range: {reason}")]
    DateOutOfRange {
        /// Which field.
        field: String,
        /// The date given.
        value: String,
        /// The accepted range.
        reason: String,
    },

    /// An event in JSON form could not be read (unknown type, missing field...).
    ///
    /// ### Handling
    /// Fix the event; the message names the field.
    #[error("invalid event: {reason}")]
    InvalidEvent {
        /// What serde said.
        reason: String,
    },

    /// A sum of money does not fit in 64-bit minor units.
    ///
    /// ### Handling
    /// Amounts that large are a data error; check the input.
    #[error("amount overflow while adding {what}")]
    AmountOverflow {
        /// What was being added.
        what: String,
    },

    /// The file is a SQLite database but not an assetlog log.
    ///
    /// ### Handling
    /// Open the right file; the file was left untouched.
    #[error("{path} is not an assetlog file (it has other tables); it was left untouched")]
    NotAnAssetLog {
        /// The path opened.
        path: String,
    },

    /// The file was written by a newer assetlog.
    ///
    /// ### Handling
    /// Upgrade assetlog; the file was left untouched.
    #[error("{path} has schema version {found}, this assetlog reads up to {supported}: upgrade assetlog")]
    SchemaTooNew {
        /// The path opened.
        path: String,
        /// The version in the file.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },

    /// The database stayed locked by another writer for longer than the busy timeout.
    ///
    /// ### Handling
    /// Retry later; another process holds a long write transaction
    /// (`OpenOptions::busy_timeout` sets how long to wait, default 10 s).
    #[error(
        "the log file is busy: another writer held its lock past the busy timeout; retry later"
    )]
    Busy,

    /// A stored event could not be decoded (corruption, or edited by hand).
    ///
    /// ### Handling
    /// Run verify; restore the file from a backup.
    #[error("stored event at position {position} cannot be read: {reason}")]
    CorruptEvent {
        /// Its global position.
        position: u64,
        /// What failed.
        reason: String,
    },

    /// Reading or writing a file or stream failed (an import or export).
    ///
    /// ### Handling
    /// The message names the cause: a missing file, a full disk, a closed pipe.
    #[error("input/output failed: {reason}")]
    Io {
        /// What the operating system said.
        reason: String,
    },

    /// The database server cannot be reached or refused the connection: it
    /// is down, the address is wrong, the password was refused, or it did
    /// not answer within the connect timeout.
    ///
    /// ### Handling
    /// The message names the cause; nothing was written, except when the
    /// connection broke while a write was committing: then the message says
    /// the outcome is unknown (retry with the same event ids, which adds
    /// nothing if it was stored). Check the URL, the server and the
    /// credentials, then retry.
    #[error("the database server is unavailable ({target}): {reason}")]
    ServerUnavailable {
        /// The server, without credentials.
        target: String,
        /// What failed.
        reason: String,
    },

    /// The database role is not allowed to do this (a reader's append, say).
    ///
    /// ### Handling
    /// Use a role with the right grants (docs/postgres.md); nothing was written.
    #[error("permission denied: {reason}")]
    PermissionDenied {
        /// What the server said.
        reason: String,
    },

    /// The store reported an error it did not expect.
    ///
    /// ### Handling
    /// Usually the disk (full, read-only, removed): the message says which.
    #[error("storage error: {0}")]
    Storage(#[source] StorageError),

    /// The handle was closed (Python `close()` or `with`, Node `close()`).
    ///
    /// ### Handling
    /// Open the log again.
    #[error("the log was closed: open it again")]
    Closed,

    /// A bug inside assetlog, caught at a boundary (a binding caught a
    /// panic, or a conversion the binding should never have let through).
    ///
    /// ### Handling
    /// Report it with the message; nothing was written.
    #[error("internal error in assetlog (please report it): {reason}")]
    Internal {
        /// What went wrong.
        reason: String,
    },

    /// One event of a batch of several was refused, so none was written.
    /// [`Error::code`] and [`Error::details`] are those of the refusal
    /// (`details` adds `index`, from 0, and `batch`, the batch's size);
    /// [`Error::refusal`] is the refusal itself.
    ///
    /// ### Handling
    /// Fix or drop the event at `index` and send the batch again.
    #[error("event {index} of the batch of {batch} ({event} for {asset}): {error}")]
    InBatch {
        /// Which event, from 0.
        index: usize,
        /// How many events the batch had.
        batch: usize,
        /// Its type.
        event: String,
        /// Its asset, as given.
        asset: String,
        /// Why it was refused.
        error: Box<Error>,
    },
}

/// What kind of failure an error is: callers branch on it (HTTP status,
/// exit code, retry or not) without listing every code. Python's base
/// classes and the CLI's exit codes follow from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is malformed or breaks a rule of its own (a bad currency,
    /// date, amount or field): fix the input.
    BadInput,
    /// The input is well formed but conflicts with what the log holds (an
    /// illegal step in the lifecycle, a stale version, a taken tag or
    /// serial, a reused event id): re-read, decide again.
    Conflict,
    /// What was asked for does not exist (an asset, a person).
    NotFound,
    /// The environment failed: the file, the disk, a lock, a closed handle.
    Environment,
    /// Stored data cannot be read back: restore from a backup.
    Corrupt,
    /// A bug inside assetlog.
    Internal,
}

impl ErrorKind {
    /// The kind's stable name: `bad_input`, `conflict`, `not_found`,
    /// `environment`, `corrupt`, `internal`.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::BadInput => "bad_input",
            ErrorKind::Conflict => "conflict",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Environment => "environment",
            ErrorKind::Corrupt => "corrupt",
            ErrorKind::Internal => "internal",
        }
    }
}

/// The one table of error codes: `code()`, `kind()`, [`Error::CODES`] and
/// [`Error::TABLE`] are generated from it, so they cannot drift apart.
macro_rules! error_table {
    ($($variant:ident => $code:literal, $kind:ident;)*) => {
        impl Error {
            /// The stable code of this error, the same in Rust, Python, Node and the CLI.
            pub fn code(&self) -> &'static str {
                match self {
                    Error::InBatch { error, .. } => error.code(),
                    $(Error::$variant { .. } => $code,)*
                }
            }

            /// What kind of failure this is.
            pub fn kind(&self) -> ErrorKind {
                match self {
                    Error::InBatch { error, .. } => error.kind(),
                    $(Error::$variant { .. } => ErrorKind::$kind,)*
                }
            }

            /// Every code, in declaration order (for docs and binding tests).
            pub const CODES: &'static [&'static str] = &[$($code),*];

            /// Every code with its kind, in declaration order.
            pub const TABLE: &'static [(&'static str, ErrorKind)] =
                &[$(($code, ErrorKind::$kind)),*];
        }
    };
}

error_table! {
    InvalidTransition => "INVALID_TRANSITION", Conflict;
    VersionConflict => "VERSION_CONFLICT", Conflict;
    UnknownAsset => "UNKNOWN_ASSET", NotFound;
    UnknownPerson => "UNKNOWN_PERSON", NotFound;
    NoFreeSeat => "NO_FREE_SEAT", Conflict;
    DuplicateTag => "DUPLICATE_TAG", Conflict;
    DuplicateSerial => "DUPLICATE_SERIAL", Conflict;
    EventIdReused => "EVENT_ID_REUSED", Conflict;
    UnknownCurrency => "UNKNOWN_CURRENCY", BadInput;
    InvalidAmount => "INVALID_AMOUNT", BadInput;
    NegativeAmount => "NEGATIVE_AMOUNT", BadInput;
    CurrencyMismatch => "CURRENCY_MISMATCH", BadInput;
    MissingFxRate => "MISSING_FX_RATE", BadInput;
    EmptyField => "EMPTY_FIELD", BadInput;
    TextTooLong => "TEXT_TOO_LONG", BadInput;
    InvalidValue => "INVALID_VALUE", BadInput;
    DateOutOfRange => "DATE_OUT_OF_RANGE", BadInput;
    InvalidEvent => "INVALID_EVENT", BadInput;
    AmountOverflow => "AMOUNT_OVERFLOW", BadInput;
    NotAnAssetLog => "NOT_AN_ASSETLOG", Environment;
    SchemaTooNew => "SCHEMA_TOO_NEW", Environment;
    Busy => "BUSY", Environment;
    CorruptEvent => "CORRUPT_EVENT", Corrupt;
    Io => "IO", Environment;
    Storage => "STORAGE", Environment;
    ServerUnavailable => "SERVER_UNAVAILABLE", Environment;
    PermissionDenied => "PERMISSION_DENIED", Environment;
    Closed => "CLOSED", Environment;
    Internal => "INTERNAL", Internal;
}

impl Error {
    /// The refusal itself: for [`Error::InBatch`] the error of the event
    /// that was refused, otherwise this error.
    pub fn refusal(&self) -> &Error {
        match self {
            Error::InBatch { error, .. } => error.refusal(),
            other => other,
        }
    }

    /// The error's fields as a JSON object (bindings expose them as
    /// attributes: `err.asset`, `err.status`...).
    pub fn details(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            Error::InBatch {
                index,
                batch,
                error,
                ..
            } => {
                let mut d = error.details();
                if let Some(map) = d.as_object_mut() {
                    map.insert("index".into(), json!(index));
                    map.insert("batch".into(), json!(batch));
                }
                d
            }
            Error::InvalidTransition {
                asset,
                status,
                event,
                at,
                later,
            } => {
                json!({"asset": asset, "status": status, "event": event, "at": at, "later": later})
            }
            Error::VersionConflict {
                asset,
                expected,
                actual,
            } => {
                // a number when the caller expected a version, else "no stream" / "any"
                let expected = expected
                    .parse::<u64>()
                    .map_or_else(|_| json!(expected), |v| json!(v));
                json!({"asset": asset, "expected": expected, "actual": actual})
            }
            Error::UnknownAsset { asset, at } => json!({"asset": asset, "at": at}),
            Error::UnknownPerson { person } => json!({"person": person}),
            Error::NoFreeSeat {
                license,
                seats,
                used,
            } => json!({"license": license, "seats": seats, "used": used}),
            Error::DuplicateTag { tag } => json!({"tag": tag}),
            Error::DuplicateSerial { serial, tag, other } => {
                json!({"serial": serial, "tag": tag, "other": other})
            }
            Error::EventIdReused { event_id } => json!({"event_id": event_id}),
            Error::UnknownCurrency { code } => json!({"currency": code}),
            Error::InvalidAmount { input, reason } => json!({"input": input, "reason": reason}),
            Error::NegativeAmount { field, amount } => json!({"field": field, "amount": amount}),
            Error::CurrencyMismatch { left, right } => json!({"left": left, "right": right}),
            Error::MissingFxRate { from, to, date } => {
                json!({"from": from, "to": to, "date": date})
            }
            Error::EmptyField { field } => json!({"field": field}),
            Error::TextTooLong { field, len, max } => {
                json!({"field": field, "len": len, "max": max})
            }
            Error::InvalidValue {
                field,
                input,
                reason,
            } => {
                json!({"field": field, "input": input, "reason": reason})
            }
            Error::DateOutOfRange {
                field,
                value,
                reason,
            } => {
                json!({"field": field, "value": value, "reason": reason})
            }
            Error::InvalidEvent { reason } | Error::Io { reason } | Error::Internal { reason } => {
                json!({"reason": reason})
            }
            Error::AmountOverflow { what } => json!({"what": what}),
            Error::NotAnAssetLog { path } => json!({"path": path}),
            Error::SchemaTooNew {
                path,
                found,
                supported,
            } => {
                json!({"path": path, "found": found, "supported": supported})
            }
            Error::Busy | Error::Closed => json!({}),
            Error::CorruptEvent { position, reason } => {
                json!({"position": position, "reason": reason})
            }
            Error::Storage(e) => json!({"reason": e.to_string()}),
            Error::ServerUnavailable { target, reason } => {
                json!({"target": target, "reason": reason})
            }
            Error::PermissionDenied { reason } => json!({"reason": reason}),
        }
    }

    pub(crate) fn invalid(
        field: &str,
        input: impl fmt::Display,
        reason: impl Into<String>,
    ) -> Self {
        Error::InvalidValue {
            field: field.to_owned(),
            input: truncate_for_message(&input.to_string()),
            reason: reason.into(),
        }
    }
}

/// What the store said, kept opaque so that no dependency's error type is
/// part of the public API; its message and [`std::error::Error::source`]
/// chain are there for logs.
#[derive(Debug)]
pub struct StorageError(Box<dyn std::error::Error + Send + Sync + 'static>);

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for StorageError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

impl Error {
    /// A storage failure the store did not expect.
    pub(crate) fn storage(e: impl std::error::Error + Send + Sync + 'static) -> Self {
        Error::Storage(StorageError(Box::new(e)))
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        if let rusqlite::Error::SqliteFailure(f, _) = &e {
            if matches!(
                f.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            ) {
                return Error::Busy;
            }
        }
        Error::storage(e)
    }
}

thread_local! {
    /// The typed error behind the last failed field deserialization on this
    /// thread, so that a bad currency inside a JSON payload still surfaces as
    /// `UNKNOWN_CURRENCY`, not as a generic `INVALID_EVENT`.
    static SERDE_CAUSE: std::cell::RefCell<Option<Error>> = const { std::cell::RefCell::new(None) };
}

/// Turn a domain error into a serde error, keeping the typed error aside.
pub(crate) fn serde_error<E: serde::de::Error>(e: Error) -> E {
    let msg = e.to_string();
    SERDE_CAUSE.with(|c| *c.borrow_mut() = Some(e));
    E::custom(msg)
}

/// Run a deserialization; on failure prefer the typed cause kept by
/// [`serde_error`], else an [`Error::InvalidEvent`] with serde's message.
pub(crate) fn with_serde_cause<T>(
    context: &str,
    f: impl FnOnce() -> std::result::Result<T, serde_json::Error>,
) -> Result<T> {
    SERDE_CAUSE.with(|c| c.borrow_mut().take());
    f().map_err(|e| {
        SERDE_CAUSE
            .with(|c| c.borrow_mut().take())
            .unwrap_or_else(|| Error::InvalidEvent {
                reason: format!("{context}: {}", without_position(&e)),
            })
    })
}

fn unknown_asset_message(asset: &str, at: Option<&str>) -> String {
    match at {
        Some(at) => format!("asset '{asset}' did not exist yet at {at}: ask about a later moment"),
        None => {
            format!("no asset '{asset}': check the tag; a new device starts with an 'ordered' event, a new license with 'license_purchased'")
        }
    }
}

fn transition_message(
    asset: &str,
    status: &str,
    event: &str,
    at: &str,
    later: Option<&str>,
) -> String {
    if let Some(later) = later {
        return format!(
            "asset {asset}: a '{event}' at {at} would make the later '{later}' illegal (it would find the asset {status}); docs/lifecycle.md lists what is allowed"
        );
    }
    if status == "none" {
        format!(
            "asset {asset} did not exist yet at {at}: '{event}' cannot come before its 'ordered' event"
        )
    } else {
        format!(
            "asset {asset} is {status} at {at}: '{event}' is not allowed then (docs/lifecycle.md lists what is)"
        )
    }
}

/// A JSON error in the user's terms: without the line and column of a
/// text the user never wrote (a binding or the CLI made it).
pub(crate) fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) if e.line() > 0 => text[..i].to_owned(),
        _ => text,
    }
}

/// Cut a user-supplied value so that an error message stays readable.
pub(crate) fn truncate_for_message(s: &str) -> String {
    const MAX: usize = 80;
    if s.len() <= MAX {
        return s.to_owned();
    }
    let mut end = MAX;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes)", &s[..end], s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_listed() {
        let mut codes = Error::CODES.to_vec();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Error::CODES.len());
        let e = Error::UnknownAsset {
            asset: "X".into(),
            at: None,
        };
        assert!(Error::CODES.contains(&e.code()));
    }

    #[test]
    fn every_code_has_one_kind_and_batches_keep_the_refusal_kind() {
        assert_eq!(Error::TABLE.len(), Error::CODES.len());
        for ((code, _), listed) in Error::TABLE.iter().zip(Error::CODES) {
            assert_eq!(code, listed);
        }
        let refusal = Error::DuplicateTag { tag: "LT-1".into() };
        assert_eq!(refusal.kind(), ErrorKind::Conflict);
        let batch = Error::InBatch {
            index: 3,
            batch: 5,
            event: "ordered".into(),
            asset: "LT-1".into(),
            error: Box::new(refusal),
        };
        assert_eq!(
            (batch.code(), batch.kind()),
            ("DUPLICATE_TAG", ErrorKind::Conflict)
        );
        assert_eq!(Error::Closed.kind().name(), "environment");
    }

    #[test]
    fn long_input_is_cut_in_messages() {
        let e = Error::invalid("tag", "x".repeat(10_000), "too long");
        assert!(e.to_string().len() < 200);
    }
}
