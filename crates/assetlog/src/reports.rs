//! Fleet reports on [`AssetLog`]: lists, counts, spend and the questions IT
//! teams ask every week, each answerable now or at any moment ([`At`]).
//! Also offboarding, the one operation built from a report and a batch.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::event::{Appended, Expected, NewEvent, ReturnReason, ReturnRequested};
use crate::ids::{AssetId, PersonId};
use crate::lifecycle::Status;
use std::collections::BTreeMap;

use crate::log::{refold_all, AssetLog, At, Plan};
use crate::money::{Currency, Money};
use crate::people::{Person, PersonStatus, PersonView};
use crate::store::{Costs, Narrow};
use crate::time::to_micros;
use crate::view::asset::{AssetView, CostSums};
use crate::view::cost::{by_currency, CurrencyCosts};
use crate::view::fleet::{
    self, check_dimensions, CheckInPolicy, CountGroup, DataGaps, Dimension, DuplicateSerial,
    FleetCounts, FleetFilter, GroupKey, IdleAsset, OutdatedAsset, OverdueReturn, SerialIndex,
    SilentAsset, SpendGroup,
};
use crate::view::flows::{
    AssetFacts, Flow, FlowGroup, FlowStats, FlowTimes, Recovery, RecoveryTally, State,
};
use crate::view::timeline::{CostRow, CostSlot, Timeline};

/// What an offboarding did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Offboarding {
    /// The person offboarded.
    pub person: PersonId,
    /// Ties the batch's events together in the log.
    pub correlation_id: Uuid,
    /// The return requests appended, one per asset the person had assigned.
    pub requested: Vec<Appended>,
    /// Assets the person holds that could not be requested now (in transit,
    /// in repair, already pending, lost), with their status.
    pub skipped: Vec<(String, Status)>,
    /// The license seats released in the same batch (reassignable seats
    /// the person held), by license tag.
    pub released: Vec<Appended>,
}

impl AssetLog {
    /// Assets matching a filter, in the order they were created.
    pub fn fleet(&self, filter: &FleetFilter, at: At) -> Result<Vec<AssetView>> {
        self.select(at, filter, Narrow::None, |v| filter.matches(v))
    }

    /// One page of [`AssetLog::fleet`]: up to `limit` (1 to
    /// [`crate::MAX_FEED_PAGE`]) views in the order the assets were created,
    /// after the asset `after` (`None`: from the first). `next` is the
    /// cursor of the following page, `None` on the last one. A page of the
    /// current fleet reads only its own rows; a page as of another moment
    /// re-folds the assets after the cursor until the page is full.
    pub fn fleet_page(
        &self,
        filter: &FleetFilter,
        at: At,
        after: Option<AssetId>,
        limit: usize,
    ) -> Result<FleetPage> {
        if limit == 0 || limit > crate::MAX_FEED_PAGE {
            return Err(Error::invalid(
                "limit",
                limit,
                format!("between 1 and {}", crate::MAX_FEED_PAGE),
            ));
        }
        let mut views = Vec::with_capacity(limit + 1);
        let read = self.read_at(at, |r, plan| {
            let after = match &after {
                None => 0,
                Some(id) => {
                    r.stream_by_id(id)?
                        .ok_or_else(|| Error::UnknownAsset {
                            asset: id.to_string(),
                            at: None,
                        })?
                        .stream_id
                }
            };
            // one view more than the page says whether another page follows
            let mut push = |v: AssetView| {
                views.push(v);
                if views.len() > limit {
                    Err(Error::Internal {
                        reason: PAGE_FULL.into(),
                    })
                } else {
                    Ok(())
                }
            };
            match plan {
                Plan::Stored(when) => {
                    r.views(when, filter, Narrow::After(after), Costs::With, &mut push)
                }
                Plan::Refold(cut) => r.scan_streams(cut, &mut |info, rows| {
                    if info.stream_id <= after {
                        return Ok(());
                    }
                    match Timeline::fold(info, &rows)?.view {
                        Some(v) if filter.matches(&v) => push(v),
                        _ => Ok(()),
                    }
                }),
            }
        });
        match read {
            Err(Error::Internal { reason }) if reason == PAGE_FULL => {}
            other => other?,
        }
        let next = if views.len() > limit {
            views.truncate(limit);
            views.last().map(|v| v.asset_id)
        } else {
            None
        };
        Ok(FleetPage { views, next })
    }

