//! Fleet questions: pure functions over asset views (current or as of a
//! date), so the same answer comes whether views are read or re-folded.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::event::ReturnReason;
use crate::ids::{AssetId, Country, PersonId};
use crate::lifecycle::Status;
use crate::view::asset::AssetView;
use crate::view::timeline::CostRow;

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
    /// The names [`FleetFilter::set`] takes.
    pub const FIELDS: &'static [&'static str] = &[
        "status",
        "country",
        "location",
        "holder",
        "category",
        "department",
    ];

    /// Set one field from text, as a command line, a form or a binding
    /// gives it: `status` in any case (`Assigned`, `in-stock`), `country` a
    /// two-letter code in any case, `holder` a person id, the rest exact
    /// text. An unknown name or a value that does not read is
    /// [`crate::Error::InvalidValue`] naming it.
    pub fn set(&mut self, field: &str, value: &str) -> crate::Result<()> {
        match field {
            "status" => self.status = Some(value.parse()?),
            "country" => self.country = Some(value.parse()?),
            "location" => self.location = Some(value.to_owned()),
            "holder" => self.holder = Some(value.parse()?),
            "category" => self.category = Some(value.to_owned()),
            "department" => self.department = Some(value.to_owned()),
            other => {
                return Err(crate::Error::invalid(
                    "filter",
                    other,
                    format!(
                        "an unknown filter; the filters are {}",
                        Self::FIELDS.join(", ")
                    ),
                ))
            }
        }
        Ok(())
    }

    /// A filter from `(field, text)` pairs (see [`FleetFilter::set`]).
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> crate::Result<Self> {
        let mut f = FleetFilter::default();
        for (field, value) in pairs {
            f.set(field, value)?;
        }
        Ok(f)
    }

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

/// What fleet figures can be grouped by. A cost is grouped by the
/// department, cost centre, location and country in force when it arose;
/// counts by the asset's state at the moment asked; category, vendor and
/// model are the asset's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// Lifecycle status.
    Status,
    /// Country.
    Country,
    /// Location.
    Location,
    /// The holder's department.
    Department,
    /// The holder's cost centre.
    CostCentre,
    /// Category from the order.
    Category,
    /// Vendor from the order.
    Vendor,
    /// Model from the order.
    Model,
}

