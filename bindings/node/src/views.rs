//! The objects the Node API takes and returns (`#[napi(object)]`: plain JS
//! objects with camelCase fields, typed in the generated index.d.ts).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use napi::bindgen_prelude::BigInt;
use napi_derive::napi;
use serde_json::Value;

use crate::convert::{camel, keys, rename_keys};

/// Money: an exact decimal string and an ISO 4217 currency (never a float).
#[napi(object)]
pub struct Money {
    pub amount: String,
    pub currency: String,
}

impl From<assetlog::Money> for Money {
    // Not destructured: the core's `Money` keeps its fields private (minor
    // units and currency are read through its methods).
    fn from(m: assetlog::Money) -> Self {
        Money {
            amount: m.amount_string(),
            currency: m.currency().to_string(),
        }
    }
}

/// The latest patch of an asset.
#[napi(object)]
pub struct PatchInfo {
    pub at: DateTime<Utc>,
    pub component: String,
    pub version: String,
}

/// One asset's state at a moment. Dates (no time) are `YYYY-MM-DD` strings.
#[napi(object)]
pub struct AssetView {
    pub asset_id: String,
    pub tag: String,
    #[napi(ts_type = "Status")]
    pub status: String,
    pub version: i64,
    pub category: String,
    pub vendor: String,
    pub model: String,
    pub serial: Option<String>,
    pub order_ref: Option<String>,
    pub ordered_on: String,
    pub unit_cost: Money,
    pub warranty_end: Option<String>,
    pub holder: Option<String>,
    pub department: Option<String>,
    pub cost_centre: Option<String>,
    pub location: Option<String>,
    pub country: Option<String>,
    pub destination: Option<String>,
    pub destination_country: Option<String>,
    pub carrier: Option<String>,
    pub repairer: Option<String>,
    /// Costs by currency, split by kind.
    pub costs: Vec<CurrencyCosts>,
    pub last_seen: Option<DateTime<Utc>>,
    pub os_version: Option<String>,
    pub firmware_version: Option<String>,
    pub last_patch: Option<PatchInfo>,
    pub open_tickets: Vec<String>,
    pub return_due: Option<String>,
    pub return_reason: Option<String>,
    pub condition: Option<String>,
    pub wiped: bool,
    pub retired_reason: Option<String>,
    pub status_since: DateTime<Utc>,
    pub first_event_at: DateTime<Utc>,
    pub last_event_at: DateTime<Utc>,
}

fn name<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

impl From<assetlog::AssetView> for AssetView {
    fn from(v: assetlog::AssetView) -> Self {
        let assetlog::AssetView {
            asset_id,
            tag,
            status,
            version,
            category,
            vendor,
            model,
            serial,
            order_ref,
            ordered_on,
            unit_cost,
            warranty_end,
            holder,
            department,
            cost_centre,
            location,
            country,
            destination,
            destination_country,
            carrier,
            repairer,
            last_seen,
            os_version,
            firmware_version,
            last_patch,
            open_tickets,
            return_due,
            return_reason,
            condition,
            wiped,
            retired_reason,
            status_since,
            first_event_at,
            last_event_at,
            costs,
        } = v;
        AssetView {
            asset_id: asset_id.to_string(),
            tag,
            status: status.name().to_owned(),
            version: version as i64,
            category,
            vendor,
            model,
            serial,
            order_ref,
            ordered_on: ordered_on.to_string(),
            unit_cost: unit_cost.into(),
            warranty_end: warranty_end.map(|d| d.to_string()),
            holder: holder.map(|p| p.to_string()),
            department,
            cost_centre,
            location,
            country: country.map(|c| c.to_string()),
            destination,
            destination_country: destination_country.map(|c| c.to_string()),
            carrier,
            repairer,
            costs: assetlog::view::cost::by_currency(&costs)
                .expect("cost totals fit: they were checked when written")
                .into_iter()
                .map(Into::into)
                .collect(),
            last_seen,
            os_version,
            firmware_version,
            last_patch: last_patch.map(
                |assetlog::PatchInfo {
                     at,
                     component,
                     version,
                 }| PatchInfo {
                    at,
                    component,
                    version,
                },
            ),
            open_tickets,
            return_due: return_due.map(|d| d.to_string()),
            return_reason: return_reason.as_ref().map(name),
            condition: condition.as_ref().map(name),
            wiped,
            retired_reason: retired_reason.as_ref().map(name),
            status_since,
            first_event_at,
            last_event_at,
        }
    }
}

/// A license seat a person holds.
#[napi(object)]
pub struct PersonSeat {
    pub license: String,
    pub product: String,
    pub since: DateTime<Utc>,
}

