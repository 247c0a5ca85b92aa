//! Read queries: streams, events, the change feed, views and people.

use rusqlite::{params, Connection, OptionalExtension, Row};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::event::{Event, EventType, RecordedEvent};
use crate::ids::{AssetId, EventId, PersonId};
use crate::lifecycle::Status;
use crate::money::Currency;
use crate::people::Person;
use crate::store::{
    ChainVisitor, Costs, Cutoff, FoldRow, Narrow, ReadTx, StoredEventRef, StreamInfo, ViewsAt,
};
use crate::time::from_micros;
use crate::view::asset::{AssetView, CostSums};
use crate::view::fleet::{Dimension, FleetFilter, GroupKey};

const EVENT_COLUMNS: &str = "e.position, e.version, e.event_id, e.type, e.schema_version, \
     e.occurred_at, e.recorded_at, e.actor, e.correlation_id, e.payload";

/// Read access to one snapshot of the log.
pub struct Reader<'a> {
    pub(super) conn: &'a Connection,
}

impl<'a> Reader<'a> {
    pub(super) fn new(conn: &'a Connection) -> Self {
        Reader { conn }
    }

    /// The stream with this internal key.
    pub(super) fn stream_by_key(&self, stream_id: i64) -> Result<Option<StreamInfo>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT stream_id, asset_id, tag FROM assets WHERE stream_id = ?1")?;
        Ok(st.query_row([stream_id], stream_row).optional()?)
    }

    /// The last global position and its recorded_at (0 and `None` when empty).
    pub(super) fn last_position(&self) -> Result<(u64, Option<i64>)> {
        let (p, r, _) = self.chain_head()?;
        Ok((p, r))
    }
}

