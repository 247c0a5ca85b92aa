//! Depreciation books: named rule sets (`ifrs`, `us-tax`, ...) that map a
//! category, and optionally a country, to a [`Rule`], dated so a change of
//! policy applies from its date on and "as of" questions use the rule then
//! in force. Stored in the log file (not in the event stream: they are
//! policy, not facts about assets), with every dated version kept.
//!
//! Per asset and book: the schedule, book value and accumulated
//! depreciation on any date, and on disposal (retired, lost) the carrying
//! amount written off and the gain or loss against the resale value; after
//! that the book value is zero. Per fleet: book values by currency. And a
//! forecast of the assets reaching the end of their life in a window, with
//! the replacement budget from the latest price of the same model.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::depreciation::{schedule, Rule, Schedule};
use crate::error::{Error, Result};
use crate::ids::{check_text, AssetRef, Country, MAX_ID_LEN};
use crate::lifecycle::Status;
use crate::log::{AssetLog, At};
use crate::money::{Currency, Money};
use crate::view::asset::AssetView;
use crate::view::fleet::{check_dimensions, in_service, Dimension, FleetFilter};

/// One dated rule of a book: from `from` on, assets of `category` (in
/// `country`, or anywhere when none) depreciate by `rule`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookRule {
    /// The book's name.
    pub book: String,
    /// The asset category it applies to (ASCII case ignored).
    pub category: String,
    /// Only assets in this country (a country rule wins over a general one).
    #[serde(default)]
    pub country: Option<Country>,
    /// The first day it applies to.
    pub from: NaiveDate,
    /// The rule.
    pub rule: Rule,
}

impl BookRule {
    /// Check the names, the date and the rule.
    pub fn validate(&self) -> Result<()> {
        check_text("book", &self.book, MAX_ID_LEN)?;
        check_text("category", &self.category, MAX_ID_LEN)?;
        crate::time::check_date("from", self.from)?;
        // A rule is checked against a cost in its salvage's currency (or any).
        let currency = match &self.rule.salvage {
            Some(crate::depreciation::Salvage::Amount(m)) => m.currency(),
            _ => Currency::new("EUR")?,
        };
        self.rule
            .validate(Money::from_minor(i64::MAX / 4, currency))
    }
}

/// How an asset left the books.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Disposal {
    /// The day it was retired or reported lost.
    pub on: NaiveDate,
    /// Retired or lost.
    pub status: Status,
    /// What was received for it (resale value).
    pub proceeds: Money,
    /// The book value written off that day.
    pub carrying_amount: Money,
    /// Proceeds minus carrying amount (negative: a loss).
    pub gain_or_loss: Money,
}

/// An asset's value in a book on a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct BookValue {
    /// The asset's tag.
    pub tag: String,
    /// The book.
    pub book: String,
    /// The date the values are for.
    pub on: NaiveDate,
    /// The rule in force on that date.
    pub rule: Rule,
    /// The cost depreciated.
    pub cost: Money,
    /// Depreciation so far (up to the disposal, if any).
    pub accumulated: Money,
    /// The book value: zero once disposed of.
    pub book_value: Money,
    /// The last day of the useful life.
    pub end_of_life: NaiveDate,
    /// How it left the books, if it did by then.
    pub disposal: Option<Disposal>,
}

/// Book values of a fleet in one currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct CurrencyBookValue {
    /// The currency.
    pub currency: Currency,
    /// Assets counted.
    pub assets: u64,
    /// Their cost.
    pub cost: Money,
    /// Their accumulated depreciation.
    pub accumulated: Money,
    /// Their book value.
    pub book_value: Money,
}

/// A fleet's book values on a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct FleetBookValue {
    /// The book.
    pub book: String,
    /// The date.
    pub on: NaiveDate,
    /// By currency.
    pub by_currency: Vec<CurrencyBookValue>,
    /// Categories with no rule in the book (their assets are not counted).
    pub categories_without_rule: Vec<String>,
}