    /// Counts by status and by status x country of the assets matching a filter.
    pub fn counts(&self, filter: &FleetFilter, at: At) -> Result<FleetCounts> {
        let mut counts = FleetCounts::default();
        for g in self.counts_by(&[Dimension::Status, Dimension::Country], filter, at)? {
            let status = g.key[0].as_deref().map(Status::from_name).transpose()?;
            let country = g.key[1].as_deref().map(str::parse).transpose()?;
            if let Some(status) = status {
                counts.add_n(status, country, g.count);
            }
        }
        Ok(counts)
    }

    /// Counts of the assets matching a filter, grouped by one or two
    /// dimensions (none: one group), in key order.
    pub fn counts_by(
        &self,
        by: &[Dimension],
        filter: &FleetFilter,
        at: At,
    ) -> Result<Vec<CountGroup>> {
        check_dimensions(by)?;
        let mut groups = self.read_at(at, |r, plan| match plan {
            Plan::Stored(when) => r.count_groups(when, filter, by),
            Plan::Refold(cut) => {
                let mut n = BTreeMap::<GroupKey, u64>::new();
                refold_all(r, cut, &mut |t| {
                    let v = t.view.expect("refold_all passes folded assets");
                    if filter.matches(&v) {
                        *n.entry(by.iter().map(|d| d.of_view(&v)).collect())
                            .or_default() += 1;
                    }
                    Ok(())
                })?;
                Ok(n.into_iter().collect())
            }
        })?;
        groups.sort();
        Ok(groups
            .into_iter()
            .map(|(key, count)| CountGroup { key, count })
            .collect())
    }

    /// Spend by currency and kind: the costs that arose by the moment on
    /// assets of the filter's category and (at that moment) status, while
    /// they were with the filter's holder or department, at its location or
    /// in its country. A laptop's costs stay with the department that had
    /// it when they arose, after it was returned or retired.
    pub fn spend(&self, filter: &FleetFilter, at: At) -> Result<Vec<CurrencyCosts>> {
        Ok(self
            .spend_by(&[], filter, at)?
            .pop()
            .map(|g| g.costs)
            .unwrap_or_default())
    }

    /// [`AssetLog::spend`] grouped by one or two dimensions: department,
    /// cost centre, location and country as they were when each cost arose;
    /// category, vendor and model of the asset; its status at the moment.
    pub fn spend_by(
        &self,
        by: &[Dimension],
        filter: &FleetFilter,
        at: At,
    ) -> Result<Vec<SpendGroup>> {
        check_dimensions(by)?;
        let rows = self.read_at(at, |r, plan| match plan {
            Plan::Stored(when) => r.spend_groups(when, filter, by),
            Plan::Refold(cut) => {
                let mut sums = BTreeMap::<(GroupKey, Currency), CostSums>::new();
                refold_all(r, cut, &mut |t| {
                    let v = t.view.as_ref().expect("refold_all passes folded assets");
                    let asset_ok = filter.status.is_none_or(|s| v.status == s)
                        && filter.category.as_ref().is_none_or(|c| &v.category == c);
                    for c in t
                        .costs
                        .iter()
                        .filter(|c| asset_ok && cost_matches(filter, c))
                    {
                        let key = by.iter().map(|d| d.of_cost(c, v)).collect();
                        let mut one = CostSums::default();
                        match c.slot {
                            CostSlot::Resale => one.resale = c.amount.minor(),
                            CostSlot::Cost(k) => *one.slot(k) = c.amount.minor(),
                        }
                        sums.entry((key, c.amount.currency()))
                            .or_default()
                            .add(&one)?;
                    }
                    Ok(())
                })?;
                Ok(sums.into_iter().map(|((k, c), s)| (k, c, s)).collect())
            }
        })?;
        let mut groups = BTreeMap::<GroupKey, BTreeMap<Currency, CostSums>>::new();
        for (key, currency, sums) in rows {
            groups
                .entry(key)
                .or_default()
                .entry(currency)
                .or_default()
                .add(&sums)?;
        }
        groups
            .into_iter()
            .map(|(key, sums)| {
                Ok(SpendGroup {
                    key,
                    costs: by_currency(&sums)?,
                })
            })
            .collect()
    }

