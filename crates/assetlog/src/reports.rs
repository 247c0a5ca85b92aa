//! Fleet reports on [`AssetLog`]: lists, counts, spend and the questions IT
//! teams ask every week, each answerable now or at any moment ([`At`]).
//! Also offboarding, the one operation built from a report and a batch.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::error::Result;
use crate::event::{Appended, Expected, NewEvent, ReturnReason, ReturnRequested};
use crate::ids::PersonId;
use crate::lifecycle::Status;
use std::collections::BTreeMap;

use crate::log::{refold_all, AssetLog, At, Plan};
use crate::money::Currency;
use crate::store::Narrow;
use crate::time::to_micros;
use crate::view::asset::{AssetView, CostSums};
use crate::view::cost::{by_currency, CurrencyCosts};
use crate::view::fleet::{
    self, DuplicateSerial, FleetCounts, FleetFilter, IdleAsset, OverdueReturn, SerialIndex,
};
use crate::view::timeline::{CostRow, CostSlot};

/// What an offboarding did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
}

impl AssetLog {
    /// Assets matching a filter, in the order they were created.
    pub fn fleet(&self, filter: &FleetFilter, at: At) -> Result<Vec<AssetView>> {
        self.select(at, filter, Narrow::None, |v| filter.matches(v))
    }

    /// Counts by status and by status x country of the assets matching a filter.
    pub fn counts(&self, filter: &FleetFilter, at: At) -> Result<FleetCounts> {
        let mut counts = FleetCounts::default();
        self.read_at(at, |r, plan| match plan {
            Plan::Stored(when) => {
                for (status, country, n) in r.count_views(when, filter)? {
                    counts.add_n(status, country, n);
                }
                Ok(())
            }
            Plan::Refold(cut) => refold_all(r, cut, &mut |t| {
                let v = t.view.expect("refold_all passes folded assets");
                if filter.matches(&v) {
                    counts.add_n(v.status, v.country, 1);
                }
                Ok(())
            }),
        })?;
        Ok(counts)
    }

    /// Spend by currency and kind: the costs that arose by the moment on
    /// assets of the filter's category and (at that moment) status, while
    /// they were with the filter's holder or department, at its location or
    /// in its country. A laptop's costs stay with the department that had
    /// it when they arose, after it was returned or retired.
    pub fn spend(&self, filter: &FleetFilter, at: At) -> Result<Vec<CurrencyCosts>> {
        let sums = self.read_at(at, |r, plan| match plan {
            Plan::Stored(when) => r.spend(when, filter),
            Plan::Refold(cut) => {
                let mut sums = BTreeMap::<Currency, CostSums>::new();
                refold_all(r, cut, &mut |t| {
                    let v = t.view.as_ref().expect("refold_all passes folded assets");
                    let asset_ok = filter.status.is_none_or(|s| v.status == s)
                        && filter.category.as_ref().is_none_or(|c| &v.category == c);
                    for c in t
                        .costs
                        .iter()
                        .filter(|c| asset_ok && cost_matches(filter, c))
                    {
                        let mut one = CostSums::default();
                        match c.slot {
                            CostSlot::Resale => one.resale = c.amount.minor(),
                            CostSlot::Cost(k) => *one.slot(k) = c.amount.minor(),
                        }
                        sums.entry(c.amount.currency()).or_default().add(&one)?;
                    }
                    Ok(())
                })?;
                Ok(sums)
            }
        })?;
        by_currency(&sums)
    }

    /// Assets idle for `days` or more: in stock, or assigned and not seen.
    pub fn idle(&self, days: i64, at: At) -> Result<Vec<IdleAsset>> {
        let now = self.reference_time(at);
        let before = to_micros(now) - days.saturating_mul(86_400_000_000).max(0);
        let narrow = if days >= 0 {
            Narrow::Idle { before }
        } else {
            Narrow::None
        };
        let mut out = Vec::new();
        self.scan(at, &FleetFilter::default(), narrow, &mut |v| {
            out.extend(fleet::idle(&v, now, days));
            Ok(())
        })?;
        Ok(out)
    }

    /// Requested returns past their due date, most overdue first.
    pub fn overdue_returns(&self, at: At) -> Result<Vec<OverdueReturn>> {
        let today = self.reference_time(at).date_naive();
        let mut out = Vec::new();
        let narrow = Narrow::OverdueBefore(today);
        self.scan(at, &FleetFilter::default(), narrow, &mut |v| {
            out.extend(fleet::overdue(&v, today));
            Ok(())
        })?;
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

    /// Request the return of everything a person has assigned, due on a
    /// date, in one atomic batch. The overdue-returns report follows each
    /// item until it is returned. Each request expects the asset's current
    /// version, so a concurrent change makes the whole batch fail cleanly
    /// ([`crate::Error::VersionConflict`]); run it again.
    ///
    /// `occurred_at` is when the person left (default now); the requests are
    /// recorded as happening then.
    pub fn offboard(
        &self,
        person: &PersonId,
        due: NaiveDate,
        occurred_at: Option<DateTime<Utc>>,
        actor: &str,
    ) -> Result<Offboarding> {
        crate::time::check_date("due", due)?;
        let correlation_id = Uuid::now_v7();
        let mut events = Vec::new();
        let mut skipped = Vec::new();
        for v in self.holdings(person, At::now())? {
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
        let requested = self.append_batch(&events)?;
        Ok(Offboarding {
            person: person.clone(),
            correlation_id,
            requested,
            skipped,
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
        self.scan(at, filter, narrow, &mut |v| {
            if keep(&v) {
                out.push(v);
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// Call `f` with the views at a moment that match a filter (and,
    /// where stored views answer, the narrowing), in creation order.
    fn scan(
        &self,
        at: At,
        filter: &FleetFilter,
        narrow: Narrow,
        f: &mut dyn FnMut(AssetView) -> Result<()>,
    ) -> Result<()> {
        self.read_at(at, |r, plan| match plan {
            Plan::Stored(when) => r.views(when, filter, narrow, f),
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