/// Who holds a license seat: a person or a device.
#[napi(object)]
pub struct SeatHolder {
    pub person: Option<String>,
    /// A device's asset tag.
    pub device: Option<String>,
}

impl From<assetlog::license::SeatHolder> for SeatHolder {
    fn from(h: assetlog::license::SeatHolder) -> Self {
        match h {
            assetlog::license::SeatHolder::Person(p) => SeatHolder {
                person: Some(p.to_string()),
                device: None,
            },
            assetlog::license::SeatHolder::Device(d) => SeatHolder {
                person: None,
                device: Some(d),
            },
        }
    }
}

/// A license seat in use.
#[napi(object)]
pub struct Seat {
    pub holder: SeatHolder,
    pub since: DateTime<Utc>,
}

/// A license or subscription as of a moment. `seats` and `seatsFree` are
/// absent for an unlimited license, `termEnd` for a perpetual one.
#[napi(object)]
pub struct LicenseView {
    pub license_id: String,
    pub tag: String,
    #[napi(ts_type = "'active' | 'expired' | 'cancelled'")]
    pub status: String,
    pub version: i64,
    pub product: String,
    pub publisher: Option<String>,
    pub edition: Option<String>,
    #[napi(ts_type = "'per_user' | 'per_device' | 'site' | 'concurrent'")]
    pub kind: String,
    pub seats: Option<u32>,
    pub seats_used: u32,
    pub seats_free: Option<u32>,
    pub seats_over: u32,
    pub term_start: String,
    pub term_end: Option<String>,
    pub term_cost: Money,
    pub cost_so_far: Money,
    pub not_reassignable: bool,
    pub allow_overuse: bool,
    pub holders: Vec<Seat>,
    pub last_event_at: DateTime<Utc>,
}

impl From<assetlog::license::LicenseView> for LicenseView {
    fn from(l: assetlog::license::LicenseView) -> Self {
        let assetlog::license::LicenseView {
            license_id,
            tag,
            status,
            version,
            product,
            publisher,
            edition,
            kind,
            seats,
            seats_used,
            seats_free,
            seats_over,
            term_start,
            term_end,
            term_cost,
            cost_so_far,
            not_reassignable,
            allow_overuse,
            holders,
            last_event_at,
        } = l;
        LicenseView {
            license_id: license_id.to_string(),
            tag,
            status: status.name().to_owned(),
            version: version as i64,
            product,
            publisher,
            edition,
            kind: name(&kind),
            seats,
            seats_used,
            seats_free,
            seats_over,
            term_start: term_start.to_string(),
            term_end: term_end.map(|d| d.to_string()),
            term_cost: term_cost.into(),
            cost_so_far: cost_so_far.into(),
            not_reassignable,
            allow_overuse,
            holders: holders
                .into_iter()
                .map(|s| {
                    let assetlog::license::Seat { holder, since } = s;
                    Seat {
                        holder: holder.into(),
                        since,
                    }
                })
                .collect(),
            last_event_at,
        }
    }
}

/// Active licenses whose term ends in a window, and the budget by currency.
#[napi(object)]
pub struct Renewals {
    pub licenses: Vec<LicenseView>,
    pub budget: Vec<Money>,
}

impl From<assetlog::license::Renewals> for Renewals {
    fn from(r: assetlog::license::Renewals) -> Self {
        let assetlog::license::Renewals { licenses, budget } = r;
        Renewals {
            licenses: licenses.into_iter().map(Into::into).collect(),
            budget: budget.into_iter().map(Into::into).collect(),
        }
    }
}

/// A seat to take back.
#[napi(object)]
pub struct ReclaimableSeat {
    pub license: String,
    pub product: String,
    pub holder: SeatHolder,
    pub since: DateTime<Utc>,
    #[napi(ts_type = "'left' | 'retired' | 'lost' | 'silent'")]
    pub reason: String,
}

impl From<assetlog::license::ReclaimableSeat> for ReclaimableSeat {
    fn from(r: assetlog::license::ReclaimableSeat) -> Self {
        let assetlog::license::ReclaimableSeat {
            license,
            product,
            holder,
            since,
            reason,
        } = r;
        ReclaimableSeat {
            license,
            product,
            holder: holder.into(),
            since,
            reason: name(&reason),
        }
    }
}

/// A product installed on a device that no seat covers.
#[napi(object)]
pub struct UnlicensedCopy {
    pub device: String,
    pub holder: Option<String>,
    pub program: String,
}

