//! The asset view: one asset's state, folded from its events in timeline
//! order (occurred_at, then stream version). The same fold serves inline
//! updates, rebuilds and as-of queries, so they cannot disagree.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::event::{Condition, CostKind, Event, RetireReason, ReturnReason};
use crate::ids::{AssetId, Country, PersonId};
use crate::lifecycle::{self, Status};
use crate::money::{Currency, Money};

/// The latest patch applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatchInfo {
    /// When.
    pub at: DateTime<Utc>,
    /// What was patched.
    pub component: String,
    /// The version installed.
    pub version: String,
}

/// Costs of one currency, split by kind, in minor units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostSums {
    /// Purchase price.
    pub purchase: i64,
    /// Shipping.
    pub shipping: i64,
    /// Repairs.
    pub repair: i64,
    /// Support tickets.
    pub support: i64,
    /// Everything else (disposal included).
    pub other: i64,
    /// Resale value received (subtracted from the total).
    pub resale: i64,
}

impl CostSums {
    pub(crate) fn slot(&mut self, kind: CostKind) -> &mut i64 {
        match kind {
            CostKind::Purchase => &mut self.purchase,
            CostKind::Shipping => &mut self.shipping,
            CostKind::Repair => &mut self.repair,
            CostKind::Support => &mut self.support,
            CostKind::Other => &mut self.other,
        }
    }

    /// Cost of ownership: everything spent, minus resale.
    pub fn total(&self) -> Result<i64> {
        let overflow = || Error::AmountOverflow {
            what: "cost total".into(),
        };
        [self.shipping, self.repair, self.support, self.other]
            .iter()
            .try_fold(self.purchase, |acc, v| acc.checked_add(*v))
            .and_then(|s| s.checked_sub(self.resale))
            .ok_or_else(overflow)
    }

    /// Add another currency's sums of the same currency into these.
    pub fn add(&mut self, o: &CostSums) -> Result<()> {
        let pairs = [
            (&mut self.purchase, o.purchase),
            (&mut self.shipping, o.shipping),
            (&mut self.repair, o.repair),
            (&mut self.support, o.support),
            (&mut self.other, o.other),
            (&mut self.resale, o.resale),
        ];
        for (a, b) in pairs {
            *a = a.checked_add(b).ok_or_else(|| Error::AmountOverflow {
                what: "cost sums".into(),
            })?;
        }
        Ok(())
    }
}

/// One asset's state: what it is, where, with whom, and what it cost.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssetView {
    /// Permanent id.
    pub asset_id: AssetId,
    /// Human tag.
    pub tag: String,
    /// Lifecycle status.
    pub status: Status,
    /// Events folded so far (the stream version for a full view).
    pub version: u64,
    /// Category from the order.
    pub category: String,
    /// Vendor from the order.
    pub vendor: String,
    /// Model from the order.
    pub model: String,
    /// Serial number.
    pub serial: Option<String>,
    /// Order reference.
    pub order_ref: Option<String>,
    /// Date of the order (the start of depreciation).
    pub ordered_on: NaiveDate,
    /// The purchase price.
    pub unit_cost: Money,
    /// Last day of warranty.
    pub warranty_end: Option<NaiveDate>,
    /// Who holds it.
    pub holder: Option<PersonId>,
    /// The holder's department.
    pub department: Option<String>,
    /// The holder's cost centre.
    pub cost_centre: Option<String>,
    /// Where it is (or was last known to be).
    pub location: Option<String>,
    /// That place's country.
    pub country: Option<Country>,
    /// Destination while in transit.
    pub destination: Option<String>,
    /// Destination country while in transit.
    pub destination_country: Option<Country>,
    /// The carrier while in transit.
    pub carrier: Option<String>,
    /// The repairer while in repair.
    pub repairer: Option<String>,
    /// Last check-in or audit.
    pub last_seen: Option<DateTime<Utc>>,
    /// Operating system version last reported.
    pub os_version: Option<String>,
    /// Firmware version last reported.
    pub firmware_version: Option<String>,
    /// Latest patch.
    pub last_patch: Option<PatchInfo>,
    /// Support tickets opened and not closed.
    pub open_tickets: Vec<String>,
    /// While a return is pending: the date it is due.
    pub return_due: Option<NaiveDate>,
    /// While a return is pending: why.
    pub return_reason: Option<ReturnReason>,
    /// Condition at the last return.
    pub condition: Option<Condition>,
    /// Wiped since it last came back (ready to reissue).
    pub wiped: bool,
    /// Why it was retired.
    pub retired_reason: Option<RetireReason>,
    /// Since when it has been in its current status.
    pub status_since: DateTime<Utc>,
    /// occurred_at of its first event.
    pub first_event_at: DateTime<Utc>,
    /// occurred_at of its latest event in the timeline.
    pub last_event_at: DateTime<Utc>,
    /// Costs by currency (in JSON: a list of currency costs, money as text).
    #[serde(
        serialize_with = "crate::view::cost::serialize_sums",
        deserialize_with = "crate::view::cost::deserialize_sums"
    )]
    pub costs: BTreeMap<Currency, CostSums>,
}

