//! Licenses and subscriptions: their statuses, their lifecycle table (held
//! as data, rendered in `docs/lifecycle.md`), and the fold of a license's
//! stream into its view, checking the seat rules event by event.
//!
//! A license is a stream of the same log as the devices (its tag shares
//! their namespace): its events get positions in the same order and hash
//! chain, and a batch may mix them with devices' events. Its view is folded
//! from its events whenever it is asked for, now or as of any moment, so
//! "what did we own and who held it on 1 March" is the same machinery as
//! for devices, with no stored copy to keep in step.

use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::event::{Event, EventType, LicenseKind};
use crate::ids::{AssetId, PersonId};
use crate::lifecycle::Status;
use crate::money::Money;
use crate::store::{FoldRow, StreamInfo};
use crate::time::{format_instant, from_micros};

/// Where a license is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LicenseStatus {
    /// In force: seats can be assigned.
    Active,
    /// Its term ended without a renewal; a renewal brings it back.
    Expired,
    /// Stopped for good.
    Cancelled,
}

impl LicenseStatus {
    /// The snake_case name.
    pub fn name(self) -> &'static str {
        match self {
            LicenseStatus::Active => "active",
            LicenseStatus::Expired => "expired",
            LicenseStatus::Cancelled => "cancelled",
        }
    }
}

/// One allowed step of a license's life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LicenseTransition {
    /// The status before (`None`: no license yet).
    pub from: Option<LicenseStatus>,
    /// The event.
    pub event: EventType,
    /// The status after.
    pub to: LicenseStatus,
}

use LicenseStatus::{Active, Cancelled, Expired};

const TABLE: &[(Option<LicenseStatus>, EventType, LicenseStatus)] = &[
    (None, EventType::LicensePurchased, Active),
    (Some(Active), EventType::LicenseRenewed, Active),
    (Some(Active), EventType::SeatsChanged, Active),
    (Some(Active), EventType::SeatAssigned, Active),
    (Some(Active), EventType::SeatReleased, Active),
    (Some(Active), EventType::SeatTransferred, Active),
    (Some(Active), EventType::LicenseExpired, Expired),
    (Some(Active), EventType::LicenseCancelled, Cancelled),
    (Some(Expired), EventType::LicenseRenewed, Active),
    (Some(Expired), EventType::SeatReleased, Expired),
    (Some(Expired), EventType::LicenseCancelled, Cancelled),
    (Some(Cancelled), EventType::SeatReleased, Cancelled),
];

/// The license lifecycle table: every allowed (status, event) and where it
/// leads. A pair that is not listed is refused with [`Error::InvalidTransition`].
pub fn license_transitions() -> Vec<LicenseTransition> {
    TABLE
        .iter()
        .map(|&(from, event, to)| LicenseTransition { from, event, to })
        .collect()
}

fn target(from: Option<LicenseStatus>, event: EventType) -> Option<LicenseStatus> {
    TABLE
        .iter()
        .find(|(f, e, _)| *f == from && *e == event)
        .map(|(_, _, to)| *to)
}

/// The license table as a Markdown matrix (in `docs/lifecycle.md`).
pub fn render_markdown() -> String {
    let statuses = [Active, Expired, Cancelled];
    let mut out = String::from("| event \\ status | (new) |");
    for s in statuses {
        let _ = write!(out, " {} |", s.name());
    }
    out.push_str("\n|---|---|");
    for _ in statuses {
        out.push_str("---|");
    }
    out.push('\n');
    for e in EventType::ALL.iter().filter(|e| e.is_license()) {
        let _ = write!(out, "| {} |", e.name());
        for from in std::iter::once(None).chain(statuses.iter().copied().map(Some)) {
            let cell = target(from, *e).map_or("", |s| s.name());
            let _ = write!(out, " {cell} |");
        }
        out.push('\n');
    }
    out
}

/// Who holds a seat: a person or a device.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeatHolder {
    /// A person (`emp-1042`).
    Person(PersonId),
    /// A device, by its asset tag.
    Device(String),
}

impl std::fmt::Display for SeatHolder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SeatHolder::Person(p) => write!(f, "person {p}"),
            SeatHolder::Device(d) => write!(f, "device {d}"),
        }
    }
}

/// A seat in use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seat {
    /// Its holder.
    pub holder: SeatHolder,
    /// Since when.
    pub since: DateTime<Utc>,
}