/// One product: seats owned (absent: unlimited) and assigned, devices with
/// it installed, the unlicensed copies, seats paid for with nothing installed.
#[napi(object)]
pub struct ProductCompliance {
    pub product: String,
    pub licenses: Vec<String>,
    pub seats: Option<u32>,
    pub seats_assigned: u32,
    pub editions: Vec<EditionSeats>,
    pub installations: u32,
    pub licensed: u32,
    pub unlicensed: Vec<UnlicensedCopy>,
    pub over_deployed: bool,
    pub shelfware: u32,
}

impl From<assetlog::compliance::ProductCompliance> for ProductCompliance {
    fn from(c: assetlog::compliance::ProductCompliance) -> Self {
        let assetlog::compliance::ProductCompliance {
            product,
            licenses,
            seats,
            seats_assigned,
            editions,
            installations,
            licensed,
            unlicensed,
            over_deployed,
            shelfware,
        } = c;
        ProductCompliance {
            product,
            licenses,
            seats,
            seats_assigned,
            editions: editions
                .into_iter()
                .map(|e| {
                    let assetlog::compliance::EditionSeats {
                        edition,
                        seats,
                        seats_assigned,
                    } = e;
                    EditionSeats {
                        edition,
                        seats,
                        seats_assigned,
                    }
                })
                .collect(),
            installations,
            licensed,
            unlicensed: unlicensed
                .into_iter()
                .map(|u| {
                    let assetlog::compliance::UnlicensedCopy {
                        device,
                        holder,
                        program,
                    } = u;
                    UnlicensedCopy {
                        device,
                        holder: holder.map(|h| h.to_string()),
                        program,
                    }
                })
                .collect(),
            over_deployed,
            shelfware,
        }
    }
}

/// Seats of one edition of a product (edition absent: licenses without one;
/// seats absent: unlimited).
#[napi(object)]
pub struct EditionSeats {
    pub edition: Option<String>,
    pub seats: Option<u32>,
    pub seats_assigned: u32,
}

/// The license seats a department holds (department absent: people with no
/// department known) and what they cost for the current terms.
#[napi(object)]
pub struct DepartmentSeats {
    pub department: Option<String>,
    pub seats: u32,
    pub products: Vec<String>,
    pub cost: Vec<Money>,
}

impl From<assetlog::license::DepartmentSeats> for DepartmentSeats {
    fn from(d: assetlog::license::DepartmentSeats) -> Self {
        let assetlog::license::DepartmentSeats {
            department,
            seats,
            products,
            cost,
        } = d;
        DepartmentSeats {
            department,
            seats,
            products,
            cost: cost.into_iter().map(Into::into).collect(),
        }
    }
}

/// One page of the fleet and the cursor of the next (absent on the last).
#[napi(object)]
pub struct FleetPage {
    pub views: Vec<AssetView>,
    pub next: Option<String>,
}

/// Assets the fleet questions cannot place, attribute or value (tags), and
/// serials on several assets.
#[napi(object)]
pub struct DataGaps {
    pub no_country: Vec<String>,
    pub no_department: Vec<String>,
    pub no_cost: Vec<String>,
    pub no_serial: Vec<String>,
    pub duplicate_serials: Vec<DuplicateSerial>,
}

impl From<assetlog::DataGaps> for DataGaps {
    fn from(g: assetlog::DataGaps) -> Self {
        let assetlog::DataGaps {
            no_country,
            no_department,
            no_cost,
            no_serial,
            duplicate_serials,
        } = g;
        DataGaps {
            no_country,
            no_department,
            no_cost,
            no_serial,
            duplicate_serials: duplicate_serials.into_iter().map(Into::into).collect(),
        }
    }
}

/// Lead times of one group: count, median, 90th percentile and longest, in days.
#[napi(object)]
pub struct FlowStats {
    pub key: Vec<Option<String>>,
    pub count: i64,
    pub median_days: f64,
    pub p90_days: f64,
    pub max_days: f64,
}

impl From<assetlog::FlowStats> for FlowStats {
    fn from(s: assetlog::FlowStats) -> Self {
        let assetlog::FlowStats {
            key,
            count,
            median_days,
            p90_days,
            max_days,
        } = s;
        FlowStats {
            key,
            count: count as i64,
            median_days,
            p90_days,
            max_days,
        }
    }
}

/// What came of the return requests made in a window.
#[napi(object)]
pub struct Recovery {
    pub requested: i64,
    pub returned_on_time: i64,
    pub returned_late: i64,
    pub still_open: i64,
    pub lost: i64,
    pub other: i64,
    pub condition: HashMap<String, i64>,
    pub redeployed: i64,
    pub outstanding: Vec<Money>,
    pub outstanding_book_value: Vec<Money>,
}

