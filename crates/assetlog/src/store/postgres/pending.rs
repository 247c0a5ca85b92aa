//! Rows a write transaction has yet to send: events, asset facts, view
//! intervals and cost rows, sent a few thousand at a time as one
//! `INSERT ... SELECT FROM unnest(arrays)` per table instead of one round
//! trip per row. The reader sends them before any other statement, so every
//! query of the transaction still sees its own writes.

use postgres::types::ToSql;

use crate::error::Result;
use crate::ids::{Country, PersonId};
use crate::store::sql::{days, enum_name};
use crate::store::EventRow;
use crate::view::asset::AssetView;
use crate::view::timeline::CostRow;

/// Runs one statement with its parameters.
pub(super) type Exec<'a> = dyn FnMut(&str, &[&(dyn ToSql + Sync)]) -> Result<()> + 'a;

/// Rows kept before they are sent without being asked.
pub(super) const FLUSH_AT: usize = 4_000;

struct EventRowOut {
    position: i64,
    stream_id: i64,
    version: i64,
    event_id: Vec<u8>,
    ty: i64,
    schema_version: i64,
    occurred_at: i64,
    recorded_at: i64,
    actor: String,
    correlation_id: Option<Vec<u8>>,
    payload: String,
    hash: Vec<u8>,
}

struct Facts {
    stream_id: i64,
    category: String,
    vendor: String,
    model: String,
    order_ref: Option<String>,
    ordered_on: i64,
    unit_cost: i64,
    currency: String,
    warranty_end: Option<i64>,
    first_event_at: i64,
}

struct Interval {
    stream_id: i64,
    from: i64,
    to: i64,
    version: i64,
    status: i64,
    status_since: i64,
    holder: Option<String>,
    department: Option<String>,
    cost_centre: Option<String>,
    location: Option<String>,
    country: Option<String>,
    destination: Option<String>,
    destination_country: Option<String>,
    serial: Option<String>,
    last_seen: Option<i64>,
    os_version: Option<String>,
    firmware_version: Option<String>,
    patch_at: Option<i64>,
    patch_component: Option<String>,
    patch_version: Option<String>,
    open_tickets: Option<String>,
    return_due: Option<i64>,
    return_reason: Option<String>,
    condition: Option<String>,
    wiped: bool,
    retired_reason: Option<String>,
    carrier: Option<String>,
    repairer: Option<String>,
}

struct CostRowOut {
    stream_id: i64,
    position: i64,
    slot: i64,
    occurred_at: i64,
    currency: String,
    amount: i64,
    holder: Option<String>,
    department: Option<String>,
    cost_centre: Option<String>,
    location: Option<String>,
    country: Option<String>,
}

/// The rows waiting to be sent.
#[derive(Default)]
pub(super) struct Pending {
    events: Vec<EventRowOut>,
    facts: Vec<Facts>,
    intervals: Vec<Interval>,
    /// Stored open intervals to close: (stream, valid_from, valid_to).
    closes: Vec<(i64, i64, i64)>,
    costs: Vec<CostRowOut>,
    /// The latest occurred_at to raise the log's to.
    latest: Option<i64>,
    /// The chain head to keep on the head row: position, recorded_at, hash.
    head: Option<(i64, i64, Vec<u8>)>,
    /// The channel to notify.
    notify: Option<String>,
}

fn micros(t: chrono::DateTime<chrono::Utc>) -> i64 {
    crate::time::to_micros(t)
}

impl Pending {
    pub(super) fn len(&self) -> usize {
        self.events.len()
            + self.facts.len()
            + self.intervals.len()
            + self.closes.len()
            + self.costs.len()
    }

    pub(super) fn event(&mut self, e: &EventRow<'_>) {
        self.events.push(EventRowOut {
            position: e.position as i64,
            stream_id: e.stream_id,
            version: e.version as i64,
            event_id: e.event_id.to_vec(),
            ty: e.event_type.code(),
            schema_version: i64::from(e.schema_version),
            occurred_at: e.occurred_at,
            recorded_at: e.recorded_at,
            actor: e.actor.to_owned(),
            correlation_id: e.correlation_id.map(|b| b.to_vec()),
            payload: e.payload.to_owned(),
            hash: e.hash.to_vec(),
        });
    }

