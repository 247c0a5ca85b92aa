//! Flow times and recovery: how long assets spend getting from one stage
//! to the next, and what came back from return requests. Pure functions
//! over each asset's states in time (the stored intervals, or a re-fold),
//! so every question is answered the same way from both.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::event::Condition;
use crate::ids::Country;
use crate::lifecycle::Status;
use crate::money::{Currency, Money};

/// What a flow time measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flow {
    /// From the order to the receipt at a company location.
    OrderToReceipt,
    /// From the order to the first assignment to a person.
    OrderToAssignment,
    /// From the receipt to the first assignment.
    ReceiptToAssignment,
    /// In transit: from shipping to delivery (grouped by destination country).
    Shipping,
    /// In repair: from sending it away to getting it back.
    Repair,
    /// From the return request to the return.
    Return,
}

impl Flow {
    /// Every flow.
    pub const ALL: &'static [Flow] = &[
        Flow::OrderToReceipt,
        Flow::OrderToAssignment,
        Flow::ReceiptToAssignment,
        Flow::Shipping,
        Flow::Repair,
        Flow::Return,
    ];

    /// The snake_case name.
    pub fn name(self) -> &'static str {
        match self {
            Flow::OrderToReceipt => "order_to_receipt",
            Flow::OrderToAssignment => "order_to_assignment",
            Flow::ReceiptToAssignment => "receipt_to_assignment",
            Flow::Shipping => "shipping",
            Flow::Repair => "repair",
            Flow::Return => "return",
        }
    }

    /// The flow with that name (`order_to_receipt`, ...; `-` or `_`).
    pub fn from_name(name: &str) -> Result<Self> {
        let wanted = name.trim().to_ascii_lowercase().replace('-', "_");
        Flow::ALL
            .iter()
            .copied()
            .find(|f| f.name() == wanted)
            .ok_or_else(|| {
                Error::invalid(
                    "flow",
                    name,
                    "expected order_to_receipt, order_to_assignment, receipt_to_assignment, shipping, repair or return",
                )
            })
    }
}

/// An asset's facts, as flow questions group them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssetFacts {
    /// Tag.
    pub tag: String,
    /// Category.
    pub category: String,
    /// Vendor.
    pub vendor: String,
    /// Model.
    pub model: String,
    /// Unit cost.
    pub unit_cost: Money,
    /// Order date.
    pub ordered_on: NaiveDate,
}

/// One state of an asset, from an instant until the next state's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct State {
    /// From when (microseconds).
    pub from: i64,
    /// Status.
    pub status: Status,
    /// Country.
    pub country: Option<Country>,
    /// While a return is pending: when it is due.
    pub return_due: Option<NaiveDate>,
    /// Condition at the last return.
    pub condition: Option<Condition>,
    /// The carrier while in transit.
    pub carrier: Option<String>,
    /// The repairer while in repair.
    pub repairer: Option<String>,
}

/// What lead times can be grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlowGroup {
    /// Where the flow ended (the destination, for shipping).
    Country,
    /// The asset's category.
    Category,
    /// The asset's vendor.
    Vendor,
    /// The asset's model.
    Model,
    /// The carrier (shipping).
    Carrier,
    /// The repairer (repairs).
    Repairer,
}

impl FlowGroup {
    /// Every grouping.
    pub const ALL: &'static [FlowGroup] = &[
        FlowGroup::Country,
        FlowGroup::Category,
        FlowGroup::Vendor,
        FlowGroup::Model,
        FlowGroup::Carrier,
        FlowGroup::Repairer,
    ];

    /// The grouping with that name (ASCII case ignored).
    pub fn from_name(name: &str) -> Result<Self> {
        let wanted = name.trim().to_ascii_lowercase();
        FlowGroup::ALL
            .iter()
            .copied()
            .find(|g| g.name() == wanted)
            .ok_or_else(|| {
                Error::invalid(
                    "by",
                    name,
                    "lead times group by country, category, vendor, model, carrier or repairer",
                )
            })
    }

    /// The snake_case name.
    pub fn name(self) -> &'static str {
        match self {
            FlowGroup::Country => "country",
            FlowGroup::Category => "category",
            FlowGroup::Vendor => "vendor",
            FlowGroup::Model => "model",
            FlowGroup::Carrier => "carrier",
            FlowGroup::Repairer => "repairer",
        }
    }
}

/// A stretch of time an asset spent in one status (consecutive states of
/// the same status merged), and what followed.
struct Span<'a> {
    status: Status,
    start: i64,
    /// `None`: still in that status.
    end: Option<&'a State>,
    first: &'a State,
}

