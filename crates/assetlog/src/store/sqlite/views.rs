//! The view tables: asset facts on `assets`, each asset's states as
//! intervals of valid time in `view_intervals` (the open one, `valid_to =
//! OPEN`, is the current view), and money as rows in `costs`.
//!
//! Every fleet question is SQL over these tables: "now" reads the open
//! intervals through partial indexes; "as of" an instant takes, per asset,
//! the interval that starts last at or before it (one index seek per asset,
//! however long its history). Rows are written only from a
//! [`Timeline`], the fold of the asset's events.

use std::collections::BTreeMap;

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

use super::reader::Reader;
use crate::error::{Error, Result};
use crate::ids::{Country, PersonId};
use crate::lifecycle::Status;
use crate::money::{Currency, Money};
use crate::store::{Costs, Narrow, ReadTx, Save, ViewsAt};
use crate::view::asset::{AssetView, CostSums, PatchInfo};
use crate::view::fleet::{Dimension, FleetFilter, GroupKey};
use crate::view::flows::{AssetFacts, State};
use crate::view::timeline::{CostRow, CostSlot, Timeline};

use crate::store::sql::{
    conditions, corrupt, count_sql, enum_from, enum_name, reads_facts, spend_needs_status,
    spend_sql, Args,
};
pub(super) use crate::store::sql::{days, from_days, OPEN};

/// Parameters of a built query, numbered `?1`, `?2`...
impl Args for Vec<Value> {
    fn int(&mut self, v: i64) -> String {
        self.push(Value::Integer(v));
        format!("?{}", self.len())
    }
    fn text(&mut self, v: &str) -> String {
        self.push(Value::Text(v.to_owned()));
        format!("?{}", self.len())
    }
}

const VIEW_COLUMNS: &str = "a.stream_id, a.asset_id, a.tag, a.category, a.vendor, a.model, \
    a.order_ref, a.ordered_on, a.unit_cost, a.currency, a.warranty_end, a.first_event_at, \
    v.valid_from, v.version, v.status, v.status_since, v.holder, v.department, v.cost_centre, \
    v.location, v.country, v.destination, v.destination_country, v.serial, v.last_seen, \
    v.os_version, v.firmware_version, v.patch_at, v.patch_component, v.patch_version, \
    v.open_tickets, v.return_due, v.return_reason, v.condition, v.wiped, v.retired_reason, \
    v.carrier, v.repairer";

fn micros(t: chrono::DateTime<chrono::Utc>) -> i64 {
    crate::time::to_micros(t)
}

fn instant(us: i64) -> chrono::DateTime<chrono::Utc> {
    crate::time::from_micros(us)
}

/// Write an asset's facts that never change after `ordered`.
fn save_facts(conn: &Connection, stream_id: i64, v: &AssetView) -> Result<()> {
    conn.prepare_cached(
        "UPDATE assets SET category = ?2, vendor = ?3, model = ?4, order_ref = ?5, \
         ordered_on = ?6, unit_cost = ?7, currency = ?8, warranty_end = ?9, first_event_at = ?10 \
         WHERE stream_id = ?1",
    )?
    .execute(params![
        stream_id,
        v.category,
        v.vendor,
        v.model,
        v.order_ref,
        days(v.ordered_on),
        v.unit_cost.minor(),
        v.unit_cost.currency().code(),
        v.warranty_end.map(days),
        micros(v.first_event_at),
    ])?;
    Ok(())
}