/// A license as of a moment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicenseView {
    /// The license's id.
    pub license_id: AssetId,
    /// Its tag.
    pub tag: String,
    /// Where it is in its life.
    pub status: LicenseStatus,
    /// Its stream version.
    pub version: u64,
    /// The product.
    pub product: String,
    /// Who makes it.
    pub publisher: Option<String>,
    /// Its edition.
    pub edition: Option<String>,
    /// How its seats are counted.
    pub kind: LicenseKind,
    /// Seats owned; `None`: unlimited.
    pub seats: Option<u32>,
    /// Seats in use (held, and released seats that cannot move to anyone else).
    pub seats_used: u32,
    /// Seats owned and not in use; `None`: unlimited.
    pub seats_free: Option<u32>,
    /// Seats in use beyond those owned (only where overuse is allowed).
    pub seats_over: u32,
    /// The current term's first day.
    pub term_start: NaiveDate,
    /// The current term's last day; `None`: perpetual.
    pub term_end: Option<NaiveDate>,
    /// What the current term cost.
    pub term_cost: Money,
    /// Everything paid for it so far: purchase, renewals, true-ups.
    pub cost_so_far: Money,
    /// Seats stay with their first holder.
    pub not_reassignable: bool,
    /// More seats may be assigned than owned.
    pub allow_overuse: bool,
    /// Who holds a seat, and since when, in the order they got it.
    pub holders: Vec<Seat>,
    /// When its latest event happened.
    pub last_event_at: DateTime<Utc>,
}

impl LicenseView {
    /// Whether `holder` holds a seat.
    pub fn holds(&self, holder: &SeatHolder) -> bool {
        self.holders.iter().any(|s| &s.holder == holder)
    }
}

/// A device's status at a moment (`None`: no such device then).
pub(crate) type DeviceAt<'a> = dyn FnMut(&str, i64) -> Result<Option<Status>> + 'a;

/// What a license's fold carries from one event to the next; stored as
/// JSON per license (`license_states`) so that an event in time order
/// applies to it instead of folding the whole license again.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct LicenseState {
    pub view: LicenseView,
    /// Released seats of a license that is not reassignable: spent.
    pub consumed: u32,
}

/// Fold a license's events (in time order) into its state, checking each
/// step; `device` answers a device's status at a moment. `None` for an
/// empty stream.
pub(crate) fn fold(
    info: &StreamInfo,
    rows: &[FoldRow],
    device: &mut DeviceAt<'_>,
) -> Result<Option<LicenseState>> {
    let mut state: Option<LicenseState> = None;
    for row in rows {
        step(info, &mut state, row, device)?;
    }
    Ok(state)
}

/// Apply one event, checking it against the license's state.
pub(crate) fn step(
    info: &StreamInfo,
    state: &mut Option<LicenseState>,
    row: &FoldRow,
    device: &mut DeviceAt<'_>,
) -> Result<()> {
    let mut view = state.take().map(|s| (s.view, s.consumed));
    let (mut v, mut consumed) = match view.take() {
        Some((v, c)) => (Some(v), c),
        None => (None, 0),
    };
    let r = apply(info, &mut v, &mut consumed, row, device);
    *state = v.map(|view| LicenseState { view, consumed });
    r
}