impl ReadTx for Reader<'_> {
    /// The stream with this tag (ASCII case ignored).
    fn stream_by_tag(&self, tag: &str) -> Result<Option<StreamInfo>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT stream_id, asset_id, tag FROM assets WHERE tag = ?1")?;
        Ok(st.query_row([tag], stream_row).optional()?)
    }

    /// The streams of licenses (their first event a `license_purchased`).
    fn license_streams(&self) -> Result<Vec<StreamInfo>> {
        let mut st = self.conn.prepare_cached(
            "SELECT a.stream_id, a.asset_id, a.tag FROM assets a \
             JOIN events e ON e.stream_id = a.stream_id AND e.version = 1 \
             WHERE e.type = ?1 ORDER BY a.stream_id",
        )?;
        let rows = st.query_map(
            [crate::event::EventType::LicensePurchased.code()],
            stream_row,
        )?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    fn software_events(
        &self,
        cut: Cutoff,
        f: &mut dyn FnMut(AssetId, FoldRow) -> Result<()>,
    ) -> Result<()> {
        use crate::event::EventType;
        let mut st = self.conn.prepare_cached(
            "SELECT a.asset_id, e.version, e.type, e.occurred_at, e.payload, e.position \
             FROM events e JOIN assets a ON a.stream_id = e.stream_id \
             WHERE e.type IN (?1, ?2) AND (?3 IS NULL OR e.occurred_at <= ?3) \
             AND (?4 IS NULL OR e.position <= ?4) \
             ORDER BY e.stream_id, e.occurred_at, e.version",
        )?;
        let mut rows = st.query(params![
            EventType::SoftwareInstalled.code(),
            EventType::SoftwareRemoved.code(),
            cut.occurred_max,
            cut.position_max.map(|p| p as i64)
        ])?;
        while let Some(r) = rows.next()? {
            let id = asset_id_col(r, 0)?;
            f(id, fold_row(r)?)?;
        }
        Ok(())
    }

    fn license_key(&self, stream_id: i64) -> Result<Option<String>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT key FROM license_keys WHERE stream_id = ?1")?;
        Ok(st.query_row([stream_id], |r| r.get(0)).optional()?)
    }

    fn license_state(&self, stream_id: i64) -> Result<Option<String>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT state FROM license_states WHERE stream_id = ?1")?;
        Ok(st.query_row([stream_id], |r| r.get(0)).optional()?)
    }

    /// The stream with this asset id.
    fn stream_by_id(&self, id: &AssetId) -> Result<Option<StreamInfo>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT stream_id, asset_id, tag FROM assets WHERE asset_id = ?1")?;
        Ok(st.query_row([id.0.as_bytes()], stream_row).optional()?)
    }

    /// Number of assets.
    fn asset_count(&self) -> Result<u64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM assets", [], |r| r.get::<_, i64>(0))?
            as u64)
    }

    /// The last position, its recorded_at and its chain hash (genesis when empty).
    fn chain_head(&self) -> Result<(u64, Option<i64>, crate::chain::Hash)> {
        let mut st = self.conn.prepare_cached(
            "SELECT position, recorded_at, hash FROM events ORDER BY position DESC LIMIT 1",
        )?;
        Ok(st
            .query_row([], |r| {
                let hash: Option<Vec<u8>> = r.get(2)?;
                let mut h = crate::chain::GENESIS;
                if let Some(b) = hash.filter(|b| b.len() == 32) {
                    h.copy_from_slice(&b);
                }
                Ok((r.get::<_, i64>(0)? as u64, Some(r.get::<_, i64>(1)?), h))
            })
            .optional()?
            .unwrap_or((0, None, crate::chain::GENESIS)))
    }

    /// Every event with what the chain covers and its stored hash, in
    /// position order, until `f` returns false. Events whose asset row is
    /// missing come with an empty asset id and tag.
    fn scan_chain(&self, f: &mut ChainVisitor<'_>) -> Result<()> {
        let mut st = self.conn.prepare_cached(
            "SELECT e.position, a.asset_id, a.tag, e.version, e.event_id, e.type, e.schema_version, \
             e.occurred_at, e.recorded_at, e.actor, e.correlation_id, e.payload, e.hash \
             FROM events e LEFT JOIN assets a ON a.stream_id = e.stream_id ORDER BY e.position",
        )?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let ty = type_col(r, 5)?;
            let link = chain_link(r, ty)?;
            let stored = r
                .get_ref(12)?
                .as_blob_or_null()
                .map_err(rusqlite::Error::from)?;
            if !f(&link, stored)? {
                break;
            }
        }
        Ok(())
    }

    /// The last position recorded at or before `micros` (0 if none).
    /// recorded_at never decreases along positions, so this is a binary search.
    fn position_recorded_by(&self, micros: i64) -> Result<u64> {
        let (last, _) = self.last_position()?;
        let mut st = self
            .conn
            .prepare_cached("SELECT recorded_at FROM events WHERE position = ?1")?;
        let (mut lo, mut hi) = (0u64, last); // answer in [lo, hi]
        while lo < hi {
            let mid = lo + (hi - lo).div_ceil(2);
            let at: i64 = st.query_row([mid as i64], |r| r.get(0))?;
            if at <= micros {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        Ok(lo)
    }

    /// An event by id.
    fn find_event(&self, id: &EventId) -> Result<Option<StoredEventRef>> {
        let mut st = self.conn.prepare_cached(
            "SELECT position, stream_id, version, type, payload, occurred_at, actor FROM events WHERE event_id = ?1",
        )?;
        Ok(st
            .query_row([id.0.as_bytes()], |r| {
                Ok(StoredEventRef {
                    position: r.get::<_, i64>(0)? as u64,
                    stream_id: r.get(1)?,
                    version: r.get::<_, i64>(2)? as u64,
                    event_type: type_col(r, 3)
                        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?,
                    payload: r.get(4)?,
                    occurred_at: r.get(5)?,
                    actor: r.get(6)?,
                })
            })
            .optional()?)
    }

    /// A stream's events in version order, within a cutoff.
    fn read_stream(&self, s: &StreamInfo, cut: Cutoff) -> Result<Vec<RecordedEvent>> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e WHERE e.stream_id = ?1 \
             AND (?2 IS NULL OR e.occurred_at <= ?2) AND (?3 IS NULL OR e.position <= ?3) \
             ORDER BY e.version"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let mut rows = st.query(params![
            s.stream_id,
            cut.occurred_max,
            cut.position_max.map(|p| p as i64)
        ])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(recorded(r, s.asset_id, &s.tag)?);
        }
        Ok(out)
    }

    /// Up to `limit` events after global position `after`, in position order.
    fn feed(&self, after: u64, limit: usize) -> Result<Vec<RecordedEvent>> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS}, a.asset_id, a.tag FROM events e \
             JOIN assets a ON a.stream_id = e.stream_id \
             WHERE e.position > ?1 ORDER BY e.position LIMIT ?2"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let mut rows = st.query(params![after as i64, limit as i64])?;
        let mut out = Vec::with_capacity(limit.min(4096));
        while let Some(r) = rows.next()? {
            let asset_id = asset_id_col(r, 10)?;
            let tag: String = r.get(11)?;
            out.push(recorded(r, asset_id, &tag)?);
        }
        Ok(out)
    }

    /// Every stream with its events within `cut`, each stream's events in
    /// timeline order (occurred_at, then version). Streams come one at a
    /// time, so memory holds one stream, never the log.
    fn scan_streams(
        &self,
        cut: Cutoff,
        f: &mut dyn FnMut(&StreamInfo, Vec<FoldRow>) -> Result<()>,
    ) -> Result<()> {
        let mut st = self.conn.prepare_cached(
            "SELECT e.stream_id, e.version, e.type, e.occurred_at, e.payload, e.position \
             FROM events e \
             WHERE (?1 IS NULL OR e.occurred_at <= ?1) AND (?2 IS NULL OR e.position <= ?2) \
             ORDER BY e.stream_id, e.version",
        )?;
        let mut rows = st.query(params![
            cut.occurred_max,
            cut.position_max.map(|p| p as i64)
        ])?;
        let mut current: Option<i64> = None;
        let mut batch: Vec<FoldRow> = Vec::new();
        let mut flush = |sid: i64, batch: &mut Vec<FoldRow>| -> Result<()> {
            let info = self
                .stream_by_key(sid)?
                .ok_or_else(|| Error::CorruptEvent {
                    position: 0,
                    reason: format!("events of stream {sid} have no asset row"),
                })?;
            let mut rows = std::mem::take(batch);
            rows.sort_by_key(|r| (r.occurred_at, r.version));
            f(&info, rows)
        };
        while let Some(r) = rows.next()? {
            let sid: i64 = r.get(0)?;
            if current != Some(sid) {
                if let Some(prev) = current {
                    flush(prev, &mut batch)?;
                }
                current = Some(sid);
            }
            batch.push(fold_row(r)?);
        }
        if let Some(prev) = current {
            flush(prev, &mut batch)?;
        }
        Ok(())
    }

    /// A stream's fold rows (all of them), in timeline order.
    fn fold_rows(&self, stream_id: i64) -> Result<Vec<FoldRow>> {
        let mut st = self.conn.prepare_cached(
            "SELECT stream_id, version, type, occurred_at, payload, position FROM events \
             WHERE stream_id = ?1 ORDER BY occurred_at, version",
        )?;
        let mut rows = st.query([stream_id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(fold_row(r)?);
        }
        Ok(out)
    }

    /// A person's record.
    fn person(&self, id: &PersonId) -> Result<Option<Person>> {
        let mut st = self.conn.prepare_cached(
            "SELECT person_id, name, email, address FROM people WHERE person_id = ?1",
        )?;
        let mut rows = st.query_map([id.as_str()], person_row)?;
        let first = rows.next().transpose()?;
        first.transpose()
    }

    fn people(&self, f: &mut dyn FnMut(Person) -> Result<()>) -> Result<()> {
        let mut st = self.conn.prepare_cached(
            "SELECT person_id, name, email, address FROM people ORDER BY person_id",
        )?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            f(person_row(r)??)?;
        }
        Ok(())
    }

    fn find_people(&self, email_or_name: &str) -> Result<Vec<Person>> {
        let mut st = self.conn.prepare_cached(
            "SELECT person_id, name, email, address FROM people \
             WHERE email = ?1 COLLATE NOCASE OR name = ?1 COLLATE NOCASE ORDER BY person_id",
        )?;
        let rows = st.query_map([email_or_name.trim()], person_row)?;
        let people: Vec<PersonRow> = rows.collect::<rusqlite::Result<_>>()?;
        people.into_iter().collect()
    }

    fn left_on(&self, id: &PersonId) -> Result<Option<chrono::NaiveDate>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT left_on FROM leavers WHERE person_id = ?1")?;
        let day: Option<i64> = st.query_row([id.as_str()], |r| r.get(0)).optional()?;
        day.map(super::views::from_days).transpose()
    }

    fn serial_holder(&self, serial: &str, except_stream: i64) -> Result<Option<String>> {
        let mut st = self.conn.prepare_cached(
            "SELECT a.tag FROM view_intervals v JOIN assets a ON a.stream_id = v.stream_id \
             WHERE v.valid_to = 9223372036854775807 AND v.serial IS NOT NULL \
             AND upper(trim(v.serial)) = upper(trim(?1)) AND v.stream_id != ?2 LIMIT 1",
        )?;
        Ok(st
            .query_row(params![serial, except_stream], |r| r.get(0))
            .optional()?)
    }

    fn states(
        &self,
        at: ViewsAt,
        f: &mut dyn FnMut(
            &crate::view::flows::AssetFacts,
            &[crate::view::flows::State],
        ) -> Result<()>,
    ) -> Result<()> {
        self.stored_states(at, f)
    }

    fn book_rules(&self, book: Option<&str>) -> Result<Vec<crate::books::BookRule>> {
        let mut st = self.conn.prepare_cached(
            "SELECT book, category, country, valid_from, rule FROM book_rules \
             WHERE ?1 IS NULL OR book = ?1 ORDER BY book, category, country, valid_from",
        )?;
        let rows = st.query_map([book], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let raw: Vec<_> = rows.collect::<rusqlite::Result<_>>()?;
        raw.into_iter()
            .map(|(book, category, country, from, rule)| {
                crate::store::sql::book_rule(book, category, &country, from, &rule)
            })
            .collect()
    }

    fn leavers(&self) -> Result<Vec<(PersonId, chrono::NaiveDate)>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT person_id, left_on FROM leavers ORDER BY person_id")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        let raw: Vec<(String, i64)> = rows.collect::<rusqlite::Result<_>>()?;
        raw.into_iter()
            .map(|(id, day)| Ok((PersonId::new(id)?, super::views::from_days(day)?)))
            .collect()
    }

    /// Number of events.
    fn event_count(&self) -> Result<u64> {
        Ok(self.last_position()?.0)
    }
    fn view_of(&self, stream_id: i64, at: ViewsAt) -> Result<Option<AssetView>> {
        self.stored_view(stream_id, at)
    }

    fn views(
        &self,
        at: ViewsAt,
        filter: &FleetFilter,
        narrow: Narrow,
        costs: Costs,
        f: &mut dyn FnMut(AssetView) -> Result<()>,
    ) -> Result<()> {
        self.stored_views(at, filter, narrow, costs, f)
    }

    fn assets_at(
        &self,
        ends: &[i64],
        f: &mut dyn FnMut(usize, &crate::store::AssetAt) -> Result<()>,
    ) -> Result<()> {
        self.stored_assets_at(ends, f)
    }

    fn status_intervals(&self, f: &mut dyn FnMut(Status, i64, i64)) -> Result<()> {
        self.stored_status_intervals(f)
    }

    fn costs_by_month(&self, from: i64, to: i64) -> Result<Vec<(String, Currency, CostSums)>> {
        self.stored_costs_by_month(from, to)
    }

    fn count_groups(
        &self,
        at: ViewsAt,
        filter: &FleetFilter,
        by: &[Dimension],
    ) -> Result<Vec<(GroupKey, u64)>> {
        self.stored_count_groups(at, filter, by)
    }

    fn spend_groups(
        &self,
        at: ViewsAt,
        filter: &FleetFilter,
        by: &[Dimension],
    ) -> Result<Vec<(GroupKey, Currency, CostSums)>> {
        self.stored_spend_groups(at, filter, by)
    }

    fn serials(&self, at: ViewsAt) -> Result<Vec<(String, String)>> {
        self.stored_serials(at)
    }

    fn latest_occurred_at(&self) -> Result<i64> {
        self.stored_latest_occurred_at()
    }
}

