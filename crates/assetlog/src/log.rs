//! [`AssetLog`]: the handle every caller uses. Opening, reading one asset,
//! the change feed, time travel ([`At`]), rebuilds and people. Appends live
//! in `append.rs`, fleet reports in `reports.rs`.

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::chain::{hex, next, Checkpoint, Hash, Mismatch, Verification, GENESIS};
use crate::depreciation::Policy;
use crate::error::{Error, Result};
use crate::event::RecordedEvent;
use crate::ids::{AssetRef, PersonId};
use crate::people::Person;
use crate::store::sqlite::SqliteStore;
use crate::store::{Backend, Cutoff, Durability, FoldRow, ReadTx, StreamInfo, ViewsAt};
use crate::time::{to_micros, truncate_to_micros};
use crate::view::asset::AssetView;
use crate::view::cost::CostView;
use crate::view::timeline::Timeline;

/// The most events one page of the change feed holds.
pub const MAX_FEED_PAGE: usize = 100_000;

/// A source of "now" (tests inject a fixed or stepping clock).
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// How to open a log.
#[derive(Clone, Default)]
pub struct OpenOptions {
    /// How hard commits are pushed to disk (default: survives process crashes).
    pub durability: Durability,
    /// The clock for `recorded_at` and "now" (default: the system clock).
    pub clock: Option<Clock>,
    /// How long to wait for another writer's lock before [`Error::Busy`]
    /// (default 10 s).
    pub busy_timeout: Option<std::time::Duration>,
}

/// Which moment a view describes.
///
/// `occurred`: the world as it was at that instant (events that happened by
/// then, including ones recorded later). `recorded`: what the log had
/// learned by that instant. Both may be combined; neither means now.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct At {
    /// Fold only events that occurred at or before this instant.
    pub occurred: Option<DateTime<Utc>>,
    /// Fold only events recorded at or before this instant.
    pub recorded: Option<DateTime<Utc>>,
}

impl At {
    /// The current state.
    pub fn now() -> Self {
        At::default()
    }

    /// As things were at an instant.
    pub fn occurred(t: DateTime<Utc>) -> Self {
        At {
            occurred: Some(t),
            recorded: None,
        }
    }

    /// As things were at the end of a day (UTC): "as of 31 December".
    pub fn end_of(d: NaiveDate) -> Self {
        At::occurred(crate::time::end_of_day(d))
    }

    /// As the log knew things at an instant.
    pub fn recorded(t: DateTime<Utc>) -> Self {
        At {
            occurred: None,
            recorded: Some(t),
        }
    }
}

/// What a rebuild did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct RebuildStats {
    /// Assets whose views were rebuilt.
    pub assets: u64,
    /// Events folded.
    pub events: u64,
}

/// Size figures of a log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct LogStats {
    /// Events stored.
    pub events: u64,
    /// Assets.
    pub assets: u64,
}

/// An assetlog: the event log of every asset, with its views, in one SQLite
/// file.
///
/// `Send + Sync` and cheap to clone: a clone is another handle on the same
/// open log (its connections are shared, not reopened), so a web service
/// opens it once and gives each handler a clone. Writers take turns (one
/// append transaction at a time, in commit order); readers run on their own
/// connections beside them.
///
/// Every call does blocking file I/O. From async code, run it on the
/// blocking pool (`tokio::task::spawn_blocking(move || log.append(e))`), never
/// on the runtime's own threads: a 3,000-event append takes a few
/// milliseconds to tens of milliseconds. `examples/service.rs` is a small
/// HTTP service built this way on threads.
#[derive(Clone)]
pub struct AssetLog {
    pub(crate) store: Arc<dyn Backend>,
    pub(crate) clock: Clock,
}

impl std::fmt::Debug for AssetLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AssetLog")
            .field("location", &self.store.describe())
            .finish_non_exhaustive()
    }
}

#[cfg(feature = "postgres")]
fn open_server(url: &str, busy: std::time::Duration) -> Result<Arc<dyn Backend>> {
    Ok(Arc::new(crate::store::postgres::PgStore::open(url, busy)?))
}

