//! Depreciation: pure functions of (cost, salvage, useful life, method,
//! acquisition date, date), exact in minor units, for any date past or future.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::money::Money;

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
        if !(1..=600).contains(&self.life_months) {
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
        if !(1..=1000).contains(&self.declining_factor_percent) {
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

/// Declining-balance book value by whole months, floored at salvage, equal
/// to salvage from the end of the life on.
pub fn declining_balance(
    cost: Money,
    salvage: Money,
    life_months: u32,
    factor_percent: u32,
    acquired: NaiveDate,
    on: NaiveDate,
) -> Money {
    let months = whole_months(acquired, on);
    if months >= i64::from(life_months) {
        return salvage;
    }
    let mut value = i128::from(cost.minor());
    let floor = i128::from(salvage.minor());
    let den = 100 * i128::from(life_months);
    for _ in 0..months {
        value -= div_round(value * i128::from(factor_percent), den);
        if value <= floor {
            value = floor;
            break;
        }
    }
    Money::from_minor(value as i64, cost.currency())
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

/// Integer division rounding half away from zero (inputs here are non-negative).
fn div_round(n: i128, d: i128) -> i128 {
    if n >= 0 {
        (n + d / 2) / d
    } else {
        -((-n + d / 2) / d)
    }
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
