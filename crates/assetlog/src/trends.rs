//! The fleet over time: how many assets were in each status at a series of
//! dates (utilization), spend month by month, the age of the fleet, and
//! end of life by quarter. Each is one pass over the stored intervals, cost
//! rows or views, never a replay of the log.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::books::Forecast;
use crate::error::{Error, Result};
use crate::lifecycle::Status;
use crate::log::{AssetLog, At};
use crate::money::{Currency, Money};
use crate::store::{Costs, Narrow};
use crate::view::cost::CurrencyCosts;
use crate::view::fleet::{in_service, FleetFilter};

/// The most dates one `status_over_time` call takes.
pub const MAX_POINTS: usize = 1000;

/// How many assets were in each status at the end of a day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct StatusCount {
    /// The day (counted at its end, UTC).
    pub on: NaiveDate,
    /// Assets by status (statuses with none left out).
    pub by_status: BTreeMap<Status, u64>,
    /// Assets in service then (received and neither lost nor retired).
    pub in_service: u64,
    /// Every asset that existed then.
    pub total: u64,
}

/// Costs that arose in one month, by currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct MonthSpend {
    /// The month, "YYYY-MM" (UTC).
    pub month: String,
    /// Devices' costs by currency, split by kind.
    pub costs: Vec<CurrencyCosts>,
    /// Licenses and subscriptions by currency: each term's cost accrued
    /// over the term's days (a perpetual license and a true-up in the
    /// month they are bought).
    pub licenses: Vec<Money>,
}

/// Assets in service of one age, in whole years since they were ordered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct AgeBand {
    /// Whole years (0: under a year).
    pub years: u32,
    /// How many.
    pub count: u64,
    /// How many by category.
    pub by_category: BTreeMap<String, u64>,
}

/// Assets whose useful life ends in one quarter, and what replacing them
/// costs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct QuarterEndOfLife {
    /// The quarter, "YYYY-Qn".
    pub quarter: String,
    /// How many assets.
    pub assets: u64,
    /// Replacement budget by currency.
    pub budget: Vec<Money>,
}

/// The microsecond just after a day ends (UTC).
fn end_of(day: NaiveDate) -> i64 {
    day.succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or(i64::MAX, |t| t.and_utc().timestamp_micros())
}

/// A day's quarter, "YYYY-Qn".
pub fn quarter_of(day: NaiveDate) -> String {
    format!("{}-Q{}", day.year(), day.month0() / 3 + 1)
}

impl Forecast {
    /// The forecast's assets and replacement budget by quarter of their end
    /// of life, in order.
    pub fn by_quarter(&self) -> Result<Vec<QuarterEndOfLife>> {
        let mut out: BTreeMap<String, (u64, BTreeMap<Currency, i64>)> = BTreeMap::new();
        for a in &self.assets {
            let (n, budget) = out.entry(quarter_of(a.end_of_life)).or_default();
            *n += 1;
            let sum = budget.entry(a.replacement.currency()).or_default();
            *sum = sum
                .checked_add(a.replacement.minor())
                .ok_or_else(|| Error::AmountOverflow {
                    what: "replacement budget".into(),
                })?;
        }
        Ok(out
            .into_iter()
            .map(|(quarter, (assets, budget))| QuarterEndOfLife {
                quarter,
                assets,
                budget: budget
                    .into_iter()
                    .map(|(c, m)| Money::from_minor(m, c))
                    .collect(),
            })
            .collect())
    }
}

impl AssetLog {
    /// How many assets were in each status at the end of each day given
    /// (sorted, duplicates dropped; at most [`MAX_POINTS`]), from the stored
    /// intervals in one pass: the fleet's utilization over time.
    pub fn status_over_time(&self, days: &[NaiveDate]) -> Result<Vec<StatusCount>> {
        let mut days = days.to_vec();
        days.sort_unstable();
        days.dedup();
        if days.is_empty() || days.len() > MAX_POINTS {
            return Err(Error::invalid(
                "days",
                days.len(),
                format!("give 1 to {MAX_POINTS} days"),
            ));
        }
        let ends: Vec<i64> = days.iter().map(|d| end_of(*d)).collect();
        let mut counts = vec![[0u64; Status::ALL.len()]; ends.len()];
        self.store.read(|r| {
            r.status_intervals(&mut |status, from, to| {
                // the days whose end falls within [from, to)
                let first = ends.partition_point(|e| *e <= from);
                for (i, end) in ends.iter().enumerate().skip(first) {
                    if *end > to {
                        break;
                    }
                    counts[i][status.code() as usize] += 1;
                }
            })
        })?;
        Ok(days
            .into_iter()
            .zip(counts)
            .map(|(on, c)| {
                let by_status: BTreeMap<Status, u64> = Status::ALL
                    .iter()
                    .zip(c)
                    .filter(|(_, n)| *n > 0)
                    .map(|(s, n)| (*s, n))
                    .collect();
                StatusCount {
                    on,
                    in_service: by_status
                        .iter()
                        .filter(|(s, _)| in_service(**s))
                        .map(|(_, n)| n)
                        .sum(),
                    total: by_status.values().sum(),
                    by_status,
                }
            })
            .collect())
    }