#[cfg(not(feature = "postgres"))]
fn open_server(_url: &str, _busy: std::time::Duration) -> Result<Arc<dyn Backend>> {
    Err(Error::invalid(
        "path",
        "postgresql://...",
        "this build of assetlog has no PostgreSQL backend (the crate's `postgres` feature)",
    ))
}

fn system_clock() -> Clock {
    Arc::new(Utc::now)
}

/// The file a path names: `~/` expanded to the home directory; empty refused.
fn log_path(path: &Path) -> Result<std::path::PathBuf> {
    let text = path.to_string_lossy();
    if text.trim().is_empty() {
        return Err(Error::invalid(
            "path",
            "",
            "give the log's file path (or open a log in memory)",
        ));
    }
    if let Some(rest) = text.strip_prefix("~/") {
        if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
            return Ok(Path::new(&home).join(rest));
        }
    }
    Ok(path.to_path_buf())
}

impl AssetLog {
    /// Open or create a log file with default options.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        Self::open_with(path, OpenOptions::default())
    }

    /// Open or create a log file. A path starting with `~/` is in the
    /// home directory; an empty path is refused (a log in memory is
    /// [`AssetLog::open_in_memory`]).
    ///
    /// A target starting with `postgresql://` or `postgres://` is a
    /// PostgreSQL server instead (the `postgres` feature; docs/postgres.md):
    /// the same log, views and guarantees, in the schema `assetlog` or the
    /// one the URL's `schema=NAME` parameter names.
    pub fn open_with(path: impl AsRef<Path>, options: OpenOptions) -> Result<Self> {
        let busy = options
            .busy_timeout
            .unwrap_or(std::time::Duration::from_millis(
                crate::store::BUSY_TIMEOUT_MS,
            ));
        let clock = options.clock.unwrap_or_else(system_clock);
        let text = path.as_ref().to_string_lossy();
        if text.starts_with("postgresql://") || text.starts_with("postgres://") {
            return Ok(AssetLog {
                store: open_server(&text, busy)?,
                clock,
            });
        }
        let path = log_path(path.as_ref())?;
        Ok(AssetLog {
            store: Arc::new(SqliteStore::open(&path, options.durability, busy)?),
            clock,
        })
    }

    /// Where the log is, for people: its path, `:memory:`, or its server
    /// and schema (never a password).
    pub fn location(&self) -> String {
        self.store.describe()
    }

    /// A log in memory (gone when dropped).
    pub fn open_in_memory() -> Result<Self> {
        Self::open_in_memory_with(OpenOptions::default())
    }

    /// A log in memory with options (a clock, for tests).
    pub fn open_in_memory_with(options: OpenOptions) -> Result<Self> {
        Ok(AssetLog {
            store: Arc::new(SqliteStore::open_in_memory()?),
            clock: options.clock.unwrap_or_else(system_clock),
        })
    }

    /// The file path (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.store.path()
    }

    /// Now, by the log's clock, to the microsecond.
    pub fn now(&self) -> DateTime<Utc> {
        truncate_to_micros((self.clock)())
    }

    /// An asset's view at a moment.
    pub fn asset(&self, asset: impl Into<AssetRef>, at: At) -> Result<AssetView> {
        let asset = asset.into();
        let now = to_micros(self.now());
        self.store.read(|r| {
            let info = stream(r, &asset)?;
            let found = match plan(r, at, now)? {
                Plan::Stored(when) => r.view_of(info.stream_id, when)?,
                Plan::Refold(cut) => refold(r, &info, cut)?.view,
            };
            found.ok_or_else(|| not_yet(&asset, at))
        })
    }

    /// An asset's costs and book values at a moment; book values are for the
    /// moment's date.
    pub fn cost(&self, asset: impl Into<AssetRef>, at: At, policy: &Policy) -> Result<CostView> {
        let view = self.asset(asset, at)?;
        CostView::new(&view, self.reference_time(at).date_naive(), policy)
    }

    /// An asset's events in version (recording) order.
    pub fn read_stream(&self, asset: impl Into<AssetRef>) -> Result<Vec<RecordedEvent>> {
        let asset = asset.into();
        self.store
            .read(|r| r.read_stream(&stream(r, &asset)?, Cutoff::default()))
    }

    /// An asset's events in timeline order: occurred_at, then version.
    pub fn history(&self, asset: impl Into<AssetRef>) -> Result<Vec<RecordedEvent>> {
        self.history_at(asset, At::now())
    }

    /// An asset's events as of a moment, in timeline order: those that
    /// occurred by `at.occurred` and were recorded by `at.recorded` (each
    /// when given; `At::now()` is every event).
    pub fn history_at(&self, asset: impl Into<AssetRef>, at: At) -> Result<Vec<RecordedEvent>> {
        let asset = asset.into();
        let mut events = self.store.read(|r| {
            let cut = if at == At::now() {
                Cutoff::default()
            } else {
                cutoff(r, at)?
            };
            r.read_stream(&stream(r, &asset)?, cut)
        })?;
        events.sort_by_key(|e| (e.occurred_at, e.version));
        Ok(events)
    }

    /// The change feed: up to `limit` events after global position `after`
    /// (0 for the start), in position order. Resume from the last position
    /// you processed; positions are gapless and follow commit order.
    /// `limit` is 1 to [`MAX_FEED_PAGE`]; `after` at most `i64::MAX` (the
    /// largest position a log can have); anything else is
    /// [`Error::InvalidValue`], never a page of something else.
    pub fn feed(&self, after: u64, limit: usize) -> Result<Vec<RecordedEvent>> {
        if limit == 0 || limit > MAX_FEED_PAGE {
            return Err(Error::invalid(
                "limit",
                limit,
                format!("between 1 and {MAX_FEED_PAGE}"),
            ));
        }
        if i64::try_from(after).is_err() {
            return Err(Error::invalid(
                "after",
                after,
                "a position is at most 9223372036854775807",
            ));
        }
        self.store.read(|r| r.feed(after, limit))
    }

    /// [`AssetLog::feed`], waiting up to `wait` for an event when there is
    /// none after `after` yet: an empty page means none came in time. This
    /// is a follower's step (`feed_iter(...).waiting(...)`, Python's
    /// `follow(..., wait=)`): read a page, go on from its last position,
    /// stop at the first empty page.
    pub fn feed_wait(
        &self,
        after: u64,
        limit: usize,
        wait: std::time::Duration,
    ) -> Result<Vec<RecordedEvent>> {
        let page = self.feed(after, limit)?;
        if !page.is_empty() || wait.is_zero() || !self.wait_for_events(after, wait)? {
            return Ok(page);
        }
        self.feed(after, limit)
    }

    /// Every event from `after` on, page by page, without holding the log
    /// in memory; it ends once caught up, or with
    /// [`FeedIter::waiting`] once nothing new came for that long.
    pub fn feed_iter(&self, after: u64, page: usize) -> FeedIter<'_> {
        FeedIter {
            log: self,
            after,
            page: page.clamp(1, MAX_FEED_PAGE),
            wait: std::time::Duration::ZERO,
            buf: std::collections::VecDeque::new(),
            done: false,
        }
    }

    /// Wait until the log holds an event after position `after`, or
    /// `timeout` has passed: `true` when there is one. Other processes'
    /// appends count; the file is looked at every 20 ms (SQLite has no
    /// notification), so a follower sleeps instead of spinning.
    /// On PostgreSQL a follower is woken by the appending commit itself
    /// (LISTEN/NOTIFY), from any process or host.
    pub fn wait_for_events(&self, after: u64, timeout: std::time::Duration) -> Result<bool> {
        if let Some(found) = self.store.wait_for_events(after, timeout)? {
            return Ok(found);
        }
        let deadline = std::time::Instant::now() + timeout;
        loop {
            if self.stats()?.events > after {
                return Ok(true);
            }
            let now = std::time::Instant::now();
            if now >= deadline {
                return Ok(false);
            }
            std::thread::sleep((deadline - now).min(std::time::Duration::from_millis(20)));
        }
    }

    /// Events and assets stored.
    pub fn stats(&self) -> Result<LogStats> {
        self.store.read(|r| {
            Ok(LogStats {
                events: r.event_count()?,
                assets: r.asset_count()?,
            })
        })
    }

    /// Throw away every view and fold them again from the log, in one
    /// transaction (readers see the old views until it commits).
    pub fn rebuild(&self) -> Result<RebuildStats> {
        self.rebuild_with_progress(&mut |_, _| {})
    }

    /// [`AssetLog::rebuild`], calling `progress(done, total)` (in events)
    /// every ten thousand events or so, for a progress bar.
    pub fn rebuild_with_progress(
        &self,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<RebuildStats> {
        let total = self.store.read(|r| r.event_count())?;
        self.store.write(|w| {
            let (assets, events) = w.rebuild_views(&mut |done| progress(done, total))?;
            // each license's state, folded again from its events
            let everything = Cutoff {
                occurred_max: None,
                position_max: None,
            };
            for info in w.read().license_streams()? {
                if let Some(state) = crate::license::folded(w.read(), &info, everything)? {
                    let json = serde_json::to_string(&state).expect("license states serialize");
                    w.save_license_state(info.stream_id, &json)?;
                }
            }
            progress(events, events.max(total));
            Ok(RebuildStats { assets, events })
        })
    }

    /// Check the hash chain: every event as written, in its place, none
    /// missing between the first and the last. Reports the first position
    /// that differs. (A log cut short at its end, or replaced by an older
    /// copy, still verifies: keep a [`Checkpoint`] elsewhere and use
    /// [`AssetLog::verify_against`].)
    pub fn verify(&self) -> Result<Verification> {
        self.verify_with_progress(&mut |_, _| {})
    }

    /// [`AssetLog::verify`], calling `progress(done, total)` (in events)
    /// every ten thousand events or so, for a progress bar.
    pub fn verify_with_progress(&self, progress: &mut dyn FnMut(u64, u64)) -> Result<Verification> {
        Ok(self.verify_chain(None, progress)?.0)
    }

    /// The current position and chain head, after verifying the whole
    /// chain ([`Error::CorruptEvent`] if it does not verify: a checkpoint
    /// vouches for everything before it).
    pub fn checkpoint(&self) -> Result<Checkpoint> {
        let v = self.verify()?;
        if let Some(m) = v.first_mismatch {
            return Err(Error::CorruptEvent {
                position: m.position,
                reason: format!(
                    "the log fails verification ({}); no checkpoint taken",
                    m.reason
                ),
            });
        }
        Ok(Checkpoint {
            format: Checkpoint::FORMAT.to_owned(),
            position: v.events,
            head: v.head.unwrap_or_default(),
            written_at: self.now(),
        })
    }

    /// [`AssetLog::verify`], and also that the log still extends a
    /// checkpoint: the event at its position is the one it recorded. A log
    /// cut short, or replaced by an older or another copy, is reported as a
    /// mismatch at the checkpoint's position.
    pub fn verify_against(&self, checkpoint: &Checkpoint) -> Result<Verification> {
        let (mut v, at) = self.verify_chain(Some(checkpoint.position), &mut |_, _| {})?;
        if v.first_mismatch.is_some() {
            return Ok(v);
        }
        let reason = if v.events < checkpoint.position {
            Some(format!(
                "the log ends at position {} but the checkpoint of {} recorded position {}: \
                 events were cut off the end, or the file was replaced by an older copy",
                v.events,
                crate::time::format_instant(checkpoint.written_at),
                checkpoint.position
            ))
        } else if at.map(|h| hex(&h)).unwrap_or_default() != checkpoint.head {
            Some(format!(
                "the event at position {} is not the one the checkpoint of {} recorded: \
                 the log was rolled back and rewritten, or this is another log",
                checkpoint.position,
                crate::time::format_instant(checkpoint.written_at)
            ))
        } else {
            None
        };
        if let Some(reason) = reason {
            v.first_mismatch = Some(Mismatch {
                position: checkpoint.position.min(v.events + 1).max(1),
                reason,
            });
            v.head = None;
        }
        Ok(v)
    }

    /// Recompute the chain; also returns the hash at position `watch`.
    fn verify_chain(
        &self,
        watch: Option<u64>,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<(Verification, Option<Hash>)> {
        self.store.read(|r| {
            let total = r.event_count()?;
            let mut prev = GENESIS;
            let mut expected = 1;
            let mut events = 0;
            let mut mismatch = None;
            let mut watched = None;
            r.scan_chain(&mut |link, stored| {
                let reason = if link.position != expected {
                    Some(format!(
                        "expected position {expected}, found {}: events were removed or moved",
                        link.position
                    ))
                } else if link.tag.is_empty() {
                    Some("the event's asset is missing from the assets table".to_owned())
                } else {
                    let h = next(&prev, link);
                    if stored == Some(&h[..]) {
                        prev = h;
                        None
                    } else {
                        Some("the stored event differs from what was written (payload, time, order or identity changed)".to_owned())
                    }
                };
                if let Some(reason) = reason {
                    mismatch = Some(Mismatch { position: expected.min(link.position), reason });
                    return Ok(false);
                }
                if Some(link.position) == watch {
                    watched = Some(prev);
                }
                events += 1;
                expected += 1;
                if events % 10_000 == 0 {
                    progress(events, total);
                }
                Ok(true)
            })?;
            Ok((
                Verification {
                    events,
                    head: (events > 0 && mismatch.is_none()).then(|| hex(&prev)),
                    first_mismatch: mismatch,
                },
                watched,
            ))
        })
    }

    /// Add or replace a person's personal data.
    pub fn upsert_person(&self, person: &Person) -> Result<()> {
        person.validate()?;
        let now = to_micros(self.now());
        self.store.write(|w| w.upsert_person(person, now))
    }

    /// A person's personal data, if any is stored.
    pub fn person(&self, id: &PersonId) -> Result<Option<Person>> {
        self.store.read(|r| r.person(id))
    }

    /// Erase a person's personal data (right to erasure). The log keeps
    /// their opaque id; the freed bytes are overwritten and the WAL is
    /// checkpointed so the data is gone from the file. True if a record existed.
    pub fn forget_person(&self, id: &PersonId) -> Result<bool> {
        self.store.erase_person(id)
    }

    /// The instant a moment refers to (for ages, overdue days, book values).
    pub(crate) fn reference_time(&self, at: At) -> DateTime<Utc> {
        at.occurred.or(at.recorded).unwrap_or_else(|| self.now())
    }

    /// The date a moment refers to (UTC): the day that book values, FX
    /// rates and overdue days are taken on.
    pub fn reference_date(&self, at: At) -> NaiveDate {
        self.reference_time(at).date_naive()
    }

    /// Decide how a moment is answered, then run `f` on one snapshot.
    pub(crate) fn read_at<R>(
        &self,
        at: At,
        f: impl FnOnce(&dyn ReadTx, Plan) -> Result<R>,
    ) -> Result<R> {
        let now = to_micros(self.now());
        self.store.read(|r| {
            let p = plan(r, at, now)?;
            f(r, p)
        })
    }
}

/// How a moment is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Plan {
    /// From the stored views (latest, or the intervals at an instant).
    Stored(ViewsAt),
    /// By folding each asset's events within a cutoff again ("as recorded").
    Refold(Cutoff),
}