/// Book values of one group of assets, by currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct BookValueGroup {
    /// The group (one value per dimension asked).
    pub key: Vec<Option<String>>,
    /// By currency.
    pub by_currency: Vec<CurrencyBookValue>,
}

impl FleetBookValue {
    /// The book value in one currency, through caller-supplied rates in force on its date.
    pub fn total_in(&self, to: Currency, fx: &crate::money::FxRates) -> Result<Money> {
        fx.sum_in(self.by_currency.iter().map(|c| c.book_value), to, self.on)
    }
}

/// An asset reaching the end of its useful life.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct EndOfLife {
    /// The asset's tag.
    pub tag: String,
    /// Its category.
    pub category: String,
    /// Its model.
    pub model: String,
    /// The last day of its life in the book.
    pub end_of_life: NaiveDate,
    /// The latest unit cost of the same category and model: the replacement.
    pub replacement: Money,
}

/// Assets reaching their end of life in a window, and what replacing them costs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Forecast {
    /// The book.
    pub book: String,
    /// The first day of the window.
    pub from: NaiveDate,
    /// The last day of the window.
    pub to: NaiveDate,
    /// The assets, soonest first.
    pub assets: Vec<EndOfLife>,
    /// The replacement budget by currency.
    pub budget: Vec<Money>,
}

/// Pick the rule for an asset from a book's rules in force on `on`: a rule
/// for its category and country wins over one for its category anywhere;
/// among those, the latest `from`.
pub(crate) fn rule_for<'r>(
    rules: &'r [BookRule],
    category: &str,
    country: Option<Country>,
    on: NaiveDate,
) -> Option<&'r BookRule> {
    let in_force = |r: &&BookRule| r.category.eq_ignore_ascii_case(category) && r.from <= on;
    let latest = |want: Option<Country>| {
        rules
            .iter()
            .filter(in_force)
            .filter(|r| r.country == want)
            .max_by_key(|r| r.from)
    };
    country
        .and_then(|c| latest(Some(c)))
        .or_else(|| latest(None))
}

fn no_rule(book: &str, category: &str) -> Error {
    Error::invalid(
        "book",
        book,
        format!("the book has no rule for category '{category}' on that date; add one with set_book_rule"),
    )
}

/// What an asset's book value depends on: its facts and its state then.
pub(crate) struct Valued<'a> {
    pub category: &'a str,
    pub country: Option<crate::ids::Country>,
    pub status: Status,
    pub status_since: chrono::DateTime<chrono::Utc>,
    pub unit_cost: Money,
    pub ordered_on: NaiveDate,
}

/// The rule in force, the schedule, and the accumulated depreciation and
/// book value on `on`. A disposed asset is valued by the rule in force on
/// its disposal day, and carries nothing after it.
fn valued<'r>(
    v: &Valued<'_>,
    book: &str,
    rules: &'r [BookRule],
    on: NaiveDate,
) -> Result<(&'r BookRule, Schedule, Money, Money)> {
    let disposed_on =
        matches!(v.status, Status::Retired | Status::Lost).then(|| v.status_since.date_naive());
    let rule_day = disposed_on.map_or(on, |d| d.min(on));
    let r = rule_for(rules, v.category, v.country, rule_day)
        .ok_or_else(|| no_rule(book, v.category))?;
    let s = schedule(v.unit_cost, v.ordered_on, &r.rule)?;
    let (accumulated, book_value) = match disposed_on {
        Some(d) => (s.accumulated_on(d), Money::zero(v.unit_cost.currency())),
        None => (s.accumulated_on(on), s.book_value_on(on)),
    };
    Ok((r, s, accumulated, book_value))
}

