//! The lifecycle: statuses and the one transition table, held as data.
//!
//! [`transitions`] is the table: for each status, which events are allowed
//! and where they lead. `docs/lifecycle.md` is rendered from it (a test keeps
//! the two equal), and every binding exposes it.

use std::fmt::{self, Write as _};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::event::EventType;

/// Where an asset is in its life. Written in snake_case; read without
/// regard to case, spaces or hyphens (`Assigned`, `in stock`,
/// `return-pending`), the same in every language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Ordered, not yet received.
    Ordered,
    /// At a company location, held by nobody.
    InStock,
    /// With a carrier.
    InTransit,
    /// With a person.
    Assigned,
    /// With a repairer.
    InRepair,
    /// Its holder has been asked to send it back.
    ReturnPending,
    /// Missing (lost or stolen); may still be found.
    Lost,
    /// Gone from the fleet for good. Terminal.
    Retired,
}

impl Status {
    /// Every status, in lifecycle order.
    pub const ALL: &'static [Status] = &[
        Status::Ordered,
        Status::InStock,
        Status::InTransit,
        Status::Assigned,
        Status::InRepair,
        Status::ReturnPending,
        Status::Lost,
        Status::Retired,
    ];

    /// The small integer the store keeps: the place in [`Status::ALL`].
    pub fn code(self) -> i64 {
        Status::ALL.iter().position(|s| *s == self).unwrap_or(0) as i64
    }

    /// The status with a stored code.
    pub fn from_code(code: i64) -> Option<Self> {
        usize::try_from(code)
            .ok()
            .and_then(|i| Status::ALL.get(i).copied())
    }

    /// The snake_case name used in JSON, SQL and every binding.
    pub fn name(self) -> &'static str {
        match self {
            Status::Ordered => "ordered",
            Status::InStock => "in_stock",
            Status::InTransit => "in_transit",
            Status::Assigned => "assigned",
            Status::InRepair => "in_repair",
            Status::ReturnPending => "return_pending",
            Status::Lost => "lost",
            Status::Retired => "retired",
        }
    }

    /// The status with that name.
    pub fn from_name(name: &str) -> Result<Self> {
        let wanted = name.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Status::ALL
            .iter()
            .copied()
            .find(|s| s.name() == wanted)
            .ok_or_else(|| {
                Error::invalid(
                    "status",
                    name,
                    format!(
                        "expected one of {}",
                        Status::ALL
                            .iter()
                            .map(|s| s.name())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            })
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let name = <std::borrow::Cow<'de, str> as Deserialize>::deserialize(d)?;
        Status::from_name(&name).map_err(serde::de::Error::custom)
    }
}

impl std::str::FromStr for Status {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Status::from_name(s)
    }
}

/// Where an allowed event leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "status")]
pub enum Target {
    /// To this status.
    To(Status),
    /// The status does not change.
    Same,
    /// Back to `assigned` if the asset has a holder, otherwise `in_stock`
    /// (a delivery or a repair ends with the asset where it belongs).
    Resume,
}

impl Target {
    /// Its name in every language: the status's name, `same` or `resume`.
    pub fn name(self) -> &'static str {
        match self {
            Target::To(s) => s.name(),
            Target::Same => "same",
            Target::Resume => "resume",
        }
    }

    /// The resulting status, given the current one and whether someone holds the asset.
    pub fn resolve(self, current: Option<Status>, has_holder: bool) -> Status {
        match self {
            Target::To(s) => s,
            Target::Same => current.unwrap_or(Status::Ordered),
            Target::Resume if has_holder => Status::Assigned,
            Target::Resume => Status::InStock,
        }
    }
}

/// One row of the transition table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Transition {
    /// The status before; `None` is "the asset does not exist yet".
    pub from: Option<Status>,
    /// The event.
    pub event: EventType,
    /// Where it leads.
    pub to: Target,
}

use EventType as E;
use Status as S;
use Target::{Resume, Same, To};

/// Events allowed in every status but `retired`, leaving the status unchanged:
/// check-ins, patches, tickets, costs, notes and moves are facts at any stage.
const ANYTIME: &[EventType] = &[
    E::Observed,
    E::Patched,
    E::SoftwareInstalled,
    E::SoftwareRemoved,
    E::TicketOpened,
    E::TicketClosed,
    E::Relocated,
    E::CostRecorded,
    E::Note,
];

/// What a retired asset still accepts: a late invoice, a ticket closing, a note.
const AFTER_RETIREMENT: &[EventType] = &[E::TicketClosed, E::CostRecorded, E::Note];