/// "As recorded" folds again; "as occurred" and "now" read stored
/// intervals. Now means now: when events dated in the future are stored,
/// the current views are the intervals in force at this instant.
fn plan(r: &dyn ReadTx, at: At, now: i64) -> Result<Plan> {
    if at.recorded.is_some() {
        return Ok(Plan::Refold(cutoff(r, at)?));
    }
    let t = at.occurred.map_or(now, to_micros);
    Ok(Plan::Stored(if t >= r.latest_occurred_at()? {
        ViewsAt::Latest
    } else {
        ViewsAt::Occurred(t)
    }))
}

/// Fold one asset again within a cutoff.
pub(crate) fn refold(r: &dyn ReadTx, info: &StreamInfo, cut: Cutoff) -> Result<Timeline> {
    let rows: Vec<FoldRow> = r
        .fold_rows(info.stream_id)?
        .into_iter()
        .filter(|row| within(cut, row))
        .collect();
    Timeline::fold(info, &rows)
}

/// A device's status at an instant (microseconds), folded from its events;
/// `None` when there is no device with that tag then.
pub(crate) fn device_status(
    r: &dyn ReadTx,
    tag: &str,
    at: i64,
) -> Result<Option<crate::lifecycle::Status>> {
    let Some(info) = r.stream_by_tag(tag)? else {
        return Ok(None);
    };
    let rows: Vec<FoldRow> = r
        .fold_rows(info.stream_id)?
        .into_iter()
        .filter(|row| row.occurred_at <= at)
        .collect();
    Ok(Timeline::fold(&info, &rows)?.view.map(|v| v.status))
}