fn apply(
    info: &StreamInfo,
    view: &mut Option<LicenseView>,
    consumed: &mut u32,
    row: &FoldRow,
    device: &mut DeviceAt<'_>,
) -> Result<()> {
    let ty = row.event.event_type();
    let at = from_micros(row.occurred_at);
    let refuse = |status: Option<LicenseStatus>| Error::InvalidTransition {
        asset: info.tag.clone(),
        status: status.map_or("none", LicenseStatus::name).to_owned(),
        event: ty.name().to_owned(),
        at: format_instant(at),
        later: None,
    };
    let from = view.as_ref().map(|v| v.status);
    let Some(to) = target(from, ty) else {
        return Err(if ty.is_license() {
            refuse(from)
        } else {
            Error::invalid(
                "type",
                ty.name(),
                format!("{} is a license: a device's event does not apply", info.tag),
            )
        });
    };
    if let Event::LicensePurchased(p) = &row.event {
        *view = Some(LicenseView {
            license_id: info.asset_id,
            tag: info.tag.clone(),
            status: to,
            version: row.version,
            product: p.product.clone(),
            publisher: p.publisher.clone(),
            edition: p.edition.clone(),
            kind: p.kind,
            seats: p.seats,
            seats_used: 0,
            seats_free: p.seats,
            seats_over: 0,
            term_start: p.term_start,
            term_end: p.term_end,
            term_cost: p.cost,
            cost_so_far: p.cost,
            not_reassignable: p.not_reassignable,
            allow_overuse: p.allow_overuse,
            holders: Vec::new(),
            last_event_at: at,
        });
        return Ok(());
    }
    let v = view
        .as_mut()
        .expect("the table allows nothing else before a purchase");
    match &row.event {
        Event::LicenseRenewed(r) => {
            if let Some(end) = v.term_end.filter(|end| r.term_end <= *end) {
                return Err(Error::invalid(
                    "term_end",
                    r.term_end,
                    format!("a renewal ends after the current term ({end})"),
                ));
            }
            if let Some(end) = v.term_end {
                v.term_start = end.succ_opt().unwrap_or(end);
            }
            v.term_end = Some(r.term_end);
            v.term_cost = r.cost;
            v.cost_so_far = v.cost_so_far.checked_add(r.cost)?;
        }
        Event::SeatsChanged(c) => {
            if c.seats < v.seats_used && !v.allow_overuse {
                return Err(Error::NoFreeSeat {
                    license: v.tag.clone(),
                    seats: c.seats,
                    used: v.seats_used,
                });
            }
            v.seats = Some(c.seats);
            if let Some(cost) = c.cost {
                v.cost_so_far = v.cost_so_far.checked_add(cost)?;
            }
        }
        Event::SeatAssigned(s) => {
            let holder = holder_of(s.person.as_ref(), s.device.as_ref());
            may_hold(v, &holder, row.occurred_at, device)?;
            if let Some(seats) = v.seats {
                if v.seats_used >= seats && !v.allow_overuse {
                    return Err(Error::NoFreeSeat {
                        license: v.tag.clone(),
                        seats,
                        used: v.seats_used,
                    });
                }
            }
            v.holders.push(Seat { holder, since: at });
        }
        Event::SeatTransferred(t) => {
            let from = holder_of(t.from_person.as_ref(), t.from_device.as_ref());
            let to = holder_of(t.to_person.as_ref(), t.to_device.as_ref());
            let field = match from {
                SeatHolder::Person(_) => "from_person",
                SeatHolder::Device(_) => "from_device",
            };
            if v.not_reassignable {
                return Err(Error::invalid(
                    field,
                    &from,
                    format!("the seats of {} are not reassignable", v.tag),
                ));
            }
            let Some(i) = v.holders.iter().position(|h| h.holder == from) else {
                return Err(Error::invalid(
                    field,
                    &from,
                    format!("holds no seat of {}", v.tag),
                ));
            };
            may_hold(v, &to, row.occurred_at, device)?;
            v.holders[i] = Seat {
                holder: to,
                since: at,
            };
        }
        Event::SeatReleased(s) => {
            let holder = holder_of(s.person.as_ref(), s.device.as_ref());
            let Some(i) = v.holders.iter().position(|h| h.holder == holder) else {
                return Err(Error::invalid(
                    "holder",
                    &holder,
                    format!("holds no seat of {}", v.tag),
                ));
            };
            v.holders.remove(i);
            if v.not_reassignable {
                // the seat stays spent: it cannot move to anyone else
                *consumed += 1;
            }
        }
        _ => {}
    }
    v.status = to;
    // the stream's version: a backdated event has a higher version than the
    // events after it in time
    v.version = v.version.max(row.version);
    v.last_event_at = v.last_event_at.max(at);
    let used = u32::try_from(v.holders.len())
        .unwrap_or(u32::MAX)
        .saturating_add(*consumed);
    v.seats_used = used;
    v.seats_free = v.seats.map(|s| s.saturating_sub(used));
    v.seats_over = v.seats.map_or(0, |s| used.saturating_sub(s));
    Ok(())
}

