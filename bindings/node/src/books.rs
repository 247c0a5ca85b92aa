//! Depreciation rules, schedules and books as JavaScript objects: the
//! conversions only; the core computes.

use napi::bindgen_prelude::BigInt;
use napi_derive::napi;
use serde_json::{json, Map, Value};

use crate::convert::{keys, Failure, Strict};
use crate::views::Money;

/// A depreciation rule. `method`: straight-line, declining-balance,
/// sum-of-years-digits, macrs or custom; `factor` and
/// `switchToStraightLine` for declining balance, `class` for MACRS,
/// `yearlyPercent` for custom; `salvage` as "500.00 USD" or "10%";
/// `convention`: full-month (default), mid-month, half-year, mid-quarter,
/// daily; `fiscalYearStart`: the month the fiscal year starts in.
#[napi(object)]
pub struct Rule {
    pub method: String,
    pub life_months: u32,
    pub factor: Option<u32>,
    pub switch_to_straight_line: Option<bool>,
    pub class: Option<u32>,
    pub yearly_percent: Option<Vec<String>>,
    pub salvage: Option<String>,
    pub convention: Option<String>,
    pub fiscal_year_start: Option<u32>,
}
keys!(Rule {
    method,
    life_months,
    factor,
    switch_to_straight_line,
    class,
    yearly_percent,
    salvage,
    convention,
    fiscal_year_start
});

impl Rule {
    /// The core's rule (its JSON form, checked by the core).
    pub fn to_core(&self) -> Result<assetlog::depreciation::Rule, Failure> {
        let mut m = Map::new();
        m.insert("method".into(), json!(self.method));
        m.insert("life_months".into(), json!(self.life_months));
        let mut opt = |k: &str, v: Option<Value>| {
            if let Some(v) = v {
                m.insert(k.into(), v);
            }
        };
        opt("factor", self.factor.map(|v| json!(v)));
        opt(
            "switch_to_straight_line",
            self.switch_to_straight_line.map(|v| json!(v)),
        );
        opt("class", self.class.map(|v| json!(v)));
        opt(
            "yearly_percent",
            self.yearly_percent.as_ref().map(|v| json!(v)),
        );
        let salvage = self
            .salvage
            .as_deref()
            .map(str::parse::<assetlog::depreciation::Salvage>)
            .transpose()?;
        opt(
            "salvage",
            salvage.map(|s| serde_json::to_value(s).expect("salvage serializes")),
        );
        opt("convention", self.convention.as_ref().map(|v| json!(v)));
        opt(
            "fiscal_year_start",
            self.fiscal_year_start.map(|v| json!(v)),
        );
        serde_json::from_value(Value::Object(m)).map_err(|e| {
            Failure::Core(assetlog::Error::InvalidValue {
                field: "rule".into(),
                input: String::new(),
                reason: e.to_string(),
            })
        })
    }
}

impl From<&assetlog::depreciation::Rule> for Rule {
    fn from(r: &assetlog::depreciation::Rule) -> Self {
        let assetlog::depreciation::Rule {
            // read from the rule's JSON form (`v`): the method's name and its
            // fields (factor, class...) sit flattened there
            method: _,
            life_months,
            salvage,
            // read from the rule's JSON form (`v`): its name as written
            convention: _,
            fiscal_year_start,
        } = r;
        let v = serde_json::to_value(r).unwrap_or_default();
        let u32_of = |k: &str| v.get(k).and_then(Value::as_u64).map(|n| n as u32);
        Rule {
            method: v["method"].as_str().unwrap_or_default().to_owned(),
            life_months: *life_months,
            factor: u32_of("factor"),
            switch_to_straight_line: v.get("switch_to_straight_line").and_then(Value::as_bool),
            class: u32_of("class"),
            yearly_percent: v.get("yearly_percent").and_then(|p| {
                p.as_array().map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_owned))
                        .collect()
                })
            }),
            salvage: salvage.as_ref().map(ToString::to_string),
            convention: v["convention"].as_str().map(str::to_owned),
            fiscal_year_start: Some(*fiscal_year_start),
        }
    }
}

/// One fiscal year of a schedule.
#[napi(object)]
pub struct Period {
    pub year: u32,
    pub start: String,
    pub end: String,
    pub depreciation: Money,
    pub end_value: Money,
}

/// A depreciation schedule; the periods sum to cost minus salvage.
#[napi(object)]
pub struct Schedule {
    pub cost: Money,
    pub salvage: Money,
    pub placed: String,
    pub periods: Vec<Period>,
}

impl From<assetlog::depreciation::Schedule> for Schedule {
    // Not destructured: the core's `Schedule` has a private field (its
    // accumulated-depreciation curve), which no pattern outside the core can
    // name. Its periods are destructured below.
    fn from(s: assetlog::depreciation::Schedule) -> Self {
        Schedule {
            cost: s.cost.into(),
            salvage: s.salvage.into(),
            placed: s.placed.to_string(),
            periods: s
                .periods
                .into_iter()
                .map(
                    |assetlog::depreciation::Period {
                         year,
                         start,
                         end,
                         depreciation,
                         end_value,
                     }| Period {
                        year,
                        start: start.to_string(),
                        end: end.to_string(),
                        depreciation: depreciation.into(),
                        end_value: end_value.into(),
                    },
                )
                .collect(),
        }
    }
}

