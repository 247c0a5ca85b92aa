//! Depreciation: pure functions of (cost, rule, dates), exact in minor units,
//! for any date past or future.
//!
//! Two layers:
//!
//! - [`Policy`] gives the two book values of the cost view (straight line by
//!   days, declining balance by whole months) from a life, a salvage share and
//!   a factor.
//! - [`schedule`] builds a complete fiscal-year schedule for a [`Rule`]:
//!   straight line, declining balance (switching to straight line),
//!   sum-of-the-years'-digits, MACRS (IRS Publication 946 tables) or custom
//!   yearly percentages, under the full-month, mid-month, half-year,
//!   mid-quarter or daily convention. A [`Schedule`] answers the book value on
//!   any date.
//!
//! Every amount is an integer of the currency's minor unit; charges are
//! rounded half away from zero and a schedule sums exactly to cost minus
//! salvage. `docs/depreciation.md` has the worked examples.

mod macrs;
mod methods;
mod rule;
mod schedule;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::money::Money;

pub use rule::{Convention, Method, Rule, Salvage};
pub use schedule::{schedule, Period, Schedule};

use methods::{charges, div_round, Pattern};

/// A depreciation policy: useful life, salvage share, and the declining-balance factor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Policy {
    /// Useful life in months (1 to 600).
    pub life_months: u32,
    /// Salvage value as basis points of the cost (0 to 10 000; 1 000 is 10 %).
    pub salvage_bp: u32,
    /// Declining-balance factor in percent: 200 is double-declining.
    pub declining_factor_percent: u32,
}

impl Default for Policy {
    /// 36 months to zero, double-declining: common policies for laptops.
    fn default() -> Self {
        Policy {
            life_months: 36,
            salvage_bp: 0,
            declining_factor_percent: 200,
        }
    }
}

impl Policy {
    /// Check the ranges.
    pub fn validate(&self) -> Result<()> {
        if !(1..=rule::MAX_LIFE_MONTHS).contains(&self.life_months) {
            return Err(Error::invalid(
                "life_months",
                self.life_months,
                "between 1 and 600",
            ));
        }
        if self.salvage_bp > 10_000 {
            return Err(Error::invalid(
                "salvage_bp",
                self.salvage_bp,
                "between 0 and 10000 (100 %)",
            ));
        }
        if !(1..=rule::MAX_FACTOR).contains(&self.declining_factor_percent) {
            return Err(Error::invalid(
                "declining_factor_percent",
                self.declining_factor_percent,
                "between 1 and 1000",
            ));
        }
        Ok(())
    }

    /// The salvage value of a cost under this policy.
    pub fn salvage(&self, cost: Money) -> Money {
        Money::from_minor(
            div_round(
                i128::from(cost.minor()) * i128::from(self.salvage_bp),
                10_000,
            ) as i64,
            cost.currency(),
        )
    }

    /// Straight-line book value of something bought on `acquired` for `cost`, on `on`.
    pub fn straight_line(&self, cost: Money, acquired: NaiveDate, on: NaiveDate) -> Result<Money> {
        self.validate()?;
        Ok(straight_line(
            cost,
            self.salvage(cost),
            self.life_months,
            acquired,
            on,
        ))
    }

    /// Declining-balance book value of something bought on `acquired` for `cost`, on `on`.
    ///
    /// Monthly steps that switch to straight line over the remaining months
    /// once that writes off more, so the value reaches salvage exactly at the
    /// end of the life without a drop in the last month.
    pub fn declining_balance(
        &self,
        cost: Money,
        acquired: NaiveDate,
        on: NaiveDate,
    ) -> Result<Money> {
        self.validate()?;
        Ok(declining_balance(
            cost,
            self.salvage(cost),
            self.life_months,
            self.declining_factor_percent,
            acquired,
            on,
        ))
    }
}

/// Straight-line book value by days: cost minus (cost - salvage) x elapsed / life.
pub fn straight_line(
    cost: Money,
    salvage: Money,
    life_months: u32,
    acquired: NaiveDate,
    on: NaiveDate,
) -> Money {
    let end = acquired
        .checked_add_months(Months::new(life_months))
        .unwrap_or(NaiveDate::MAX);
    let total = (end - acquired).num_days().max(1);
    let elapsed = (on - acquired).num_days().clamp(0, total);
    let base = i128::from(cost.minor()) - i128::from(salvage.minor());
    let written = div_round(base * i128::from(elapsed), i128::from(total));
    Money::from_minor((i128::from(cost.minor()) - written) as i64, cost.currency())
}

/// Declining-balance book value by whole months: each month writes off
/// `factor_percent / 100 / life_months` of the book value, or the straight
/// line over the remaining months when that is more, never below salvage;
/// equal to salvage from the end of the life on.
pub fn declining_balance(
    cost: Money,
    salvage: Money,
    life_months: u32,
    factor_percent: u32,
    acquired: NaiveDate,
    on: NaiveDate,
) -> Money {
    let months = whole_months(acquired, on);
    if months >= i64::from(life_months) || life_months == 0 {
        return salvage;
    }
    let value = i128::from(cost.minor());
    let floor = i128::from(salvage.minor()).clamp(0, value.max(0));
    let monthly = charges(
        &Pattern::DecliningBalance {
            factor: factor_percent,
            switch: true,
        },
        value,
        floor,
        life_months,
        1,
    );
    let written: i128 = monthly.iter().take(months as usize).sum();
    Money::from_minor((value - written) as i64, cost.currency())
}