impl From<assetlog::Recovery> for Recovery {
    fn from(r: assetlog::Recovery) -> Self {
        let assetlog::Recovery {
            requested,
            returned_on_time,
            returned_late,
            still_open,
            lost,
            other,
            condition,
            redeployed,
            outstanding,
            outstanding_book_value,
        } = r;
        Recovery {
            requested: requested as i64,
            returned_on_time: returned_on_time as i64,
            returned_late: returned_late as i64,
            still_open: still_open as i64,
            lost: lost as i64,
            other: other as i64,
            condition: condition.into_iter().map(|(k, v)| (k, v as i64)).collect(),
            redeployed: redeployed as i64,
            outstanding: outstanding.into_iter().map(Into::into).collect(),
            outstanding_book_value: outstanding_book_value.into_iter().map(Into::into).collect(),
        }
    }
}

/// Assets counted in one group: `key` holds one value per dimension asked
/// (null when unknown).
#[napi(object)]
pub struct CountGroup {
    pub key: Vec<Option<String>>,
    pub count: i64,
}

impl From<assetlog::CountGroup> for CountGroup {
    fn from(g: assetlog::CountGroup) -> Self {
        let assetlog::CountGroup { key, count } = g;
        CountGroup {
            key,
            count: count as i64,
        }
    }
}

/// Spend of one group by currency and kind.
#[napi(object)]
pub struct SpendGroup {
    pub key: Vec<Option<String>>,
    pub costs: Vec<CurrencyCosts>,
}

impl From<assetlog::SpendGroup> for SpendGroup {
    fn from(g: assetlog::SpendGroup) -> Self {
        let assetlog::SpendGroup { key, costs } = g;
        SpendGroup {
            key,
            costs: costs.into_iter().map(Into::into).collect(),
        }
    }
}

/// Costs in one currency, split by kind; `total` is all costs minus resale.
#[napi(object)]
pub struct CurrencyCosts {
    pub currency: String,
    pub purchase: Money,
    pub shipping: Money,
    pub repair: Money,
    pub support: Money,
    pub other: Money,
    pub resale: Money,
    pub total: Money,
}

impl From<assetlog::CurrencyCosts> for CurrencyCosts {
    fn from(c: assetlog::CurrencyCosts) -> Self {
        let assetlog::CurrencyCosts {
            currency,
            purchase,
            shipping,
            repair,
            support,
            other,
            resale,
            total,
        } = c;
        CurrencyCosts {
            currency: currency.to_string(),
            purchase: purchase.into(),
            shipping: shipping.into(),
            repair: repair.into(),
            support: support.into(),
            other: other.into(),
            resale: resale.into(),
            total: total.into(),
        }
    }
}

/// Depreciation policy.
#[napi(object)]
pub struct Policy {
    /// Useful life in months (default 36).
    pub life_months: Option<u32>,
    /// Salvage value in basis points of the cost (default 0).
    pub salvage_bp: Option<u32>,
    /// Declining-balance factor in percent (default 200).
    pub declining_factor_percent: Option<u32>,
}
keys!(Policy {
    life_months,
    salvage_bp,
    declining_factor_percent
});

impl From<&Policy> for assetlog::Policy {
    fn from(p: &Policy) -> Self {
        let d = assetlog::Policy::default();
        assetlog::Policy {
            life_months: p.life_months.unwrap_or(d.life_months),
            salvage_bp: p.salvage_bp.unwrap_or(d.salvage_bp),
            declining_factor_percent: p
                .declining_factor_percent
                .unwrap_or(d.declining_factor_percent),
        }
    }
}

/// An asset's cost of ownership and book values on `on` (`YYYY-MM-DD`).
#[napi(object)]
pub struct CostView {
    pub asset_id: String,
    pub tag: String,
    pub on: String,
    pub costs: Vec<CurrencyCosts>,
    pub unit_cost: Money,
    pub book_value_straight_line: Money,
    pub book_value_declining_balance: Money,
    pub policy: Policy,
}

impl From<assetlog::CostView> for CostView {
    fn from(c: assetlog::CostView) -> Self {
        let assetlog::CostView {
            asset_id,
            tag,
            on,
            costs,
            unit_cost,
            book_value_straight_line,
            book_value_declining_balance,
            policy:
                assetlog::Policy {
                    life_months,
                    salvage_bp,
                    declining_factor_percent,
                },
        } = c;
        CostView {
            asset_id: asset_id.to_string(),
            tag,
            on: on.to_string(),
            costs: costs.into_iter().map(Into::into).collect(),
            unit_cost: unit_cost.into(),
            book_value_straight_line: book_value_straight_line.into(),
            book_value_declining_balance: book_value_declining_balance.into(),
            policy: Policy {
                life_months: Some(life_months),
                salvage_bp: Some(salvage_bp),
                declining_factor_percent: Some(declining_factor_percent),
            },
        }
    }
}

