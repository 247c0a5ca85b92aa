//! The storage boundary: everything the engine asks of a store, in domain
//! types, and nothing about how it is kept.
//!
//! A backend ([`Backend`]) runs closures in transactions: [`ReadTx`] on one
//! consistent snapshot, [`WriteTx`] inside one write transaction (one writer
//! at a time, so global positions follow commit order; committed when the
//! closure returns `Ok`, rolled back otherwise). The embedded SQLite backend
//! lives in [`sqlite`]; a server backend implements the same three traits.
//! The conformance suite (`tests/it/store.rs` and the scenario fixtures)
//! runs against every backend through [`crate::AssetLog`].

#[cfg(feature = "postgres")]
pub(crate) mod postgres;
pub(crate) mod sql;
pub(crate) mod sqlite;

use std::path::Path;

use crate::error::Result;
use chrono::NaiveDate;

use crate::event::{Event, EventType, RecordedEvent};
use crate::ids::{AssetId, AssetRef, EventId, PersonId};
use crate::lifecycle::Status;
use crate::money::Currency;
use crate::people::Person;
use crate::view::asset::{AssetView, CostSums};
use crate::view::fleet::{Dimension, FleetFilter, GroupKey};
use crate::view::timeline::Timeline;

#[cfg(feature = "postgres")]
pub use postgres::PG_SCHEMA_VERSION;
pub use sqlite::{SCHEMA_VERSION, WAL_LIMIT_BYTES};

/// How long a writer waits for another writer's lock before [`Error::Busy`].
pub const BUSY_TIMEOUT_MS: u64 = 10_000;

/// How hard a commit is pushed to disk.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Durability {
    /// WAL with `synchronous=NORMAL` (the default): an acknowledged append
    /// survives any crash of the process; a power loss or OS crash may lose
    /// the last commits, never corrupt the file.
    #[default]
    Process,
    /// WAL with `synchronous=FULL`: an acknowledged append also survives a
    /// power loss or OS crash, at the price of an fsync per commit.
    PowerLoss,
}

impl Durability {
    /// By name, as every language writes it: `process` or `power_loss`.
    pub fn from_name(name: &str) -> Result<Self> {
        match name.trim() {
            "process" => Ok(Durability::Process),
            "power_loss" => Ok(Durability::PowerLoss),
            other => Err(crate::error::Error::InvalidValue {
                field: "durability".into(),
                input: other.into(),
                reason: "\"process\" (survives a crash of the process) or \"power_loss\" (also an OS crash or power loss)".into(),
            }),
        }
    }
}

/// An asset stream's identity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct StreamInfo {
    /// Internal key of the stream.
    pub stream_id: i64,
    /// The asset's id.
    pub asset_id: AssetId,
    /// The asset's tag.
    pub tag: String,
}

/// Called with each event's chain fields and stored hash; false stops the scan.
pub(crate) type ChainVisitor<'f> =
    dyn FnMut(&crate::chain::Link<'_>, Option<&[u8]>) -> Result<bool> + 'f;

/// Which part of the log a fold may see.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Cutoff {
    /// Only events that occurred at or before this instant (microseconds).
    pub occurred_max: Option<i64>,
    /// Only events at or before this global position (what was recorded by then).
    pub position_max: Option<u64>,
}

/// What a fold needs of an event.
#[derive(Clone, Debug)]
pub(crate) struct FoldRow {
    /// Global position.
    pub position: u64,
    /// Stream version.
    pub version: u64,
    /// occurred_at in microseconds.
    pub occurred_at: i64,
    /// The fact.
    pub event: Event,
}

/// A stored event found by its id (for idempotent retries).
#[derive(Clone, Debug)]
pub(crate) struct StoredEventRef {
    /// Global position.
    pub position: u64,
    /// Stream key.
    pub stream_id: i64,
    /// Stream version.
    pub version: u64,
    /// Type.
    pub event_type: EventType,
    /// Stored payload JSON.
    pub payload: String,
    /// occurred_at in microseconds.
    pub occurred_at: i64,
    /// Who recorded it.
    pub actor: String,
}