/// A fold row from columns `stream_id, version, type, occurred_at,
/// payload, position` (the stream id, column 0, is the caller's).
fn fold_row(r: &Row<'_>) -> Result<FoldRow> {
    let position = r.get::<_, i64>(5)? as u64;
    let ty = type_col(r, 2)?;
    let payload = r.get_ref(4)?.as_str().map_err(rusqlite::Error::from)?;
    Ok(FoldRow {
        position,
        version: r.get::<_, i64>(1)? as u64,
        occurred_at: r.get(3)?,
        event: decode_event(position, ty, payload)?,
    })
}

/// The chain fields of a row selected as `position, asset_id, tag, version,
/// event_id, type, schema_version, occurred_at, recorded_at, actor,
/// correlation_id, payload`.
pub(super) fn chain_link<'r>(
    r: &'r Row<'_>,
    ty: EventType,
) -> rusqlite::Result<crate::chain::Link<'r>> {
    let text = |i| -> rusqlite::Result<&'r str> {
        Ok(r.get_ref(i)?.as_str_or_null()?.unwrap_or_default())
    };
    let blob = |i| -> rusqlite::Result<Option<&'r [u8]>> { Ok(r.get_ref(i)?.as_blob_or_null()?) };
    Ok(crate::chain::Link {
        position: r.get::<_, i64>(0)? as u64,
        asset_id: blob(1)?.unwrap_or_default(),
        tag: text(2)?,
        version: r.get::<_, i64>(3)? as u64,
        event_id: blob(4)?.unwrap_or_default(),
        type_name: ty.name(),
        schema_version: r.get::<_, i64>(6)? as u32,
        occurred_at: r.get(7)?,
        recorded_at: r.get(8)?,
        actor: text(9)?,
        correlation_id: blob(10)?,
        payload: text(11)?,
    })
}