impl AssetView {
    /// Days since the order, on a date (0 before it).
    pub fn age_days(&self, on: NaiveDate) -> i64 {
        (on - self.ordered_on).num_days().max(0)
    }

    /// Events allowed next, from the lifecycle table.
    pub fn allowed_events(&self) -> Vec<crate::event::EventType> {
        lifecycle::allowed_events(Some(self.status))
    }
}

/// Fold one event into an asset's state (`None` before its first event).
///
/// Refuses an event the lifecycle table does not allow in the current status,
/// naming the asset, status and event; `state` is left unchanged then.
pub fn apply(
    state: &mut Option<AssetView>,
    asset_id: AssetId,
    tag: &str,
    event: &Event,
    occurred_at: DateTime<Utc>,
    version: u64,
) -> Result<()> {
    let current = state.as_ref().map(|v| v.status);
    let ty = event.event_type();
    let Some(target) = lifecycle::target(current, ty) else {
        return Err(Error::InvalidTransition {
            asset: tag.to_owned(),
            status: current.map_or("none", Status::name).to_owned(),
            event: ty.name().to_owned(),
            at: crate::time::format_instant(occurred_at),
            later: None,
        });
    };
    if let Event::Ordered(o) = event {
        let mut costs = BTreeMap::new();
        let sums = CostSums {
            purchase: o.unit_cost.minor(),
            ..CostSums::default()
        };
        costs.insert(o.unit_cost.currency(), sums);
        *state = Some(AssetView {
            asset_id,
            tag: tag.to_owned(),
            status: Status::Ordered,
            version,
            category: o.category.clone(),
            vendor: o.vendor.clone(),
            model: o.model.clone(),
            serial: o.serial.clone(),
            order_ref: o.order_ref.clone(),
            ordered_on: occurred_at.date_naive(),
            unit_cost: o.unit_cost,
            warranty_end: o.warranty_end,
            holder: None,
            department: None,
            cost_centre: None,
            location: None,
            country: None,
            destination: None,
            destination_country: None,
            carrier: None,
            repairer: None,
            last_seen: None,
            os_version: None,
            firmware_version: None,
            last_patch: None,
            open_tickets: Vec::new(),
            return_due: None,
            return_reason: None,
            condition: None,
            wiped: false,
            retired_reason: None,
            status_since: occurred_at,
            first_event_at: occurred_at,
            last_event_at: occurred_at,
            costs,
        });
        return Ok(());
    }
    let Some(v) = state.as_mut() else {
        // The table only allows `ordered` before the first event.
        unreachable!("lifecycle table allows only 'ordered' on a new asset");
    };
    // Costs first: the only step that can fail after the transition check.
    let mut costs = v.costs.clone();
    let mut add = |kind: Option<CostKind>, m: Option<&Money>, resale: bool| -> Result<()> {
        let Some(m) = m else { return Ok(()) };
        let sums = costs.entry(m.currency()).or_default();
        let slot = if resale {
            &mut sums.resale
        } else {
            sums.slot(kind.unwrap_or(CostKind::Other))
        };
        *slot = slot
            .checked_add(m.minor())
            .ok_or_else(|| Error::AmountOverflow {
                what: format!("{m} on asset {tag}"),
            })?;
        Ok(())
    };
    match event {
        Event::Shipped(e) => add(Some(CostKind::Shipping), e.cost.as_ref(), false)?,
        Event::Repaired(e) => add(Some(CostKind::Repair), e.cost.as_ref(), false)?,
        Event::TicketClosed(e) => add(Some(CostKind::Support), e.cost.as_ref(), false)?,
        Event::CostRecorded(e) => add(Some(e.kind), Some(&e.amount), false)?,
        Event::Retired(e) => {
            add(None, e.resale_value.as_ref(), true)?;
            add(Some(CostKind::Other), e.disposal_cost.as_ref(), false)?;
        }
        _ => {}
    }
    v.costs = costs;

    match event {
        Event::Received(e) => {
            set_place(v, &e.location, e.country);
            if e.serial.is_some() {
                v.serial.clone_from(&e.serial);
            }
        }
        Event::Shipped(e) => {
            v.destination = Some(e.to.clone());
            v.destination_country = e.to_country;
            v.carrier.clone_from(&e.carrier);
        }
        Event::Delivered(e) => {
            let place = e.location.clone().or_else(|| v.destination.take());
            let country = e.country.or(v.destination_country);
            if let Some(p) = place {
                v.location = Some(p);
                v.country = country;
            }
            v.destination = None;
            v.destination_country = None;
            v.carrier = None;
        }
        Event::Assigned(e) => {
            v.holder = Some(e.person.clone());
            v.department.clone_from(&e.department);
            v.cost_centre.clone_from(&e.cost_centre);
            v.wiped = false;
            v.return_due = None;
            v.return_reason = None;
        }
        Event::Unassigned(_) => clear_holder(v),
        Event::Observed(e) => {
            v.last_seen = Some(v.last_seen.map_or(occurred_at, |s| s.max(occurred_at)));
            if let Some(l) = &e.location {
                set_place(v, l, e.country);
            } else if e.country.is_some() {
                v.country = e.country;
            }
            if e.os_version.is_some() {
                v.os_version.clone_from(&e.os_version);
            }
            if e.firmware_version.is_some() {
                v.firmware_version.clone_from(&e.firmware_version);
            }
        }
        Event::Patched(e) => {
            v.last_patch = Some(PatchInfo {
                at: occurred_at,
                component: e.component.clone(),
                version: e.version.clone(),
            });
        }
        Event::SentForRepair(e) => v.repairer.clone_from(&e.vendor),
        Event::Repaired(_) => v.repairer = None,
        // (a license's events never reach a device's view: the lifecycle
        // table refuses them on a device's stream)
        // installed software is read by the compliance report, not kept on the view
        Event::Ordered(_)
        | Event::CostRecorded(_)
        | Event::Note(_)
        | Event::SoftwareInstalled(_)
        | Event::SoftwareRemoved(_)
        | Event::LicensePurchased(_)
        | Event::LicenseRenewed(_)
        | Event::SeatsChanged(_)
        | Event::SeatAssigned(_)
        | Event::SeatReleased(_)
        | Event::SeatTransferred(_)
        | Event::LicenseCancelled(_)
        | Event::LicenseExpired(_) => {}
        Event::TicketOpened(e) => {
            if let Err(i) = v.open_tickets.binary_search(&e.ticket_id) {
                v.open_tickets.insert(i, e.ticket_id.clone());
            }
        }
        Event::TicketClosed(e) => {
            if let Ok(i) = v.open_tickets.binary_search(&e.ticket_id) {
                v.open_tickets.remove(i);
            }
        }
        Event::ReturnRequested(e) => {
            v.return_due = Some(e.due);
            v.return_reason = Some(e.reason);
        }
        Event::Returned(e) => {
            clear_holder(v);
            v.condition = Some(e.condition);
            v.wiped = false;
            set_place(v, &e.location, e.country);
            v.destination = None;
            v.destination_country = None;
            v.carrier = None;
            v.repairer = None;
        }
        Event::Wiped(_) => v.wiped = true,
        Event::Retired(e) => {
            clear_holder(v);
            v.retired_reason = Some(e.reason);
        }
        Event::ReportedLost(_) => {
            v.destination = None;
            v.destination_country = None;
            v.carrier = None;
            v.repairer = None;
        }
        Event::Found(e) => {
            clear_holder(v);
            set_place(v, &e.location, e.country);
        }
        Event::Relocated(e) => set_place(v, &e.location, e.country),
    }

    let next = target.resolve(current, v.holder.is_some());
    if Some(next) != current {
        v.status = next;
        v.status_since = occurred_at;
    }
    if next != Status::ReturnPending {
        v.return_due = None;
        v.return_reason = None;
    }
    v.version = v.version.max(version);
    v.last_event_at = v.last_event_at.max(occurred_at);
    Ok(())
}

fn set_place(v: &mut AssetView, location: &str, country: Option<Country>) {
    v.location = Some(location.to_owned());
    v.country = country;
}

fn clear_holder(v: &mut AssetView) {
    v.holder = None;
    v.department = None;
    v.cost_centre = None;
}