/// Counts by status and by status x country ("" for unknown).
#[napi(object)]
pub struct FleetCounts {
    pub total: i64,
    pub by_status: HashMap<String, i64>,
    pub by_status_country: HashMap<String, HashMap<String, i64>>,
}

impl From<assetlog::FleetCounts> for FleetCounts {
    fn from(c: assetlog::FleetCounts) -> Self {
        let assetlog::FleetCounts {
            total,
            by_status,
            by_status_country,
        } = c;
        FleetCounts {
            total: total as i64,
            by_status: by_status
                .iter()
                .map(|(s, n)| (s.name().to_owned(), *n as i64))
                .collect(),
            by_status_country: by_status_country
                .iter()
                .map(|(s, m)| {
                    (
                        s.name().to_owned(),
                        m.iter().map(|(k, n)| (k.clone(), *n as i64)).collect(),
                    )
                })
                .collect(),
        }
    }
}

/// An asset idle for at least the asked days.
#[napi(object)]
pub struct IdleAsset {
    pub asset_id: String,
    pub tag: String,
    #[napi(ts_type = "Status")]
    pub status: String,
    pub reason: String,
    pub since: DateTime<Utc>,
    pub days: i64,
}

impl From<assetlog::IdleAsset> for IdleAsset {
    fn from(i: assetlog::IdleAsset) -> Self {
        let assetlog::IdleAsset {
            asset_id,
            tag,
            status,
            reason,
            since,
            days,
        } = i;
        IdleAsset {
            asset_id: asset_id.to_string(),
            tag,
            status: status.name().to_owned(),
            reason: name(&reason),
            since,
            days,
        }
    }
}

/// A device in use that has not checked in (or not been patched) for
/// `days`; `last` is null when it never has.
#[napi(object)]
pub struct SilentAsset {
    pub asset_id: String,
    pub tag: String,
    pub category: String,
    pub model: String,
    #[napi(ts_type = "Status")]
    pub status: String,
    pub holder: Option<String>,
    pub department: Option<String>,
    pub country: Option<String>,
    pub unit_cost: Money,
    pub last: Option<DateTime<Utc>>,
    pub days: i64,
}

impl From<assetlog::SilentAsset> for SilentAsset {
    fn from(s: assetlog::SilentAsset) -> Self {
        let assetlog::SilentAsset {
            asset_id,
            tag,
            category,
            model,
            status,
            holder,
            department,
            country,
            unit_cost,
            last,
            days,
        } = s;
        SilentAsset {
            asset_id: asset_id.to_string(),
            tag,
            category,
            model,
            status: status.name().to_owned(),
            holder: holder.map(|h| h.as_str().to_owned()),
            department,
            country: country.map(|c| c.code().to_owned()),
            unit_cost: unit_cost.into(),
            last,
            days,
        }
    }
}

/// A device in use whose installed version of `component` is below the
/// version asked for; `installed` is null when it never reported one.
#[napi(object)]
pub struct OutdatedAsset {
    pub asset_id: String,
    pub tag: String,
    pub category: String,
    pub model: String,
    #[napi(ts_type = "Status")]
    pub status: String,
    pub holder: Option<String>,
    pub department: Option<String>,
    pub country: Option<String>,
    pub unit_cost: Money,
    pub component: String,
    pub installed: Option<String>,
    pub last_patched: Option<DateTime<Utc>>,
}

impl From<assetlog::OutdatedAsset> for OutdatedAsset {
    fn from(s: assetlog::OutdatedAsset) -> Self {
        let assetlog::OutdatedAsset {
            asset_id,
            tag,
            category,
            model,
            status,
            holder,
            department,
            country,
            unit_cost,
            component,
            installed,
            last_patched,
        } = s;
        OutdatedAsset {
            asset_id: asset_id.to_string(),
            tag,
            category,
            model,
            status: status.name().to_owned(),
            holder: holder.map(|h| h.as_str().to_owned()),
            department,
            country: country.map(|c| c.code().to_owned()),
            unit_cost: unit_cost.into(),
            component,
            installed,
            last_patched,
        }
    }
}