/// Whether `holder` may take a seat of the license at a moment (micros):
/// the kind of license allows that holder, a device exists then and is
/// neither retired nor lost, and the holder has no seat of it yet.
fn may_hold(
    v: &LicenseView,
    holder: &SeatHolder,
    at: i64,
    device: &mut DeviceAt<'_>,
) -> Result<()> {
    match (holder, v.kind) {
        (SeatHolder::Device(_), LicenseKind::PerUser) => {
            return Err(Error::invalid(
                "device",
                holder,
                format!("{} is licensed per user: give the seat to a person", v.tag),
            ))
        }
        (SeatHolder::Person(_), LicenseKind::PerDevice) => {
            return Err(Error::invalid(
                "person",
                holder,
                format!(
                    "{} is licensed per device: give the seat to a device",
                    v.tag
                ),
            ))
        }
        _ => {}
    }
    if let SeatHolder::Device(tag) = holder {
        match device(tag, at)? {
            None => {
                return Err(Error::UnknownAsset {
                    asset: tag.clone(),
                    at: None,
                })
            }
            Some(Status::Retired | Status::Lost) => {
                return Err(Error::invalid(
                    "device",
                    tag,
                    "a retired or lost device cannot take a seat",
                ))
            }
            Some(_) => {}
        }
    }
    if v.holds(holder) {
        return Err(Error::invalid(
            "holder",
            holder,
            format!("already holds a seat of {}", v.tag),
        ));
    }
    Ok(())
}

fn holder_of(person: Option<&PersonId>, device: Option<&String>) -> SeatHolder {
    match (person, device) {
        (Some(p), _) => SeatHolder::Person(p.clone()),
        (None, Some(d)) => SeatHolder::Device(d.clone()),
        (None, None) => SeatHolder::Device(String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_license_event_is_allowed_somewhere_and_only_a_purchase_starts() {
        for e in EventType::ALL.iter().filter(|e| e.is_license()) {
            assert!(TABLE.iter().any(|(_, ev, _)| ev == e), "{e} never allowed");
        }
        let starts: Vec<_> = TABLE.iter().filter(|(f, _, _)| f.is_none()).collect();
        assert_eq!(starts.len(), 1);
    }
}

/// A license's renewal due in a window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Renewals {
    /// The active licenses whose term ends in the window, soonest first.
    pub licenses: Vec<LicenseView>,
    /// What renewing them all at their current terms' cost takes, by currency.
    pub budget: Vec<Money>,
}

impl Renewals {
    /// The renewal budget in one currency: each license's term cost
    /// converted with the rate in force on the day its term ends (or the
    /// latest rate before), exactly ([`crate::Error::MissingFxRate`] when a
    /// rate is missing).
    pub fn total_in(&self, currency: crate::Currency, rates: &crate::FxRates) -> Result<Money> {
        let mut total = Money::from_minor(0, currency);
        for l in &self.licenses {
            let on = l.term_end.unwrap_or(l.term_start);
            total = total.checked_add(rates.convert(l.term_cost, currency, on)?)?;
        }
        Ok(total)
    }
}

/// Why a seat can be taken back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReclaimReason {
    /// Its holder has left.
    Left,
    /// Its device is retired.
    Retired,
    /// Its device is lost.
    Lost,
    /// Its device has not been seen for the days asked.
    Silent,
}

/// A seat that can be taken back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReclaimableSeat {
    /// The license's tag.
    pub license: String,
    /// Its product.
    pub product: String,
    /// Who holds the seat.
    pub holder: SeatHolder,
    /// Since when.
    pub since: DateTime<Utc>,
    /// Why it can be taken back.
    pub reason: ReclaimReason,
}

impl crate::AssetLog {
    /// A license as of a moment (see [`crate::At`]).
    pub fn license(
        &self,
        license: impl Into<crate::ids::AssetRef>,
        at: crate::At,
    ) -> Result<LicenseView> {
        let license = license.into();
        self.store.read(|r| {
            let info = crate::log::stream(r, &license)?;
            let cut = crate::log::cutoff(r, at)?;
            license_at(r, &info, cut)?.ok_or_else(|| Error::UnknownAsset {
                asset: info.tag.clone(),
                at: at.occurred.map(format_instant),
            })
        })
    }

    /// Keep a license's key (its product key or activation code). Keys are
    /// secrets: kept outside the log like personal data, never in an event
    /// or an export, readable only through [`AssetLog::license_key`], and
    /// erasable without touching the hash chain.
    ///
    /// [`AssetLog::license_key`]: crate::AssetLog::license_key
    pub fn set_license_key(
        &self,
        license: impl Into<crate::ids::AssetRef>,
        key: &str,
    ) -> Result<()> {
        crate::ids::check_text("key", key, 4096)?;
        let license = license.into();
        let now = crate::time::to_micros(self.now());
        self.store.write(|w| {
            let info = license_stream(w.read(), &license)?;
            w.set_license_key(info.stream_id, Some(key), now)?;
            Ok(())
        })
    }