fn insert_interval(
    conn: &Connection,
    stream_id: i64,
    from: i64,
    to: i64,
    v: &AssetView,
) -> Result<()> {
    let mut st = conn.prepare_cached(
        "INSERT OR REPLACE INTO view_intervals (stream_id, valid_from, valid_to, version, status, \
         status_since, holder, department, cost_centre, location, country, destination, \
         destination_country, serial, last_seen, os_version, firmware_version, patch_at, \
         patch_component, patch_version, open_tickets, return_due, return_reason, condition, \
         wiped, retired_reason, carrier, repairer) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, \
         ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, \
         ?27, ?28)",
    )?;
    let tickets = (!v.open_tickets.is_empty())
        .then(|| serde_json::to_string(&v.open_tickets).expect("strings serialize"));
    st.execute(params![
        stream_id,
        from,
        to,
        v.version as i64,
        v.status.code(),
        micros(v.status_since),
        v.holder.as_ref().map(PersonId::as_str),
        v.department,
        v.cost_centre,
        v.location,
        v.country.as_ref().map(Country::code),
        v.destination,
        v.destination_country.as_ref().map(Country::code),
        v.serial,
        v.last_seen.map(micros),
        v.os_version,
        v.firmware_version,
        v.last_patch.as_ref().map(|p| micros(p.at)),
        v.last_patch.as_ref().map(|p| p.component.as_str()),
        v.last_patch.as_ref().map(|p| p.version.as_str()),
        tickets,
        v.return_due.map(days),
        v.return_reason.as_ref().map(enum_name),
        v.condition.as_ref().map(enum_name),
        v.wiped,
        v.retired_reason.as_ref().map(enum_name),
        v.carrier,
        v.repairer,
    ])?;
    Ok(())
}

fn insert_cost(conn: &Connection, stream_id: i64, c: &CostRow) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO costs (stream_id, position, slot, occurred_at, currency, amount, holder, \
         department, cost_centre, location, country) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        stream_id,
        c.position as i64,
        c.slot.code(),
        c.occurred_at,
        c.amount.currency().code(),
        c.amount.minor(),
        c.holder.as_ref().map(PersonId::as_str),
        c.department,
        c.cost_centre,
        c.location,
        c.country.as_ref().map(Country::code),
    ])?;
    Ok(())
}

/// Store a timeline's rows.
pub(super) fn save_timeline(
    conn: &Connection,
    stream_id: i64,
    t: &Timeline,
    how: Save,
) -> Result<()> {
    let Some(view) = &t.view else {
        return Ok(());
    };
    match how {
        Save::Fresh => save_facts(conn, stream_id, view)?,
        Save::Replace => {
            conn.prepare_cached("DELETE FROM view_intervals WHERE stream_id = ?1")?
                .execute([stream_id])?;
            conn.prepare_cached("DELETE FROM costs WHERE stream_id = ?1")?
                .execute([stream_id])?;
            save_facts(conn, stream_id, view)?;
        }
        Save::After(open_from) => {
            // Close the stored open interval where the first new one starts
            // (an interval starting at the same instant replaces it).
            if let Some((first, _)) = t.intervals.first() {
                if *first > open_from {
                    conn.prepare_cached(
                        "UPDATE view_intervals SET valid_to = ?3 WHERE stream_id = ?1 AND valid_from = ?2",
                    )?
                    .execute(params![stream_id, open_from, first])?;
                }
            }
        }
    }
    let n = t.intervals.len();
    for (i, (from, v)) in t.intervals.iter().enumerate() {
        let to = if i + 1 < n {
            t.intervals[i + 1].0
        } else {
            OPEN
        };
        insert_interval(conn, stream_id, *from, to, v)?;
    }
    for c in &t.costs {
        insert_cost(conn, stream_id, c)?;
    }
    Ok(())
}

/// Drop every view row (before a rebuild).
pub(super) fn clear(conn: &Connection) -> Result<()> {
    conn.execute_batch("DELETE FROM view_intervals; DELETE FROM costs;")?;
    Ok(())
}

/// Raise the latest occurred_at the log holds (it never goes down).
pub(super) fn raise_latest(conn: &Connection, occurred_at: i64) -> Result<()> {
    conn.prepare_cached(
        "UPDATE log_head SET latest_occurred_at = ?1 WHERE latest_occurred_at < ?1",
    )?
    .execute([occurred_at])?;
    Ok(())
}