/// One event row to insert.
#[derive(Clone, Debug)]
pub(crate) struct EventRow<'e> {
    /// Global position.
    pub position: u64,
    /// Stream key.
    pub stream_id: i64,
    /// Stream version.
    pub version: u64,
    /// Event id bytes.
    pub event_id: [u8; 16],
    /// Type.
    pub event_type: EventType,
    /// Payload schema version.
    pub schema_version: u32,
    /// occurred_at, microseconds.
    pub occurred_at: i64,
    /// recorded_at, microseconds.
    pub recorded_at: i64,
    /// Actor.
    pub actor: &'e str,
    /// Correlation id bytes.
    pub correlation_id: Option<[u8; 16]>,
    /// Payload JSON.
    pub payload: &'e str,
    /// The chain hash of this event.
    pub hash: [u8; 32],
}

/// Which states a view query reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ViewsAt {
    /// The latest state of every asset (the open intervals).
    Latest,
    /// The state in force at an instant (microseconds): per asset, the
    /// interval that starts last at or before it.
    Occurred(i64),
}

/// An asset's facts and its state at one moment: what a book value needs.
#[derive(Clone, Debug)]
pub(crate) struct AssetAt {
    pub category: String,
    pub country: Option<crate::ids::Country>,
    pub status: Status,
    /// Micros.
    pub status_since: i64,
    pub unit_cost: crate::money::Money,
    pub ordered_on: NaiveDate,
}

/// Whether the views read for a question carry their cost totals (one
/// more read per asset; lists of silent or idle devices do without).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Costs {
    /// Fill `AssetView::costs`.
    With,
    /// Leave `AssetView::costs` empty.
    Without,
}

/// A report's condition, added to a fleet filter. The report's own Rust
/// function still decides; the condition only keeps SQL from reading views
/// that cannot match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Narrow {
    /// No more than the filter.
    None,
    /// Assets created after this stream (a page of the fleet).
    After(i64),
    /// In stock since `before` or earlier, or assigned and neither seen nor
    /// assigned since `before` (microseconds).
    Idle {
        /// The latest start of an idle spell that counts.
        before: i64,
    },
    /// A return pending whose due date is before this day.
    OverdueBefore(NaiveDate),
    /// In service, never patched or last patched before this instant.
    NotPatchedSince(i64),
    /// In service with a warranty ending before this day.
    WarrantyBefore(NaiveDate),
    /// In service with a warranty ending within these days.
    WarrantyWithin(NaiveDate, NaiveDate),
    /// Assigned or return pending (in someone's hands).
    InUse,
    /// In use and not seen (nor assigned) since this instant.
    UnseenSince(i64),
    /// In use and never patched or not since this instant.
    UnpatchedSince(i64),
}

/// How a timeline relates to what is stored for its asset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Save {
    /// Nothing is stored (a new asset, or after the tables were cleared).
    Fresh,
    /// The timeline continues the stored one, whose open interval starts at
    /// this instant.
    After(i64),
    /// The timeline is the asset's whole history: replace what is stored.
    Replace,
}