impl Dimension {
    /// Every dimension.
    pub const ALL: &'static [Dimension] = &[
        Dimension::Status,
        Dimension::Country,
        Dimension::Location,
        Dimension::Department,
        Dimension::CostCentre,
        Dimension::Category,
        Dimension::Vendor,
        Dimension::Model,
    ];

    /// The snake_case name.
    pub fn name(self) -> &'static str {
        match self {
            Dimension::Status => "status",
            Dimension::Country => "country",
            Dimension::Location => "location",
            Dimension::Department => "department",
            Dimension::CostCentre => "cost_centre",
            Dimension::Category => "category",
            Dimension::Vendor => "vendor",
            Dimension::Model => "model",
        }
    }

    /// The dimension with that name (ASCII case and `-`/`_` ignored).
    pub fn from_name(name: &str) -> crate::Result<Self> {
        let wanted = name.trim().to_ascii_lowercase().replace('-', "_");
        Dimension::ALL
            .iter()
            .copied()
            .find(|d| d.name() == wanted)
            .ok_or_else(|| {
                crate::Error::invalid(
                    "by",
                    name,
                    format!(
                        "expected one of {}",
                        Dimension::ALL
                            .iter()
                            .map(|d| d.name())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            })
    }

    /// A list such as `department,country` (at most two dimensions, no repeats).
    pub fn parse_list(text: &str) -> crate::Result<Vec<Self>> {
        let dims = text
            .split(',')
            .map(Dimension::from_name)
            .collect::<crate::Result<Vec<_>>>()?;
        check_dimensions(&dims)?;
        Ok(dims)
    }

    /// This dimension's value in an asset's state.
    pub fn of_view(self, v: &AssetView) -> Option<String> {
        match self {
            Dimension::Status => Some(v.status.name().to_owned()),
            Dimension::Country => v.country.map(|c| c.code().to_owned()),
            Dimension::Location => v.location.clone(),
            Dimension::Department => v.department.clone(),
            Dimension::CostCentre => v.cost_centre.clone(),
            Dimension::Category => Some(v.category.clone()),
            Dimension::Vendor => Some(v.vendor.clone()),
            Dimension::Model => Some(v.model.clone()),
        }
    }

    /// This dimension's value for a cost: where and with whom it arose,
    /// the asset's category, vendor and model, and its status in `v`.
    pub fn of_cost(self, c: &CostRow, v: &AssetView) -> Option<String> {
        match self {
            Dimension::Country => c.country.map(|c| c.code().to_owned()),
            Dimension::Location => c.location.clone(),
            Dimension::Department => c.department.clone(),
            Dimension::CostCentre => c.cost_centre.clone(),
            other => other.of_view(v),
        }
    }
}

/// Group keys have at most two dimensions, each once.
pub fn check_dimensions(dims: &[Dimension]) -> crate::Result<()> {
    if dims.len() > 2 {
        return Err(crate::Error::invalid(
            "by",
            dims.iter().map(|d| d.name()).collect::<Vec<_>>().join(","),
            "group by one or two dimensions",
        ));
    }
    if dims.len() == 2 && dims[0] == dims[1] {
        return Err(crate::Error::invalid(
            "by",
            dims[0].name(),
            "a dimension appears twice",
        ));
    }
    Ok(())
}

/// One group's key: the value of each dimension asked, `None` when unknown.
pub type GroupKey = Vec<Option<String>>;

/// Assets counted in one group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct CountGroup {
    /// The group.
    pub key: GroupKey,
    /// Assets in it.
    pub count: u64,
}

/// Spend of one group, by currency and kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct SpendGroup {
    /// The group.
    pub key: GroupKey,
    /// Costs by currency (cost of ownership is each one's `total`).
    pub costs: Vec<crate::view::cost::CurrencyCosts>,
}

/// Asset counts by status and by status x country.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdleReason {
    /// In stock, unused.
    InStock,
    /// Assigned but not seen by an agent or audit.
    NotSeen,
}

/// An asset that has been idle for at least the asked number of days.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
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

/// Which categories report in (an agent, MDM, an audit scan): only they
/// can be "not seen" or "not patched". Monitors and docks never check in,
/// so listing them would only be noise.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckInPolicy {
    /// Categories expected to check in (compared without ASCII case).
    pub categories: Vec<String>,
}

impl Default for CheckInPolicy {
    /// Laptops, desktops, workstations, phones, tablets and servers.
    fn default() -> Self {
        CheckInPolicy {
            categories: [
                "laptop",
                "desktop",
                "workstation",
                "phone",
                "tablet",
                "server",
            ]
            .map(String::from)
            .to_vec(),
        }
    }
}

impl CheckInPolicy {
    /// The categories a caller names, or the default ones when it names none
    /// (what `--checks-in`, Python `checks_in=` and Node `checksIn` mean).
    pub fn from_categories(categories: Option<Vec<String>>) -> Self {
        categories.map_or_else(CheckInPolicy::default, |categories| CheckInPolicy {
            categories,
        })
    }

    /// Whether assets of this category are expected to check in.
    pub fn checks_in(&self, category: &str) -> bool {
        self.categories
            .iter()
            .any(|c| c.eq_ignore_ascii_case(category))
    }
}

/// Statuses in which a device is in someone's hands and should report.
pub fn in_use(s: Status) -> bool {
    matches!(s, Status::Assigned | Status::ReturnPending)
}