/// What a rebuild did: (assets, events).
pub(super) fn rebuild(conn: &Connection, progress: &mut dyn FnMut(u64)) -> Result<(u64, u64)> {
    clear(conn)?;
    let reader = Reader::new(conn);
    let (mut assets, mut events) = (0u64, 0u64);
    let mut latest = 0i64;
    reader.scan_streams(crate::store::Cutoff::default(), &mut |info, rows| {
        if events / 10_000 != (events + rows.len() as u64) / 10_000 {
            progress(events);
        }
        events += rows.len() as u64;
        let t = Timeline::fold(info, &rows)?;
        latest = rows.iter().fold(latest, |l, r| l.max(r.occurred_at));
        if t.view.is_some() {
            assets += 1;
            save_timeline(conn, info.stream_id, &t, Save::Fresh)?;
        }
        Ok(())
    })?;
    conn.execute("UPDATE log_head SET latest_occurred_at = ?1", [latest])?;
    Ok((assets, events))
}

/// The `FROM ... WHERE` part selecting one state per asset.
fn source(at: ViewsAt, args: &mut Vec<Value>) -> String {
    match at {
        ViewsAt::Latest => format!(
            "FROM view_intervals v JOIN assets a ON a.stream_id = v.stream_id WHERE v.valid_to = {OPEN}"
        ),
        ViewsAt::Occurred(_) => source_from_assets(at, args),
    }
}

/// The group key in the first `by.len()` columns of a row.
fn group_key(r: &Row<'_>, by: &[Dimension]) -> Result<GroupKey> {
    by.iter()
        .enumerate()
        .map(|(i, d)| {
            Ok(if *d == Dimension::Status {
                let code: i64 = r.get(i)?;
                Some(
                    Status::from_code(code)
                        .ok_or_else(|| corrupt("status"))?
                        .name()
                        .to_owned(),
                )
            } else {
                r.get::<_, Option<String>>(i)?
            })
        })
        .collect()
}

/// [`source`] for questions that read no asset facts (counts): "now" then
/// reads the partial index alone.
fn source_of_states(at: ViewsAt, args: &mut Vec<Value>) -> String {
    match at {
        ViewsAt::Latest => format!("FROM view_intervals v WHERE v.valid_to = {OPEN}"),
        ViewsAt::Occurred(_) => source_from_assets(at, args),
    }
}

fn source_from_assets(at: ViewsAt, args: &mut Vec<Value>) -> String {
    match at {
        ViewsAt::Latest => unreachable!("only instants are driven from the assets"),
        ViewsAt::Occurred(t) => {
            let t = args.int(t);
            format!(
                "FROM assets a CROSS JOIN view_intervals v WHERE v.stream_id = a.stream_id \
                 AND v.valid_from = (SELECT max(x.valid_from) FROM view_intervals x \
                 WHERE x.stream_id = a.stream_id AND x.valid_from <= {t})"
            )
        }
    }
}

