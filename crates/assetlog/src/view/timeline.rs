//! An asset's timeline as the store keeps it: the states it passed through
//! (one per distinct occurred_at, each valid until the next begins) and one
//! cost row per amount, carrying who held the asset when the cost arose.
//!
//! [`Timeline::apply`] wraps the one fold ([`crate::view::asset::apply`]), so
//! inline appends, rebuilds, backdated rewrites and migrations produce the
//! same rows.

use crate::error::Result;
use crate::event::{CostKind, Event};
use crate::ids::{AssetId, Country, PersonId};
use crate::money::Money;
use crate::store::{FoldRow, StreamInfo};
use crate::view::asset::{apply, AssetView};

/// What a cost row counts as: a [`CostKind`], or resale (subtracted).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CostSlot {
    /// A cost of this kind.
    Cost(CostKind),
    /// Resale value received.
    Resale,
}

impl CostSlot {
    /// Every slot, in the order of their stored codes (0..=5).
    pub const ALL: [CostSlot; 6] = [
        CostSlot::Cost(CostKind::Purchase),
        CostSlot::Cost(CostKind::Shipping),
        CostSlot::Cost(CostKind::Repair),
        CostSlot::Cost(CostKind::Support),
        CostSlot::Cost(CostKind::Other),
        CostSlot::Resale,
    ];

    /// The stored code.
    pub fn code(self) -> i64 {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0) as i64
    }

    /// The slot with a stored code.
    pub fn from_code(code: i64) -> Option<Self> {
        usize::try_from(code)
            .ok()
            .and_then(|i| Self::ALL.get(i).copied())
    }
}

/// One amount that arose on an asset, with the holder's department, cost
/// centre and the asset's place in force just before the event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CostRow {
    /// Global position of the event.
    pub position: u64,
    /// occurred_at of the event, microseconds.
    pub occurred_at: i64,
    /// What it counts as.
    pub slot: CostSlot,
    /// The amount.
    pub amount: Money,
    /// The holder then.
    pub holder: Option<PersonId>,
    /// The holder's department then.
    pub department: Option<String>,
    /// The holder's cost centre then.
    pub cost_centre: Option<String>,
    /// The asset's location then.
    pub location: Option<String>,
    /// The asset's country then.
    pub country: Option<Country>,
}

/// The amounts an event carries.
fn amounts(event: &Event) -> Vec<(CostSlot, Money)> {
    let mut out = Vec::new();
    let mut push = |slot, m: Option<&Money>| {
        if let Some(m) = m {
            out.push((slot, *m));
        }
    };
    match event {
        Event::Ordered(e) => push(CostSlot::Cost(CostKind::Purchase), Some(&e.unit_cost)),
        Event::Shipped(e) => push(CostSlot::Cost(CostKind::Shipping), e.cost.as_ref()),
        Event::Repaired(e) => push(CostSlot::Cost(CostKind::Repair), e.cost.as_ref()),
        Event::TicketClosed(e) => push(CostSlot::Cost(CostKind::Support), e.cost.as_ref()),
        Event::CostRecorded(e) => push(CostSlot::Cost(e.kind), Some(&e.amount)),
        Event::Retired(e) => {
            push(CostSlot::Resale, e.resale_value.as_ref());
            push(CostSlot::Cost(CostKind::Other), e.disposal_cost.as_ref());
        }
        _ => {}
    }
    out
}

/// An asset's fold with the rows the store keeps of it.
#[derive(Clone, Debug, Default)]
pub struct Timeline {
    /// The state after every event applied so far.
    pub view: Option<AssetView>,
    /// States in timeline order: (valid from, state). Each is valid until
    /// the next one's start; the last one is the current state.
    pub intervals: Vec<(i64, AssetView)>,
    /// Cost rows in timeline order.
    pub costs: Vec<CostRow>,
}

impl Timeline {
    /// Start from a stored state (appending after it) or from nothing.
    pub fn continuing(view: Option<AssetView>) -> Self {
        Timeline {
            view,
            intervals: Vec::new(),
            costs: Vec::new(),
        }
    }

    /// Fold an asset's events (in timeline order) from the start.
    pub(crate) fn fold(info: &StreamInfo, rows: &[FoldRow]) -> Result<Self> {
        let mut t = Timeline::default();
        if rows
            .first()
            .is_some_and(|r| r.event.event_type().is_license())
        {
            // a license's stream: not a device, no device view (see license.rs)
            return Ok(t);
        }
        for r in rows {
            t.apply(
                info.asset_id,
                &info.tag,
                &r.event,
                r.occurred_at,
                r.version,
                r.position,
            )?;
        }
        Ok(t)
    }

    /// Fold one event, at or after every event applied so far. Refused
    /// events change nothing.
    pub fn apply(
        &mut self,
        asset_id: AssetId,
        tag: &str,
        event: &Event,
        occurred_at: i64,
        version: u64,
        position: u64,
    ) -> Result<()> {
        let before = self.view.as_ref();
        let costs: Vec<CostRow> = amounts(event)
            .into_iter()
            .map(|(slot, amount)| CostRow {
                position,
                occurred_at,
                slot,
                amount,
                holder: before.and_then(|v| v.holder.clone()),
                department: before.and_then(|v| v.department.clone()),
                cost_centre: before.and_then(|v| v.cost_centre.clone()),
                location: before.and_then(|v| v.location.clone()),
                country: before.and_then(|v| v.country),
            })
            .collect();
        apply(
            &mut self.view,
            asset_id,
            tag,
            event,
            crate::time::from_micros(occurred_at),
            version,
        )?;
        self.costs.extend(costs);
        let state = self.view.clone().expect("a view exists after an event");
        match self.intervals.last_mut() {
            // Two events at the same instant: only the state after both is
            // ever visible.
            Some((from, last)) if *from == occurred_at => *last = state,
            _ => self.intervals.push((occurred_at, state)),
        }
        Ok(())
    }
}