/// Reads, on one consistent snapshot of the log.
pub(crate) trait ReadTx {
    /// The stream with this tag (ASCII case ignored).
    fn stream_by_tag(&self, tag: &str) -> Result<Option<StreamInfo>>;
    /// The stream with this asset id.
    fn stream_by_id(&self, id: &AssetId) -> Result<Option<StreamInfo>>;
    /// Number of assets.
    fn asset_count(&self) -> Result<u64>;
    /// Number of events (the last position).
    fn event_count(&self) -> Result<u64>;
    /// The last position, its recorded_at and its chain hash (genesis when empty).
    fn chain_head(&self) -> Result<(u64, Option<i64>, crate::chain::Hash)>;
    /// Every event with what the chain covers and its stored hash, in
    /// position order, until `f` returns false. Events whose asset row is
    /// missing come with an empty asset id and tag.
    fn scan_chain(&self, f: &mut ChainVisitor<'_>) -> Result<()>;
    /// The last position recorded at or before `micros` (0 if none).
    fn position_recorded_by(&self, micros: i64) -> Result<u64>;
    /// An event by id.
    fn find_event(&self, id: &EventId) -> Result<Option<StoredEventRef>>;
    /// A stream's events in version order, within a cutoff.
    fn read_stream(&self, s: &StreamInfo, cut: Cutoff) -> Result<Vec<RecordedEvent>>;
    /// Up to `limit` events after global position `after`, in position order.
    fn feed(&self, after: u64, limit: usize) -> Result<Vec<RecordedEvent>>;
    /// Every stream with its events within `cut`, each in timeline order
    /// (occurred_at, then version), one stream at a time.
    fn scan_streams(
        &self,
        cut: Cutoff,
        f: &mut dyn FnMut(&StreamInfo, Vec<FoldRow>) -> Result<()>,
    ) -> Result<()>;
    /// A stream's events, all of them, in timeline order.
    fn fold_rows(&self, stream_id: i64) -> Result<Vec<FoldRow>>;
    /// The streams of licenses, in creation order.
    fn license_streams(&self) -> Result<Vec<StreamInfo>>;
    /// Every `software_installed` and `software_removed` event within a
    /// cutoff, with its device's id, each device's in timeline order.
    fn software_events(
        &self,
        cut: Cutoff,
        f: &mut dyn FnMut(AssetId, FoldRow) -> Result<()>,
    ) -> Result<()>;
    /// A license's stored latest state (JSON), if any.
    fn license_state(&self, stream_id: i64) -> Result<Option<String>>;
    /// A license's key (a secret kept outside the log), if one is set.
    fn license_key(&self, stream_id: i64) -> Result<Option<String>>;
    /// A person's record.
    fn person(&self, id: &PersonId) -> Result<Option<Person>>;
    /// A stream's stored view at a moment.
    fn view_of(&self, stream_id: i64, at: ViewsAt) -> Result<Option<AssetView>>;
    /// Every stored view matching a filter and a narrowing at a moment, in
    /// the order the assets were created.
    fn views(
        &self,
        at: ViewsAt,
        filter: &FleetFilter,
        narrow: Narrow,
        costs: Costs,
        f: &mut dyn FnMut(AssetView) -> Result<()>,
    ) -> Result<()>;
    /// Asset counts grouped by dimensions (none: one group), of the views
    /// matching a filter; empty groups are left out.
    fn count_groups(
        &self,
        at: ViewsAt,
        filter: &FleetFilter,
        by: &[Dimension],
    ) -> Result<Vec<(GroupKey, u64)>>;
    /// Costs that arose by a moment, grouped by dimensions, by currency
    /// (see `AssetLog::spend`).
    fn spend_groups(
        &self,
        at: ViewsAt,
        filter: &FleetFilter,
        by: &[Dimension],
    ) -> Result<Vec<(GroupKey, Currency, CostSums)>>;
    /// For each stored interval covering one of `ends` (sorted, micros):
    /// the index of that end and the asset then, in one pass.
    fn assets_at(
        &self,
        ends: &[i64],
        f: &mut dyn FnMut(usize, &AssetAt) -> Result<()>,
    ) -> Result<()>;
    /// Every stored interval's status and valid time (from, to: micros;
    /// `i64::MAX` while open), in no particular order.
    fn status_intervals(&self, f: &mut dyn FnMut(Status, i64, i64)) -> Result<()>;
    /// Costs that occurred within `[from, to]` (micros), summed by UTC
    /// month ("YYYY-MM") and currency.
    fn costs_by_month(&self, from: i64, to: i64) -> Result<Vec<(String, Currency, CostSums)>>;
    /// (tag, serial) of every asset with a serial at a moment.
    fn serials(&self, at: ViewsAt) -> Result<Vec<(String, String)>>;
    /// The latest occurred_at of any event in the log (0 when empty).
    fn latest_occurred_at(&self) -> Result<i64>;
    /// The tag of another asset whose latest serial is `serial` (compared
    /// trimmed of spaces and without ASCII case), if any.
    fn serial_holder(&self, serial: &str, except_stream: i64) -> Result<Option<String>>;
    /// Every person's record, by id.
    fn people(&self, f: &mut dyn FnMut(Person) -> Result<()>) -> Result<()>;
    /// People whose record has this e-mail or name (ASCII case ignored).
    fn find_people(&self, email_or_name: &str) -> Result<Vec<Person>>;
    /// When a person left, if they did.
    fn left_on(&self, id: &PersonId) -> Result<Option<NaiveDate>>;
    /// Everyone who left, with the date, by id.
    fn leavers(&self) -> Result<Vec<(PersonId, NaiveDate)>>;
    /// Every asset's facts and states in time (up to a moment), asset by
    /// asset in creation order. Only the states where the status changed
    /// are needed (the flows are status spans); a backend may pass others.
    fn states(
        &self,
        at: ViewsAt,
        f: &mut dyn FnMut(
            &crate::view::flows::AssetFacts,
            &[crate::view::flows::State],
        ) -> Result<()>,
    ) -> Result<()>;
    /// The dated rules of a book (all books: `None`).
    fn book_rules(&self, book: Option<&str>) -> Result<Vec<crate::books::BookRule>>;
}

/// Writes, inside one write transaction; reads see its own writes.
pub(crate) trait WriteTx {
    /// Reads within this transaction.
    fn read(&self) -> &dyn ReadTx;
    /// The latest view of a stream (possibly from the writer's cache).
    fn current_view(&self, stream_id: i64) -> Result<Option<AssetView>>;
    /// Find a stream by tag or id.
    fn resolve(&self, asset: &AssetRef) -> Result<Option<StreamInfo>>;
    /// Create a stream for a new asset ([`crate::Error::DuplicateTag`] if the tag is taken).
    fn create_stream(&mut self, asset_id: AssetId, tag: &str) -> Result<StreamInfo>;
    /// Insert one event row.
    fn insert_event(&mut self, e: &EventRow<'_>) -> Result<()>;
    /// Store an asset's timeline.
    fn save_timeline(&mut self, stream_id: i64, t: Timeline, how: Save) -> Result<()>;
    /// Store a license's latest state (JSON).
    fn save_license_state(&mut self, stream_id: i64, state: &str) -> Result<()>;
    /// Set a license's key, or erase it (`None`); true if one was there.
    fn set_license_key(&mut self, stream_id: i64, key: Option<&str>, now: i64) -> Result<bool>;
    /// Raise the latest occurred_at of the log.
    fn raise_latest(&mut self, occurred_at: i64) -> Result<()>;
    /// Throw every view away and fold them again from the log: (assets,
    /// events); `progress` hears the events folded so far, now and then.
    fn rebuild_views(&mut self, progress: &mut dyn FnMut(u64)) -> Result<(u64, u64)>;
    /// Insert or replace a person's record.
    fn upsert_person(&mut self, p: &Person, now_micros: i64) -> Result<()>;
    /// Delete a person's record; true if there was one.
    fn delete_person(&mut self, id: &PersonId) -> Result<bool>;
    /// Add (or replace, for the same book, category, country and date) a book rule.
    fn save_book_rule(&mut self, rule: &crate::books::BookRule, now_micros: i64) -> Result<()>;
    /// Record that a person left on a date (`None`: they are back).
    fn set_left(&mut self, id: &PersonId, on: Option<NaiveDate>) -> Result<()>;
}

/// A store: where the log, its views and the people table are kept.
pub(crate) trait Backend: Send + Sync {
    /// The file path, `None` in memory or on a server.
    fn path(&self) -> Option<&Path>;
    /// Where the log is, for people: a path, `:memory:`, or a server and
    /// schema (never a password).
    fn describe(&self) -> String {
        self.path()
            .map_or_else(|| ":memory:".to_owned(), |p| p.display().to_string())
    }
    /// Wait until the log holds an event after position `after`, or
    /// `timeout` passed: `Some(true)` when there is one; `None` when the
    /// backend has no notification (the caller looks now and then).
    fn wait_for_events(&self, after: u64, timeout: std::time::Duration) -> Result<Option<bool>> {
        let _ = (after, timeout);
        Ok(None)
    }
    /// Run `f` on one consistent snapshot.
    fn read_tx(&self, f: &mut dyn FnMut(&dyn ReadTx) -> Result<()>) -> Result<()>;
    /// Run `f` in one write transaction: committed if it returns `Ok`,
    /// rolled back (nothing written) otherwise.
    fn write_tx(&self, f: &mut dyn FnMut(&mut dyn WriteTx) -> Result<()>) -> Result<()>;
    /// Delete a person's record so that the personal data is gone from the
    /// storage, not only from the table; true if there was one.
    fn erase_person(&self, id: &PersonId) -> Result<bool>;
}

impl dyn Backend {
    /// [`Backend::read_tx`] returning a value.
    pub(crate) fn read<R>(&self, f: impl FnOnce(&dyn ReadTx) -> Result<R>) -> Result<R> {
        let mut f = Some(f);
        let mut out = None;
        self.read_tx(&mut |r| {
            let f = f.take().expect("a snapshot runs its closure once");
            out = Some(f(r)?);
            Ok(())
        })?;
        Ok(out.expect("the closure ran"))
    }

    /// [`Backend::write_tx`] returning a value.
    pub(crate) fn write<R>(&self, f: impl FnOnce(&mut dyn WriteTx) -> Result<R>) -> Result<R> {
        let mut f = Some(f);
        let mut out = None;
        self.write_tx(&mut |w| {
            let f = f.take().expect("a transaction runs its closure once");
            out = Some(f(w)?);
            Ok(())
        })?;
        Ok(out.expect("the closure ran"))
    }
}