    /// Assets idle for `days` or more: in stock, or assigned and not seen
    /// (only categories that check in under the default [`CheckInPolicy`]).
    pub fn idle(&self, days: i64, at: At) -> Result<Vec<IdleAsset>> {
        self.idle_with(days, &CheckInPolicy::default(), at)
    }

    /// [`AssetLog::idle`] with the categories that check in named.
    pub fn idle_with(&self, days: i64, policy: &CheckInPolicy, at: At) -> Result<Vec<IdleAsset>> {
        let now = self.reference_time(at);
        let before = to_micros(now) - days.saturating_mul(86_400_000_000).max(0);
        let narrow = if days >= 0 {
            Narrow::Idle { before }
        } else {
            Narrow::None
        };
        let mut out = Vec::new();
        self.scan(
            at,
            &FleetFilter::default(),
            narrow,
            Costs::Without,
            &mut |v| {
                out.extend(fleet::idle(&v, now, days, policy));
                Ok(())
            },
        )?;
        Ok(out)
    }

    /// Requested returns past their due date, most overdue first.
    pub fn overdue_returns(&self, at: At) -> Result<Vec<OverdueReturn>> {
        let today = self.reference_time(at).date_naive();
        let mut out = Vec::new();
        let narrow = Narrow::OverdueBefore(today);
        self.scan(
            at,
            &FleetFilter::default(),
            narrow,
            Costs::Without,
            &mut |v| {
                out.extend(fleet::overdue(&v, today));
                Ok(())
            },
        )?;
        out.sort_by(|a, b| b.days_overdue.cmp(&a.days_overdue).then(a.tag.cmp(&b.tag)));
        Ok(out)
    }

    /// Assets in service not patched since an instant.
    pub fn not_patched_since(&self, since: DateTime<Utc>, at: At) -> Result<Vec<AssetView>> {
        let narrow = Narrow::NotPatchedSince(to_micros(since));
        self.select(at, &FleetFilter::default(), narrow, |v| {
            fleet::not_patched_since(v, since)
        })
    }

    /// Assets in service whose warranty ends before a date.
    pub fn warranty_ending_before(&self, date: NaiveDate, at: At) -> Result<Vec<AssetView>> {
        let narrow = Narrow::WarrantyBefore(date);
        self.select(at, &FleetFilter::default(), narrow, |v| {
            fleet::warranty_ending_before(v, date)
        })
    }

    /// Devices in use (assigned or return pending) of categories that check
    /// in, not seen for `days` or more; most days first, with holder,
    /// country and value.
    pub fn unseen(
        &self,
        days: i64,
        policy: &CheckInPolicy,
        filter: &FleetFilter,
        at: At,
    ) -> Result<Vec<SilentAsset>> {
        self.silent(days, filter, at, Narrow::UnseenSince, &|v, now| {
            fleet::unseen(v, now, days, policy)
        })
    }

    /// Devices in use of categories that check in, not patched for `days`
    /// or more (never patched: counted from their first event); most days first.
    pub fn unpatched(
        &self,
        days: i64,
        policy: &CheckInPolicy,
        filter: &FleetFilter,
        at: At,
    ) -> Result<Vec<SilentAsset>> {
        self.silent(days, filter, at, Narrow::UnpatchedSince, &|v, now| {
            fleet::unpatched(v, now, days, policy)
        })
    }

    /// Devices in use of categories that check in whose installed version
    /// of `component` is below `minimum`, compared as versions
    /// ([`crate::version`]), or was never reported; unknown first, then the
    /// oldest. See [`fleet::installed_version`] for where the installed
    /// version comes from.
    pub fn outdated(
        &self,
        component: &str,
        minimum: &str,
        policy: &CheckInPolicy,
        filter: &FleetFilter,
        at: At,
    ) -> Result<Vec<OutdatedAsset>> {
        let component = component.trim();
        if component.is_empty() {
            return Err(crate::Error::invalid(
                "component",
                component,
                "name the component: os, firmware, or an application",
            ));
        }
        crate::version::check_version("minimum version", minimum)?;
        let mut out = Vec::new();
        self.scan(at, filter, Narrow::InUse, Costs::Without, &mut |v| {
            if filter.matches(&v) {
                out.extend(fleet::outdated(&v, component, minimum, policy));
            }
            Ok(())
        })?;
        fleet::rank_outdated(&mut out);
        Ok(out)
    }