    /// Costs that arose from `from` to `to` (both included), month by
    /// month and by currency, split by kind; months with none left out.
    pub fn spend_by_month(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<MonthSpend>> {
        if to < from {
            return Err(Error::invalid("to", to, format!("before the start {from}")));
        }
        let start = from
            .and_hms_opt(0, 0, 0)
            .map_or(i64::MIN, |t| t.and_utc().timestamp_micros());
        let rows = self
            .store
            .read(|r| r.costs_by_month(start, end_of(to) - 1))?;
        let mut out: Vec<MonthSpend> = Vec::new();
        for (month, currency, sums) in rows {
            let costs = CurrencyCosts::from_sums(currency, &sums)?;
            match out.last_mut() {
                Some(m) if m.month == month => m.costs.push(costs),
                _ => out.push(MonthSpend {
                    month,
                    costs: vec![costs],
                    licenses: Vec::new(),
                }),
            }
        }
        // licenses' costs, accrued month by month
        let mut accrued: BTreeMap<String, BTreeMap<String, Money>> = BTreeMap::new();
        for (day, money) in self.license_costs_by_day(from, to)? {
            let month = day.format("%Y-%m").to_string();
            let slot = accrued
                .entry(month)
                .or_default()
                .entry(money.currency().to_string());
            match slot {
                std::collections::btree_map::Entry::Vacant(v) => {
                    v.insert(money);
                }
                std::collections::btree_map::Entry::Occupied(mut o) => {
                    let sum = o.get().checked_add(money)?;
                    o.insert(sum);
                }
            }
        }
        for (month, by_currency) in accrued {
            let licenses: Vec<Money> = by_currency.into_values().collect();
            match out.binary_search_by(|m| m.month.cmp(&month)) {
                Ok(i) => out[i].licenses = licenses,
                Err(i) => out.insert(
                    i,
                    MonthSpend {
                        month,
                        costs: Vec::new(),
                        licenses,
                    },
                ),
            }
        }
        Ok(out)
    }

    /// Licenses' costs between two days (inclusive): each term's cost
    /// spread over its days in whole minor units (the last day takes the
    /// remainder), perpetual purchases and true-ups on their day; summed by
    /// month by the caller.
    fn license_costs_by_day(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(NaiveDate, Money)>> {
        use crate::event::Event;
        let mut out = Vec::new();
        let streams = self.store.read(|r| {
            let mut all = Vec::new();
            for info in r.license_streams()? {
                all.push(r.fold_rows(info.stream_id)?);
            }
            Ok(all)
        })?;
        for rows in streams {
            let mut term_end: Option<NaiveDate> = None;
            for row in rows {
                let on = crate::time::from_micros(row.occurred_at).date_naive();
                let (start, end, cost) = match row.event {
                    Event::LicensePurchased(p) => {
                        term_end = p.term_end;
                        (p.term_start, p.term_end, p.cost)
                    }
                    Event::LicenseRenewed(r) => {
                        let start = term_end.and_then(|e| e.succ_opt()).unwrap_or(on);
                        term_end = Some(r.term_end);
                        (start, Some(r.term_end), r.cost)
                    }
                    Event::SeatsChanged(c) => match c.cost {
                        Some(cost) => (on, None, cost),
                        None => continue,
                    },
                    _ => continue,
                };
                let Some(end) = end.filter(|e| *e >= start) else {
                    if start >= from && start <= to {
                        out.push((start, cost));
                    }
                    continue;
                };
                let days = (end - start).num_days() + 1;
                let per_day = cost.minor() / days;
                let mut day = start.max(from);
                while day <= end.min(to) {
                    let minor = if day == end {
                        cost.minor() - per_day * (days - 1)
                    } else {
                        per_day
                    };
                    out.push((day, Money::from_minor(minor, cost.currency())));
                    match day.succ_opt() {
                        Some(next) => day = next,
                        None => break,
                    }
                }
            }
        }
        Ok(out)
    }

    /// Assets in service at a moment by whole years since they were
    /// ordered, youngest first.
    pub fn age_profile(&self, at: At) -> Result<Vec<AgeBand>> {
        let on = self.reference_date(at);
        let mut bands: BTreeMap<u32, BTreeMap<String, u64>> = BTreeMap::new();
        self.scan(
            at,
            &FleetFilter::default(),
            Narrow::None,
            Costs::Without,
            &mut |v| {
                if in_service(v.status) {
                    let years = on.years_since(v.ordered_on).unwrap_or(0);
                    *bands
                        .entry(years)
                        .or_default()
                        .entry(v.category)
                        .or_default() += 1;
                }
                Ok(())
            },
        )?;
        Ok(bands
            .into_iter()
            .map(|(years, by_category)| AgeBand {
                years,
                count: by_category.values().sum(),
                by_category,
            })
            .collect())
    }
}