/// An asset's value in a book on `on`, from its view at that moment.
fn value_of(view: &AssetView, book: &str, rules: &[BookRule], on: NaiveDate) -> Result<BookValue> {
    let (r, s, accumulated, book_value) = valued(
        &Valued {
            category: &view.category,
            country: view.country,
            status: view.status,
            status_since: view.status_since,
            unit_cost: view.unit_cost,
            ordered_on: view.ordered_on,
        },
        book,
        rules,
        on,
    )?;
    let end_of_life = s.periods.last().map_or(view.ordered_on, |p| p.end);
    let disposal = disposal_of(view, &s)?;
    Ok(BookValue {
        tag: view.tag.clone(),
        book: book.to_owned(),
        on,
        rule: r.rule.clone(),
        cost: view.unit_cost,
        accumulated,
        book_value,
        end_of_life,
        disposal,
    })
}

/// Retired or lost: the carrying amount that day is written off against
/// what was received.
fn disposal_of(view: &AssetView, s: &Schedule) -> Result<Option<Disposal>> {
    if !matches!(view.status, Status::Retired | Status::Lost) {
        return Ok(None);
    }
    let on = view.status_since.date_naive();
    let currency = view.unit_cost.currency();
    let proceeds = Money::from_minor(view.costs.get(&currency).map_or(0, |c| c.resale), currency);
    let carrying_amount = s.book_value_on(on);
    let gain = proceeds
        .minor()
        .checked_sub(carrying_amount.minor())
        .ok_or_else(|| Error::AmountOverflow {
            what: format!("gain or loss on {}", view.tag),
        })?;
    Ok(Some(Disposal {
        on,
        status: view.status,
        proceeds,
        carrying_amount,
        gain_or_loss: Money::from_minor(gain, currency),
    }))
}

impl AssetLog {
    /// Add a dated rule to a book (or replace the one with the same book,
    /// category, country and date). Earlier versions stay: questions about
    /// earlier dates use the rule then in force.
    pub fn set_book_rule(&self, rule: &BookRule) -> Result<()> {
        rule.validate()?;
        let now = crate::time::to_micros(self.now());
        self.store.write(|w| w.save_book_rule(rule, now))
    }

    /// Every dated rule of a book (or of every book), by book, category,
    /// country and date.
    pub fn book_rules(&self, book: Option<&str>) -> Result<Vec<BookRule>> {
        self.store.read(|r| r.book_rules(book))
    }

    fn rules_of(&self, book: &str) -> Result<Vec<BookRule>> {
        let rules = self.book_rules(Some(book))?;
        if rules.is_empty() {
            return Err(Error::invalid(
                "book",
                book,
                "no such book: define its rules with set_book_rule",
            ));
        }
        Ok(rules)
    }

    /// An asset's value in a book at a moment (the rule in force that day).
    pub fn book_value(&self, asset: impl Into<AssetRef>, book: &str, at: At) -> Result<BookValue> {
        let rules = self.rules_of(book)?;
        let view = self.asset(asset, at)?;
        value_of(&view, book, &rules, self.reference_date(at))
    }

    /// An asset's whole schedule in a book, by the rule in force at a moment.
    pub fn book_schedule(
        &self,
        asset: impl Into<AssetRef>,
        book: &str,
        at: At,
    ) -> Result<Schedule> {
        let rules = self.rules_of(book)?;
        let view = self.asset(asset, at)?;
        let r = rule_for(
            &rules,
            &view.category,
            view.country,
            self.reference_date(at),
        )
        .ok_or_else(|| no_rule(book, &view.category))?;
        schedule(view.unit_cost, view.ordered_on, &r.rule)
    }