/// A requested return past its due date.
#[napi(object)]
pub struct OverdueReturn {
    pub asset_id: String,
    pub tag: String,
    pub holder: Option<String>,
    pub due: String,
    pub days_overdue: i64,
    pub reason: Option<String>,
}

impl From<assetlog::OverdueReturn> for OverdueReturn {
    fn from(o: assetlog::OverdueReturn) -> Self {
        let assetlog::OverdueReturn {
            asset_id,
            tag,
            holder,
            due,
            days_overdue,
            reason,
        } = o;
        OverdueReturn {
            asset_id: asset_id.to_string(),
            tag,
            holder: holder.map(|h| h.to_string()),
            due: due.to_string(),
            days_overdue,
            reason: reason.as_ref().map(name),
        }
    }
}

/// A serial number found on several assets.
#[napi(object)]
pub struct DuplicateSerial {
    pub serial: String,
    pub tags: Vec<String>,
}

impl From<assetlog::DuplicateSerial> for DuplicateSerial {
    fn from(d: assetlog::DuplicateSerial) -> Self {
        let assetlog::DuplicateSerial { serial, tags } = d;
        DuplicateSerial { serial, tags }
    }
}

/// Where an appended event landed; `position` is a bigint (it can pass 2^53).
#[napi(object)]
pub struct Appended {
    pub position: BigInt,
    pub asset_id: String,
    pub tag: String,
    pub version: i64,
    pub event_id: String,
}

impl From<assetlog::Appended> for Appended {
    fn from(a: assetlog::Appended) -> Self {
        let assetlog::Appended {
            position,
            asset_id,
            tag,
            version,
            event_id,
        } = a;
        Appended {
            position: BigInt::from(position),
            asset_id: asset_id.to_string(),
            tag,
            version: version as i64,
            event_id: event_id.to_string(),
        }
    }
}

/// An event as stored; `data` is its payload with camelCase keys.
#[napi(object)]
pub struct RecordedEvent {
    pub position: BigInt,
    pub asset: String,
    pub asset_id: String,
    pub version: i64,
    pub event_id: String,
    #[napi(js_name = "type", ts_type = "EventType")]
    pub kind: String,
    pub schema_version: u32,
    pub occurred_at: DateTime<Utc>,
    pub recorded_at: DateTime<Utc>,
    pub actor: String,
    pub correlation_id: Option<String>,
    /// The payload as stored: camelCase keys, money as `"1299.00 EUR"` text.
    #[napi(ts_type = "Record<string, unknown>")]
    pub data: Value,
}

impl From<assetlog::RecordedEvent> for RecordedEvent {
    fn from(e: assetlog::RecordedEvent) -> Self {
        let assetlog::RecordedEvent {
            position,
            asset_id,
            tag,
            version,
            event_id,
            schema_version,
            occurred_at,
            recorded_at,
            actor,
            correlation_id,
            event,
        } = e;
        RecordedEvent {
            position: BigInt::from(position),
            asset_id: asset_id.to_string(),
            version: version as i64,
            event_id: event_id.to_string(),
            // what `RecordedEvent::event_type` returns
            kind: event.event_type().name().to_owned(),
            schema_version,
            occurred_at,
            recorded_at,
            correlation_id: correlation_id.map(|u| u.to_string()),
            data: rename_keys(event.payload_value(), camel),
            actor,
            asset: tag,
        }
    }
}

/// An asset an offboarding could not request now, with its status.
#[napi(object)]
pub struct SkippedAsset {
    pub tag: String,
    #[napi(ts_type = "Status")]
    pub status: String,
}

/// What an offboarding did.
#[napi(object)]
pub struct Offboarding {
    pub person: String,
    pub correlation_id: String,
    pub requested: Vec<Appended>,
    pub skipped: Vec<SkippedAsset>,
    /// The license seats released in the same batch.
    pub released: Vec<Appended>,
}

impl From<assetlog::Offboarding> for Offboarding {
    fn from(o: assetlog::Offboarding) -> Self {
        let assetlog::Offboarding {
            person,
            correlation_id,
            requested,
            skipped,
            released,
        } = o;
        Offboarding {
            person: person.to_string(),
            correlation_id: correlation_id.to_string(),
            requested: requested.into_iter().map(Into::into).collect(),
            skipped: skipped
                .into_iter()
                .map(|(tag, s)| SkippedAsset {
                    tag,
                    status: s.name().to_owned(),
                })
                .collect(),
            released: released.into_iter().map(Into::into).collect(),
        }
    }
}

/// Personal data, kept outside the log.
#[napi(object)]
pub struct Person {
    pub id: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
}
keys!(Person {
    id,
    name,
    email,
    address
});