pub(crate) fn within(cut: Cutoff, row: &FoldRow) -> bool {
    cut.occurred_max.is_none_or(|t| row.occurred_at <= t)
        && cut.position_max.is_none_or(|p| row.position <= p)
}

/// Fold every asset again within a cutoff, one at a time (never the whole
/// log in memory).
pub(crate) fn refold_all(
    r: &dyn ReadTx,
    cut: Cutoff,
    f: &mut dyn FnMut(Timeline) -> Result<()>,
) -> Result<()> {
    r.scan_streams(cut, &mut |info, rows| {
        let t = Timeline::fold(info, &rows)?;
        if t.view.is_some() {
            f(t)?;
        }
        Ok(())
    })
}

/// Pages through the change feed (see [`AssetLog::feed_iter`]).
pub struct FeedIter<'a> {
    log: &'a AssetLog,
    after: u64,
    page: usize,
    wait: std::time::Duration,
    buf: std::collections::VecDeque<RecordedEvent>,
    done: bool,
}

impl FeedIter<'_> {
    /// Once caught up, wait up to `wait` for new events (appended by any
    /// process) and go on; end only after `wait` without one.
    #[must_use]
    pub fn waiting(mut self, wait: std::time::Duration) -> Self {
        self.wait = wait;
        self
    }
}