    /// The whole fleet's book values by currency at the end of each day
    /// given (sorted, duplicates dropped; at most 64), from one pass over
    /// the stored intervals: the same figures as
    /// [`AssetLog::fleet_book_value`] as of each day's end, without reading
    /// the fleet once per day.
    pub fn fleet_book_values(&self, book: &str, days: &[NaiveDate]) -> Result<Vec<FleetBookValue>> {
        type Sums = BTreeMap<Currency, (u64, i128, i128, i128)>;
        let mut days = days.to_vec();
        days.sort_unstable();
        days.dedup();
        if days.is_empty() || days.len() > 64 {
            return Err(Error::invalid("days", days.len(), "give 1 to 64 days"));
        }
        let rules = self.rules_of(book)?;
        let ends: Vec<i64> = days
            .iter()
            .map(|d| crate::time::to_micros(crate::time::end_of_day(*d)))
            .collect();
        let mut sums: Vec<Sums> = vec![Sums::new(); days.len()];
        let mut missing: Vec<Vec<String>> = vec![Vec::new(); days.len()];
        self.store.read(|r| {
            r.assets_at(&ends, &mut |i, a| {
                let on = days[i];
                if rule_for(&rules, &a.category, a.country, on).is_none() {
                    if !missing[i].contains(&a.category) {
                        missing[i].push(a.category.clone());
                    }
                    return Ok(());
                }
                let (_, _, accumulated, book_value) = valued(
                    &Valued {
                        category: &a.category,
                        country: a.country,
                        status: a.status,
                        status_since: crate::time::from_micros(a.status_since),
                        unit_cost: a.unit_cost,
                        ordered_on: a.ordered_on,
                    },
                    book,
                    &rules,
                    on,
                )?;
                let e = sums[i].entry(a.unit_cost.currency()).or_default();
                e.0 += 1;
                e.1 += i128::from(a.unit_cost.minor());
                e.2 += i128::from(accumulated.minor());
                e.3 += i128::from(book_value.minor());
                Ok(())
            })
        })?;
        let money = |m: i128, c: Currency| {
            i64::try_from(m)
                .map(|m| Money::from_minor(m, c))
                .map_err(|_| Error::AmountOverflow {
                    what: "fleet book value".into(),
                })
        };
        days.into_iter()
            .zip(sums)
            .zip(missing)
            .map(|((on, by), mut missing)| {
                missing.sort();
                Ok(FleetBookValue {
                    book: book.to_owned(),
                    on,
                    by_currency: by
                        .into_iter()
                        .map(|(c, (assets, cost, acc, bv))| {
                            Ok(CurrencyBookValue {
                                currency: c,
                                assets,
                                cost: money(cost, c)?,
                                accumulated: money(acc, c)?,
                                book_value: money(bv, c)?,
                            })
                        })
                        .collect::<Result<_>>()?,
                    categories_without_rule: missing,
                })
            })
            .collect()
    }

    /// The fleet's (or a filter's) book values by currency at a moment.
    /// Assets disposed of count with a book value of zero; categories the
    /// book has no rule for are listed, not counted.
    pub fn fleet_book_value(
        &self,
        book: &str,
        filter: &FleetFilter,
        at: At,
    ) -> Result<FleetBookValue> {
        let (mut groups, on, missing) = self.book_values_by(book, &[], filter, at)?;
        Ok(FleetBookValue {
            book: book.to_owned(),
            on,
            by_currency: groups.pop().map(|g| g.by_currency).unwrap_or_default(),
            categories_without_rule: missing,
        })
    }

    /// [`AssetLog::fleet_book_value`] grouped by one or two dimensions of the
    /// assets at that moment (their holder's department, their country...).
    pub fn fleet_book_value_by(
        &self,
        book: &str,
        by: &[Dimension],
        filter: &FleetFilter,
        at: At,
    ) -> Result<Vec<BookValueGroup>> {
        check_dimensions(by)?;
        Ok(self.book_values_by(book, by, filter, at)?.0)
    }

