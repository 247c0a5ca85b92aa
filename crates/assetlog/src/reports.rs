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
use crate::log::{AssetLog, At};
use crate::money::Currency;
use crate::view::asset::{AssetView, CostSums};
use crate::view::cost::{by_currency, CurrencyCosts};
use crate::view::fleet::{
    self, DuplicateSerial, FleetCounts, FleetFilter, IdleAsset, OverdueReturn, SerialIndex,
};

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
        let mut out = Vec::new();
        self.scan_views(at, &mut |v| {
            if filter.matches(&v) {
                out.push(v);
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// Counts by status and by status x country of the assets matching a filter.
    pub fn counts(&self, filter: &FleetFilter, at: At) -> Result<FleetCounts> {
        let mut counts = FleetCounts::default();
        self.scan_views(at, &mut |v| {
            if filter.matches(&v) {
                counts.add(&v);
            }
            Ok(())
        })?;
        Ok(counts)
    }

    /// Spend of the assets matching a filter, by currency and kind.
    pub fn spend(&self, filter: &FleetFilter, at: At) -> Result<Vec<CurrencyCosts>> {
        let mut sums = std::collections::BTreeMap::<Currency, CostSums>::new();
        self.scan_views(at, &mut |v| {
            if filter.matches(&v) {
                for (c, s) in &v.costs {
                    sums.entry(*c).or_default().add(s)?;
                }
            }
            Ok(())
        })?;
        by_currency(&sums)
    }

    /// Assets idle for `days` or more: in stock, or assigned and not seen.
    pub fn idle(&self, days: i64, at: At) -> Result<Vec<IdleAsset>> {
        let now = self.reference_time(at);
        let mut out = Vec::new();
        self.scan_views(at, &mut |v| {
            out.extend(fleet::idle(&v, now, days));
            Ok(())
        })?;
        Ok(out)
    }

    /// Requested returns past their due date, most overdue first.
    pub fn overdue_returns(&self, at: At) -> Result<Vec<OverdueReturn>> {
        let today = self.reference_time(at).date_naive();
        let mut out = Vec::new();
        self.scan_views(at, &mut |v| {
            out.extend(fleet::overdue(&v, today));
            Ok(())
        })?;
        out.sort_by(|a, b| b.days_overdue.cmp(&a.days_overdue).then(a.tag.cmp(&b.tag)));
        Ok(out)
    }

    /// Assets in service not patched since an instant.
    pub fn not_patched_since(&self, since: DateTime<Utc>, at: At) -> Result<Vec<AssetView>> {
        self.select(at, |v| fleet::not_patched_since(v, since))
    }

    /// Assets in service whose warranty ends before a date.
    pub fn warranty_ending_before(&self, date: NaiveDate, at: At) -> Result<Vec<AssetView>> {
        self.select(at, |v| fleet::warranty_ending_before(v, date))
    }

    /// Serial numbers found on more than one asset.
    pub fn duplicate_serials(&self, at: At) -> Result<Vec<DuplicateSerial>> {
        let mut index = SerialIndex::default();
        self.scan_views(at, &mut |v| {
            index.add(&v);
            Ok(())
        })?;
        Ok(index.duplicates())
    }

    /// Everything a person holds.
    pub fn holdings(&self, person: &PersonId, at: At) -> Result<Vec<AssetView>> {
        if at == At::now() {
            return self.store.read(|r| r.views_held_by(person));
        }
        self.select(at, |v| v.holder.as_ref() == Some(person))
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

    fn select(&self, at: At, keep: impl Fn(&AssetView) -> bool) -> Result<Vec<AssetView>> {
        let mut out = Vec::new();
        self.scan_views(at, &mut |v| {
            if keep(&v) {
                out.push(v);
            }
            Ok(())
        })?;
        Ok(out)
    }
}