impl Iterator for FeedIter<'_> {
    type Item = Result<RecordedEvent>;
    fn next(&mut self) -> Option<Self::Item> {
        if self.buf.is_empty() && !self.done {
            match self.log.feed_wait(self.after, self.page, self.wait) {
                Ok(page) => {
                    self.done = page.is_empty() || (self.wait.is_zero() && page.len() < self.page);
                    self.buf.extend(page);
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
        let e = self.buf.pop_front()?;
        self.after = e.position;
        Some(Ok(e))
    }
}

/// The stream an asset reference names, or [`Error::UnknownAsset`].
pub(crate) fn stream(r: &dyn ReadTx, asset: &AssetRef) -> Result<StreamInfo> {
    let found = match asset {
        AssetRef::Tag(t) => r.stream_by_tag(t)?,
        AssetRef::Id(id) => r.stream_by_id(id)?,
    };
    found.ok_or_else(|| Error::UnknownAsset {
        asset: crate::error::truncate_for_message(&asset.to_string()),
        at: None,
    })
}

fn not_yet(asset: &AssetRef, at: At) -> Error {
    let when = at
        .occurred
        .or(at.recorded)
        .map_or_else(String::new, crate::time::format_instant);
    Error::UnknownAsset {
        asset: crate::error::truncate_for_message(&asset.to_string()),
        at: Some(when),
    }
}

/// Translate a moment into what the store may see.
pub(crate) fn cutoff(r: &dyn ReadTx, at: At) -> Result<Cutoff> {
    Ok(Cutoff {
        occurred_max: at.occurred.map(to_micros),
        position_max: at
            .recorded
            .map(|t| r.position_recorded_by(to_micros(t)))
            .transpose()?,
    })
}

#[cfg(test)]
mod path_tests {
    use super::*;

    #[test]
    fn a_path_is_a_file_with_home_expanded_and_never_empty() {
        let home = std::env::var_os("HOME").unwrap_or_default();
        if !home.is_empty() {
            assert_eq!(
                log_path(Path::new("~/fleet.db")).unwrap(),
                Path::new(&home).join("fleet.db")
            );
        }
        assert_eq!(
            log_path(Path::new("fleet.db")).unwrap(),
            Path::new("fleet.db")
        );
        let e = AssetLog::open("").unwrap_err();
        assert_eq!(e.code(), "INVALID_VALUE");
        assert!(e.to_string().contains("file path"), "{e}");
    }
}