/// One status's row: the events allowed from it and where each leads.
type Row = (Option<Status>, &'static [(EventType, Target)]);

/// The table, status by status.
const TABLE: &[Row] = &[
    (None, &[(E::Ordered, To(S::Ordered))]),
    (
        Some(S::Ordered),
        &[
            (E::Received, To(S::InStock)),
            (E::Shipped, To(S::InTransit)),
            (E::ReportedLost, To(S::Lost)),
            (E::Retired, To(S::Retired)),
        ],
    ),
    (
        Some(S::InStock),
        &[
            (E::Shipped, To(S::InTransit)),
            (E::Assigned, To(S::Assigned)),
            (E::SentForRepair, To(S::InRepair)),
            (E::Repaired, Same),
            (E::Wiped, Same),
            (E::ReportedLost, To(S::Lost)),
            (E::Retired, To(S::Retired)),
        ],
    ),
    (
        Some(S::InTransit),
        &[
            (E::Delivered, Resume),
            (E::Assigned, Same),
            (E::Unassigned, Same),
            (E::Returned, To(S::InStock)),
            (E::ReportedLost, To(S::Lost)),
        ],
    ),
    (
        Some(S::Assigned),
        &[
            (E::Assigned, To(S::Assigned)),
            (E::Unassigned, To(S::InStock)),
            (E::Shipped, To(S::InTransit)),
            (E::SentForRepair, To(S::InRepair)),
            (E::Repaired, Same),
            (E::ReturnRequested, To(S::ReturnPending)),
            (E::Returned, To(S::InStock)),
            (E::ReportedLost, To(S::Lost)),
            (E::Retired, To(S::Retired)),
        ],
    ),
    (
        Some(S::InRepair),
        &[
            (E::Repaired, Resume),
            (E::Returned, To(S::InStock)),
            (E::ReportedLost, To(S::Lost)),
            (E::Retired, To(S::Retired)),
        ],
    ),
    (
        Some(S::ReturnPending),
        &[
            (E::Shipped, Same),
            (E::Delivered, Same),
            (E::Returned, To(S::InStock)),
            (E::Assigned, To(S::Assigned)),
            (E::ReportedLost, To(S::Lost)),
            (E::Retired, To(S::Retired)),
        ],
    ),
    (
        Some(S::Lost),
        &[(E::Found, To(S::InStock)), (E::Retired, To(S::Retired))],
    ),
    (Some(S::Retired), &[]),
];

const N_EVENTS: usize = EventType::ALL.len();
const N_ROWS: usize = 9;

fn row_index(s: Option<Status>) -> usize {
    s.map_or(0, |s| s as usize + 1)
}

type Matrix = [[Option<Target>; N_EVENTS]; N_ROWS];

fn matrix() -> &'static Matrix {
    static M: OnceLock<Matrix> = OnceLock::new();
    M.get_or_init(|| {
        let mut m: Matrix = [[None; N_EVENTS]; N_ROWS];
        for t in build_transitions() {
            m[row_index(t.from)][t.event as usize] = Some(t.to);
        }
        m
    })
}

fn build_transitions() -> Vec<Transition> {
    let mut out = Vec::new();
    for (from, row) in TABLE {
        for (event, to) in *row {
            out.push(Transition {
                from: *from,
                event: *event,
                to: *to,
            });
        }
        let extra = match from {
            None => &[][..],
            Some(S::Retired) => AFTER_RETIREMENT,
            Some(_) => ANYTIME,
        };
        for event in extra {
            out.push(Transition {
                from: *from,
                event: *event,
                to: Same,
            });
        }
    }
    out
}

/// The whole transition table: every allowed (status, event) pair and where it leads.
/// A pair that is not listed is refused with [`Error::InvalidTransition`].
pub fn transitions() -> &'static [Transition] {
    static T: OnceLock<Vec<Transition>> = OnceLock::new();
    T.get_or_init(build_transitions)
}

/// Where `event` leads from `from`, or `None` if it is not allowed.
pub fn target(from: Option<Status>, event: EventType) -> Option<Target> {
    matrix()[row_index(from)][event as usize]
}

/// The events allowed from a status.
pub fn allowed_events(from: Option<Status>) -> Vec<EventType> {
    EventType::ALL
        .iter()
        .copied()
        .filter(|e| target(from, *e).is_some())
        .collect()
}

/// The table as a Markdown matrix (the body of `docs/lifecycle.md`).
pub fn render_markdown() -> String {
    let mut out = String::from("| event \\ status | (new) |");
    for s in Status::ALL {
        let _ = write!(out, " {} |", s.name());
    }
    out.push_str("\n|---|---|");
    for _ in Status::ALL {
        out.push_str("---|");
    }
    out.push('\n');
    for e in EventType::ALL.iter().filter(|e| !e.is_license()) {
        let _ = write!(out, "| {} |", e.name());
        for from in std::iter::once(None).chain(Status::ALL.iter().copied().map(Some)) {
            let cell = match target(from, *e) {
                None => String::new(),
                Some(Same) => "=".to_owned(),
                Some(Resume) => "resume".to_owned(),
                Some(To(s)) => s.name().to_owned(),
            };
            let _ = write!(out, " {cell} |");
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_asset_starts_with_ordered() {
        assert_eq!(allowed_events(None), vec![E::Ordered]);
    }

    #[test]
    fn retired_is_terminal() {
        for e in EventType::ALL {
            if let Some(t) = target(Some(S::Retired), *e) {
                assert_eq!(t, Same, "{e} must not move a retired asset");
            }
        }
    }

    #[test]
    fn resume_goes_back_to_the_holder() {
        assert_eq!(Resume.resolve(Some(S::InRepair), true), S::Assigned);
        assert_eq!(Resume.resolve(Some(S::InRepair), false), S::InStock);
    }

    #[test]
    fn table_has_no_duplicate_pairs() {
        let t = transitions();
        for (i, a) in t.iter().enumerate() {
            for b in &t[i + 1..] {
                assert!(!(a.from == b.from && a.event == b.event), "{a:?} twice");
            }
        }
    }
}
