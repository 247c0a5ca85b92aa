//! The cost view: cost of ownership split by kind and grouped by currency,
//! book values on a date, and totals converted only through caller FX rates.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::depreciation::Policy;
use crate::error::Result;
use crate::ids::AssetId;
use crate::money::{Currency, FxRates, Money};
use crate::view::asset::{AssetView, CostSums};

/// Costs in one currency, split by kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct CurrencyCosts {
    /// The currency.
    pub currency: Currency,
    /// Purchase price.
    pub purchase: Money,
    /// Shipping.
    pub shipping: Money,
    /// Repairs.
    pub repair: Money,
    /// Support tickets.
    pub support: Money,
    /// Everything else.
    pub other: Money,
    /// Resale value received.
    pub resale: Money,
    /// Cost of ownership: all costs minus resale.
    pub total: Money,
}

impl CurrencyCosts {
    /// From minor-unit sums.
    pub fn from_sums(currency: Currency, s: &CostSums) -> Result<Self> {
        let m = |v| Money::from_minor(v, currency);
        Ok(CurrencyCosts {
            currency,
            purchase: m(s.purchase),
            shipping: m(s.shipping),
            repair: m(s.repair),
            support: m(s.support),
            other: m(s.other),
            resale: m(s.resale),
            total: m(s.total()?),
        })
    }
}

/// An asset's cost sums as every other money field is written: a list of
/// [`CurrencyCosts`] ("1500.00 EUR"), not minor units.
pub(crate) fn serialize_sums<S: serde::Serializer>(
    sums: &BTreeMap<Currency, CostSums>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    use serde::ser::Error as _;
    by_currency(sums)
        .map_err(|e| S::Error::custom(e.to_string()))?
        .serialize(s)
}

/// Read [`serialize_sums`]'s form back.
pub(crate) fn deserialize_sums<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<BTreeMap<Currency, CostSums>, D::Error> {
    let list = <Vec<CurrencyCosts> as serde::Deserialize>::deserialize(d)?;
    Ok(list
        .into_iter()
        .map(|c| {
            (
                c.currency,
                CostSums {
                    purchase: c.purchase.minor(),
                    shipping: c.shipping.minor(),
                    repair: c.repair.minor(),
                    support: c.support.minor(),
                    other: c.other.minor(),
                    resale: c.resale.minor(),
                },
            )
        })
        .collect())
}

/// Costs by currency, in currency order.
pub fn by_currency(sums: &BTreeMap<Currency, CostSums>) -> Result<Vec<CurrencyCosts>> {
    sums.iter()
        .map(|(c, s)| CurrencyCosts::from_sums(*c, s))
        .collect()
}

/// The sum of the totals, each converted into `to` at the rate in force on `on`.
pub fn total_in(
    costs: &[CurrencyCosts],
    to: Currency,
    fx: &FxRates,
    on: NaiveDate,
) -> Result<Money> {
    fx.sum_in(costs.iter().map(|c| c.total), to, on)
}

/// One asset's cost of ownership and book value on a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct CostView {
    /// The asset.
    pub asset_id: AssetId,
    /// Its tag.
    pub tag: String,
    /// The date the book values are for.
    pub on: NaiveDate,
    /// Costs by currency (only currencies in which costs arose).
    pub costs: Vec<CurrencyCosts>,
    /// The purchase price depreciation starts from.
    pub unit_cost: Money,
    /// Book value by straight-line depreciation on `on` (zero once retired or lost).
    pub book_value_straight_line: Money,
    /// Book value by declining-balance depreciation on `on`.
    pub book_value_declining_balance: Money,
    /// The policy used.
    pub policy: Policy,
}

impl CostView {
    /// The cost view of an asset view, with book values on `on`.
    pub fn new(view: &AssetView, on: NaiveDate, policy: &Policy) -> Result<Self> {
        // Retired or lost: off the books, nothing left to depreciate.
        let gone = matches!(
            view.status,
            crate::lifecycle::Status::Retired | crate::lifecycle::Status::Lost
        );
        let zero = Money::zero(view.unit_cost.currency());
        Ok(CostView {
            asset_id: view.asset_id,
            tag: view.tag.clone(),
            on,
            costs: by_currency(&view.costs)?,
            unit_cost: view.unit_cost,
            book_value_straight_line: if gone {
                zero
            } else {
                policy.straight_line(view.unit_cost, view.ordered_on, on)?
            },
            book_value_declining_balance: if gone {
                zero
            } else {
                policy.declining_balance(view.unit_cost, view.ordered_on, on)?
            },
            policy: *policy,
        })
    }

    /// The total cost of ownership in one currency, through caller-supplied rates.
    pub fn total_in(&self, to: Currency, fx: &FxRates) -> Result<Money> {
        total_in(&self.costs, to, fx, self.on)
    }
}