type PersonRow = Result<Person>;

fn person_row(r: &Row<'_>) -> rusqlite::Result<PersonRow> {
    let id: String = r.get(0)?;
    let (name, email, address) = (r.get(1)?, r.get(2)?, r.get(3)?);
    Ok(PersonId::new(id).map(|id| Person {
        id,
        name,
        email,
        address,
    }))
}

fn stream_row(r: &Row<'_>) -> rusqlite::Result<StreamInfo> {
    Ok(StreamInfo {
        stream_id: r.get(0)?,
        asset_id: asset_id_col(r, 1)?,
        tag: r.get(2)?,
    })
}

fn uuid_col(r: &Row<'_>, i: usize) -> rusqlite::Result<Uuid> {
    let b = r.get_ref(i)?.as_blob()?;
    Uuid::from_slice(b).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Blob, Box::new(e))
    })
}

pub(super) fn asset_id_col(r: &Row<'_>, i: usize) -> rusqlite::Result<AssetId> {
    uuid_col(r, i).map(AssetId)
}

pub(super) fn decode_event(position: u64, ty: EventType, payload: &str) -> Result<Event> {
    Event::from_payload_json(ty, payload).map_err(|e| Error::CorruptEvent {
        position,
        reason: e.to_string(),
    })
}

/// An event type stored as its code.
fn type_col(r: &Row<'_>, i: usize) -> Result<EventType> {
    let code: i64 = r.get(i)?;
    EventType::from_code(code).ok_or_else(|| Error::CorruptEvent {
        position: 0,
        reason: format!("unknown event type code {code}"),
    })
}

fn recorded(r: &Row<'_>, asset_id: AssetId, tag: &str) -> Result<RecordedEvent> {
    let position = r.get::<_, i64>(0)? as u64;
    let ty = type_col(r, 3)?;
    let payload = r.get_ref(9)?.as_str().map_err(rusqlite::Error::from)?;
    let event = decode_event(position, ty, payload)?;
    let correlation_id = match r.get_ref(8)? {
        rusqlite::types::ValueRef::Null => None,
        _ => Some(uuid_col(r, 8)?),
    };
    Ok(RecordedEvent {
        position,
        asset_id,
        tag: tag.to_owned(),
        version: r.get::<_, i64>(1)? as u64,
        event_id: EventId(uuid_col(r, 2)?),
        schema_version: r.get::<_, i64>(4)? as u32,
        occurred_at: from_micros(r.get(5)?),
        recorded_at: from_micros(r.get(6)?),
        actor: r.get(7)?,
        correlation_id,
        event,
    })
}