    /// A license's key, if one is kept.
    pub fn license_key(&self, license: impl Into<crate::ids::AssetRef>) -> Result<Option<String>> {
        let license = license.into();
        self.store.read(|r| {
            let info = license_stream(r, &license)?;
            r.license_key(info.stream_id)
        })
    }

    /// Erase a license's key; true if there was one.
    pub fn forget_license_key(&self, license: impl Into<crate::ids::AssetRef>) -> Result<bool> {
        let license = license.into();
        let now = crate::time::to_micros(self.now());
        self.store.write(|w| {
            let info = license_stream(w.read(), &license)?;
            w.set_license_key(info.stream_id, None, now)
        })
    }

    /// Every license that existed at a moment, in the order they were bought.
    pub fn licenses(&self, at: crate::At) -> Result<Vec<LicenseView>> {
        self.store.read(|r| {
            let cut = crate::log::cutoff(r, at)?;
            let mut out = Vec::new();
            for info in r.license_streams()? {
                out.extend(license_at(r, &info, cut)?);
            }
            Ok(out)
        })
    }

    /// Active licenses whose term ends between `from` and `to` (inclusive),
    /// soonest first, and what renewing them takes by currency.
    pub fn renewals(&self, from: NaiveDate, to: NaiveDate, at: crate::At) -> Result<Renewals> {
        let mut licenses: Vec<LicenseView> = self
            .licenses(at)?
            .into_iter()
            .filter(|l| l.status == Active && l.term_end.is_some_and(|e| e >= from && e <= to))
            .collect();
        licenses.sort_by_key(|l| (l.term_end, l.tag.clone()));
        let mut budget: Vec<Money> = Vec::new();
        for l in &licenses {
            match budget
                .iter_mut()
                .find(|m| m.currency() == l.term_cost.currency())
            {
                Some(m) => *m = m.checked_add(l.term_cost)?,
                None => budget.push(l.term_cost),
            }
        }
        budget.sort_by_key(|m| m.currency().to_string());
        Ok(Renewals { licenses, budget })
    }

    /// Seats held by people who have left, by retired or lost devices, or
    /// (with `silent_days`) by devices not seen for that many days.
    pub fn reclaimable(
        &self,
        at: crate::At,
        silent_days: Option<i64>,
    ) -> Result<Vec<ReclaimableSeat>> {
        let day = at.occurred.unwrap_or_else(|| self.now());
        let leavers: std::collections::HashMap<PersonId, NaiveDate> =
            self.store.read(|r| r.leavers())?.into_iter().collect();
        let mut out = Vec::new();
        for l in self.licenses(at)? {
            for seat in &l.holders {
                let reason = match &seat.holder {
                    SeatHolder::Person(p) => leavers
                        .get(p)
                        .filter(|left| **left <= day.date_naive())
                        .map(|_| ReclaimReason::Left),
                    SeatHolder::Device(tag) => match self.asset(tag.as_str(), at) {
                        Ok(v) if v.status == Status::Retired => Some(ReclaimReason::Retired),
                        Ok(v) if v.status == Status::Lost => Some(ReclaimReason::Lost),
                        Ok(v) => silent_days
                            .filter(|d| {
                                let seen = v.last_seen.unwrap_or(v.first_event_at);
                                (day - seen).num_days() >= *d
                            })
                            .map(|_| ReclaimReason::Silent),
                        Err(_) => None,
                    },
                };
                if let Some(reason) = reason {
                    out.push(ReclaimableSeat {
                        license: l.tag.clone(),
                        product: l.product.clone(),
                        holder: seat.holder.clone(),
                        since: seat.since,
                        reason,
                    });
                }
            }
        }
        Ok(out)
    }