fn spans(states: &[State]) -> Vec<Span<'_>> {
    let mut out: Vec<Span<'_>> = Vec::new();
    for s in states {
        if out.last().is_some_and(|l| l.status == s.status) {
            continue;
        }
        if let Some(l) = out.last_mut() {
            l.end = Some(s);
        }
        out.push(Span {
            status: s.status,
            start: s.from,
            end: None,
            first: s,
        });
    }
    out
}

const DAY: f64 = 86_400_000_000.0;

/// One flow of one asset: its duration in days, where it ended, when, and
/// the state it started in.
struct Done<'a> {
    days: f64,
    country: Option<Country>,
    end: i64,
    start: &'a State,
}

fn durations(flow: Flow, states: &[State]) -> Vec<Done<'_>> {
    let sp = spans(states);
    let first = |st: Status| sp.iter().find(|s| s.status == st);
    let days = |a: i64, b: i64| (b - a) as f64 / DAY;
    let mut out = Vec::new();
    match flow {
        Flow::OrderToReceipt | Flow::OrderToAssignment | Flow::ReceiptToAssignment => {
            let (from, to) = match flow {
                Flow::OrderToReceipt => (Status::Ordered, Status::InStock),
                Flow::OrderToAssignment => (Status::Ordered, Status::Assigned),
                _ => (Status::InStock, Status::Assigned),
            };
            if let (Some(a), Some(b)) = (first(from), first(to)) {
                if b.start >= a.start {
                    out.push(Done {
                        days: days(a.start, b.start),
                        country: b.first.country,
                        end: b.start,
                        start: a.first,
                    });
                }
            }
        }
        Flow::Shipping | Flow::Repair => {
            let status = if flow == Flow::Shipping {
                Status::InTransit
            } else {
                Status::InRepair
            };
            for s in sp.iter().filter(|s| s.status == status) {
                if let Some(end) = s.end {
                    out.push(Done {
                        days: days(s.start, end.from),
                        country: end.country,
                        end: end.from,
                        start: s.first,
                    });
                }
            }
        }
        Flow::Return => {
            for s in sp.iter().filter(|s| s.status == Status::ReturnPending) {
                if let Some(end) = s.end.filter(|e| e.status == Status::InStock) {
                    out.push(Done {
                        days: days(s.start, end.from),
                        country: end.country,
                        end: end.from,
                        start: s.first,
                    });
                }
            }
        }
    }
    out
}

/// Flow-time figures of one group.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct FlowStats {
    /// The group (the dimension's value; empty key when not grouped).
    pub key: Vec<Option<String>>,
    /// Flows that ended in the window.
    pub count: u64,
    /// Median, in days (one decimal).
    pub median_days: f64,
    /// 90th percentile, in days (nearest rank, one decimal).
    pub p90_days: f64,
    /// Longest, in days.
    pub max_days: f64,
}

/// Collects flow times asset by asset, then summarises them.
pub struct FlowTimes {
    flow: Flow,
    by: Option<FlowGroup>,
    window: (i64, i64),
    groups: BTreeMap<Vec<Option<String>>, Vec<f64>>,
}

impl FlowTimes {
    /// Flows of a kind that ended within `[from, to]` (whole days, UTC),
    /// grouped by country (where it ended: the destination for shipping),
    /// category, vendor, model, carrier or repairer.
    pub fn new(flow: Flow, by: Option<FlowGroup>, from: NaiveDate, to: NaiveDate) -> Result<Self> {
        if to < from {
            return Err(Error::invalid("to", to, format!("before the start {from}")));
        }
        Ok(FlowTimes {
            flow,
            by,
            window: (
                crate::time::to_micros(crate::time::start_of_day(from)),
                crate::time::to_micros(crate::time::end_of_day(to)),
            ),
            groups: BTreeMap::new(),
        })
    }

    /// Add one asset.
    pub fn add(&mut self, facts: &AssetFacts, states: &[State]) {
        for done in durations(self.flow, states) {
            if done.end < self.window.0 || done.end > self.window.1 {
                continue;
            }
            let key = match self.by {
                None => vec![],
                Some(FlowGroup::Country) => vec![done.country.map(|c| c.code().to_owned())],
                Some(FlowGroup::Category) => vec![Some(facts.category.clone())],
                Some(FlowGroup::Vendor) => vec![Some(facts.vendor.clone())],
                Some(FlowGroup::Model) => vec![Some(facts.model.clone())],
                Some(FlowGroup::Carrier) => vec![done.start.carrier.clone()],
                Some(FlowGroup::Repairer) => vec![done.start.repairer.clone()],
            };
            self.groups.entry(key).or_default().push(done.days);
        }
    }

