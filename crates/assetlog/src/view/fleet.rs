//! Fleet questions: pure functions over asset views (current or as of a
//! date), so the same answer comes whether views are read or re-folded.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::event::ReturnReason;
use crate::ids::{AssetId, Country, PersonId};
use crate::lifecycle::Status;
use crate::view::asset::AssetView;

/// Which assets to list; every field set must match (text compares exactly,
/// country and status by code).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FleetFilter {
    /// In this status.
    pub status: Option<Status>,
    /// In this country.
    pub country: Option<Country>,
    /// At this location.
    pub location: Option<String>,
    /// Held by this person.
    pub holder: Option<PersonId>,
    /// Of this category.
    pub category: Option<String>,
    /// Held for this department.
    pub department: Option<String>,
}

impl FleetFilter {
    /// True when the view matches every field that is set.
    pub fn matches(&self, v: &AssetView) -> bool {
        self.status.is_none_or(|s| v.status == s)
            && self.country.is_none_or(|c| v.country == Some(c))
            && self
                .location
                .as_ref()
                .is_none_or(|l| v.location.as_ref() == Some(l))
            && self
                .holder
                .as_ref()
                .is_none_or(|h| v.holder.as_ref() == Some(h))
            && self.category.as_ref().is_none_or(|c| &v.category == c)
            && self
                .department
                .as_ref()
                .is_none_or(|d| v.department.as_ref() == Some(d))
    }
}

/// Asset counts by status and by status x country.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FleetCounts {
    /// All assets counted.
    pub total: u64,
    /// By status.
    pub by_status: BTreeMap<Status, u64>,
    /// By status, then country ("" for unknown).
    pub by_status_country: BTreeMap<Status, BTreeMap<String, u64>>,
}

impl FleetCounts {
    /// Count `n` assets in a status and country.
    pub fn add_n(&mut self, status: Status, country: Option<Country>, n: u64) {
        self.total += n;
        *self.by_status.entry(status).or_default() += n;
        let country = country.map(|c| c.code().to_owned()).unwrap_or_default();
        *self
            .by_status_country
            .entry(status)
            .or_default()
            .entry(country)
            .or_default() += n;
    }
}

/// Why an asset counts as idle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IdleReason {
    /// In stock, unused.
    InStock,
    /// Assigned but not seen by an agent or audit.
    NotSeen,
}

/// An asset that has been idle for at least the asked number of days.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IdleAsset {
    /// The asset.
    pub asset_id: AssetId,
    /// Its tag.
    pub tag: String,
    /// Its status.
    pub status: Status,
    /// Why it is idle.
    pub reason: IdleReason,
    /// Since when.
    pub since: DateTime<Utc>,
    /// For how many whole days.
    pub days: i64,
}

/// Idle if in stock for `days` or more, or assigned and not seen (nor
/// assigned) for `days` or more, at `now`.
pub fn idle(v: &AssetView, now: DateTime<Utc>, days: i64) -> Option<IdleAsset> {
    let (reason, since) = match v.status {
        Status::InStock => (IdleReason::InStock, v.status_since),
        Status::Assigned => (
            IdleReason::NotSeen,
            v.last_seen
                .map_or(v.status_since, |s| s.max(v.status_since)),
        ),
        _ => return None,
    };
    let idle_days = (now - since).num_days();
    (idle_days >= days).then(|| IdleAsset {
        asset_id: v.asset_id,
        tag: v.tag.clone(),
        status: v.status,
        reason,
        since,
        days: idle_days,
    })
}

/// A requested return past its due date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OverdueReturn {
    /// The asset.
    pub asset_id: AssetId,
    /// Its tag.
    pub tag: String,
    /// Who should send it back.
    pub holder: Option<PersonId>,
    /// When it was due.
    pub due: NaiveDate,
    /// Days past due.
    pub days_overdue: i64,
    /// Why it was requested.
    pub reason: Option<ReturnReason>,
}

/// The overdue return of an asset on `today`, if it is one.
pub fn overdue(v: &AssetView, today: NaiveDate) -> Option<OverdueReturn> {
    let due = v.return_due.filter(|_| v.status == Status::ReturnPending)?;
    (today > due).then(|| OverdueReturn {
        asset_id: v.asset_id,
        tag: v.tag.clone(),
        holder: v.holder.clone(),
        due,
        days_overdue: (today - due).num_days(),
        reason: v.return_reason,
    })
}

/// In service (not ordered, lost or retired) and not patched since `since`.
pub fn not_patched_since(v: &AssetView, since: DateTime<Utc>) -> bool {
    in_service(v.status) && v.last_patch.as_ref().is_none_or(|p| p.at < since)
}

/// In service with a warranty ending before `date` (those without a recorded
/// warranty end are not listed).
pub fn warranty_ending_before(v: &AssetView, date: NaiveDate) -> bool {
    in_service(v.status) && v.warranty_end.is_some_and(|w| w < date)
}

/// Statuses in which an asset is part of the working fleet.
pub fn in_service(s: Status) -> bool {
    !matches!(s, Status::Ordered | Status::Lost | Status::Retired)
}

/// Serial numbers used by more than one asset, with their tags, serial order.
#[derive(Clone, Debug, Default)]
pub struct SerialIndex {
    seen: BTreeMap<String, Vec<String>>,
}

impl SerialIndex {
    /// Note an asset's serial (compared trimmed and without ASCII case).
    pub fn add(&mut self, v: &AssetView) {
        if let Some(s) = &v.serial {
            self.add_serial(v.tag.clone(), s);
        }
    }

    /// Note an asset's serial by its tag.
    pub fn add_serial(&mut self, tag: String, serial: &str) {
        let key = serial.trim().to_ascii_uppercase();
        if !key.is_empty() {
            self.seen.entry(key).or_default().push(tag);
        }
    }

    /// The duplicates: (serial, tags).
    pub fn duplicates(self) -> Vec<DuplicateSerial> {
        self.seen
            .into_iter()
            .filter(|(_, tags)| tags.len() > 1)
            .map(|(serial, mut tags)| {
                tags.sort();
                DuplicateSerial { serial, tags }
            })
            .collect()
    }
}

/// One serial number found on several assets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DuplicateSerial {
    /// The serial (upper case).
    pub serial: String,
    /// The tags carrying it.
    pub tags: Vec<String>,
}
