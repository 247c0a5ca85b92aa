//! The view tables on PostgreSQL: the same layout and questions as the
//! SQLite backend's (`../sqlite/views.rs` explains the design): asset facts
//! on `assets`, each asset's states as intervals of valid time in
//! `view_intervals` (the open one, `valid_to = OPEN`, is the current view),
//! money as rows in `costs`. The fleet filter's conditions are shared
//! ([`crate::store::sql`]); this file holds what differs: placeholders,
//! types, and the statements that write.

use std::collections::{BTreeMap, HashMap};

use postgres::types::ToSql;
use postgres::Row;

use super::reader::{asset_id_of, Reader};
use crate::error::{Error, Result};
use crate::ids::{Country, PersonId};
use crate::lifecycle::Status;
use crate::money::{Currency, Money};
use crate::store::sql::{
    conditions, count_sql, enum_from, reads_facts, spend_needs_status, spend_sql, Args, OPEN,
};
use crate::store::{Costs, Narrow, ReadTx, Save, ViewsAt};
use crate::view::asset::{AssetView, CostSums, PatchInfo};
use crate::view::fleet::{Dimension, FleetFilter, GroupKey};
use crate::view::flows::{AssetFacts, State};
use crate::view::timeline::{CostSlot, Timeline};

pub(super) use crate::store::sql::{days, from_days};

const VIEW_COLUMNS: &str = "a.stream_id, a.asset_id, a.tag, a.category, a.vendor, a.model, \
    a.order_ref, a.ordered_on, a.unit_cost, a.currency, a.warranty_end, a.first_event_at, \
    v.valid_from, v.version, v.status, v.status_since, v.holder, v.department, v.cost_centre, \
    v.location, v.country, v.destination, v.destination_country, v.serial, v.last_seen, \
    v.os_version, v.firmware_version, v.patch_at, v.patch_component, v.patch_version, \
    v.open_tickets, v.return_due, v.return_reason, v.condition, v.wiped, v.retired_reason, \
    v.carrier, v.repairer";

/// Parameters of a built query, numbered `$1`, `$2`...
#[derive(Default)]
struct PgArgs(Vec<Box<dyn ToSql + Sync>>);

impl Args for PgArgs {
    fn int(&mut self, v: i64) -> String {
        self.0.push(Box::new(v));
        format!("${}::bigint", self.0.len())
    }
    fn text(&mut self, v: &str) -> String {
        self.0.push(Box::new(v.to_owned()));
        format!("${}::text", self.0.len())
    }
}

impl PgArgs {
    fn refs(&self) -> Vec<&(dyn ToSql + Sync)> {
        self.0.iter().map(|b| &**b as &(dyn ToSql + Sync)).collect()
    }
}

fn corrupt(what: &str) -> Error {
    crate::store::sql::corrupt(what)
}

fn instant(us: i64) -> chrono::DateTime<chrono::Utc> {
    crate::time::from_micros(us)
}

