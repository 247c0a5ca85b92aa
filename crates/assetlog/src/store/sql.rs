//! What both backends' view queries share: the fleet filter's conditions
//! (built with each backend's placeholders), the columns of dimensions, and
//! how days and enums are kept in columns.

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::lifecycle::Status;
use crate::store::Narrow;
use crate::view::fleet::{Dimension, FleetFilter};

/// `valid_to` of the interval that is still open (the current state).
pub(crate) const OPEN: i64 = i64::MAX;

/// The parameters of a query being built: each call binds a value and
/// returns its placeholder in the backend's syntax.
pub(crate) trait Args {
    /// Bind an integer.
    fn int(&mut self, v: i64) -> String;
    /// Bind a text.
    fn text(&mut self, v: &str) -> String;
}

/// A day as the view tables keep it: days since the common era began.
pub(crate) fn days(d: NaiveDate) -> i64 {
    i64::from(chrono::Datelike::num_days_from_ce(&d))
}

/// A stored day back ([`Error::CorruptEvent`] when out of range).
pub(crate) fn from_days(n: i64) -> Result<NaiveDate> {
    i32::try_from(n)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .ok_or_else(|| corrupt(&format!("day {n}")))
}

/// The snake_case name serde gives a unit variant.
pub(crate) fn enum_name<T: Serialize>(t: &T) -> String {
    match serde_json::to_value(t) {
        Ok(serde_json::Value::String(s)) => s,
        _ => unreachable!("stored enums serialize as names"),
    }
}

pub(crate) fn enum_from<T: DeserializeOwned>(s: Option<impl AsRef<str>>) -> Result<Option<T>> {
    s.map(|s| {
        let s = s.as_ref();
        serde_json::from_value(serde_json::Value::String(s.to_owned())).map_err(|_| corrupt(s))
    })
    .transpose()
}

/// A stored value this build cannot read.
pub(crate) fn corrupt(what: &str) -> Error {
    Error::CorruptEvent {
        position: 0,
        reason: format!("a stored view holds '{what}', which this build cannot read; run rebuild"),
    }
}

/// Dimensions kept on `assets` rather than in the state.
pub(crate) fn is_fact(d: Dimension) -> bool {
    matches!(
        d,
        Dimension::Category | Dimension::Vendor | Dimension::Model
    )
}

/// The column of a dimension in a view query.
pub(crate) fn state_column(d: Dimension) -> &'static str {
    match d {
        Dimension::Status => "v.status",
        Dimension::Country => "v.country",
        Dimension::Location => "v.location",
        Dimension::Department => "v.department",
        Dimension::CostCentre => "v.cost_centre",
        Dimension::Category => "a.category",
        Dimension::Vendor => "a.vendor",
        Dimension::Model => "a.model",
    }
}

/// The column of a dimension in a cost query: where and with whom the
/// cost arose; facts and status are the asset's.
pub(crate) fn cost_column(d: Dimension) -> &'static str {
    match d {
        Dimension::Country => "c.country",
        Dimension::Location => "c.location",
        Dimension::Department => "c.department",
        Dimension::CostCentre => "c.cost_centre",
        other => state_column(other),
    }
}

const IN_SERVICE: &str = "v.status NOT IN (0, 6, 7)";

fn in_use() -> String {
    format!(
        "v.status IN ({}, {})",
        Status::Assigned.code(),
        Status::ReturnPending.code()
    )
}

/// The conditions of a filter and a narrowing on `v` (state) and `a` (facts).
pub(crate) fn conditions(filter: &FleetFilter, narrow: Narrow, args: &mut dyn Args) -> String {
    // Codes that IN_SERVICE leaves out must be ordered, lost and retired.
    debug_assert_eq!(
        [
            Status::Ordered.code(),
            Status::Lost.code(),
            Status::Retired.code()
        ],
        [0, 6, 7]
    );
    let mut sql = String::new();
    let mut and = |c: String| {
        sql.push_str(" AND ");
        sql.push_str(&c);
    };
    if let Some(s) = filter.status {
        and(format!("v.status = {}", s.code()));
    }
    if let Some(c) = filter.country {
        and(format!("v.country = {}", args.text(c.code())));
    }
    if let Some(l) = &filter.location {
        and(format!("v.location = {}", args.text(l)));
    }
    if let Some(h) = &filter.holder {
        and(format!("v.holder = {}", args.text(h.as_str())));
    }
    if let Some(c) = &filter.category {
        and(format!("a.category = {}", args.text(c)));
    }
    if let Some(d) = &filter.department {
        and(format!("v.department = {}", args.text(d)));
    }
    match narrow {
        Narrow::None => {}
        Narrow::After(stream) => {
            let s = args.int(stream);
            and(format!("a.stream_id > {s}"));
        }
        Narrow::Idle { before } => {
            let b = args.int(before);
            and(format!(
                "((v.status = {} AND v.status_since <= {b}) OR (v.status = {} AND \
                 v.status_since <= {b} AND coalesce(v.last_seen, v.status_since) <= {b}))",
                Status::InStock.code(),
                Status::Assigned.code()
            ));
        }
        Narrow::OverdueBefore(d) => {
            let d = args.int(days(d));
            and(format!(
                "v.status = {} AND v.return_due < {d}",
                Status::ReturnPending.code()
            ));
        }
        Narrow::NotPatchedSince(t) => {
            let t = args.int(t);
            and(format!(
                "{IN_SERVICE} AND (v.patch_at IS NULL OR v.patch_at < {t})"
            ));
        }
        Narrow::WarrantyBefore(d) => {
            let d = args.int(days(d));
            and(format!("{IN_SERVICE} AND a.warranty_end < {d}"));
        }
        Narrow::WarrantyWithin(from, to) => {
            let from = args.int(days(from));
            let to = args.int(days(to));
            and(format!(
                "{IN_SERVICE} AND a.warranty_end BETWEEN {from} AND {to}"
            ));
        }
        Narrow::InUse => and(in_use()),
        Narrow::UnseenSince(t) => {
            let t = args.int(t);
            and(format!(
                "{} AND v.status_since <= {t} AND coalesce(v.last_seen, v.status_since) <= {t}",
                in_use()
            ));
        }
        Narrow::UnpatchedSince(t) => {
            let t = args.int(t);
            and(format!("{} AND coalesce(v.patch_at, 0) <= {t}", in_use()));
        }
    }
    sql
}
