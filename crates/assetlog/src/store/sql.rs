//! What both backends' view queries share: the fleet filter's conditions
//! (built with each backend's placeholders), the columns of dimensions, and
//! how days and enums are kept in columns.

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::ids::{Country, PersonId};
use crate::lifecycle::Status;
use crate::store::Narrow;
use crate::store::ViewsAt;
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

/// The count query of a filter grouped by dimensions: `from` selects one
/// state per asset, `cond` is [`conditions`]; the group columns come first,
/// then the count.
pub(crate) fn count_sql(from: &str, cond: &str, by: &[Dimension]) -> String {
    let cols: Vec<&str> = by.iter().map(|d| state_column(*d)).collect();
    if cols.is_empty() {
        format!("SELECT count(*) {from}{cond}")
    } else {
        let list = cols.join(", ");
        format!("SELECT {list}, count(*) {from}{cond} GROUP BY {list}")
    }
}

/// Whether a count or spend question reads asset facts (category, vendor,
/// model), so its source must join `assets`.
pub(crate) fn reads_facts(filter: &FleetFilter, by: &[Dimension]) -> bool {
    filter.category.is_some() || by.iter().any(|d| is_fact(*d))
}

/// Whether a spend question needs each asset's status at the moment asked.
pub(crate) fn spend_needs_status(filter: &FleetFilter, by: &[Dimension]) -> bool {
    filter.status.is_some() || by.contains(&Dimension::Status)
}

/// The spend query: costs that arose by a moment, grouped, by currency and
/// slot. A cost counts when the holder, department, location and country
/// in force when it arose match the filter, the asset is of the filter's
/// category, and (through `states`, the backend's source of each asset's
/// state at the moment, given when [`spend_needs_status`]) the asset is in
/// the filter's status then. `sum` is the backend's sum of `c.amount`. The
/// group columns come first, then currency, slot and the sum.
pub(crate) fn spend_sql(
    at: ViewsAt,
    filter: &FleetFilter,
    by: &[Dimension],
    states: Option<&str>,
    sum: &str,
    args: &mut dyn Args,
) -> String {
    use std::fmt::Write as _;
    let mut cols = String::new();
    for d in by {
        let _ = write!(cols, "{}, ", cost_column(*d));
    }
    cols.push_str("c.currency, c.slot");
    let mut sql = format!("SELECT {cols}, {sum} FROM costs c");
    if reads_facts(filter, by) {
        sql.push_str(" JOIN assets a ON a.stream_id = c.stream_id");
    }
    if let Some(from) = states {
        let _ = write!(
            sql,
            " JOIN (SELECT v.stream_id, v.status {from}) v ON v.stream_id = c.stream_id"
        );
    }
    sql.push_str(" WHERE 1 = 1");
    if let ViewsAt::Occurred(t) = at {
        let _ = write!(sql, " AND c.occurred_at <= {}", args.int(t));
    }
    for (col, v) in [
        ("c.country", filter.country.as_ref().map(Country::code)),
        ("c.location", filter.location.as_deref()),
        ("c.holder", filter.holder.as_ref().map(PersonId::as_str)),
        ("c.department", filter.department.as_deref()),
        ("a.category", filter.category.as_deref()),
    ] {
        if let Some(v) = v {
            let _ = write!(sql, " AND {col} = {}", args.text(v));
        }
    }
    if let Some(s) = filter.status {
        let _ = write!(sql, " AND v.status = {}", s.code());
    }
    let _ = write!(sql, " GROUP BY {cols}");
    sql
}

/// A stored book rule from its columns ([`Error::CorruptEvent`] when one
/// cannot be read).
pub(crate) fn book_rule(
    book: String,
    category: String,
    country: &str,
    from: i64,
    rule: &str,
) -> Result<crate::books::BookRule> {
    let bad = |what: &str| Error::CorruptEvent {
        position: 0,
        reason: format!("a stored rule of book '{book}' has a bad {what}"),
    };
    Ok(crate::books::BookRule {
        country: if country.is_empty() {
            None
        } else {
            Some(country.parse().map_err(|_| bad("country"))?)
        },
        from: from_days(from)?,
        rule: serde_json::from_str(rule).map_err(|_| bad("rule"))?,
        category,
        book,
    })
}