impl Reader<'_> {
    /// A stream's view at a moment, from the stored intervals.
    pub(super) fn stored_view(&self, stream_id: i64, at: ViewsAt) -> Result<Option<AssetView>> {
        // The latest interval is the one that starts last; as of an instant,
        // the one that starts last at or before it. Both are one seek down
        // the primary key.
        let bound = match at {
            ViewsAt::Latest => i64::MAX,
            ViewsAt::Occurred(t) => t,
        };
        let sql = format!(
            "SELECT {VIEW_COLUMNS} FROM view_intervals v JOIN assets a ON a.stream_id = v.stream_id \
             WHERE v.stream_id = ?1 AND v.valid_from <= ?2 ORDER BY v.valid_from DESC LIMIT 1"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let found = st
            .query_row(params![stream_id, bound], |r| Ok(decode(r)))
            .optional()?;
        match found {
            Some(v) => {
                let mut v = v?;
                v.costs = self.cost_sums(stream_id, at)?;
                Ok(Some(v))
            }
            None => Ok(None),
        }
    }

    /// One asset's costs by currency, within a moment.
    fn cost_sums(&self, stream_id: i64, at: ViewsAt) -> Result<BTreeMap<Currency, CostSums>> {
        let bound = match at {
            ViewsAt::Latest => i64::MAX,
            ViewsAt::Occurred(t) => t,
        };
        let mut st = self.conn.prepare_cached(
            "SELECT slot, currency, amount FROM costs WHERE stream_id = ?1 AND occurred_at <= ?2",
        )?;
        let mut rows = st.query(params![stream_id, bound])?;
        let mut out = BTreeMap::<Currency, CostSums>::new();
        while let Some(r) = rows.next()? {
            let slot = CostSlot::from_code(r.get(0)?).ok_or_else(|| corrupt("cost slot"))?;
            let currency = currency_col(r, 1)?;
            let amount: i64 = r.get(2)?;
            let sums = out.entry(currency).or_default();
            let one = match slot {
                CostSlot::Resale => CostSums {
                    resale: amount,
                    ..CostSums::default()
                },
                CostSlot::Cost(kind) => {
                    let mut s = CostSums::default();
                    *s.slot(kind) = amount;
                    s
                }
            };
            sums.add(&one)?;
        }
        Ok(out)
    }

    /// Every view matching a filter and a narrowing at a moment, in the
    /// order the assets were created.
    pub(super) fn stored_views(
        &self,
        at: ViewsAt,
        filter: &FleetFilter,
        narrow: Narrow,
        costs: Costs,
        f: &mut dyn FnMut(AssetView) -> Result<()>,
    ) -> Result<()> {
        let mut args = Vec::new();
        let from = source(at, &mut args);
        let cond = conditions(filter, narrow, &mut args);
        let sql = format!("SELECT {VIEW_COLUMNS} {from}{cond} ORDER BY a.stream_id");
        let mut st = self.conn.prepare_cached(&sql)?;
        let mut rows = st.query(params_from_iter(args))?;
        while let Some(r) = rows.next()? {
            let stream_id: i64 = r.get(0)?;
            let mut v = decode(r)?;
            if costs == Costs::With {
                v.costs = self.cost_sums(stream_id, at)?;
            }
            f(v)?;
        }
        Ok(())
    }

    /// Asset counts grouped by dimensions, of the views matching a filter.
    pub(super) fn stored_count_groups(
        &self,
        at: ViewsAt,
        filter: &FleetFilter,
        by: &[Dimension],
    ) -> Result<Vec<(GroupKey, u64)>> {
        let mut args = Vec::new();
        let from = if reads_facts(filter, by) {
            source(at, &mut args)
        } else {
            source_of_states(at, &mut args)
        };
        let cond = conditions(filter, Narrow::None, &mut args);
        let sql = count_sql(&from, &cond, by);
        let mut st = self.conn.prepare_cached(&sql)?;
        let mut rows = st.query(params_from_iter(args))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let n: i64 = r.get(by.len())?;
            if n > 0 {
                out.push((group_key(r, by)?, n as u64));
            }
        }
        Ok(out)
    }

    /// Costs that arose by a moment, grouped, by currency: a cost counts
    /// when the holder, department, location and country in force when it
    /// arose match the filter, the asset is of the filter's category, and
    /// the asset is in the filter's status at that moment.
    pub(super) fn stored_spend_groups(
        &self,
        at: ViewsAt,
        filter: &FleetFilter,
        by: &[Dimension],
    ) -> Result<Vec<(GroupKey, Currency, CostSums)>> {
        let mut args = Vec::new();
        // the asset's status at the moment asked
        let states = spend_needs_status(filter, by).then(|| source_of_states(at, &mut args));
        let sql = spend_sql(
            at,
            filter,
            by,
            states.as_deref(),
            "sum(c.amount)",
            &mut args,
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let mut rows = st.query(params_from_iter(args)).map_err(sum_overflow)?;
        let mut sums = BTreeMap::<(GroupKey, Currency), CostSums>::new();
        while let Some(r) = rows.next().map_err(sum_overflow)? {
            let key = group_key(r, by)?;
            let currency = currency_col(r, by.len())?;
            let slot =
                CostSlot::from_code(r.get(by.len() + 1)?).ok_or_else(|| corrupt("cost slot"))?;
            let amount: i64 = r.get(by.len() + 2)?;
            let s = sums.entry((key, currency)).or_default();
            match slot {
                CostSlot::Resale => s.resale = amount,
                CostSlot::Cost(kind) => *s.slot(kind) = amount,
            }
        }
        Ok(sums.into_iter().map(|((k, c), s)| (k, c, s)).collect())
    }

    /// The intervals covering any of `ends`, with their asset's facts.
    pub(super) fn stored_assets_at(
        &self,
        ends: &[i64],
        f: &mut dyn FnMut(usize, &crate::store::AssetAt) -> Result<()>,
    ) -> Result<()> {
        if ends.is_empty() {
            return Ok(());
        }
        let covers: Vec<String> = (1..=ends.len())
            .map(|i| format!("(v.valid_from <= ?{i} AND v.valid_to > ?{i})"))
            .collect();
        let sql = format!(
            "SELECT v.valid_from, v.valid_to, v.status, v.status_since, v.country, a.category, \
             a.unit_cost, a.currency, a.ordered_on FROM view_intervals v \
             JOIN assets a ON a.stream_id = v.stream_id WHERE {}",
            covers.join(" OR ")
        );
        let mut st = self.conn.prepare(&sql)?;
        let mut rows = st.query(params_from_iter(ends.iter()))?;
        while let Some(r) = rows.next()? {
            let (from, to): (i64, i64) = (r.get(0)?, r.get(1)?);
            let currency = currency_col(r, 7)?;
            let at = crate::store::AssetAt {
                category: r.get(5)?,
                country: country_col(r, 4)?,
                status: Status::from_code(r.get(2)?).ok_or_else(|| corrupt("status"))?,
                status_since: r.get(3)?,
                unit_cost: Money::from_minor(r.get(6)?, currency),
                ordered_on: from_days(r.get(8)?)?,
            };
            let first = ends.partition_point(|e| *e < from);
            for (i, end) in ends.iter().enumerate().skip(first) {
                if *end >= to {
                    break;
                }
                f(i, &at)?;
            }
        }
        Ok(())
    }

    /// Every interval's status and valid time, in table order (one pass).
    pub(super) fn stored_status_intervals(
        &self,
        f: &mut dyn FnMut(Status, i64, i64),
    ) -> Result<()> {
        let mut st = self
            .conn
            .prepare_cached("SELECT status, valid_from, valid_to FROM view_intervals")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let status = Status::from_code(r.get(0)?).ok_or_else(|| corrupt("status"))?;
            f(status, r.get(1)?, r.get(2)?);
        }
        Ok(())
    }

    /// Costs within `[from, to]` summed by UTC month and currency.
    pub(super) fn stored_costs_by_month(
        &self,
        from: i64,
        to: i64,
    ) -> Result<Vec<(String, Currency, CostSums)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT strftime('%Y-%m', occurred_at / 1000000, 'unixepoch') AS month, currency, \
             slot, sum(amount) FROM costs WHERE occurred_at BETWEEN ?1 AND ?2 \
             GROUP BY month, currency, slot ORDER BY month, currency",
        )?;
        let mut rows = st.query([from, to]).map_err(sum_overflow)?;
        let mut sums = BTreeMap::<(String, Currency), CostSums>::new();
        while let Some(r) = rows.next().map_err(sum_overflow)? {
            let month: String = r.get(0)?;
            let currency = currency_col(r, 1)?;
            let slot = CostSlot::from_code(r.get(2)?).ok_or_else(|| corrupt("cost slot"))?;
            let amount: i64 = r.get(3)?;
            let s = sums.entry((month, currency)).or_default();
            match slot {
                CostSlot::Resale => s.resale = amount,
                CostSlot::Cost(kind) => *s.slot(kind) = amount,
            }
        }
        Ok(sums.into_iter().map(|((m, c), s)| (m, c, s)).collect())
    }

    /// Every asset's facts and the states where its status changed, up to
    /// a moment, asset by asset. The flows are made of status spans, so the
    /// intervals that only carried a check-in, patch or move are skipped
    /// (about two in three); the assets' facts are read alongside in one
    /// ordered pass instead of a lookup per asset.
    pub(super) fn stored_states(
        &self,
        at: ViewsAt,
        f: &mut dyn FnMut(&AssetFacts, &[State]) -> Result<()>,
    ) -> Result<()> {
        let bound = match at {
            ViewsAt::Latest => i64::MAX,
            ViewsAt::Occurred(t) => t,
        };
        let mut st = self.conn.prepare_cached(
            "SELECT stream_id, valid_from, status, country, return_due, condition, carrier, \
             repairer FROM view_intervals WHERE valid_from <= ?1 AND status_since = valid_from \
             ORDER BY stream_id, valid_from",
        )?;
        let mut facts_st = self.conn.prepare_cached(
            "SELECT stream_id, tag, category, vendor, model, unit_cost, currency, ordered_on \
             FROM assets ORDER BY stream_id",
        )?;
        let mut assets = facts_st.query([])?;
        let mut rows = st.query([bound])?;
        let mut current: Option<(i64, AssetFacts)> = None;
        let mut states: Vec<State> = Vec::new();
        while let Some(r) = rows.next()? {
            let sid: i64 = r.get(0)?;
            if current.as_ref().is_none_or(|(c, _)| *c != sid) {
                if let Some((_, facts)) = &current {
                    f(facts, &states)?;
                }
                states.clear();
                // both passes go up by stream id: advance the assets to this one
                let a = loop {
                    let a = assets
                        .next()?
                        .ok_or_else(|| corrupt("asset of an interval"))?;
                    if a.get::<_, i64>(0)? == sid {
                        break a;
                    }
                };
                let currency: String = a.get(6)?;
                let currency = Currency::new(&currency).map_err(|_| corrupt(&currency))?;
                current = Some((
                    sid,
                    AssetFacts {
                        tag: a.get(1)?,
                        category: a.get(2)?,
                        vendor: a.get(3)?,
                        model: a.get(4)?,
                        unit_cost: Money::from_minor(a.get(5)?, currency),
                        ordered_on: from_days(a.get(7)?)?,
                    },
                ));
            }
            states.push(State {
                from: r.get(1)?,
                status: Status::from_code(r.get(2)?).ok_or_else(|| corrupt("status"))?,
                country: country_col(r, 3)?,
                return_due: r.get::<_, Option<i64>>(4)?.map(from_days).transpose()?,
                condition: enum_from(r.get::<_, Option<String>>(5)?)?,
                carrier: r.get(6)?,
                repairer: r.get(7)?,
            });
        }
        if let Some((_, facts)) = &current {
            f(facts, &states)?;
        }
        Ok(())
    }

    /// (tag, serial) of every asset with a serial at a moment.
    pub(super) fn stored_serials(&self, at: ViewsAt) -> Result<Vec<(String, String)>> {
        let mut args = Vec::new();
        let from = source(at, &mut args);
        let sql =
            format!("SELECT a.tag, v.serial {from} AND v.serial IS NOT NULL ORDER BY a.stream_id");
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(params_from_iter(args), |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The latest occurred_at of any event in the log (0 when empty).
    pub(super) fn stored_latest_occurred_at(&self) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT latest_occurred_at FROM log_head")?
            .query_row([], |r| r.get(0))
            .optional()?
            .unwrap_or(0))
    }
}