    pub(super) fn facts(&mut self, stream_id: i64, v: &AssetView) {
        self.facts.push(Facts {
            stream_id,
            category: v.category.clone(),
            vendor: v.vendor.clone(),
            model: v.model.clone(),
            order_ref: v.order_ref.clone(),
            ordered_on: days(v.ordered_on),
            unit_cost: v.unit_cost.minor(),
            currency: v.unit_cost.currency().code().to_owned(),
            warranty_end: v.warranty_end.map(days),
            first_event_at: micros(v.first_event_at),
        });
    }

    pub(super) fn interval(&mut self, stream_id: i64, from: i64, to: i64, v: &AssetView) {
        self.intervals.push(Interval {
            stream_id,
            from,
            to,
            version: v.version as i64,
            status: v.status.code(),
            status_since: micros(v.status_since),
            holder: v.holder.as_ref().map(|p| PersonId::as_str(p).to_owned()),
            department: v.department.clone(),
            cost_centre: v.cost_centre.clone(),
            location: v.location.clone(),
            country: v.country.as_ref().map(|c| Country::code(c).to_owned()),
            destination: v.destination.clone(),
            destination_country: v
                .destination_country
                .as_ref()
                .map(|c| Country::code(c).to_owned()),
            serial: v.serial.clone(),
            last_seen: v.last_seen.map(micros),
            os_version: v.os_version.clone(),
            firmware_version: v.firmware_version.clone(),
            patch_at: v.last_patch.as_ref().map(|p| micros(p.at)),
            patch_component: v.last_patch.as_ref().map(|p| p.component.clone()),
            patch_version: v.last_patch.as_ref().map(|p| p.version.clone()),
            open_tickets: (!v.open_tickets.is_empty())
                .then(|| serde_json::to_string(&v.open_tickets).expect("strings serialize")),
            return_due: v.return_due.map(days),
            return_reason: v.return_reason.as_ref().map(enum_name),
            condition: v.condition.as_ref().map(enum_name),
            wiped: v.wiped,
            retired_reason: v.retired_reason.as_ref().map(enum_name),
            carrier: v.carrier.clone(),
            repairer: v.repairer.clone(),
        });
    }

    /// Close a stored interval where the next one starts.
    pub(super) fn close(&mut self, stream_id: i64, from: i64, to: i64) {
        self.closes.push((stream_id, from, to));
    }

    pub(super) fn cost(&mut self, stream_id: i64, c: &CostRow) {
        self.costs.push(CostRowOut {
            stream_id,
            position: c.position as i64,
            slot: c.slot.code(),
            occurred_at: c.occurred_at,
            currency: c.amount.currency().code().to_owned(),
            amount: c.amount.minor(),
            holder: c.holder.as_ref().map(|p| PersonId::as_str(p).to_owned()),
            department: c.department.clone(),
            cost_centre: c.cost_centre.clone(),
            location: c.location.clone(),
            country: c.country.as_ref().map(|c| Country::code(c).to_owned()),
        });
    }

    /// Raise the latest occurred_at the log holds.
    pub(super) fn raise_latest(&mut self, occurred_at: i64) {
        self.latest = Some(self.latest.map_or(occurred_at, |l| l.max(occurred_at)));
    }

    /// The chain head after the events of this transaction so far.
    pub(super) fn head(&mut self, position: u64, recorded_at: i64, hash: &[u8]) {
        self.head = Some((position as i64, recorded_at, hash.to_vec()));
    }

    /// Wake the followers on this channel when the transaction commits.
    pub(super) fn notify(&mut self, channel: String) {
        self.notify = Some(channel);
    }

    pub(super) fn is_empty(&self) -> bool {
        self.len() == 0 && self.latest.is_none() && self.head.is_none() && self.notify.is_none()
    }