    /// The figures, by group.
    pub fn finish(self) -> Vec<FlowStats> {
        let round = |x: f64| (x * 10.0).round() / 10.0;
        self.groups
            .into_iter()
            .map(|(key, mut v)| {
                v.sort_by(f64::total_cmp);
                let rank = |p: f64| v[((p * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1];
                FlowStats {
                    key,
                    count: v.len() as u64,
                    median_days: round(rank(0.5)),
                    p90_days: round(rank(0.9)),
                    max_days: round(v[v.len() - 1]),
                }
            })
            .collect()
    }
}

/// What came of the return requests made in a window.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Recovery {
    /// Return requests made in the window.
    pub requested: u64,
    /// Back by the due date.
    pub returned_on_time: u64,
    /// Back after the due date.
    pub returned_late: u64,
    /// Still pending at the moment asked.
    pub still_open: u64,
    /// Reported lost instead.
    pub lost: u64,
    /// Ended otherwise (assigned again, retired...).
    pub other: u64,
    /// Condition on return: good, worn, damaged, broken.
    pub condition: BTreeMap<String, u64>,
    /// Returned, then assigned to someone again.
    pub redeployed: u64,
    /// The purchase value of what is still out, by currency.
    pub outstanding: Vec<Money>,
    /// Its book value on the day asked (the default policy: 36 months,
    /// declining balance switching to straight line), by currency.
    pub outstanding_book_value: Vec<Money>,
}

/// Collects return requests asset by asset.
pub struct RecoveryTally {
    window: (i64, i64),
    on: NaiveDate,
    out: Recovery,
    outstanding: BTreeMap<Currency, i64>,
    book_value: BTreeMap<Currency, i64>,
}

impl RecoveryTally {
    /// Requests made within `[from, to]` (whole days, UTC); book values on `on`.
    pub fn new(from: NaiveDate, to: NaiveDate, on: NaiveDate) -> Result<Self> {
        if to < from {
            return Err(Error::invalid("to", to, format!("before the start {from}")));
        }
        Ok(RecoveryTally {
            window: (
                crate::time::to_micros(crate::time::start_of_day(from)),
                crate::time::to_micros(crate::time::end_of_day(to)),
            ),
            on,
            out: Recovery::default(),
            outstanding: BTreeMap::new(),
            book_value: BTreeMap::new(),
        })
    }

    /// Add one asset.
    pub fn add(&mut self, facts: &AssetFacts, states: &[State]) -> Result<()> {
        let sp = spans(states);
        for (i, s) in sp.iter().enumerate() {
            if s.status != Status::ReturnPending
                || s.start < self.window.0
                || s.start > self.window.1
            {
                continue;
            }
            let r = &mut self.out;
            r.requested += 1;
            match s.end {
                None => {
                    r.still_open += 1;
                    let e = self
                        .outstanding
                        .entry(facts.unit_cost.currency())
                        .or_default();
                    *e = e.checked_add(facts.unit_cost.minor()).ok_or_else(|| {
                        Error::AmountOverflow {
                            what: "value outstanding".into(),
                        }
                    })?;
                    let bv = crate::depreciation::Policy::default().declining_balance(
                        facts.unit_cost,
                        facts.ordered_on,
                        self.on,
                    )?;
                    let e = self.book_value.entry(bv.currency()).or_default();
                    *e = e
                        .checked_add(bv.minor())
                        .ok_or_else(|| Error::AmountOverflow {
                            what: "book value outstanding".into(),
                        })?;
                }
                Some(end) if end.status == Status::InStock => {
                    let back: DateTime<Utc> = crate::time::from_micros(end.from);
                    let on_time = s
                        .first
                        .return_due
                        .is_none_or(|due| back.date_naive() <= due);
                    if on_time {
                        r.returned_on_time += 1;
                    } else {
                        r.returned_late += 1;
                    }
                    if let Some(c) = end.condition {
                        let name = serde_json::to_value(c)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_owned))
                            .unwrap_or_default();
                        *r.condition.entry(name).or_default() += 1;
                    }
                    if sp[i + 1..]
                        .iter()
                        .any(|later| later.status == Status::Assigned)
                    {
                        r.redeployed += 1;
                    }
                }
                Some(end) if end.status == Status::Lost => r.lost += 1,
                Some(_) => r.other += 1,
            }
        }
        Ok(())
    }

    /// The tally.
    pub fn finish(mut self) -> Recovery {
        let money = |m: BTreeMap<Currency, i64>| {
            m.into_iter()
                .map(|(c, m)| Money::from_minor(m, c))
                .collect()
        };
        self.out.outstanding = money(self.outstanding);
        self.out.outstanding_book_value = money(self.book_value);
        self.out
    }
}