/// A device in use that has not checked in, or not been patched, for a while.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct SilentAsset {
    /// The asset.
    pub asset_id: AssetId,
    /// Its tag.
    pub tag: String,
    /// Its category.
    pub category: String,
    /// Its model.
    pub model: String,
    /// Its status.
    pub status: Status,
    /// Who holds it.
    pub holder: Option<PersonId>,
    /// Their department.
    pub department: Option<String>,
    /// Where it is.
    pub country: Option<Country>,
    /// What it cost.
    pub unit_cost: crate::money::Money,
    /// The last check-in (or patch); `None`: never.
    pub last: Option<DateTime<Utc>>,
    /// Whole days without one (since it was received or assigned, if never).
    pub days: i64,
}

fn silent(
    v: &AssetView,
    last: Option<DateTime<Utc>>,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> SilentAsset {
    SilentAsset {
        asset_id: v.asset_id,
        tag: v.tag.clone(),
        category: v.category.clone(),
        model: v.model.clone(),
        status: v.status,
        holder: v.holder.clone(),
        department: v.department.clone(),
        country: v.country,
        unit_cost: v.unit_cost,
        last,
        days: (now - last.unwrap_or(start)).num_days(),
    }
}

/// In use, of a category that checks in, and not seen for `days` or more
/// (counted from the assignment when it has not been seen since).
pub fn unseen(
    v: &AssetView,
    now: DateTime<Utc>,
    days: i64,
    policy: &CheckInPolicy,
) -> Option<SilentAsset> {
    if !in_use(v.status) || !policy.checks_in(&v.category) {
        return None;
    }
    let quiet_since = v
        .last_seen
        .map_or(v.status_since, |s| s.max(v.status_since));
    ((now - quiet_since).num_days() >= days).then(|| {
        let mut s = silent(v, v.last_seen, v.status_since, now);
        s.days = (now - quiet_since).num_days();
        s
    })
}

/// In use, of a category that checks in, and not patched for `days` or
/// more (counted from its first event when never patched).
pub fn unpatched(
    v: &AssetView,
    now: DateTime<Utc>,
    days: i64,
    policy: &CheckInPolicy,
) -> Option<SilentAsset> {
    if !in_use(v.status) || !policy.checks_in(&v.category) {
        return None;
    }
    let last = v.last_patch.as_ref().map(|p| p.at);
    let s = silent(v, last, v.first_event_at, now);
    (s.days >= days).then_some(s)
}

/// A device in use whose installed version of a component is below a
/// minimum (or not known).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct OutdatedAsset {
    /// The asset.
    pub asset_id: AssetId,
    /// Its tag.
    pub tag: String,
    /// Its category.
    pub category: String,
    /// Its model.
    pub model: String,
    /// Its status.
    pub status: Status,
    /// Who holds it.
    pub holder: Option<PersonId>,
    /// Their department.
    pub department: Option<String>,
    /// Where it is.
    pub country: Option<Country>,
    /// What it cost.
    pub unit_cost: crate::money::Money,
    /// The component asked about ("os", "firmware", an application).
    pub component: String,
    /// The version installed; `None`: never reported.
    pub installed: Option<String>,
    /// The last patch of any component, when there was one.
    pub last_patched: Option<DateTime<Utc>>,
}

/// The version of a component installed on a device, from its view: for
/// "os" the operating system version it reports or its last OS patch, for
/// "firmware" (or "bios") the firmware it reports or its last firmware
/// patch, for any other component its last patch of that component;
/// whichever is the later version. Component names ignore ASCII case.
pub fn installed_version<'v>(v: &'v AssetView, component: &str) -> Option<&'v str> {
    let is = |name: &str| component.eq_ignore_ascii_case(name);
    let reported = if is("os") {
        v.os_version.as_deref()
    } else if is("firmware") || is("bios") {
        v.firmware_version.as_deref()
    } else {
        None
    };
    let patched = v
        .last_patch
        .as_ref()
        .filter(|p| p.component.eq_ignore_ascii_case(component))
        .map(|p| p.version.as_str());
    match (reported, patched) {
        (Some(r), Some(p)) => Some(
            if crate::version::compare_versions(p, r) == std::cmp::Ordering::Greater {
                p
            } else {
                r
            },
        ),
        (r, p) => r.or(p),
    }
}