    /// Send everything in one statement (one round trip): each table's
    /// rows as a data-modifying `WITH` part, then the head row, then the
    /// notification. No two parts touch the same row (an interval closed
    /// here was stored by an earlier transaction), so the parts need not
    /// see each other's effects.
    pub(super) fn send(&mut self, exec: &mut Exec<'_>) -> Result<()> {
        if self.is_empty() {
            return Ok(());
        }
        let mut args: Vec<Box<dyn ToSql + Sync>> = Vec::new();
        let mut parts: Vec<String> = Vec::new();
        // each column an array parameter, named with its type
        let list = |args: &mut Vec<Box<dyn ToSql + Sync>>,
                    cols: Vec<(Box<dyn ToSql + Sync>, &str)>|
         -> String {
            cols.into_iter()
                .map(|(v, ty)| {
                    args.push(v);
                    format!("${}::{ty}[]", args.len())
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        macro_rules! cols {
            ($rows:ident; $($f:ident : $ty:literal),* $(,)?) => {
                vec![$((
                    Box::new($rows.iter().map(|r| r.$f.clone()).collect::<Vec<_>>())
                        as Box<dyn ToSql + Sync>,
                    $ty,
                )),*]
            };
        }
        let events = std::mem::take(&mut self.events);
        if !events.is_empty() {
            let l = list(
                &mut args,
                cols!(events; position: "bigint", stream_id: "bigint", version: "bigint",
                    event_id: "bytea", ty: "bigint", schema_version: "bigint",
                    occurred_at: "bigint", recorded_at: "bigint", actor: "text",
                    correlation_id: "bytea", payload: "text", hash: "bytea"),
            );
            parts.push(format!(
                "INSERT INTO events (position, stream_id, version, event_id, type, \
                 schema_version, occurred_at, recorded_at, actor, correlation_id, payload, hash) \
                 SELECT * FROM unnest({l})"
            ));
        }
        let facts = std::mem::take(&mut self.facts);
        if !facts.is_empty() {
            let l = list(
                &mut args,
                cols!(facts; stream_id: "bigint", category: "text", vendor: "text",
                    model: "text", order_ref: "text", ordered_on: "bigint",
                    unit_cost: "bigint", currency: "text", warranty_end: "bigint",
                    first_event_at: "bigint"),
            );
            parts.push(format!(
                "UPDATE assets a SET category = u.category, vendor = u.vendor, model = u.model, \
                 order_ref = u.order_ref, ordered_on = u.ordered_on, unit_cost = u.unit_cost, \
                 currency = u.currency, warranty_end = u.warranty_end, \
                 first_event_at = u.first_event_at FROM unnest({l}) AS u(stream_id, category, \
                 vendor, model, order_ref, ordered_on, unit_cost, currency, warranty_end, \
                 first_event_at) WHERE a.stream_id = u.stream_id"
            ));
        }
        let intervals = std::mem::take(&mut self.intervals);
        if !intervals.is_empty() {
            let l = list(
                &mut args,
                cols!(intervals; stream_id: "bigint", from: "bigint", to: "bigint",
                    version: "bigint", status: "bigint", status_since: "bigint",
                    holder: "text", department: "text", cost_centre: "text", location: "text",
                    country: "text", destination: "text", destination_country: "text",
                    serial: "text", last_seen: "bigint", os_version: "text",
                    firmware_version: "text", patch_at: "bigint", patch_component: "text",
                    patch_version: "text", open_tickets: "text", return_due: "bigint",
                    return_reason: "text", condition: "text", wiped: "boolean",
                    retired_reason: "text", carrier: "text", repairer: "text"),
            );
            parts.push(format!(
                "INSERT INTO view_intervals (stream_id, valid_from, valid_to, version, status, \
                 status_since, holder, department, cost_centre, location, country, destination, \
                 destination_country, serial, last_seen, os_version, firmware_version, patch_at, \
                 patch_component, patch_version, open_tickets, return_due, return_reason, \
                 condition, wiped, retired_reason, carrier, repairer) \
                 SELECT * FROM unnest({l}) \
                 ON CONFLICT (stream_id, valid_from) DO UPDATE SET valid_to = EXCLUDED.valid_to, \
                 version = EXCLUDED.version, status = EXCLUDED.status, \
                 status_since = EXCLUDED.status_since, holder = EXCLUDED.holder, \
                 department = EXCLUDED.department, cost_centre = EXCLUDED.cost_centre, \
                 location = EXCLUDED.location, country = EXCLUDED.country, \
                 destination = EXCLUDED.destination, \
                 destination_country = EXCLUDED.destination_country, serial = EXCLUDED.serial, \
                 last_seen = EXCLUDED.last_seen, os_version = EXCLUDED.os_version, \
                 firmware_version = EXCLUDED.firmware_version, patch_at = EXCLUDED.patch_at, \
                 patch_component = EXCLUDED.patch_component, \
                 patch_version = EXCLUDED.patch_version, open_tickets = EXCLUDED.open_tickets, \
                 return_due = EXCLUDED.return_due, return_reason = EXCLUDED.return_reason, \
                 condition = EXCLUDED.condition, wiped = EXCLUDED.wiped, \
                 retired_reason = EXCLUDED.retired_reason, carrier = EXCLUDED.carrier, \
                 repairer = EXCLUDED.repairer"
            ));
        }
        let closes = std::mem::take(&mut self.closes);
        if !closes.is_empty() {
            let col = |f: fn(&(i64, i64, i64)) -> i64| -> Box<dyn ToSql + Sync> {
                Box::new(closes.iter().map(f).collect::<Vec<_>>())
            };
            let l = list(
                &mut args,
                vec![
                    (col(|c| c.0), "bigint"),
                    (col(|c| c.1), "bigint"),
                    (col(|c| c.2), "bigint"),
                ],
            );
            parts.push(format!(
                "UPDATE view_intervals v SET valid_to = u.valid_to \
                 FROM unnest({l}) AS u(stream_id, valid_from, valid_to) \
                 WHERE v.stream_id = u.stream_id AND v.valid_from = u.valid_from"
            ));
        }
        let costs = std::mem::take(&mut self.costs);
        if !costs.is_empty() {
            let l = list(
                &mut args,
                cols!(costs; stream_id: "bigint", position: "bigint", slot: "bigint",
                    occurred_at: "bigint", currency: "text", amount: "bigint", holder: "text",
                    department: "text", cost_centre: "text", location: "text",
                    country: "text"),
            );
            parts.push(format!(
                "INSERT INTO costs (stream_id, position, slot, occurred_at, currency, amount, \
                 holder, department, cost_centre, location, country) SELECT * FROM unnest({l})"
            ));
        }
        let (head, latest) = (self.head.take(), self.latest.take());
        if head.is_some() || latest.is_some() {
            let mut one = |v: Box<dyn ToSql + Sync>, ty: &str| {
                args.push(v);
                format!("${}::{ty}", args.len())
            };
            let (p, r, h) = match head {
                Some((p, r, h)) => (Some(p), Some(r), Some(h)),
                None => (None, None, None),
            };
            let (p, r, h, l) = (
                one(Box::new(p), "bigint"),
                one(Box::new(r), "bigint"),
                one(Box::new(h), "bytea"),
                one(Box::new(latest), "bigint"),
            );
            parts.push(format!(
                "UPDATE log_head SET head_position = coalesce({p}, head_position), \
                 head_recorded = coalesce({r}, head_recorded), \
                 head_hash = coalesce({h}, head_hash), \
                 latest_occurred_at = greatest(latest_occurred_at, coalesce({l}, 0)) WHERE id = 1"
            ));
        }
        let last = match self.notify.take() {
            Some(channel) => {
                args.push(Box::new(channel));
                format!("SELECT pg_notify(${}, '')", args.len())
            }
            None => "SELECT 1".to_owned(),
        };
        let sql = if parts.is_empty() {
            last
        } else {
            let with: Vec<String> = parts
                .iter()
                .enumerate()
                .map(|(i, p)| format!("w{i} AS ({p})"))
                .collect();
            format!("WITH {} {last}", with.join(", "))
        };
        let refs: Vec<&(dyn ToSql + Sync)> = args.iter().map(|b| &**b).collect();
        exec(&sql, &refs)
    }
}