/// Store a timeline's rows.
pub(super) fn save_timeline(r: &Reader<'_>, stream_id: i64, t: &Timeline, how: Save) -> Result<()> {
    let Some(view) = &t.view else {
        return Ok(());
    };
    match how {
        Save::Fresh => r.pending.borrow_mut().facts(stream_id, view),
        Save::Replace => {
            r.execute(
                "DELETE FROM view_intervals WHERE stream_id = $1",
                &[&stream_id],
            )?;
            r.execute("DELETE FROM costs WHERE stream_id = $1", &[&stream_id])?;
            r.pending.borrow_mut().facts(stream_id, view);
        }
        Save::After(open_from) => {
            if let Some((first, _)) = t.intervals.first() {
                if *first > open_from {
                    r.pending.borrow_mut().close(stream_id, open_from, *first);
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
        r.pending.borrow_mut().interval(stream_id, *from, to, v);
    }
    for c in &t.costs {
        r.pending.borrow_mut().cost(stream_id, c);
    }
    r.flush_if_full()
}

/// Throw every view row away and fold them again: (assets, events).
pub(super) fn rebuild(r: &Reader<'_>, progress: &mut dyn FnMut(u64)) -> Result<(u64, u64)> {
    r.batch("DELETE FROM view_intervals; DELETE FROM costs;")?;
    let (mut assets, mut events) = (0u64, 0u64);
    let mut latest = 0i64;
    r.scan_streams(crate::store::Cutoff::default(), &mut |info, rows| {
        if events / 10_000 != (events + rows.len() as u64) / 10_000 {
            progress(events);
        }
        events += rows.len() as u64;
        let t = Timeline::fold(info, &rows)?;
        latest = rows.iter().fold(latest, |l, r| l.max(r.occurred_at));
        if t.view.is_some() {
            assets += 1;
            save_timeline(r, info.stream_id, &t, Save::Fresh)?;
        }
        Ok(())
    })?;
    r.execute("UPDATE log_head SET latest_occurred_at = $1", &[&latest])?;
    Ok((assets, events))
}

/// The `FROM ... WHERE` part selecting one state per asset.
fn source(at: ViewsAt, args: &mut PgArgs) -> String {
    match at {
        ViewsAt::Latest => format!(
            "FROM view_intervals v JOIN assets a ON a.stream_id = v.stream_id WHERE v.valid_to = {OPEN}"
        ),
        ViewsAt::Occurred(_) => source_from_assets(at, args),
    }
}

/// [`source`] for questions that read no asset facts.
fn source_of_states(at: ViewsAt, args: &mut PgArgs) -> String {
    match at {
        ViewsAt::Latest => format!("FROM view_intervals v WHERE v.valid_to = {OPEN}"),
        ViewsAt::Occurred(_) => source_from_assets(at, args),
    }
}

fn source_from_assets(at: ViewsAt, args: &mut PgArgs) -> String {
    match at {
        ViewsAt::Latest => unreachable!("only instants are driven from the assets"),
        ViewsAt::Occurred(t) => {
            let t = args.int(t);
            format!(
                "FROM assets a CROSS JOIN LATERAL (SELECT * FROM view_intervals x \
                 WHERE x.stream_id = a.stream_id AND x.valid_from <= {t} \
                 ORDER BY x.valid_from DESC LIMIT 1) v WHERE true"
            )
        }
    }
}

/// The group key in the first `by.len()` columns of a row.
fn group_key(r: &Row, by: &[Dimension]) -> Result<GroupKey> {
    by.iter()
        .enumerate()
        .map(|(i, d)| {
            Ok(if *d == Dimension::Status {
                Some(
                    Status::from_code(r.get(i))
                        .ok_or_else(|| corrupt("status"))?
                        .name()
                        .to_owned(),
                )
            } else {
                r.get::<_, Option<String>>(i)
            })
        })
        .collect()
}

/// A SUM past i64 is an amount overflow, not a storage error.
fn sum_overflow(e: Error) -> Error {
    match &e {
        Error::Storage(s) if s.to_string().contains("out of range") => Error::AmountOverflow {
            what: "spend total".into(),
        },
        _ => e,
    }
}

fn add_slot(sums: &mut CostSums, slot: CostSlot, amount: i64) {
    match slot {
        CostSlot::Resale => sums.resale = amount,
        CostSlot::Cost(kind) => *sums.slot(kind) = amount,
    }
}

impl Reader<'_> {
    /// A stream's view at a moment, from the stored intervals.
    pub(super) fn stored_view(&self, stream_id: i64, at: ViewsAt) -> Result<Option<AssetView>> {
        let bound = match at {
            ViewsAt::Latest => i64::MAX,
            ViewsAt::Occurred(t) => t,
        };
        let row = self.query_opt(
            &format!(
                "SELECT {VIEW_COLUMNS} FROM view_intervals v JOIN assets a ON a.stream_id = v.stream_id \
                 WHERE v.stream_id = $1 AND v.valid_from <= $2 ORDER BY v.valid_from DESC LIMIT 1"
            ),
            &[&stream_id, &bound],
        )?;
        match row {
            Some(r) => {
                let mut v = decode(&r)?;
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
        let mut out = BTreeMap::<Currency, CostSums>::new();
        for r in self.query(
            "SELECT slot, currency, amount FROM costs WHERE stream_id = $1 AND occurred_at <= $2",
            &[&stream_id, &bound],
        )? {
            let slot = CostSlot::from_code(r.get(0)).ok_or_else(|| corrupt("cost slot"))?;
            let currency = currency_of(r.get(1))?;
            let mut one = CostSums::default();
            add_slot(&mut one, slot, r.get(2));
            out.entry(currency).or_default().add(&one)?;
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
        let mut args = PgArgs::default();
        let from = source(at, &mut args);
        let cond = conditions(filter, narrow, &mut args);
        let sql = if costs == Costs::With {
            // each view's cost sums in the same row (one pass, no query per
            // asset): "slot:currency:amount" triples, read by `sums_of`
            let bound = args.int(match at {
                ViewsAt::Latest => i64::MAX,
                ViewsAt::Occurred(t) => t,
            });
            format!(
                "SELECT q.*, (SELECT string_agg(x.slot || ':' || x.currency || ':' || x.total, ',') \
                 FROM (SELECT c.slot, c.currency, sum(c.amount)::bigint AS total FROM costs c \
                 WHERE c.stream_id = q.stream_id AND c.occurred_at <= {bound} \
                 GROUP BY c.slot, c.currency) x) \
                 FROM (SELECT {VIEW_COLUMNS} {from}{cond}) q ORDER BY q.stream_id"
            )
        } else {
            format!("SELECT {VIEW_COLUMNS} {from}{cond} ORDER BY a.stream_id")
        };
        let refs = args.refs();
        self.each(&sql, &refs, &mut |r| {
            let mut v = decode(r)?;
            if costs == Costs::With {
                v.costs = sums_of(r.get::<_, Option<&str>>(38).unwrap_or_default())?;
            }
            f(v)?;
            Ok(true)
        })
        .map_err(sum_overflow)
    }

    /// Asset counts grouped by dimensions, of the views matching a filter.
    pub(super) fn stored_count_groups(
        &self,
        at: ViewsAt,
        filter: &FleetFilter,
        by: &[Dimension],
    ) -> Result<Vec<(GroupKey, u64)>> {
        let mut args = PgArgs::default();
        let from = if reads_facts(filter, by) {
            source(at, &mut args)
        } else {
            source_of_states(at, &mut args)
        };
        let cond = conditions(filter, Narrow::None, &mut args);
        let sql = count_sql(&from, &cond, by);
        let mut out = Vec::new();
        for r in self.query(&sql, &args.refs())? {
            let n: i64 = r.get(by.len());
            if n > 0 {
                out.push((group_key(&r, by)?, n as u64));
            }
        }
        Ok(out)
    }

    /// Costs that arose by a moment, grouped, by currency (see the SQLite
    /// backend's `stored_spend_groups`).
    pub(super) fn stored_spend_groups(
        &self,
        at: ViewsAt,
        filter: &FleetFilter,
        by: &[Dimension],
    ) -> Result<Vec<(GroupKey, Currency, CostSums)>> {
        let mut args = PgArgs::default();
        let states = spend_needs_status(filter, by).then(|| source_of_states(at, &mut args));
        let sql = spend_sql(
            at,
            filter,
            by,
            states.as_deref(),
            "sum(c.amount)::bigint",
            &mut args,
        );
        let rows = self.query(&sql, &args.refs()).map_err(sum_overflow)?;
        let mut sums = BTreeMap::<(GroupKey, Currency), CostSums>::new();
        for r in rows {
            let key = group_key(&r, by)?;
            let currency = currency_of(r.get(by.len()))?;
            let slot =
                CostSlot::from_code(r.get(by.len() + 1)).ok_or_else(|| corrupt("cost slot"))?;
            add_slot(
                sums.entry((key, currency)).or_default(),
                slot,
                r.get(by.len() + 2),
            );
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
            .map(|i| format!("(v.valid_from <= ${i} AND v.valid_to > ${i})"))
            .collect();
        let sql = format!(
            "SELECT v.valid_from, v.valid_to, v.status, v.status_since, v.country, a.category, \
             a.unit_cost, a.currency, a.ordered_on FROM view_intervals v \
             JOIN assets a ON a.stream_id = v.stream_id WHERE {}",
            covers.join(" OR ")
        );
        let params: Vec<&(dyn ToSql + Sync)> =
            ends.iter().map(|e| e as &(dyn ToSql + Sync)).collect();
        self.each(&sql, &params, &mut |r| {
            let (from, to): (i64, i64) = (r.get(0), r.get(1));
            let currency = currency_of(r.get(7))?;
            let at = crate::store::AssetAt {
                category: r.get(5),
                country: country_of(r.get(4))?,
                status: Status::from_code(r.get(2)).ok_or_else(|| corrupt("status"))?,
                status_since: r.get(3),
                unit_cost: Money::from_minor(r.get(6), currency),
                ordered_on: from_days(r.get(8))?,
            };
            let first = ends.partition_point(|e| *e < from);
            for (i, end) in ends.iter().enumerate().skip(first) {
                if *end >= to {
                    break;
                }
                f(i, &at)?;
            }
            Ok(true)
        })
    }

    /// Every interval's status and valid time.
    pub(super) fn stored_status_intervals(
        &self,
        f: &mut dyn FnMut(Status, i64, i64),
    ) -> Result<()> {
        self.each(
            "SELECT status, valid_from, valid_to FROM view_intervals",
            &[],
            &mut |r| {
                let status = Status::from_code(r.get(0)).ok_or_else(|| corrupt("status"))?;
                f(status, r.get(1), r.get(2));
                Ok(true)
            },
        )
    }

    /// Costs within `[from, to]` summed by UTC month and currency.
    pub(super) fn stored_costs_by_month(
        &self,
        from: i64,
        to: i64,
    ) -> Result<Vec<(String, Currency, CostSums)>> {
        let rows = self
            .query(
                "SELECT to_char(to_timestamp(floor(occurred_at / 1000000.0)) AT TIME ZONE 'UTC', \
                 'YYYY-MM') AS month, currency, slot, sum(amount)::bigint FROM costs \
                 WHERE occurred_at BETWEEN $1 AND $2 GROUP BY month, currency, slot \
                 ORDER BY month, currency",
                &[&from, &to],
            )
            .map_err(sum_overflow)?;
        let mut sums = BTreeMap::<(String, Currency), CostSums>::new();
        for r in rows {
            let currency = currency_of(r.get(1))?;
            let slot = CostSlot::from_code(r.get(2)).ok_or_else(|| corrupt("cost slot"))?;
            add_slot(
                sums.entry((r.get(0), currency)).or_default(),
                slot,
                r.get(3),
            );
        }
        Ok(sums.into_iter().map(|((m, c), s)| (m, c, s)).collect())
    }

    /// Every asset's facts and the states where its status changed, up to
    /// a moment, asset by asset.
    pub(super) fn stored_states(
        &self,
        at: ViewsAt,
        f: &mut dyn FnMut(&AssetFacts, &[State]) -> Result<()>,
    ) -> Result<()> {
        let bound = match at {
            ViewsAt::Latest => i64::MAX,
            ViewsAt::Occurred(t) => t,
        };
        // the facts first (one row per asset, not per event), then the
        // states in one ordered pass
        let mut facts: HashMap<i64, AssetFacts> = HashMap::new();
        self.each(
            "SELECT stream_id, tag, category, vendor, model, unit_cost, currency, ordered_on \
             FROM assets WHERE ordered_on IS NOT NULL",
            &[],
            &mut |a| {
                let currency = currency_of(a.get(6))?;
                facts.insert(
                    a.get(0),
                    AssetFacts {
                        tag: a.get(1),
                        category: a.get(2),
                        vendor: a.get(3),
                        model: a.get(4),
                        unit_cost: Money::from_minor(a.get(5), currency),
                        ordered_on: from_days(a.get(7))?,
                    },
                );
                Ok(true)
            },
        )?;
        let mut current: Option<i64> = None;
        let mut states: Vec<State> = Vec::new();
        let mut flush = |sid: i64, states: &mut Vec<State>| -> Result<()> {
            let facts = facts
                .get(&sid)
                .ok_or_else(|| corrupt("asset of an interval"))?;
            f(facts, states)?;
            states.clear();
            Ok(())
        };
        self.each(
            "SELECT stream_id, valid_from, status, country, return_due, condition, carrier, \
             repairer FROM view_intervals WHERE valid_from <= $1 AND status_since = valid_from \
             ORDER BY stream_id, valid_from",
            &[&bound],
            &mut |r| {
                let sid: i64 = r.get(0);
                if current.is_some_and(|c| c != sid) {
                    flush(current.expect("checked"), &mut states)?;
                }
                current = Some(sid);
                states.push(State {
                    from: r.get(1),
                    status: Status::from_code(r.get(2)).ok_or_else(|| corrupt("status"))?,
                    country: country_of(r.get(3))?,
                    return_due: r.get::<_, Option<i64>>(4).map(from_days).transpose()?,
                    condition: enum_from(r.get::<_, Option<&str>>(5))?,
                    carrier: r.get(6),
                    repairer: r.get(7),
                });
                Ok(true)
            },
        )?;
        if let Some(sid) = current {
            flush(sid, &mut states)?;
        }
        Ok(())
    }

    /// (tag, serial) of every asset with a serial at a moment.
    pub(super) fn stored_serials(&self, at: ViewsAt) -> Result<Vec<(String, String)>> {
        let mut args = PgArgs::default();
        let from = source(at, &mut args);
        let sql =
            format!("SELECT a.tag, v.serial {from} AND v.serial IS NOT NULL ORDER BY a.stream_id");
        Ok(self
            .query(&sql, &args.refs())?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect())
    }
}

/// Cost sums by currency from "slot:currency:amount" triples.
fn sums_of(text: &str) -> Result<BTreeMap<Currency, CostSums>> {
    let mut out = BTreeMap::<Currency, CostSums>::new();
    for triple in text.split(',').filter(|t| !t.is_empty()) {
        let mut parts = triple.splitn(3, ':');
        let (Some(slot), Some(currency), Some(amount)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(corrupt(triple));
        };
        let slot = slot
            .parse()
            .ok()
            .and_then(CostSlot::from_code)
            .ok_or_else(|| corrupt("cost slot"))?;
        let amount: i64 = amount.parse().map_err(|_| corrupt(triple))?;
        let mut one = CostSums::default();
        add_slot(&mut one, slot, amount);
        out.entry(currency_of(currency)?).or_default().add(&one)?;
    }
    Ok(out)
}

fn currency_of(s: &str) -> Result<Currency> {
    Currency::new(s).map_err(|_| corrupt(s))
}

fn country_of(s: Option<&str>) -> Result<Option<Country>> {
    s.map(|s| Country::new(s).map_err(|_| corrupt(s)))
        .transpose()
}

fn person_of(s: Option<String>) -> Result<Option<PersonId>> {
    s.map(|s| PersonId::new(s.clone()).map_err(|_| corrupt(&s)))
        .transpose()
}

/// A view from a row of [`VIEW_COLUMNS`] (costs are added by the caller).
fn decode(r: &Row) -> Result<AssetView> {
    let currency = currency_of(r.get(9))?;
    let status = Status::from_code(r.get(14)).ok_or_else(|| corrupt("status"))?;
    let last_patch = r.get::<_, Option<i64>>(27).map(|at| PatchInfo {
        at: instant(at),
        component: r.get(28),
        version: r.get(29),
    });
    let open_tickets = match r.get::<_, Option<&str>>(30) {
        Some(t) => serde_json::from_str(t).map_err(|_| corrupt(t))?,
        None => Vec::new(),
    };
    Ok(AssetView {
        asset_id: asset_id_of(r.get(1))?,
        tag: r.get(2),
        status,
        version: r.get::<_, i64>(13) as u64,
        category: r.get(3),
        vendor: r.get(4),
        model: r.get(5),
        serial: r.get(23),
        order_ref: r.get(6),
        ordered_on: from_days(r.get(7))?,
        unit_cost: Money::from_minor(r.get(8), currency),
        warranty_end: r.get::<_, Option<i64>>(10).map(from_days).transpose()?,
        holder: person_of(r.get(16))?,
        department: r.get(17),
        cost_centre: r.get(18),
        location: r.get(19),
        country: country_of(r.get(20))?,
        destination: r.get(21),
        destination_country: country_of(r.get(22))?,
        last_seen: r.get::<_, Option<i64>>(24).map(instant),
        os_version: r.get(25),
        firmware_version: r.get(26),
        last_patch,
        open_tickets,
        return_due: r.get::<_, Option<i64>>(31).map(from_days).transpose()?,
        return_reason: enum_from(r.get::<_, Option<&str>>(32))?,
        condition: enum_from(r.get::<_, Option<&str>>(33))?,
        wiped: r.get(34),
        retired_reason: enum_from(r.get::<_, Option<&str>>(35))?,
        carrier: r.get(36),
        repairer: r.get(37),
        status_since: instant(r.get(15)),
        first_event_at: instant(r.get(11)),
        last_event_at: instant(r.get(12)),
        costs: BTreeMap::new(),
    })
}