/// A person as IT sees them: record (when present and not erased),
/// `status` `"active"` or `"left"`, and what they hold.
#[napi(object)]
pub struct PersonView {
    pub id: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub status: String,
    pub left_on: Option<String>,
    pub departments: Vec<String>,
    pub countries: Vec<String>,
    pub holding: Vec<AssetView>,
    pub value_held: Vec<CurrencyCosts>,
    /// The license seats they hold.
    pub seats: Vec<PersonSeat>,
    /// What their seats cost for the current terms, by currency.
    pub seats_cost: Vec<Money>,
}

impl From<assetlog::PersonView> for PersonView {
    fn from(p: assetlog::PersonView) -> Self {
        let assetlog::PersonView {
            id,
            name: person_name,
            email,
            status,
            left_on,
            departments,
            countries,
            holding,
            value_held,
            seats,
            seats_cost,
        } = p;
        PersonView {
            id: id.as_str().to_owned(),
            name: person_name,
            email,
            status: name(&status),
            left_on: left_on.map(|d| d.to_string()),
            departments,
            countries: countries.iter().map(|c| c.code().to_owned()).collect(),
            holding: holding.into_iter().map(Into::into).collect(),
            value_held: value_held.into_iter().map(Into::into).collect(),
            seats: seats
                .into_iter()
                .map(|s| {
                    let assetlog::people::PersonSeat {
                        license,
                        product,
                        since,
                    } = s;
                    PersonSeat {
                        license,
                        product,
                        since,
                    }
                })
                .collect(),
            seats_cost: seats_cost.into_iter().map(Into::into).collect(),
        }
    }
}

/// A line of an import that could not be read, and why.
#[napi(object)]
pub struct BadLine {
    pub line: i64,
    pub reason: String,
}

/// What an import from another tool read and wrote.
#[napi(object)]
pub struct ImportReport {
    pub source: String,
    pub rows: i64,
    pub assets: i64,
    pub events: i64,
    pub people: i64,
    pub written: i64,
    pub dry_run: bool,
    /// Rows not imported, with why.
    pub skipped: Vec<BadLine>,
    /// Rows imported with a field unread, defaulted or left aside.
    pub issues: Vec<BadLine>,
    /// About whole files (the encoding chosen).
    pub warnings: Vec<String>,
}

impl From<assetlog_import::ImportReport> for ImportReport {
    fn from(r: assetlog_import::ImportReport) -> Self {
        let assetlog_import::ImportReport {
            source,
            rows,
            assets,
            events,
            people,
            written,
            dry_run,
            skipped,
            issues,
            warnings,
        } = r;
        let lines = |v: Vec<assetlog::BadLine>| v.into_iter().map(bad_line).collect();
        ImportReport {
            source: source.to_owned(),
            rows: rows as i64,
            assets: assets as i64,
            events: events as i64,
            people: people as i64,
            written: written as i64,
            dry_run,
            skipped: lines(skipped),
            issues: lines(issues),
            warnings,
        }
    }
}

/// What an import read (`events`) and wrote (`written`: retries add
/// nothing); `restored`: a whole export went into an empty log exactly as
/// it was recorded (same positions, recorded times and chain head).
#[napi(object)]
pub struct JsonlImport {
    pub events: i64,
    pub written: i64,
    pub bad_lines: Vec<BadLine>,
    pub restored: bool,
}

impl From<assetlog::JsonlImport> for JsonlImport {
    fn from(r: assetlog::JsonlImport) -> Self {
        let assetlog::JsonlImport {
            events,
            written,
            bad_lines,
            restored,
        } = r;
        JsonlImport {
            events: events as i64,
            written: written as i64,
            bad_lines: bad_lines.into_iter().map(bad_line).collect(),
            restored,
        }
    }
}

/// What a copy moved, and the chain head both logs share (absent: empty).
#[napi(object)]
pub struct CopyStats {
    pub events: i64,
    pub people: i64,
    pub leavers: i64,
    pub book_rules: i64,
    pub license_keys: i64,
    pub head: Option<String>,
}

impl From<assetlog::copy::CopyStats> for CopyStats {
    fn from(c: assetlog::copy::CopyStats) -> Self {
        let assetlog::copy::CopyStats {
            events,
            people,
            leavers,
            book_rules,
            license_keys,
            head,
        } = c;
        CopyStats {
            events: events as i64,
            people: people as i64,
            leavers: leavers as i64,
            book_rules: book_rules as i64,
            license_keys: license_keys as i64,
            head,
        }
    }
}