    fn book_values_by(
        &self,
        book: &str,
        by: &[Dimension],
        filter: &FleetFilter,
        at: At,
    ) -> Result<(Vec<BookValueGroup>, NaiveDate, Vec<String>)> {
        type Sums = BTreeMap<Currency, (u64, i128, i128, i128)>;
        let rules = self.rules_of(book)?;
        let on = self.reference_date(at);
        let mut groups = BTreeMap::<Vec<Option<String>>, Sums>::new();
        let mut missing = Vec::<String>::new();
        // book values need no cost totals (resale only explains a disposal)
        for v in self.fleet_without_costs(filter, at)? {
            if rule_for(&rules, &v.category, v.country, on).is_none() {
                if !missing.contains(&v.category) {
                    missing.push(v.category.clone());
                }
                continue;
            }
            let b = value_of(&v, book, &rules, on)?;
            let key = by.iter().map(|d| d.of_view(&v)).collect();
            let e = groups
                .entry(key)
                .or_default()
                .entry(b.cost.currency())
                .or_default();
            e.0 += 1;
            e.1 += i128::from(b.cost.minor());
            e.2 += i128::from(b.accumulated.minor());
            e.3 += i128::from(b.book_value.minor());
        }
        missing.sort();
        let money = |m: i128, c: Currency| {
            i64::try_from(m)
                .map(|m| Money::from_minor(m, c))
                .map_err(|_| Error::AmountOverflow {
                    what: "fleet book value".into(),
                })
        };
        let groups = groups
            .into_iter()
            .map(|(key, sums)| {
                Ok(BookValueGroup {
                    key,
                    by_currency: sums
                        .into_iter()
                        .map(|(c, (n, cost, acc, bv))| {
                            Ok(CurrencyBookValue {
                                currency: c,
                                assets: n,
                                cost: money(cost, c)?,
                                accumulated: money(acc, c)?,
                                book_value: money(bv, c)?,
                            })
                        })
                        .collect::<Result<_>>()?,
                })
            })
            .collect::<Result<_>>()?;
        Ok((groups, on, missing))
    }

    /// Assets in service whose useful life in a book ends within `[from,
    /// to]`, soonest first, and the budget to replace them at the latest
    /// unit cost of the same category and model, by currency.
    pub fn forecast(&self, book: &str, from: NaiveDate, to: NaiveDate, at: At) -> Result<Forecast> {
        if to < from {
            return Err(Error::invalid("to", to, format!("before the start {from}")));
        }
        let rules = self.rules_of(book)?;
        let on = self.reference_date(at);
        let views = self.fleet_without_costs(&FleetFilter::default(), at)?;
        let mut latest = BTreeMap::<(String, String), (NaiveDate, Money)>::new();
        for v in &views {
            let key = (v.category.clone(), v.model.clone());
            let newer = latest.get(&key).is_none_or(|(d, _)| v.ordered_on >= *d);
            if newer {
                latest.insert(key, (v.ordered_on, v.unit_cost));
            }
        }
        let mut assets = Vec::new();
        let mut budget = BTreeMap::<Currency, i128>::new();
        for v in views.iter().filter(|v| in_service(v.status)) {
            let Some(r) = rule_for(&rules, &v.category, v.country, on) else {
                continue;
            };
            let s = schedule(v.unit_cost, v.ordered_on, &r.rule)?;
            let end = s.periods.last().map_or(v.ordered_on, |p| p.end);
            if end < from || end > to {
                continue;
            }
            let replacement = latest
                .get(&(v.category.clone(), v.model.clone()))
                .map_or(v.unit_cost, |(_, m)| *m);
            *budget.entry(replacement.currency()).or_default() += i128::from(replacement.minor());
            assets.push(EndOfLife {
                tag: v.tag.clone(),
                category: v.category.clone(),
                model: v.model.clone(),
                end_of_life: end,
                replacement,
            });
        }
        assets.sort_by(|a, b| {
            a.end_of_life
                .cmp(&b.end_of_life)
                .then_with(|| a.tag.cmp(&b.tag))
        });
        Ok(Forecast {
            book: book.to_owned(),
            from,
            to,
            assets,
            budget: budget
                .into_iter()
                .map(|(c, m)| {
                    i64::try_from(m)
                        .map(|m| Money::from_minor(m, c))
                        .map_err(|_| Error::AmountOverflow {
                            what: "replacement budget".into(),
                        })
                })
                .collect::<Result<_>>()?,
        })
    }
}