/// In use, of a category that checks in, with `component` below `minimum`
/// (compared as versions) or not known.
pub fn outdated(
    v: &AssetView,
    component: &str,
    minimum: &str,
    policy: &CheckInPolicy,
) -> Option<OutdatedAsset> {
    if !in_use(v.status) || !policy.checks_in(&v.category) {
        return None;
    }
    let installed = installed_version(v, component);
    if installed
        .is_some_and(|i| crate::version::compare_versions(i, minimum) != std::cmp::Ordering::Less)
    {
        return None;
    }
    Some(OutdatedAsset {
        asset_id: v.asset_id,
        tag: v.tag.clone(),
        category: v.category.clone(),
        model: v.model.clone(),
        status: v.status,
        holder: v.holder.clone(),
        department: v.department.clone(),
        country: v.country,
        unit_cost: v.unit_cost,
        component: component.to_owned(),
        installed: installed.map(str::to_owned),
        last_patched: v.last_patch.as_ref().map(|p| p.at),
    })
}

/// Unknown versions first, then the oldest, then tag.
pub fn rank_outdated(list: &mut [OutdatedAsset]) {
    list.sort_by(|a, b| match (&a.installed, &b.installed) {
        (None, None) => a.tag.cmp(&b.tag),
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (Some(x), Some(y)) => {
            crate::version::compare_versions(x, y).then_with(|| a.tag.cmp(&b.tag))
        }
    });
}

/// Most days first, then tag.
pub fn rank(list: &mut [SilentAsset]) {
    list.sort_by(|a, b| b.days.cmp(&a.days).then_with(|| a.tag.cmp(&b.tag)));
}

/// In service with a warranty ending within `[from, to]`.
pub fn warranty_ending_within(v: &AssetView, from: NaiveDate, to: NaiveDate) -> bool {
    in_service(v.status) && v.warranty_end.is_some_and(|w| w >= from && w <= to)
}

/// Idle if in stock for `days` or more, or assigned and not seen (nor
/// assigned) for `days` or more, at `now`. Only categories that check in
/// can be "not seen": an assigned monitor is not idle.
pub fn idle(
    v: &AssetView,
    now: DateTime<Utc>,
    days: i64,
    policy: &CheckInPolicy,
) -> Option<IdleAsset> {
    let (reason, since) = match v.status {
        Status::InStock => (IdleReason::InStock, v.status_since),
        Status::Assigned if policy.checks_in(&v.category) => (
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct DuplicateSerial {
    /// The serial (upper case).
    pub serial: String,
    /// The tags carrying it.
    pub tags: Vec<String>,
}

/// What the data leaves out: assets in service the questions above cannot
/// place, attribute or value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct DataGaps {
    /// In service with no country (spend and counts by country miss them).
    pub no_country: Vec<String>,
    /// In someone's hands with no department (costs cannot be attributed).
    pub no_department: Vec<String>,
    /// With a purchase price of zero.
    pub no_cost: Vec<String>,
    /// In service with no serial number (cannot be matched to agents).
    pub no_serial: Vec<String>,
    /// Serial numbers on more than one asset.
    pub duplicate_serials: Vec<DuplicateSerial>,
}

impl DataGaps {
    /// Note one asset's gaps.
    pub fn add(&mut self, v: &AssetView) {
        let serving = in_service(v.status);
        if serving && v.country.is_none() {
            self.no_country.push(v.tag.clone());
        }
        if in_use(v.status) && v.department.is_none() {
            self.no_department.push(v.tag.clone());
        }
        if v.unit_cost.minor() == 0 {
            self.no_cost.push(v.tag.clone());
        }
        if serving && v.serial.as_deref().is_none_or(|s| s.trim().is_empty()) {
            self.no_serial.push(v.tag.clone());
        }
    }
}