    /// Devices in use that `test` finds silent for `days`; SQL first keeps
    /// only those quiet since `narrow(now - days)`.
    fn silent(
        &self,
        days: i64,
        filter: &FleetFilter,
        at: At,
        narrow: fn(i64) -> Narrow,
        test: &dyn Fn(&AssetView, DateTime<Utc>) -> Option<SilentAsset>,
    ) -> Result<Vec<SilentAsset>> {
        let now = self.reference_time(at);
        let before = to_micros(now) - days.saturating_mul(86_400_000_000).max(0);
        let narrow = if days >= 0 {
            narrow(before)
        } else {
            Narrow::InUse
        };
        let mut out = Vec::new();
        self.scan(at, filter, narrow, Costs::Without, &mut |v| {
            if filter.matches(&v) {
                out.extend(test(&v, now));
            }
            Ok(())
        })?;
        fleet::rank(&mut out);
        Ok(out)
    }

    /// Assets in service whose warranty ends within `[from, to]`, soonest first.
    pub fn warranty_ending_within(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        at: At,
    ) -> Result<Vec<AssetView>> {
        let narrow = Narrow::WarrantyWithin(from, to);
        let mut out = self.select(at, &FleetFilter::default(), narrow, |v| {
            fleet::warranty_ending_within(v, from, to)
        })?;
        out.sort_by(|a, b| {
            a.warranty_end
                .cmp(&b.warranty_end)
                .then_with(|| a.tag.cmp(&b.tag))
        });
        Ok(out)
    }

    /// Assets in service with no country, in use with no department, with
    /// no purchase price or no serial, and serials on more than one asset.
    pub fn data_gaps(&self, at: At) -> Result<DataGaps> {
        let mut gaps = DataGaps::default();
        self.scan(
            at,
            &FleetFilter::default(),
            Narrow::None,
            Costs::Without,
            &mut |v| {
                gaps.add(&v);
                Ok(())
            },
        )?;
        gaps.duplicate_serials = self.duplicate_serials(at)?;
        Ok(gaps)
    }

    /// Serial numbers found on more than one asset.
    pub fn duplicate_serials(&self, at: At) -> Result<Vec<DuplicateSerial>> {
        let mut index = SerialIndex::default();
        self.read_at(at, |r, plan| match plan {
            Plan::Stored(when) => {
                for (tag, serial) in r.serials(when)? {
                    index.add_serial(tag, &serial);
                }
                Ok(())
            }
            Plan::Refold(cut) => refold_all(r, cut, &mut |t| {
                index.add(t.view.as_ref().expect("refold_all passes folded assets"));
                Ok(())
            }),
        })?;
        Ok(index.duplicates())
    }

    /// Everything a person holds.
    pub fn holdings(&self, person: &PersonId, at: At) -> Result<Vec<AssetView>> {
        let filter = FleetFilter {
            holder: Some(person.clone()),
            ..FleetFilter::default()
        };
        self.fleet(&filter, at)
    }

    /// Flow times (median, 90th percentile, longest, in days) of the flows
    /// that ended within `[from, to]`, overall or grouped by country (where
    /// the flow ended: the destination for shipping), category, vendor,
    /// model, carrier (shipping) or repairer (repairs).
    pub fn flow_times(
        &self,
        flow: Flow,
        by: Option<FlowGroup>,
        from: NaiveDate,
        to: NaiveDate,
        at: At,
    ) -> Result<Vec<FlowStats>> {
        let mut times = FlowTimes::new(flow, by, from, to)?;
        self.scan_states(at, &mut |facts, states| {
            times.add(facts, states);
            Ok(())
        })?;
        Ok(times.finish())
    }

    /// Several flow-time questions over the same window in one pass over
    /// the assets' states: the answers of [`AssetLog::flow_times`] for each
    /// `(flow, grouping)`, in order.
    pub fn flow_times_many(
        &self,
        questions: &[(Flow, Option<FlowGroup>)],
        from: NaiveDate,
        to: NaiveDate,
        at: At,
    ) -> Result<Vec<Vec<FlowStats>>> {
        let mut all = questions
            .iter()
            .map(|(flow, by)| FlowTimes::new(*flow, *by, from, to))
            .collect::<Result<Vec<_>>>()?;
        self.scan_states(at, &mut |facts, states| {
            for times in &mut all {
                times.add(facts, states);
            }
            Ok(())
        })?;
        Ok(all.into_iter().map(FlowTimes::finish).collect())
    }