fn bad_line(b: assetlog::BadLine) -> BadLine {
    let assetlog::BadLine { line, reason } = b;
    BadLine {
        line: line as i64,
        reason,
    }
}

/// The first position where the stored log differs from what was written.
#[napi(object)]
pub struct Mismatch {
    pub position: BigInt,
    pub reason: String,
}

/// The hash chain checked: `firstMismatch` is absent (undefined) when the log is intact;
/// keep `head` elsewhere to notice a log cut short later.
#[napi(object)]
pub struct Verification {
    pub events: i64,
    pub head: Option<String>,
    pub first_mismatch: Option<Mismatch>,
}

impl From<assetlog::Verification> for Verification {
    fn from(v: assetlog::Verification) -> Self {
        let assetlog::Verification {
            events,
            head,
            first_mismatch,
        } = v;
        Verification {
            events: events as i64,
            head,
            first_mismatch: first_mismatch.map(|assetlog::Mismatch { position, reason }| {
                Mismatch {
                    position: BigInt::from(position),
                    reason,
                }
            }),
        }
    }
}

/// A position of the log and the chain head there, as written to a
/// checkpoint file.
#[napi(object)]
pub struct Checkpoint {
    pub format: String,
    pub position: BigInt,
    pub head: String,
    pub written_at: String,
}

impl From<assetlog::Checkpoint> for Checkpoint {
    fn from(c: assetlog::Checkpoint) -> Self {
        let assetlog::Checkpoint {
            format,
            position,
            head,
            written_at,
        } = c;
        Checkpoint {
            format,
            position: BigInt::from(position),
            head,
            written_at: assetlog::time::format_instant(written_at),
        }
    }
}

/// What a rebuild did.
#[napi(object)]
pub struct RebuildStats {
    pub assets: i64,
    pub events: i64,
}

/// Events and assets stored.
#[napi(object)]
pub struct LogStats {
    pub events: i64,
    pub assets: i64,
}

/// One row of the lifecycle table: `to` is a status, "same" or "resume";
/// `from` is absent (undefined) for an asset that does not exist yet.
#[napi(object)]
pub struct Transition {
    #[napi(ts_type = "Status")]
    pub from: Option<String>,
    #[napi(ts_type = "EventType")]
    pub event: String,
    pub to: String,
}

/// An exchange rate: 1 `from` = `rate` `to`, from `date` (`YYYY-MM-DD`) on.
#[napi(object)]
pub struct FxRate {
    pub date: String,
    pub from: String,
    pub to: String,
    pub rate: String,
}

/// How many assets were in each status at the end of a day.
#[napi(object)]
pub struct StatusCount {
    /// The day, YYYY-MM-DD.
    pub on: String,
    /// Assets by status name.
    pub by_status: std::collections::HashMap<String, i64>,
    pub in_service: i64,
    pub total: i64,
}

impl From<assetlog::StatusCount> for StatusCount {
    fn from(s: assetlog::StatusCount) -> Self {
        let assetlog::StatusCount {
            on,
            by_status,
            in_service,
            total,
        } = s;
        StatusCount {
            on: on.to_string(),
            by_status: by_status
                .into_iter()
                .map(|(k, v)| (k.name().to_owned(), v as i64))
                .collect(),
            in_service: in_service as i64,
            total: total as i64,
        }
    }
}

/// Costs that arose in one month ("YYYY-MM"), by currency and kind.
#[napi(object)]
pub struct MonthSpend {
    pub month: String,
    pub costs: Vec<CurrencyCosts>,
    /// Licenses and subscriptions by currency, accrued over their terms.
    pub licenses: Vec<Money>,
}

impl From<assetlog::MonthSpend> for MonthSpend {
    fn from(m: assetlog::MonthSpend) -> Self {
        let assetlog::MonthSpend {
            month,
            costs,
            licenses,
        } = m;
        MonthSpend {
            month,
            costs: costs.into_iter().map(Into::into).collect(),
            licenses: licenses.into_iter().map(Into::into).collect(),
        }
    }
}

/// Assets in service of one age, in whole years since they were ordered.
#[napi(object)]
pub struct AgeBand {
    pub years: u32,
    pub count: i64,
    pub by_category: std::collections::HashMap<String, i64>,
}

impl From<assetlog::AgeBand> for AgeBand {
    fn from(a: assetlog::AgeBand) -> Self {
        let assetlog::AgeBand {
            years,
            count,
            by_category,
        } = a;
        AgeBand {
            years,
            count: count as i64,
            by_category: by_category
                .into_iter()
                .map(|(k, v)| (k, v as i64))
                .collect(),
        }
    }
}
