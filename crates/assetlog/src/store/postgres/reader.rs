//! Read queries: streams, events, the change feed, people, on one
//! transaction. Long scans fetch their rows through a portal, a chunk at a
//! time, so memory holds a chunk, never the log, and the caller's callback
//! may run other queries on the same transaction between chunks.

use std::cell::RefCell;
use std::collections::HashMap;

use postgres::types::ToSql;
use postgres::{Row, Statement, Transaction};
use uuid::Uuid;

use super::pending::Pending;
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

/// Rows fetched from a portal at a time.
const CHUNK: i32 = 2_000;

pub(super) type Params<'p> = &'p [&'p (dyn ToSql + Sync)];

const EVENT_COLUMNS: &str = "e.position, e.version, e.event_id, e.type, e.schema_version, \
     e.occurred_at, e.recorded_at, e.actor, e.correlation_id, e.payload";

/// Read access to one transaction (and the rows its writes have yet to send).
pub(crate) struct Reader<'t> {
    tx: RefCell<Transaction<'t>>,
    stmts: RefCell<&'t mut HashMap<String, Statement>>,
    pub(super) pending: RefCell<Pending>,
    /// In a write transaction: the chain head, from the head row the
    /// writer locked, moved on by each event it inserts.
    pub(super) head: std::cell::Cell<Option<(u64, Option<i64>, crate::chain::Hash)>>,
}

impl<'t> Reader<'t> {
    pub(super) fn new(tx: Transaction<'t>, stmts: &'t mut HashMap<String, Statement>) -> Self {
        Reader {
            tx: RefCell::new(tx),
            stmts: RefCell::new(stmts),
            pending: RefCell::new(Pending::default()),
            head: std::cell::Cell::new(None),
        }
    }

    /// The transaction, once every pending row is sent.
    pub(super) fn finish(self) -> Result<Transaction<'t>> {
        self.flush()?;
        Ok(self.tx.into_inner())
    }

    /// Send the pending rows (before any statement that may read them).
    pub(super) fn flush(&self) -> Result<()> {
        if self.pending.borrow().is_empty() {
            return Ok(());
        }
        let mut pending = std::mem::take(&mut *self.pending.borrow_mut());
        pending.send(&mut |sql, params| {
            let mut tx = self.tx.borrow_mut();
            let st = self.stmt(&mut tx, sql)?;
            tx.execute(&st, params)?;
            Ok(())
        })
    }

    /// Send the pending rows when there are many.
    pub(super) fn flush_if_full(&self) -> Result<()> {
        if self.pending.borrow().len() >= super::pending::FLUSH_AT {
            self.flush()?;
        }
        Ok(())
    }

    fn stmt(&self, tx: &mut Transaction<'t>, sql: &str) -> Result<Statement> {
        if let Some(s) = self.stmts.borrow().get(sql) {
            return Ok(s.clone());
        }
        let s = tx.prepare(sql)?;
        self.stmts.borrow_mut().insert(sql.to_owned(), s.clone());
        Ok(s)
    }

    /// Every row of a query.
    pub(super) fn query(&self, sql: &str, params: Params<'_>) -> Result<Vec<Row>> {
        self.flush()?;
        let mut tx = self.tx.borrow_mut();
        let st = self.stmt(&mut tx, sql)?;
        Ok(tx.query(&st, params)?)
    }

    /// At most one row.
    pub(super) fn query_opt(&self, sql: &str, params: Params<'_>) -> Result<Option<Row>> {
        self.flush()?;
        let mut tx = self.tx.borrow_mut();
        let st = self.stmt(&mut tx, sql)?;
        Ok(tx.query_opt(&st, params)?)
    }

    /// A statement's row count.
    pub(super) fn execute(&self, sql: &str, params: Params<'_>) -> Result<u64> {
        self.flush()?;
        let mut tx = self.tx.borrow_mut();
        let st = self.stmt(&mut tx, sql)?;
        Ok(tx.execute(&st, params)?)
    }

    /// Several statements, no parameters.
    pub(super) fn batch(&self, sql: &str) -> Result<()> {
        self.flush()?;
        Ok(self.tx.borrow_mut().batch_execute(sql)?)
    }

    /// Each row of a query, a chunk at a time, until `f` returns false.
    pub(super) fn each(
        &self,
        sql: &str,
        params: Params<'_>,
        f: &mut dyn FnMut(&Row) -> Result<bool>,
    ) -> Result<()> {
        self.flush()?;
        let portal = {
            let mut tx = self.tx.borrow_mut();
            let st = self.stmt(&mut tx, sql)?;
            tx.bind(&st, params)?
        };
        loop {
            let rows = self.tx.borrow_mut().query_portal(&portal, CHUNK)?;
            for r in &rows {
                if !f(r)? {
                    return Ok(());
                }
            }
            if rows.len() < CHUNK as usize {
                return Ok(());
            }
        }
    }
}