    /// License seats per department as of a moment, with what they cost
    /// for the current terms (each seat its license's term cost divided by
    /// the seats owned; a license with unlimited seats counts none). A seat
    /// held by a device counts for the device's department; one held by a
    /// person for the department of the devices assigned to them (the first
    /// by name when they hold for several); `department: None` collects the
    /// seats of people who hold no device with a department. Sorted by
    /// department, the unknown last.
    pub fn seats_by_department(&self, at: crate::At) -> Result<Vec<DepartmentSeats>> {
        let mut person_department: std::collections::HashMap<PersonId, String> =
            std::collections::HashMap::new();
        let mut device_department: std::collections::HashMap<String, String> =
            std::collections::HashMap::new();
        for v in self.fleet(&crate::FleetFilter::default(), at)? {
            let Some(d) = v.department else { continue };
            if let Some(p) = v.holder {
                let e = person_department.entry(p).or_insert_with(|| d.clone());
                if d < *e {
                    e.clone_from(&d);
                }
            }
            device_department.insert(v.tag.to_ascii_lowercase(), d);
        }
        let mut by: std::collections::BTreeMap<Option<String>, DepartmentSeats> =
            std::collections::BTreeMap::new();
        for l in self.licenses(at)? {
            let share = l.seats.filter(|n| *n > 0).map(|n| {
                Money::from_minor(l.term_cost.minor() / i64::from(n), l.term_cost.currency())
            });
            for seat in &l.holders {
                let department = match &seat.holder {
                    SeatHolder::Person(p) => person_department.get(p).cloned(),
                    SeatHolder::Device(tag) => {
                        device_department.get(&tag.to_ascii_lowercase()).cloned()
                    }
                };
                let row = by
                    .entry(department.clone())
                    .or_insert_with(|| DepartmentSeats {
                        department,
                        seats: 0,
                        products: Vec::new(),
                        cost: Vec::new(),
                    });
                row.seats += 1;
                if !row.products.contains(&l.product) {
                    row.products.push(l.product.clone());
                }
                if let Some(share) = share {
                    match row
                        .cost
                        .iter_mut()
                        .find(|m| m.currency() == share.currency())
                    {
                        Some(m) => *m = m.checked_add(share)?,
                        None => row.cost.push(share),
                    }
                }
            }
        }
        let mut out: Vec<DepartmentSeats> = by.into_values().collect();
        for row in &mut out {
            row.products.sort();
            row.cost.sort_by_key(Money::currency);
        }
        // BTreeMap puts None first: the unknown goes last
        let unknown_first = out.first().is_some_and(|r| r.department.is_none());
        out.rotate_left(usize::from(unknown_first));
        Ok(out)
    }
}

/// The license seats a department holds (see
/// [`crate::AssetLog::seats_by_department`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentSeats {
    /// The department; `None`: seats of people with no department known.
    pub department: Option<String>,
    /// Seats held.
    pub seats: u32,
    /// The products of those seats, by name.
    pub products: Vec<String>,
    /// What those seats cost for the current terms, by currency.
    pub cost: Vec<Money>,
}

/// The stream of a license ([`Error::UnknownAsset`] for no stream, or for
/// a device's).
fn license_stream(
    r: &dyn crate::store::ReadTx,
    license: &crate::ids::AssetRef,
) -> Result<StreamInfo> {
    let info = crate::log::stream(r, license)?;
    let is_license = r
        .fold_rows(info.stream_id)?
        .first()
        .is_some_and(|f| f.event.event_type().is_license());
    if is_license {
        Ok(info)
    } else {
        Err(Error::invalid(
            "license",
            &info.tag,
            "is a device, not a license",
        ))
    }
}

/// A license within a cutoff: its stored state for "now", else folded.
/// Its stored events were checked when written, so devices are not looked
/// at again.
fn license_at(
    r: &dyn crate::store::ReadTx,
    info: &StreamInfo,
    cut: crate::store::Cutoff,
) -> Result<Option<LicenseView>> {
    if cut.occurred_max.is_none() && cut.position_max.is_none() {
        if let Some(state) = stored_state(r, info.stream_id)? {
            return Ok(Some(state.view));
        }
    }
    Ok(folded(r, info, cut)?.map(|s| s.view))
}

/// A license's stored state, if it has one that reads.
pub(crate) fn stored_state(
    r: &dyn crate::store::ReadTx,
    stream_id: i64,
) -> Result<Option<LicenseState>> {
    Ok(r.license_state(stream_id)?
        .and_then(|json| serde_json::from_str(&json).ok()))
}

/// A license folded again from its events within a cutoff.
pub(crate) fn folded(
    r: &dyn crate::store::ReadTx,
    info: &StreamInfo,
    cut: crate::store::Cutoff,
) -> Result<Option<LicenseState>> {
    let rows: Vec<FoldRow> = r
        .fold_rows(info.stream_id)?
        .into_iter()
        .filter(|row| crate::log::within(cut, row))
        .collect();
    if rows
        .first()
        .is_some_and(|f| !f.event.event_type().is_license())
    {
        return Err(Error::invalid(
            "license",
            &info.tag,
            "is a device, not a license",
        ));
    }
    fold(info, &rows, &mut |_, _| Ok(Some(Status::InStock)))
}