/// A dated rule of a book.
#[napi(object)]
pub struct BookRule {
    pub book: String,
    pub category: String,
    pub country: Option<String>,
    /// The first day it applies to (YYYY-MM-DD).
    pub from: String,
    pub rule: Strict<Rule>,
}
keys!(BookRule {
    book,
    category,
    country,
    from,
    rule
});

impl From<assetlog::BookRule> for BookRule {
    fn from(r: assetlog::BookRule) -> Self {
        let assetlog::BookRule {
            book,
            category,
            country,
            from,
            rule,
        } = r;
        BookRule {
            book,
            category,
            country: country.map(|c| c.code().to_owned()),
            from: from.to_string(),
            rule: Strict((&rule).into()),
        }
    }
}

/// How an asset left the books.
#[napi(object)]
pub struct Disposal {
    pub on: String,
    pub status: String,
    pub proceeds: Money,
    pub carrying_amount: Money,
    pub gain_or_loss: Money,
}

/// An asset's value in a book on a date (zero once disposed of).
#[napi(object)]
pub struct BookValue {
    pub tag: String,
    pub book: String,
    pub on: String,
    pub rule: Strict<Rule>,
    pub cost: Money,
    pub accumulated: Money,
    pub book_value: Money,
    pub end_of_life: String,
    pub disposal: Option<Disposal>,
}

impl From<assetlog::BookValue> for BookValue {
    fn from(b: assetlog::BookValue) -> Self {
        let assetlog::BookValue {
            tag,
            book,
            on,
            rule,
            cost,
            accumulated,
            book_value,
            end_of_life,
            disposal,
        } = b;
        BookValue {
            rule: Strict((&rule).into()),
            tag,
            book,
            on: on.to_string(),
            cost: cost.into(),
            accumulated: accumulated.into(),
            book_value: book_value.into(),
            end_of_life: end_of_life.to_string(),
            disposal: disposal.map(
                |assetlog::Disposal {
                     on,
                     status,
                     proceeds,
                     carrying_amount,
                     gain_or_loss,
                 }| Disposal {
                    on: on.to_string(),
                    status: status.name().to_owned(),
                    proceeds: proceeds.into(),
                    carrying_amount: carrying_amount.into(),
                    gain_or_loss: gain_or_loss.into(),
                },
            ),
        }
    }
}

/// A fleet's book values in one currency.
#[napi(object)]
pub struct CurrencyBookValue {
    pub currency: String,
    pub assets: BigInt,
    pub cost: Money,
    pub accumulated: Money,
    pub book_value: Money,
}

/// A fleet's book values by currency; categories without a rule are not counted.
#[napi(object)]
pub struct FleetBookValue {
    pub book: String,
    pub on: String,
    pub by_currency: Vec<CurrencyBookValue>,
    pub categories_without_rule: Vec<String>,
}

impl From<assetlog::FleetBookValue> for FleetBookValue {
    fn from(f: assetlog::FleetBookValue) -> Self {
        let assetlog::FleetBookValue {
            book,
            on,
            by_currency,
            categories_without_rule,
        } = f;
        FleetBookValue {
            book,
            on: on.to_string(),
            by_currency: by_currency.into_iter().map(currency_book_value).collect(),
            categories_without_rule,
        }
    }
}

/// Book values of one group of assets, by currency.
#[napi(object)]
pub struct BookValueGroup {
    pub key: Vec<Option<String>>,
    pub by_currency: Vec<CurrencyBookValue>,
}

impl From<assetlog::BookValueGroup> for BookValueGroup {
    fn from(g: assetlog::BookValueGroup) -> Self {
        let assetlog::BookValueGroup { key, by_currency } = g;
        BookValueGroup {
            key,
            by_currency: by_currency.into_iter().map(currency_book_value).collect(),
        }
    }
}

fn currency_book_value(c: assetlog::CurrencyBookValue) -> CurrencyBookValue {
    let assetlog::CurrencyBookValue {
        currency,
        assets,
        cost,
        accumulated,
        book_value,
    } = c;
    CurrencyBookValue {
        currency: currency.to_string(),
        assets: BigInt::from(assets),
        cost: cost.into(),
        accumulated: accumulated.into(),
        book_value: book_value.into(),
    }
}

/// An asset reaching the end of its life, and what replacing it costs.
#[napi(object)]
pub struct EndOfLife {
    pub tag: String,
    pub category: String,
    pub model: String,
    pub end_of_life: String,
    pub replacement: Money,
}

/// Ends of life in a window and the replacement budget by currency.
#[napi(object)]
pub struct Forecast {
    pub book: String,
    pub from: String,
    pub to: String,
    pub assets: Vec<EndOfLife>,
    pub budget: Vec<Money>,
}

impl From<assetlog::Forecast> for Forecast {
    fn from(f: assetlog::Forecast) -> Self {
        let assetlog::Forecast {
            book,
            from,
            to,
            assets,
            budget,
        } = f;
        Forecast {
            book,
            from: from.to_string(),
            to: to.to_string(),
            assets: assets
                .into_iter()
                .map(
                    |assetlog::EndOfLife {
                         tag,
                         category,
                         model,
                         end_of_life,
                         replacement,
                     }| EndOfLife {
                        tag,
                        category,
                        model,
                        end_of_life: end_of_life.to_string(),
                        replacement: replacement.into(),
                    },
                )
                .collect(),
            budget: budget.into_iter().map(Into::into).collect(),
        }
    }
}