pub(super) fn opt_i64(v: Option<u64>) -> Option<i64> {
    v.map(|p| p as i64)
}

impl ReadTx for Reader<'_> {
    fn stream_by_tag(&self, tag: &str) -> Result<Option<StreamInfo>> {
        self.query_opt(
            "SELECT stream_id, asset_id, tag FROM assets WHERE tag_key = $1",
            &[&tag.to_ascii_lowercase()],
        )?
        .map(|r| stream_row(&r))
        .transpose()
    }

    fn stream_by_id(&self, id: &AssetId) -> Result<Option<StreamInfo>> {
        self.query_opt(
            "SELECT stream_id, asset_id, tag FROM assets WHERE asset_id = $1",
            &[&id.0.as_bytes().as_slice()],
        )?
        .map(|r| stream_row(&r))
        .transpose()
    }

    fn asset_count(&self) -> Result<u64> {
        let n: i64 = self
            .query_opt("SELECT count(*) FROM assets", &[])?
            .map_or(0, |r| r.get(0));
        Ok(n as u64)
    }

    fn event_count(&self) -> Result<u64> {
        Ok(self.chain_head()?.0)
    }

    fn chain_head(&self) -> Result<(u64, Option<i64>, crate::chain::Hash)> {
        if let Some(head) = self.head.get() {
            return Ok(head);
        }
        let row = self.query_opt(
            "SELECT position, recorded_at, hash FROM events ORDER BY position DESC LIMIT 1",
            &[],
        )?;
        Ok(match row {
            Some(r) => {
                let mut h = crate::chain::GENESIS;
                let b: &[u8] = r.get(2);
                if b.len() == 32 {
                    h.copy_from_slice(b);
                }
                (r.get::<_, i64>(0) as u64, Some(r.get(1)), h)
            }
            None => (0, None, crate::chain::GENESIS),
        })
    }

    fn scan_chain(&self, f: &mut ChainVisitor<'_>) -> Result<()> {
        self.each(
            "SELECT e.position, a.asset_id, a.tag, e.version, e.event_id, e.type, e.schema_version, \
             e.occurred_at, e.recorded_at, e.actor, e.correlation_id, e.payload, e.hash \
             FROM events e LEFT JOIN assets a ON a.stream_id = e.stream_id ORDER BY e.position",
            &[],
            &mut |r| {
                let ty = type_of(r.get(5))?;
                let link = crate::chain::Link {
                    position: r.get::<_, i64>(0) as u64,
                    asset_id: r.get::<_, Option<&[u8]>>(1).unwrap_or_default(),
                    tag: r.get::<_, Option<&str>>(2).unwrap_or_default(),
                    version: r.get::<_, i64>(3) as u64,
                    event_id: r.get(4),
                    type_name: ty.name(),
                    schema_version: r.get::<_, i64>(6) as u32,
                    occurred_at: r.get(7),
                    recorded_at: r.get(8),
                    actor: r.get(9),
                    correlation_id: r.get(10),
                    payload: r.get(11),
                };
                f(&link, r.get::<_, Option<&[u8]>>(12))
            },
        )
    }

    fn position_recorded_by(&self, micros: i64) -> Result<u64> {
        // recorded_at never decreases along positions: a binary search
        let (last, _, _) = self.chain_head()?;
        let (mut lo, mut hi) = (0u64, last);
        while lo < hi {
            let mid = lo + (hi - lo).div_ceil(2);
            let at: i64 = self
                .query_opt(
                    "SELECT recorded_at FROM events WHERE position = $1",
                    &[&(mid as i64)],
                )?
                .map_or(i64::MAX, |r| r.get(0));
            if at <= micros {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        Ok(lo)
    }

    fn find_event(&self, id: &EventId) -> Result<Option<StoredEventRef>> {
        self.query_opt(
            "SELECT position, stream_id, version, type, payload, occurred_at, actor \
             FROM events WHERE event_id = $1",
            &[&id.0.as_bytes().as_slice()],
        )?
        .map(|r| {
            Ok(StoredEventRef {
                position: r.get::<_, i64>(0) as u64,
                stream_id: r.get(1),
                version: r.get::<_, i64>(2) as u64,
                event_type: type_of(r.get(3))?,
                payload: r.get(4),
                occurred_at: r.get(5),
                actor: r.get(6),
            })
        })
        .transpose()
    }

    fn read_stream(&self, s: &StreamInfo, cut: Cutoff) -> Result<Vec<RecordedEvent>> {
        let rows = self.query(
            &format!(
                "SELECT {EVENT_COLUMNS} FROM events e WHERE e.stream_id = $1 \
                 AND ($2::bigint IS NULL OR e.occurred_at <= $2) \
                 AND ($3::bigint IS NULL OR e.position <= $3) ORDER BY e.version"
            ),
            &[&s.stream_id, &cut.occurred_max, &opt_i64(cut.position_max)],
        )?;
        rows.iter()
            .map(|r| recorded(r, s.asset_id, &s.tag))
            .collect()
    }

    fn feed(&self, after: u64, limit: usize) -> Result<Vec<RecordedEvent>> {
        let rows = self.query(
            &format!(
                "SELECT {EVENT_COLUMNS}, a.asset_id, a.tag FROM events e \
                 JOIN assets a ON a.stream_id = e.stream_id \
                 WHERE e.position > $1 ORDER BY e.position LIMIT $2"
            ),
            &[&(after as i64), &(limit as i64)],
        )?;
        rows.iter()
            .map(|r| {
                let asset_id = asset_id_of(r.get(10))?;
                recorded(r, asset_id, r.get(11))
            })
            .collect()
    }

    fn scan_streams(
        &self,
        cut: Cutoff,
        f: &mut dyn FnMut(&StreamInfo, Vec<FoldRow>) -> Result<()>,
    ) -> Result<()> {
        let mut current: Option<StreamInfo> = None;
        let mut batch: Vec<FoldRow> = Vec::new();
        let mut flush = |info: &StreamInfo, batch: &mut Vec<FoldRow>| -> Result<()> {
            let mut rows = std::mem::take(batch);
            rows.sort_by_key(|r| (r.occurred_at, r.version));
            f(info, rows)
        };
        self.each(
            "SELECT e.stream_id, e.version, e.type, e.occurred_at, e.payload, e.position, \
             a.asset_id, a.tag FROM events e JOIN assets a ON a.stream_id = e.stream_id \
             WHERE ($1::bigint IS NULL OR e.occurred_at <= $1) \
             AND ($2::bigint IS NULL OR e.position <= $2) ORDER BY e.stream_id, e.version",
            &[&cut.occurred_max, &opt_i64(cut.position_max)],
            &mut |r| {
                let sid: i64 = r.get(0);
                if current.as_ref().is_none_or(|c| c.stream_id != sid) {
                    if let Some(prev) = current.take() {
                        flush(&prev, &mut batch)?;
                    }
                    current = Some(StreamInfo {
                        stream_id: sid,
                        asset_id: asset_id_of(r.get(6))?,
                        tag: r.get(7),
                    });
                }
                batch.push(fold_row(r)?);
                Ok(true)
            },
        )?;
        if let Some(prev) = current {
            flush(&prev, &mut batch)?;
        }
        Ok(())
    }

    fn fold_rows(&self, stream_id: i64) -> Result<Vec<FoldRow>> {
        self.query(
            "SELECT stream_id, version, type, occurred_at, payload, position FROM events \
             WHERE stream_id = $1 ORDER BY occurred_at, version",
            &[&stream_id],
        )?
        .iter()
        .map(fold_row)
        .collect()
    }

    fn license_streams(&self) -> Result<Vec<StreamInfo>> {
        self.query(
            "SELECT a.stream_id, a.asset_id, a.tag FROM assets a \
             JOIN events e ON e.stream_id = a.stream_id AND e.version = 1 \
             WHERE e.type = $1 ORDER BY a.stream_id",
            &[&EventType::LicensePurchased.code()],
        )?
        .iter()
        .map(stream_row)
        .collect()
    }

    fn software_events(
        &self,
        cut: Cutoff,
        f: &mut dyn FnMut(AssetId, FoldRow) -> Result<()>,
    ) -> Result<()> {
        self.each(
            "SELECT a.asset_id, e.version, e.type, e.occurred_at, e.payload, e.position \
             FROM events e JOIN assets a ON a.stream_id = e.stream_id \
             WHERE e.type IN ($1, $2) AND ($3::bigint IS NULL OR e.occurred_at <= $3) \
             AND ($4::bigint IS NULL OR e.position <= $4) \
             ORDER BY e.stream_id, e.occurred_at, e.version",
            &[
                &EventType::SoftwareInstalled.code(),
                &EventType::SoftwareRemoved.code(),
                &cut.occurred_max,
                &opt_i64(cut.position_max),
            ],
            &mut |r| {
                f(asset_id_of(r.get(0))?, fold_row(r)?)?;
                Ok(true)
            },
        )
    }

    fn license_state(&self, stream_id: i64) -> Result<Option<String>> {
        Ok(self
            .query_opt(
                "SELECT state FROM license_states WHERE stream_id = $1",
                &[&stream_id],
            )?
            .map(|r| r.get(0)))
    }

    fn license_key(&self, stream_id: i64) -> Result<Option<String>> {
        Ok(self
            .query_opt(
                "SELECT key FROM license_keys WHERE stream_id = $1",
                &[&stream_id],
            )?
            .map(|r| r.get(0)))
    }

    fn person(&self, id: &PersonId) -> Result<Option<Person>> {
        self.query_opt(
            "SELECT person_id, name, email, address FROM people WHERE person_id = $1",
            &[&id.as_str()],
        )?
        .map(|r| person_row(&r))
        .transpose()
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

    fn serials(&self, at: ViewsAt) -> Result<Vec<(String, String)>> {
        self.stored_serials(at)
    }

    fn latest_occurred_at(&self) -> Result<i64> {
        Ok(self
            .query_opt("SELECT latest_occurred_at FROM log_head", &[])?
            .map_or(0, |r| r.get(0)))
    }

    fn serial_holder(&self, serial: &str, except_stream: i64) -> Result<Option<String>> {
        Ok(self
            .query_opt(
                "SELECT a.tag FROM view_intervals v JOIN assets a ON a.stream_id = v.stream_id \
                 WHERE v.valid_to = 9223372036854775807 AND v.serial IS NOT NULL \
                 AND upper(btrim(v.serial)) = upper(btrim($1 COLLATE \"C\")) AND v.stream_id <> $2 LIMIT 1",
                &[&serial, &except_stream],
            )?
            .map(|r| r.get(0)))
    }

    fn people(&self, f: &mut dyn FnMut(Person) -> Result<()>) -> Result<()> {
        self.each(
            "SELECT person_id, name, email, address FROM people ORDER BY person_id",
            &[],
            &mut |r| {
                f(person_row(r)?)?;
                Ok(true)
            },
        )
    }

    fn find_people(&self, email_or_name: &str) -> Result<Vec<Person>> {
        self.query(
            "SELECT person_id, name, email, address FROM people \
             WHERE lower(email) = lower($1 COLLATE \"C\") OR lower(name) = lower($1 COLLATE \"C\") ORDER BY person_id",
            &[&email_or_name.trim()],
        )?
        .iter()
        .map(person_row)
        .collect()
    }

    fn left_on(&self, id: &PersonId) -> Result<Option<chrono::NaiveDate>> {
        self.query_opt(
            "SELECT left_on FROM leavers WHERE person_id = $1",
            &[&id.as_str()],
        )?
        .map(|r| super::views::from_days(r.get(0)))
        .transpose()
    }

    fn leavers(&self) -> Result<Vec<(PersonId, chrono::NaiveDate)>> {
        self.query(
            "SELECT person_id, left_on FROM leavers ORDER BY person_id",
            &[],
        )?
        .iter()
        .map(|r| {
            Ok((
                PersonId::new(r.get::<_, String>(0))?,
                super::views::from_days(r.get(1))?,
            ))
        })
        .collect()
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
        self.query(
            "SELECT book, category, country, valid_from, rule FROM book_rules \
             WHERE $1::text IS NULL OR book = $1 ORDER BY book, lower(category), country, valid_from",
            &[&book],
        )?
        .iter()
        .map(|r| {
            crate::store::sql::book_rule(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4))
        })
        .collect()
    }
}

/// A fold row from columns `stream_id, version, type, occurred_at,
/// payload, position`.
fn fold_row(r: &Row) -> Result<FoldRow> {
    let position = r.get::<_, i64>(5) as u64;
    let ty = type_of(r.get(2))?;
    Ok(FoldRow {
        position,
        version: r.get::<_, i64>(1) as u64,
        occurred_at: r.get(3),
        event: decode_event(position, ty, r.get(4))?,
    })
}

fn person_row(r: &Row) -> Result<Person> {
    Ok(Person {
        id: PersonId::new(r.get::<_, String>(0))?,
        name: r.get(1),
        email: r.get(2),
        address: r.get(3),
    })
}

fn stream_row(r: &Row) -> Result<StreamInfo> {
    Ok(StreamInfo {
        stream_id: r.get(0),
        asset_id: asset_id_of(r.get(1))?,
        tag: r.get(2),
    })
}

fn uuid_of(b: &[u8]) -> Result<Uuid> {
    Uuid::from_slice(b).map_err(|_| Error::CorruptEvent {
        position: 0,
        reason: "a stored id is not 16 bytes".into(),
    })
}

pub(super) fn asset_id_of(b: &[u8]) -> Result<AssetId> {
    uuid_of(b).map(AssetId)
}

fn decode_event(position: u64, ty: EventType, payload: &str) -> Result<Event> {
    Event::from_payload_json(ty, payload).map_err(|e| Error::CorruptEvent {
        position,
        reason: e.to_string(),
    })
}

/// An event type stored as its code.
fn type_of(code: i64) -> Result<EventType> {
    EventType::from_code(code).ok_or_else(|| Error::CorruptEvent {
        position: 0,
        reason: format!("unknown event type code {code}"),
    })
}

fn recorded(r: &Row, asset_id: AssetId, tag: &str) -> Result<RecordedEvent> {
    let position = r.get::<_, i64>(0) as u64;
    let ty = type_of(r.get(3))?;
    let event = decode_event(position, ty, r.get(9))?;
    Ok(RecordedEvent {
        position,
        asset_id,
        tag: tag.to_owned(),
        version: r.get::<_, i64>(1) as u64,
        event_id: EventId(uuid_of(r.get(2))?),
        schema_version: r.get::<_, i64>(4) as u32,
        occurred_at: from_micros(r.get(5)),
        recorded_at: from_micros(r.get(6)),
        actor: r.get(7),
        correlation_id: r.get::<_, Option<&[u8]>>(8).map(uuid_of).transpose()?,
        event,
    })
}