    /// What came of the return requests made within `[from, to]`: returned
    /// on time or late, still open, lost; condition on return; returned
    /// devices assigned again; the purchase value still out.
    pub fn recovery(&self, from: NaiveDate, to: NaiveDate, at: At) -> Result<Recovery> {
        let mut tally = RecoveryTally::new(from, to, self.reference_date(at))?;
        self.scan_states(at, &mut |facts, states| tally.add(facts, states))?;
        Ok(tally.finish())
    }

    /// Every asset's facts and states up to a moment: the stored intervals,
    /// or for "as recorded" a re-fold.
    fn scan_states(
        &self,
        at: At,
        f: &mut dyn FnMut(&AssetFacts, &[State]) -> Result<()>,
    ) -> Result<()> {
        self.read_at(at, |r, plan| match plan {
            Plan::Stored(when) => r.states(when, f),
            Plan::Refold(cut) => refold_all(r, cut, &mut |t| {
                let v = t.view.as_ref().expect("refold_all passes folded assets");
                let facts = AssetFacts {
                    tag: v.tag.clone(),
                    category: v.category.clone(),
                    vendor: v.vendor.clone(),
                    model: v.model.clone(),
                    unit_cost: v.unit_cost,
                    ordered_on: v.ordered_on,
                };
                let states: Vec<State> = t
                    .intervals
                    .iter()
                    .map(|(from, s)| State {
                        from: *from,
                        status: s.status,
                        country: s.country,
                        return_due: s.return_due,
                        condition: s.condition,
                        carrier: s.carrier.clone(),
                        repairer: s.repairer.clone(),
                    })
                    .collect();
                f(&facts, &states)
            }),
        })
    }