/// Completed months from `a` to `b` (0 when `b` is before `a`).
fn whole_months(a: NaiveDate, b: NaiveDate) -> i64 {
    if b <= a {
        return 0;
    }
    let mut m = i64::from(b.year() - a.year()) * 12 + i64::from(b.month()) - i64::from(a.month());
    if b.day() < a.day() {
        m -= 1;
    }
    m.max(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    fn m(s: &str) -> Money {
        s.parse().unwrap()
    }

    #[test]
    fn straight_line_halfway_and_after_end() {
        let p = Policy::default();
        let cost = m("3600.00 EUR");
        assert_eq!(
            p.straight_line(cost, d("2024-01-01"), d("2023-06-01"))
                .unwrap(),
            cost
        );
        // 2024-01-01 + 36 months = 1096 days; 2025-07-02 is day 548, exactly half
        let half = p
            .straight_line(cost, d("2024-01-01"), d("2025-07-02"))
            .unwrap();
        assert_eq!(half.to_string(), "1800.00 EUR");
        assert_eq!(
            p.straight_line(cost, d("2024-01-01"), d("2030-01-01"))
                .unwrap()
                .minor(),
            0
        );
    }

    #[test]
    fn salvage_is_the_floor() {
        let p = Policy {
            salvage_bp: 1000,
            ..Policy::default()
        };
        let v = p
            .straight_line(m("1000.00 USD"), d("2024-01-01"), d("2029-01-01"))
            .unwrap();
        assert_eq!(v.to_string(), "100.00 USD");
        let v = p
            .declining_balance(m("1000.00 USD"), d("2024-01-01"), d("2026-12-01"))
            .unwrap();
        assert!(v.minor() >= 10_000);
        let v = p
            .declining_balance(m("1000.00 USD"), d("2024-01-01"), d("2027-01-01"))
            .unwrap();
        assert_eq!(v.to_string(), "100.00 USD");
    }

    #[test]
    fn double_declining_first_month_and_end() {
        let p = Policy::default();
        let cost = m("3600.00 USD");
        // 200 % / 36 months = 5.555... % a month: 3600.00 - 200.00
        let one = p
            .declining_balance(cost, d("2024-01-15"), d("2024-02-15"))
            .unwrap();
        assert_eq!(one.to_string(), "3400.00 USD");
        // a partial month writes nothing down
        assert_eq!(
            p.declining_balance(cost, d("2024-01-15"), d("2024-02-14"))
                .unwrap(),
            cost
        );
        assert_eq!(
            p.declining_balance(cost, d("2024-01-15"), d("2027-01-15"))
                .unwrap()
                .minor(),
            0
        );
    }

    /// The 3,600.00 laptop used to be worth 486.96 after 35 months and 0.00 a
    /// month later; now months 19 to 36 write off 71.48 or 71.49 each, the
    /// straight line over what is left after month 18.
    #[test]
    fn double_declining_has_no_cliff_at_the_end_of_life() {
        let p = Policy::default();
        let cost = m("3600.00 USD");
        let on = |months: u32| {
            let day = d("2024-01-15")
                .checked_add_months(Months::new(months))
                .unwrap();
            p.declining_balance(cost, d("2024-01-15"), day)
                .unwrap()
                .minor()
        };
        // months 1..=18 are pure declining balance (the fixtures rely on it)
        assert_eq!(on(17), 136_239);
        assert_eq!(on(18), 128_670);
        // from month 19 on, the straight line over the months left is more
        assert_eq!(on(19), 121_522);
        assert_eq!(on(35), 7_148);
        assert_eq!(on(36), 0);
        let monthly: Vec<i64> = (0..36).map(|k| on(k) - on(k + 1)).collect();
        assert_eq!(monthly[0], 20_000);
        assert!(
            monthly[..19].windows(2).all(|w| w[1] <= w[0]),
            "{monthly:?}"
        );
        assert!(
            monthly[18..].iter().all(|c| (7_148..=7_149).contains(c)),
            "{monthly:?}"
        );
        // 1500.00 EUR after 18 months, as in fixture 01-laptop-lifecycle
        let v = p
            .declining_balance(m("1500.00 EUR"), d("2024-01-10"), d("2025-07-10"))
            .unwrap();
        assert_eq!(v.to_string(), "536.13 EUR");
    }

    #[test]
    fn bad_policies_are_refused() {
        let p = Policy {
            life_months: 0,
            ..Policy::default()
        };
        assert_eq!(p.validate().unwrap_err().code(), "INVALID_VALUE");
        let p = Policy {
            salvage_bp: 20_000,
            ..Policy::default()
        };
        assert_eq!(p.validate().unwrap_err().code(), "INVALID_VALUE");
        let p = Policy {
            declining_factor_percent: 0,
            ..Policy::default()
        };
        assert_eq!(p.validate().unwrap_err().code(), "INVALID_VALUE");
    }
}