/// A SUM past i64 is an amount overflow, not a storage error.
fn sum_overflow(e: rusqlite::Error) -> Error {
    match &e {
        rusqlite::Error::SqliteFailure(_, Some(m)) if m.contains("overflow") => {
            Error::AmountOverflow {
                what: "spend total".into(),
            }
        }
        _ => Error::from(e),
    }
}

fn currency_col(r: &Row<'_>, i: usize) -> Result<Currency> {
    let s = r.get_ref(i)?.as_str().map_err(rusqlite::Error::from)?;
    Currency::new(s).map_err(|_| corrupt(s))
}

fn country_col(r: &Row<'_>, i: usize) -> Result<Option<Country>> {
    match r
        .get_ref(i)?
        .as_str_or_null()
        .map_err(rusqlite::Error::from)?
    {
        Some(s) => Country::new(s).map(Some).map_err(|_| corrupt(s)),
        None => Ok(None),
    }
}

fn person_col(r: &Row<'_>, i: usize) -> Result<Option<PersonId>> {
    r.get::<_, Option<String>>(i)?
        .map(|s| PersonId::new(s.clone()).map_err(|_| corrupt(&s)))
        .transpose()
}

/// A view from a row of [`VIEW_COLUMNS`] (costs are added by the caller).
fn decode(r: &Row<'_>) -> Result<AssetView> {
    let asset_id = super::reader::asset_id_col(r, 1)?;
    let currency = currency_col(r, 9)?;
    let status = Status::from_code(r.get(14)?).ok_or_else(|| corrupt("status"))?;
    let patch_at: Option<i64> = r.get(27)?;
    let last_patch = match patch_at {
        Some(at) => Some(PatchInfo {
            at: instant(at),
            component: r.get(28)?,
            version: r.get(29)?,
        }),
        None => None,
    };
    let tickets: Option<String> = r.get(30)?;
    let open_tickets = match tickets {
        Some(t) => serde_json::from_str(&t).map_err(|_| corrupt(&t))?,
        None => Vec::new(),
    };
    Ok(AssetView {
        asset_id,
        tag: r.get(2)?,
        status,
        version: r.get::<_, i64>(13)? as u64,
        category: r.get(3)?,
        vendor: r.get(4)?,
        model: r.get(5)?,
        serial: r.get(23)?,
        order_ref: r.get(6)?,
        ordered_on: from_days(r.get(7)?)?,
        unit_cost: Money::from_minor(r.get(8)?, currency),
        warranty_end: r.get::<_, Option<i64>>(10)?.map(from_days).transpose()?,
        holder: person_col(r, 16)?,
        department: r.get(17)?,
        cost_centre: r.get(18)?,
        location: r.get(19)?,
        country: country_col(r, 20)?,
        destination: r.get(21)?,
        destination_country: country_col(r, 22)?,
        last_seen: r.get::<_, Option<i64>>(24)?.map(instant),
        os_version: r.get(25)?,
        firmware_version: r.get(26)?,
        last_patch,
        open_tickets,
        return_due: r.get::<_, Option<i64>>(31)?.map(from_days).transpose()?,
        return_reason: enum_from(r.get::<_, Option<String>>(32)?)?,
        condition: enum_from(r.get::<_, Option<String>>(33)?)?,
        wiped: r.get(34)?,
        retired_reason: enum_from(r.get::<_, Option<String>>(35)?)?,
        carrier: r.get(36)?,
        repairer: r.get(37)?,
        status_since: instant(r.get(15)?),
        first_event_at: instant(r.get(11)?),
        last_event_at: instant(r.get(12)?),
        costs: BTreeMap::new(),
    })
}