    /// A person by id, e-mail or full name (ASCII case ignored for e-mail and
    /// name): their record, whether they left, and what they hold at the
    /// moment. [`crate::Error::UnknownPerson`] when nothing is known of them;
    /// a name shared by several people is refused, naming their ids.
    pub fn person_view(&self, who: &str, at: At) -> Result<PersonView> {
        let who = who.trim();
        let by_id = PersonId::new(who).ok();
        let (record, found_id) = self.store.read(|r| {
            if let Some(id) = &by_id {
                if let Some(p) = r.person(id)? {
                    return Ok((Some(p), Some(id.clone())));
                }
            }
            let mut matches = r.find_people(who)?;
            match matches.len() {
                0 => Ok((None, by_id.clone())),
                1 => {
                    let p = matches.pop().expect("one match");
                    let id = p.id.clone();
                    Ok((Some(p), Some(id)))
                }
                n => Err(Error::invalid(
                    "person",
                    who,
                    format!(
                        "{n} people match: {}; ask by id",
                        matches
                            .iter()
                            .map(|p| p.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )),
            }
        })?;
        let unknown = || Error::UnknownPerson {
            person: crate::error::truncate_for_message(who),
        };
        let id = found_id.ok_or_else(unknown)?;
        let left_on = self.store.read(|r| r.left_on(&id))?;
        let seats = SeatIndex::new(self.licenses(at)?);
        let view = self.person_at(id, record.as_ref(), left_on, at, &seats)?;
        if view.name.is_none()
            && view.email.is_none()
            && view.left_on.is_none()
            && view.holding.is_empty()
            && view.seats.is_empty()
            && record.is_none()
        {
            return Err(unknown());
        }
        Ok(view)
    }

    /// People who left by the moment asked, those still holding the most
    /// assets first (`holding` is empty for those who gave everything back).
    pub fn leavers(&self, at: At) -> Result<Vec<PersonView>> {
        let today = self.reference_date(at);
        let leavers = self.store.read(|r| r.leavers())?;
        let seats = SeatIndex::new(self.licenses(at)?);
        let mut out = Vec::new();
        for (id, left_on) in leavers.into_iter().filter(|(_, d)| *d <= today) {
            let record = self.store.read(|r| r.person(&id))?;
            out.push(self.person_at(id, record.as_ref(), Some(left_on), at, &seats)?);
        }
        out.sort_by(|a, b| {
            b.holding
                .len()
                .cmp(&a.holding.len())
                .then_with(|| a.id.cmp(&b.id))
        });
        Ok(out)
    }

    /// Mark a person as having left on a date (`None`: they are back).
    /// Kept apart from their personal data: erasing them keeps the date.
    pub fn mark_left(&self, person: &PersonId, on: Option<NaiveDate>) -> Result<()> {
        if let Some(d) = on {
            crate::time::check_date("left_on", d)?;
        }
        self.store.write(|w| w.set_left(person, on))
    }

    fn person_at(
        &self,
        id: PersonId,
        record: Option<&Person>,
        left_on: Option<NaiveDate>,
        at: At,
        index: &SeatIndex,
    ) -> Result<PersonView> {
        let holding = self.holdings(&id, at)?;
        let mut seats = Vec::new();
        let mut seats_cost: BTreeMap<Currency, i64> = BTreeMap::new();
        for (i, since) in index.by_person.get(&id).into_iter().flatten() {
            let l = &index.licenses[*i];
            seats.push(crate::people::PersonSeat {
                license: l.tag.clone(),
                product: l.product.clone(),
                since: *since,
            });
            let share = l
                .seats
                .filter(|n| *n > 0)
                .map_or(0, |n| l.term_cost.minor() / i64::from(n));
            *seats_cost.entry(l.term_cost.currency()).or_default() += share;
        }
        let today = self.reference_date(at);
        let mut value = BTreeMap::<Currency, CostSums>::new();
        let mut departments = Vec::new();
        let mut countries = Vec::new();
        for v in &holding {
            value
                .entry(v.unit_cost.currency())
                .or_default()
                .add(&CostSums {
                    purchase: v.unit_cost.minor(),
                    ..CostSums::default()
                })?;
            if let Some(d) = &v.department {
                if !departments.contains(d) {
                    departments.push(d.clone());
                }
            }
            if let Some(c) = v.country {
                if !countries.contains(&c) {
                    countries.push(c);
                }
            }
        }
        departments.sort();
        countries.sort();
        let left = left_on.filter(|d| *d <= today);
        Ok(PersonView {
            name: record.and_then(|p| p.name.clone()),
            email: record.and_then(|p| p.email.clone()),
            id,
            status: if left.is_some() {
                PersonStatus::Left
            } else {
                PersonStatus::Active
            },
            left_on,
            departments,
            countries,
            holding,
            value_held: by_currency(&value)?,
            seats,
            seats_cost: seats_cost
                .into_iter()
                .map(|(c, minor)| Money::from_minor(minor, c))
                .collect(),
        })
    }

    /// Request the return of everything a person has assigned, due on a
    /// date, in one atomic batch. The overdue-returns report follows each
    /// item until it is returned. Each request expects the asset's current
    /// version, so a concurrent change makes the whole batch fail cleanly
    /// ([`crate::Error::VersionConflict`]); run it again.
    ///
    /// `occurred_at` is when the person left (default now); the requests are
    /// recorded as happening then. A due date before that day is
    /// [`crate::Error::InvalidValue`]; a person with no record who holds
    /// nothing is [`crate::Error::UnknownPerson`] (a mistyped id). Neither
    /// writes anything.
    pub fn offboard(
        &self,
        person: &PersonId,
        due: NaiveDate,
        occurred_at: Option<DateTime<Utc>>,
        actor: &str,
    ) -> Result<Offboarding> {
        crate::time::check_date("due", due)?;
        let left = occurred_at.unwrap_or_else(|| self.now()).date_naive();
        if due < left {
            return Err(Error::invalid(
                "due",
                due,
                format!("the return is due on or after the day the person leaves ({left})"),
            ));
        }
        let holdings = self.holdings(person, At::now())?;
        let holder = crate::license::SeatHolder::Person(person.clone());
        let seats: Vec<crate::license::LicenseView> = self
            .licenses(At::now())?
            .into_iter()
            .filter(|l| l.holds(&holder))
            .collect();
        if holdings.is_empty() && seats.is_empty() && self.person(person)?.is_none() {
            // a mistyped id: no record, nothing held
            return Err(Error::UnknownPerson {
                person: person.to_string(),
            });
        }
        let correlation_id = Uuid::now_v7();
        let mut events = Vec::new();
        let mut skipped = Vec::new();
        for v in holdings {
            if v.status == Status::Assigned {
                let mut e = NewEvent::new(
                    v.asset_id,
                    ReturnRequested {
                        reason: ReturnReason::Offboarding,
                        due,
                    },
                );
                e.occurred_at = occurred_at;
                events.push(
                    e.by(actor)
                        .correlated(correlation_id)
                        .expect(Expected::Exact(v.version)),
                );
            } else {
                skipped.push((v.tag, v.status));
            }
        }
        let asked = events.len();
        for l in seats.iter().filter(|l| !l.not_reassignable) {
            let mut e = NewEvent::new(
                l.license_id,
                crate::event::SeatReleased {
                    person: Some(person.clone()),
                    device: None,
                },
            );
            e.occurred_at = occurred_at;
            events.push(
                e.by(actor)
                    .correlated(correlation_id)
                    .expect(Expected::Exact(l.version)),
            );
        }
        // one atomic batch: the return requests and the seats released
        let mut requested = self.append_batch(&events)?;
        let released = requested.split_off(asked);
        self.mark_left(person, Some(left))?;
        Ok(Offboarding {
            person: person.clone(),
            correlation_id,
            requested,
            skipped,
            released,
        })
    }

    /// Views at a moment matching a filter; `narrow` lets SQL skip views
    /// `keep` would refuse anyway.
    fn select(
        &self,
        at: At,
        filter: &FleetFilter,
        narrow: Narrow,
        keep: impl Fn(&AssetView) -> bool,
    ) -> Result<Vec<AssetView>> {
        let mut out = Vec::new();
        self.scan(at, filter, narrow, Costs::With, &mut |v| {
            if keep(&v) {
                out.push(v);
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// Call `f` with the views at a moment that match a filter (and,
    /// where stored views answer, the narrowing), in creation order.
    /// [`AssetLog::fleet`] without the cost totals of each view (one read
    /// less per asset), for questions that do not show them.
    pub(crate) fn fleet_without_costs(
        &self,
        filter: &FleetFilter,
        at: At,
    ) -> Result<Vec<AssetView>> {
        let mut out = Vec::new();
        self.scan(at, filter, Narrow::None, Costs::Without, &mut |v| {
            if filter.matches(&v) {
                out.push(v);
            }
            Ok(())
        })?;
        Ok(out)
    }

    pub(crate) fn scan(
        &self,
        at: At,
        filter: &FleetFilter,
        narrow: Narrow,
        costs: Costs,
        f: &mut dyn FnMut(AssetView) -> Result<()>,
    ) -> Result<()> {
        self.read_at(at, |r, plan| match plan {
            Plan::Stored(when) => r.views(when, filter, narrow, costs, f),
            Plan::Refold(cut) => refold_all(r, cut, &mut |t| {
                let v = t.view.expect("refold_all passes folded assets");
                if filter.matches(&v) {
                    f(v)?;
                }
                Ok(())
            }),
        })
    }
}

/// Licenses and, per person, the seats they hold (license index, since).
struct SeatIndex {
    licenses: Vec<crate::license::LicenseView>,
    by_person: std::collections::HashMap<PersonId, Vec<(usize, DateTime<Utc>)>>,
}

impl SeatIndex {
    fn new(licenses: Vec<crate::license::LicenseView>) -> Self {
        let mut by_person: std::collections::HashMap<PersonId, Vec<(usize, DateTime<Utc>)>> =
            std::collections::HashMap::new();
        for (i, l) in licenses.iter().enumerate() {
            for seat in &l.holders {
                if let crate::license::SeatHolder::Person(p) = &seat.holder {
                    by_person
                        .entry(p.clone())
                        .or_default()
                        .push((i, seat.since));
                }
            }
        }
        SeatIndex {
            licenses,
            by_person,
        }
    }
}

/// Stops a scan once a page is full (never leaves [`AssetLog::fleet_page`]).
const PAGE_FULL: &str = "page full";

/// A page of the fleet (see [`AssetLog::fleet_page`]).
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct FleetPage {
    /// The views, in the order the assets were created.
    pub views: Vec<AssetView>,
    /// The cursor of the next page (its `after`), `None` on the last page.
    pub next: Option<AssetId>,
}

/// Whether a cost row's holder, department, location and country match a filter.
fn cost_matches(filter: &FleetFilter, c: &CostRow) -> bool {
    filter.country.is_none_or(|x| c.country == Some(x))
        && filter
            .location
            .as_ref()
            .is_none_or(|x| c.location.as_ref() == Some(x))
        && filter
            .holder
            .as_ref()
            .is_none_or(|x| c.holder.as_ref() == Some(x))
        && filter
            .department
            .as_ref()
            .is_none_or(|x| c.department.as_ref() == Some(x))
}
