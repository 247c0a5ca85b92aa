//! Depreciation schedules by fiscal year, and book values on any date.
//!
//! The life is laid on a time line: half months for the month-based
//! conventions (so that mid-month and mid-quarter starts fall on a tick),
//! days for the daily convention. The method gives a charge per year of
//! life (12 months from the start of the life) or, for MACRS, per tax year;
//! accumulated depreciation grows linearly in ticks within each of those
//! years. A fiscal year's depreciation is the accumulated depreciation at
//! its end, rounded to the minor unit, minus that at its start: periods are
//! rounded, never drift, and sum exactly to the depreciable base.

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use super::macrs;
use super::methods::{accumulated, div_round, Pattern};
use super::rule::{Convention, Method, Rule};
use crate::error::{Error, Result};
use crate::money::Money;

/// One fiscal year of a schedule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    /// 1 for the fiscal year the asset was placed in service in, then 2, 3...
    pub year: u32,
    /// The first day of the fiscal year, or the day placed in service (year 1).
    pub start: NaiveDate,
    /// The last day of the fiscal year, or for the last year the last day
    /// of the month the life ends in (of the month placed in service if the
    /// convention ends the life before that; the day before the end under
    /// the daily convention).
    pub end: NaiveDate,
    /// The depreciation of this year, rounded to the minor unit.
    pub depreciation: Money,
    /// The book value at the end of the year: salvage after the last.
    pub end_value: Money,
}

/// A complete depreciation schedule: what [`schedule`] returns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Schedule {
    /// The cost depreciated.
    pub cost: Money,
    /// The value at the end of the life.
    pub salvage: Money,
    /// The day placed in service.
    pub placed: NaiveDate,
    /// The fiscal years, from the one placed in service to the one the life
    /// ends in; their depreciation sums to cost minus salvage.
    pub periods: Vec<Period>,
    /// Accumulated depreciation over time, for book values between period ends.
    #[serde(skip)]
    curve: Curve,
}

impl Schedule {
    /// The book value at the end of day `on`: the cost before the day placed
    /// in service, salvage from the end of the last period on, and in
    /// between the cost minus accumulated depreciation prorated by months
    /// within each year (a month counts once its last day is over; a
    /// partial first month as the convention says) or by days under the
    /// daily convention. Exact in minor units, never increasing, equal to
    /// each period's `end_value` at its end.
    pub fn book_value_on(&self, on: NaiveDate) -> Money {
        if on < self.placed {
            return self.cost;
        }
        let accumulated = self.curve.at(self.curve.ticks_done_by(on));
        Money::from_minor(
            (i128::from(self.cost.minor()) - accumulated) as i64,
            self.cost.currency(),
        )
    }

    /// Depreciation accumulated by the end of day `on`: cost minus book value.
    pub fn accumulated_on(&self, on: NaiveDate) -> Money {
        Money::from_minor(
            self.cost.minor() - self.book_value_on(on).minor(),
            self.cost.currency(),
        )
    }
}

/// The time line's unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Clock {
    /// Half months: tick `2 * m` starts month `m` (months since year 0), `2 * m + 1` is its middle.
    HalfMonths,
    /// Days since the common era.
    Days,
}

/// Accumulated depreciation at ticks, linear in between: from (start of
/// the life, 0) to (end of the life, cost - salvage), in minor units times
/// `denominator` so that straight line and shares stay exact.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Curve {
    clock: Clock,
    placed: NaiveDate,
    knots: Vec<(i64, i128)>,
    denominator: i128,
}

impl Curve {
    /// Accumulated depreciation at a tick, rounded half up to the minor unit.
    fn at(&self, tick: i64) -> i128 {
        let (Some(&(first, _)), Some(&(last, total))) = (self.knots.first(), self.knots.last())
        else {
            return 0;
        };
        if tick <= first {
            return 0;
        }
        if tick >= last {
            return div_round(total, self.denominator);
        }
        let i = self.knots.partition_point(|&(t, _)| t <= tick);
        let (t0, a0) = self.knots[i - 1];
        let (t1, a1) = self.knots[i];
        let span = i128::from(t1 - t0);
        div_round(
            a0 * span + (a1 - a0) * i128::from(tick - t0),
            self.denominator * span,
        )
    }

    /// The ticks of the time line that are over by the end of day `on`.
    fn ticks_done_by(&self, on: NaiveDate) -> i64 {
        match self.clock {
            Clock::Days => day_tick(on) + 1,
            Clock::HalfMonths => {
                let month = month_index(on);
                if month == month_index(self.placed) && !is_last_of_month(on) {
                    // nothing is written off before the first month is over
                    return i64::MIN;
                }
                if is_last_of_month(on) {
                    2 * (month + 1)
                } else {
                    2 * month
                }
            }
        }
    }
}

/// The depreciation schedule of `cost` placed in service on `placed` under
/// `rule`, by fiscal year.
///
/// Errors: `INVALID_VALUE` for a rule that does not validate against the
/// cost (see [`Rule::validate`]), `DATE_OUT_OF_RANGE` when the life runs
/// past the calendar's range.
pub fn schedule(cost: Money, placed: NaiveDate, rule: &Rule) -> Result<Schedule> {
    let checked = rule.check(cost)?;
    let out_of_range = || Error::DateOutOfRange {
        field: "placed".into(),
        value: placed.to_string(),
        reason: "the life runs past the last date the calendar supports".into(),
    };
    let cost_minor = i128::from(cost.minor());
    let salvage = checked.salvage;
    let base = cost_minor - salvage;
    let life = i64::from(rule.life_months);

    let placed_month = month_index(placed);
    // the fiscal year placed in service starts in this month
    let fy1 = placed_month - (placed_month - i64::from(rule.fiscal_year_start - 1)).rem_euclid(12);
    let quarter = (placed_month - fy1) / 3;
    let add_months = |months: i64| {
        placed
            .checked_add_months(Months::new(months as u32))
            .ok_or_else(out_of_range)
    };

    let (clock, start) = match rule.convention {
        Convention::FullMonth => (Clock::HalfMonths, 2 * placed_month),
        Convention::MidMonth => (Clock::HalfMonths, 2 * placed_month + 1),
        Convention::HalfYear => (Clock::HalfMonths, 2 * fy1 + 12),
        Convention::MidQuarter => (Clock::HalfMonths, 2 * (fy1 + 3 * quarter) + 3),
        Convention::Daily => (Clock::Days, day_tick(placed)),
    };
    // where the k-th year of life ends (k = life years gives the end)
    let life_year_end = |k: i64| -> Result<i64> {
        let months = (12 * k).min(life);
        Ok(match clock {
            Clock::HalfMonths => start + 2 * months,
            Clock::Days => day_tick(add_months(months)?),
        })
    };
    let end = life_year_end(life.div_euclid(12) + 1)?;
    let fiscal_year_start =
        |k: i64| -> Result<NaiveDate> { first_of_month(fy1 + 12 * k).ok_or_else(out_of_range) };
    let fiscal_year_tick = |k: i64| -> Result<i64> {
        Ok(match clock {
            Clock::HalfMonths => 2 * (fy1 + 12 * k),
            Clock::Days => day_tick(fiscal_year_start(k)?),
        })
    };
    // the ends of the fiscal years, up to the one the life ends in
    let mut year_ends = Vec::new();
    loop {
        let tick = fiscal_year_tick(year_ends.len() as i64 + 1)?;
        year_ends.push(tick);
        if tick >= end {
            break;
        }
    }

    let mut knots = vec![(start, 0_i128)];
    let mut denominator = 1;
    if let Method::Macrs { class } = rule.method {
        let quarter = (rule.convention == Convention::MidQuarter).then_some(quarter as usize);
        let row = macrs::row(class, quarter)
            .ok_or_else(|| Error::invalid("class", class, "no MACRS table for this class"))?;
        let amounts = macrs::yearly_amounts(base, row);
        // a half-year or mid-quarter life of `class` years spans class + 1 tax years
        debug_assert_eq!(amounts.len(), year_ends.len());
        let mut upto = 0;
        for (amount, &tick) in amounts.iter().zip(&year_ends) {
            upto += amount;
            knots.push((tick.min(end), upto));
        }
    } else {
        let pattern = match &rule.method {
            Method::StraightLine => Pattern::StraightLine,
            Method::DecliningBalance {
                factor,
                switch_to_straight_line,
            } => Pattern::DecliningBalance {
                factor: *factor,
                switch: *switch_to_straight_line,
            },
            Method::SumOfYearsDigits => Pattern::SumOfYearsDigits,
            // (MACRS took the branch above)
            Method::Custom { .. } | Method::Macrs { .. } => Pattern::Percentages(&checked.percents),
        };
        let by_year = accumulated(&pattern, cost_minor, salvage, rule.life_months, 12);
        denominator = by_year.denominator;
        for (k, &upto) in by_year.numerators.iter().enumerate() {
            knots.push((life_year_end(k as i64 + 1)?, upto));
        }
    }
    let curve = Curve {
        clock,
        placed,
        knots,
        denominator,
    };
    debug_assert_eq!(curve.at(end), base);

    let last_day = match clock {
        // a half-year or mid-quarter life can start months before the day
        // placed in service; what it writes off before then is written off
        // when the month placed in service is over, so no earlier
        Clock::HalfMonths => last_of_month((end - 1).div_euclid(2).max(placed_month)),
        Clock::Days => i32::try_from(end - 1)
            .ok()
            .and_then(NaiveDate::from_num_days_from_ce_opt),
    }
    .ok_or_else(out_of_range)?;
    let currency = cost.currency();
    let money = |minor: i128| Money::from_minor(minor as i64, currency);
    let mut periods = Vec::with_capacity(year_ends.len());
    let mut before = 0;
    for (k, &tick) in year_ends.iter().enumerate() {
        let upto = curve.at(tick.min(end));
        let is_last = k + 1 == year_ends.len();
        periods.push(Period {
            year: k as u32 + 1,
            start: if k == 0 {
                placed
            } else {
                fiscal_year_start(k as i64)?
            },
            end: if is_last {
                last_day
            } else {
                fiscal_year_start(k as i64 + 1)?
                    .pred_opt()
                    .ok_or_else(out_of_range)?
            },
            depreciation: money(upto - before),
            end_value: money(cost_minor - upto),
        });
        before = upto;
    }
    Ok(Schedule {
        cost,
        salvage: money(salvage),
        placed,
        periods,
        curve,
    })
}

/// Months since the start of year 0 (January 0000 is 0).
fn month_index(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

fn first_of_month(index: i64) -> Option<NaiveDate> {
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    NaiveDate::from_ymd_opt(year, index.rem_euclid(12) as u32 + 1, 1)
}

fn last_of_month(index: i64) -> Option<NaiveDate> {
    first_of_month(index + 1)?.pred_opt()
}

fn is_last_of_month(d: NaiveDate) -> bool {
    d.succ_opt().is_none_or(|next| next.day() == 1)
}

fn day_tick(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::depreciation::Salvage;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn m(s: &str) -> Money {
        s.parse().unwrap()
    }

    fn rule(method: Method, life_months: u32, convention: Convention) -> Rule {
        Rule {
            method,
            life_months,
            salvage: None,
            convention,
            fiscal_year_start: 1,
        }
    }

    fn ddb() -> Method {
        Method::DecliningBalance {
            factor: 200,
            switch_to_straight_line: true,
        }
    }

    /// (year, start, end, depreciation, end value) of each period.
    fn rows(s: &Schedule) -> Vec<(u32, String, String, String, String)> {
        s.periods
            .iter()
            .map(|p| {
                (
                    p.year,
                    p.start.to_string(),
                    p.end.to_string(),
                    p.depreciation.amount_string(),
                    p.end_value.amount_string(),
                )
            })
            .collect()
    }

    fn row(
        y: u32,
        start: &str,
        end: &str,
        dep: &str,
        value: &str,
    ) -> (u32, String, String, String, String) {
        (y, start.into(), end.into(), dep.into(), value.into())
    }

    /// The example at the top of docs/depreciation.md (there with
    /// `assetlog::` for `crate::`).
    #[test]
    fn the_example_of_the_docs() -> crate::Result<()> {
        use crate::depreciation::{schedule, Convention, Method, Rule};

        let rule = Rule {
            method: Method::DecliningBalance {
                factor: 200,
                switch_to_straight_line: true,
            },
            life_months: 36,
            salvage: None,
            convention: Convention::FullMonth,
            fiscal_year_start: 1,
        };
        let placed = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let s = schedule("3600.00 USD".parse()?, placed, &rule)?;
        assert_eq!(s.periods.len(), 3);
        assert_eq!(s.periods[0].depreciation.to_string(), "2400.00 USD");
        assert_eq!(s.periods[2].end_value.to_string(), "0.00 USD");
        let on = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(s.book_value_on(on).to_string(), "33.33 USD");
        assert_eq!(s.accumulated_on(on).to_string(), "3566.67 USD");
        Ok(())
    }

    #[test]
    fn straight_line_full_month_counts_the_month_placed() {
        let r = rule(Method::StraightLine, 36, Convention::FullMonth);
        let s = schedule(m("3600.00 EUR"), d("2024-04-15"), &r).unwrap();
        assert_eq!(
            rows(&s),
            vec![
                row(1, "2024-04-15", "2024-12-31", "900.00", "2700.00"),
                row(2, "2025-01-01", "2025-12-31", "1200.00", "1500.00"),
                row(3, "2026-01-01", "2026-12-31", "1200.00", "300.00"),
                row(4, "2027-01-01", "2027-03-31", "300.00", "0.00"),
            ]
        );
        // 100.00 a month, written off when the month is over
        assert_eq!(s.book_value_on(d("2024-04-14")).to_string(), "3600.00 EUR");
        assert_eq!(s.book_value_on(d("2024-04-29")).to_string(), "3600.00 EUR");
        assert_eq!(s.book_value_on(d("2024-04-30")).to_string(), "3500.00 EUR");
        assert_eq!(s.book_value_on(d("2024-05-30")).to_string(), "3500.00 EUR");
        assert_eq!(s.book_value_on(d("2024-05-31")).to_string(), "3400.00 EUR");
        assert_eq!(s.book_value_on(d("2027-03-30")).to_string(), "100.00 EUR");
        assert_eq!(s.book_value_on(d("2027-03-31")).to_string(), "0.00 EUR");
        assert_eq!(s.accumulated_on(d("2025-12-31")).to_string(), "2100.00 EUR");
        assert_eq!(s.salvage.to_string(), "0.00 EUR");
    }

    #[test]
    fn mid_month_counts_half_the_first_month_and_half_a_month_at_the_end() {
        let r = rule(Method::StraightLine, 12, Convention::MidMonth);
        let s = schedule(m("1200.00 USD"), d("2024-01-10"), &r).unwrap();
        assert_eq!(
            rows(&s),
            vec![
                row(1, "2024-01-10", "2024-12-31", "1150.00", "50.00"),
                row(2, "2025-01-01", "2025-01-31", "50.00", "0.00"),
            ]
        );
        assert_eq!(s.book_value_on(d("2024-01-31")).to_string(), "1150.00 USD");
        assert_eq!(s.book_value_on(d("2024-02-29")).to_string(), "1050.00 USD");
    }

    #[test]
    fn half_year_gives_half_a_year_first_and_last() {
        let r = rule(Method::StraightLine, 60, Convention::HalfYear);
        let s = schedule(m("10000.00 USD"), d("2024-09-20"), &r).unwrap();
        let dep: Vec<String> = s
            .periods
            .iter()
            .map(|p| p.depreciation.amount_string())
            .collect();
        assert_eq!(
            dep,
            ["1000.00", "2000.00", "2000.00", "2000.00", "2000.00", "1000.00"]
        );
        assert_eq!(s.periods[5].end, d("2029-06-30"));
        // the year's half is spread over its second half: July to September
        // are over at the end of September
        assert_eq!(s.book_value_on(d("2024-09-30")).to_string(), "9500.00 USD");
        assert_eq!(s.book_value_on(d("2024-10-31")).to_string(), "9333.33 USD");
    }

    /// Half-year property placed late in the fiscal year, with a life
    /// shorter than the time since the middle of the year: the life is over
    /// before the day placed in service, so it is written off when that
    /// month is over.
    #[test]
    fn a_life_that_ends_before_the_day_placed_ends_with_that_month() {
        let r = Rule {
            fiscal_year_start: 9,
            ..rule(Method::StraightLine, 1, Convention::HalfYear)
        };
        // the fiscal year 1989-09-01..1990-08-31 has its middle on 1990-03-01
        let s = schedule(m("10.00 EUR"), d("1990-04-10"), &r).unwrap();
        assert_eq!(
            rows(&s),
            vec![row(1, "1990-04-10", "1990-04-30", "10.00", "0.00")]
        );
        assert_eq!(s.book_value_on(d("1990-04-29")).to_string(), "10.00 EUR");
        assert_eq!(s.book_value_on(d("1990-04-30")).to_string(), "0.00 EUR");
    }

    #[test]
    fn mid_quarter_starts_in_the_middle_of_the_quarter() {
        // November is in the fourth quarter: 1.5 months in year 1
        let r = rule(Method::StraightLine, 60, Convention::MidQuarter);
        let s = schedule(m("12000.00 USD"), d("2024-11-05"), &r).unwrap();
        let dep: Vec<String> = s
            .periods
            .iter()
            .map(|p| p.depreciation.amount_string())
            .collect();
        assert_eq!(
            dep,
            ["300.00", "2400.00", "2400.00", "2400.00", "2400.00", "2100.00"]
        );
        assert_eq!(s.periods[5].end, d("2029-11-30"));
        // with a fiscal year starting in October, November is in the first
        // quarter: 10.5 months in year 1
        let r = Rule {
            fiscal_year_start: 10,
            ..r
        };
        let s = schedule(m("12000.00 USD"), d("2024-11-05"), &r).unwrap();
        assert_eq!(s.periods[0].depreciation.to_string(), "2100.00 USD");
        assert_eq!(s.periods[0].end, d("2025-09-30"));
    }

    #[test]
    fn daily_prorates_by_days() {
        // 2024-03-01 to 2025-03-01 is 365 days, 306 of them in 2024
        let r = rule(Method::StraightLine, 12, Convention::Daily);
        let s = schedule(m("365.00 USD"), d("2024-03-01"), &r).unwrap();
        assert_eq!(
            rows(&s),
            vec![
                row(1, "2024-03-01", "2024-12-31", "306.00", "59.00"),
                row(2, "2025-01-01", "2025-02-28", "59.00", "0.00"),
            ]
        );
        assert_eq!(s.book_value_on(d("2024-02-29")).to_string(), "365.00 USD");
        // the end of the day placed in service counts one day
        assert_eq!(s.book_value_on(d("2024-03-01")).to_string(), "364.00 USD");
        assert_eq!(s.book_value_on(d("2024-03-10")).to_string(), "355.00 USD");
        assert_eq!(s.book_value_on(d("2025-02-28")).to_string(), "0.00 USD");
    }

    #[test]
    fn fiscal_years_can_start_in_any_month() {
        let r = Rule {
            fiscal_year_start: 4,
            ..rule(Method::StraightLine, 24, Convention::FullMonth)
        };
        let s = schedule(m("2400.00 GBP"), d("2024-02-10"), &r).unwrap();
        assert_eq!(
            rows(&s),
            vec![
                row(1, "2024-02-10", "2024-03-31", "200.00", "2200.00"),
                row(2, "2024-04-01", "2025-03-31", "1200.00", "1000.00"),
                row(3, "2025-04-01", "2026-01-31", "1000.00", "0.00"),
            ]
        );
    }

    /// The laptop of the issue on a schedule: 3,600.00 over 36 months,
    /// double-declining from the first of January, switching to straight
    /// line in year 3 (DB would give 133.33; what is left, 400.00, over the
    /// one year remaining is more).
    #[test]
    fn double_declining_switches_to_straight_line() {
        let r = rule(ddb(), 36, Convention::FullMonth);
        let s = schedule(m("3600.00 USD"), d("2024-01-01"), &r).unwrap();
        assert_eq!(
            rows(&s),
            vec![
                row(1, "2024-01-01", "2024-12-31", "2400.00", "1200.00"),
                row(2, "2025-01-01", "2025-12-31", "800.00", "400.00"),
                row(3, "2026-01-01", "2026-12-31", "400.00", "0.00"),
            ]
        );
        // 33.33 in the last month, not a drop from 486.96 to 0
        assert_eq!(s.book_value_on(d("2026-11-30")).to_string(), "33.33 USD");
        assert_eq!(s.book_value_on(d("2026-12-31")).to_string(), "0.00 USD");
        // without the switch the last year writes down to salvage
        let r = rule(
            Method::DecliningBalance {
                factor: 150,
                switch_to_straight_line: false,
            },
            60,
            Convention::FullMonth,
        );
        let s = schedule(m("10000.00 USD"), d("2024-01-01"), &r).unwrap();
        let dep: Vec<String> = s
            .periods
            .iter()
            .map(|p| p.depreciation.amount_string())
            .collect();
        assert_eq!(dep, ["3000.00", "2100.00", "1470.00", "1029.00", "2401.00"]);
    }

    #[test]
    fn life_years_straddle_fiscal_years() {
        // SYD over 3 years from July: life years of 3000, 2000, 1000 split
        // half and half across fiscal years
        let r = rule(Method::SumOfYearsDigits, 36, Convention::FullMonth);
        let s = schedule(m("6000.00 USD"), d("2024-07-01"), &r).unwrap();
        let dep: Vec<String> = s
            .periods
            .iter()
            .map(|p| p.depreciation.amount_string())
            .collect();
        assert_eq!(dep, ["1500.00", "2500.00", "1500.00", "500.00"]);
    }

    #[test]
    fn salvage_stays_and_custom_percentages_apply_to_the_base() {
        let r = Rule {
            salvage: Some(Salvage::Percent("10".into())),
            ..rule(
                Method::Custom {
                    yearly_percent: vec!["50".into(), "30".into(), "20".into()],
                },
                36,
                Convention::FullMonth,
            )
        };
        let s = schedule(m("1000.00 EUR"), d("2024-01-01"), &r).unwrap();
        assert_eq!(s.salvage.to_string(), "100.00 EUR");
        let dep: Vec<String> = s
            .periods
            .iter()
            .map(|p| p.depreciation.amount_string())
            .collect();
        assert_eq!(dep, ["450.00", "270.00", "180.00"]);
        assert_eq!(s.book_value_on(d("2040-01-01")).to_string(), "100.00 EUR");
    }

    #[test]
    fn currencies_round_to_their_own_minor_unit() {
        let r = rule(Method::StraightLine, 36, Convention::FullMonth);
        let s = schedule(m("100000 JPY"), d("2024-02-01"), &r).unwrap();
        let dep: Vec<String> = s
            .periods
            .iter()
            .map(|p| p.depreciation.amount_string())
            .collect();
        assert_eq!(dep, ["30556", "33333", "33333", "2778"]);
        let s = schedule(m("100.000 KWD"), d("2024-02-01"), &r).unwrap();
        let dep: Vec<String> = s
            .periods
            .iter()
            .map(|p| p.depreciation.amount_string())
            .collect();
        assert_eq!(dep, ["30.556", "33.333", "33.333", "2.778"]);
    }

    #[test]
    fn bad_rules_and_dates_are_refused() {
        let r = rule(Method::StraightLine, 0, Convention::FullMonth);
        let e = schedule(m("1.00 USD"), d("2024-01-01"), &r).unwrap_err();
        assert_eq!(e.code(), "INVALID_VALUE");
        assert_eq!(e.details()["field"], "life_months");
        let r = rule(Method::StraightLine, 600, Convention::Daily);
        let e = schedule(m("1.00 USD"), NaiveDate::MAX, &r).unwrap_err();
        assert_eq!(e.code(), "DATE_OUT_OF_RANGE");
        let r = rule(Method::StraightLine, 600, Convention::FullMonth);
        let e = schedule(m("1.00 USD"), NaiveDate::MAX, &r).unwrap_err();
        assert_eq!(e.code(), "DATE_OUT_OF_RANGE");
    }

    #[test]
    fn the_json_form_of_a_schedule() {
        let r = rule(Method::StraightLine, 2, Convention::FullMonth);
        let s = schedule(m("10.00 USD"), d("2024-12-01"), &r).unwrap();
        assert_eq!(
            serde_json::to_value(&s).unwrap(),
            serde_json::json!({
                "cost": "10.00 USD", "salvage": "0.00 USD", "placed": "2024-12-01",
                "periods": [
                    {"year": 1, "start": "2024-12-01", "end": "2024-12-31",
                     "depreciation": "5.00 USD", "end_value": "5.00 USD"},
                    {"year": 2, "start": "2025-01-01", "end": "2025-01-31",
                     "depreciation": "5.00 USD", "end_value": "0.00 USD"}
                ]
            })
        );
    }

    // ---- properties ----------------------------------------------------

    fn any_method() -> impl Strategy<Value = Method> {
        prop_oneof![
            Just(Method::StraightLine),
            (1..=1000_u32, any::<bool>()).prop_map(|(factor, switch_to_straight_line)| {
                Method::DecliningBalance {
                    factor,
                    switch_to_straight_line,
                }
            }),
            Just(Method::SumOfYearsDigits),
        ]
    }

    fn any_convention() -> impl Strategy<Value = Convention> {
        prop_oneof![
            Just(Convention::FullMonth),
            Just(Convention::MidMonth),
            Just(Convention::HalfYear),
            Just(Convention::MidQuarter),
            Just(Convention::Daily),
        ]
    }

    /// Custom percentages: random weights scaled to sum to exactly 100,
    /// with up to three decimals.
    fn custom(weights: &[u32]) -> Method {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum::<u64>().max(1);
        let mut left = 100_000_u64;
        let mut shares: Vec<u64> = weights
            .iter()
            .map(|&w| u64::from(w) * 100_000 / total)
            .collect();
        for s in &shares[..shares.len() - 1] {
            left -= s;
        }
        *shares.last_mut().unwrap() = left;
        Method::Custom {
            yearly_percent: shares
                .iter()
                .map(|s| format!("{}.{:03}", s / 1000, s % 1000))
                .collect(),
        }
    }

    prop_compose! {
        fn any_case()(
            cost in 0_i64..=100_000_000_000,
            salvage_bp in 0_u32..=10_000,
            life_months in 1_u32..=600,
            method in any_method(),
            convention in any_convention(),
            fiscal_year_start in 1_u32..=12,
            placed in (1990_i32..2060, 1_u32..=12, 1_u32..=28),
            weights in proptest::collection::vec(0_u32..1000, 50),
            use_custom in any::<bool>(),
        ) -> (Money, NaiveDate, Rule) {
            let years = life_months.div_ceil(12) as usize;
            let method = if use_custom { custom(&weights[..years]) } else { method };
            let cost = Money::from_minor(cost, "EUR".parse().unwrap());
            let salvage = Money::from_minor(
                (i128::from(cost.minor()) * i128::from(salvage_bp) / 10_000) as i64,
                cost.currency(),
            );
            let rule = Rule {
                method,
                life_months,
                salvage: Some(Salvage::Amount(salvage)),
                convention,
                fiscal_year_start,
            };
            (cost, NaiveDate::from_ymd_opt(placed.0, placed.1, placed.2).unwrap(), rule)
        }
    }

    prop_compose! {
        fn any_macrs_case()(
            cost in 0_i64..=100_000_000_000,
            class_index in 0_usize..6,
            mid_quarter in any::<bool>(),
            fiscal_year_start in 1_u32..=12,
            placed in (1990_i32..2060, 1_u32..=12, 1_u32..=28),
        ) -> (Money, NaiveDate, Rule) {
            let class = macrs::CLASSES[class_index];
            let rule = Rule {
                method: Method::Macrs { class },
                life_months: class * 12,
                salvage: None,
                convention: if mid_quarter { Convention::MidQuarter } else { Convention::HalfYear },
                fiscal_year_start,
            };
            (
                Money::from_minor(cost, "USD".parse().unwrap()),
                NaiveDate::from_ymd_opt(placed.0, placed.1, placed.2).unwrap(),
                rule,
            )
        }
    }

    /// The invariants every schedule keeps (see the property names).
    fn check_schedule(
        cost: Money,
        placed: NaiveDate,
        rule: &Rule,
    ) -> std::result::Result<(), TestCaseError> {
        let s = schedule(cost, placed, rule).unwrap();
        let salvage = s.salvage.minor();
        let sum: i64 = s.periods.iter().map(|p| p.depreciation.minor()).sum();
        prop_assert_eq!(sum, cost.minor() - salvage);
        prop_assert_eq!(s.periods.last().unwrap().end_value, s.salvage);
        prop_assert_eq!(s.periods[0].start, placed);
        for (i, p) in s.periods.iter().enumerate() {
            prop_assert_eq!(p.year as usize, i + 1);
            prop_assert!(p.depreciation.minor() >= 0);
            prop_assert!(p.start <= p.end);
            prop_assert_eq!(s.book_value_on(p.end), p.end_value);
            if i > 0 {
                prop_assert_eq!(p.start, s.periods[i - 1].end.succ_opt().unwrap());
            }
        }
        prop_assert_eq!(s.book_value_on(placed.pred_opt().unwrap()), cost);
        let last = s.periods.last().unwrap().end;
        prop_assert_eq!(s.book_value_on(last + chrono::Days::new(400)), s.salvage);
        // every few days through the life, and every month end
        let mut value = cost.minor();
        let mut day = placed;
        while day <= last {
            let v = s.book_value_on(day).minor();
            prop_assert!(v <= value, "{} rose on {}", v, day);
            prop_assert!(v >= salvage, "{} below salvage on {}", v, day);
            prop_assert_eq!(s.accumulated_on(day).minor(), cost.minor() - v);
            value = v;
            let next = day + chrono::Days::new(5);
            let month_end = last_of_month(month_index(day)).unwrap();
            day = if day < month_end && month_end < next {
                month_end
            } else {
                next
            };
        }
        Ok(())
    }

    proptest! {
        /// Schedules sum exactly to cost - salvage, end at salvage, and the
        /// book value never rises nor drops below salvage.
        #[test]
        fn schedules_sum_to_the_base_and_book_values_only_fall((cost, placed, rule) in any_case()) {
            check_schedule(cost, placed, &rule)?;
        }

        /// The same for MACRS, whose years come from the tables.
        #[test]
        fn macrs_schedules_sum_to_the_basis((cost, placed, rule) in any_macrs_case()) {
            check_schedule(cost, placed, &rule)?;
        }

        /// Declining balance with the switch has no end-of-life cliff: no
        /// month writes off more than the first full month (give or take
        /// the one minor unit rounding can move).
        #[test]
        fn declining_balance_has_no_cliff(
            cost in 0_i64..=100_000_000_000,
            salvage_bp in 0_u32..=10_000,
            life_months in 1_u32..=600,
            factor in 100_u32..=1000,
            placed in (1990_i32..2060, 1_u32..=12),
        ) {
            let cost = Money::from_minor(cost, "EUR".parse().unwrap());
            let rule = Rule {
                method: Method::DecliningBalance { factor, switch_to_straight_line: true },
                life_months,
                salvage: Some(Salvage::Percent(format!("{}.{:02}", salvage_bp / 100, salvage_bp % 100))),
                convention: Convention::FullMonth,
                fiscal_year_start: 1,
            };
            let s = schedule(cost, NaiveDate::from_ymd_opt(placed.0, placed.1, 1).unwrap(), &rule).unwrap();
            let first_month = i64::from(placed.0) * 12 + i64::from(placed.1 - 1);
            let values: Vec<i64> = (0..=i64::from(life_months))
                .map(|k| {
                    let on = if k == 0 {
                        s.placed.pred_opt().unwrap()
                    } else {
                        last_of_month(first_month + k - 1).unwrap()
                    };
                    s.book_value_on(on).minor()
                })
                .collect();
            let monthly: Vec<i64> = values.windows(2).map(|w| w[0] - w[1]).collect();
            let first = monthly[0];
            let last = *monthly.last().unwrap();
            prop_assert!(last <= first + 1, "last month {} > first month {}", last, first);
            prop_assert!(monthly.iter().all(|&c| c <= first + 1), "{:?}", monthly);
            prop_assert_eq!(*values.last().unwrap(), s.salvage.minor());
        }

        /// The cost view's monthly declining balance has no cliff either.
        #[test]
        fn policy_declining_balance_has_no_cliff(
            cost in 0_i64..=100_000_000_000,
            salvage_bp in 0_u32..=10_000,
            life_months in 1_u32..=600,
            factor in 100_u32..=1000,
        ) {
            let policy = crate::depreciation::Policy { life_months, salvage_bp, declining_factor_percent: factor };
            let cost = Money::from_minor(cost, "EUR".parse().unwrap());
            let acquired = d("2024-01-15");
            let values: Vec<i64> = (0..=life_months)
                .map(|k| {
                    let on = acquired.checked_add_months(Months::new(k)).unwrap();
                    policy.declining_balance(cost, acquired, on).unwrap().minor()
                })
                .collect();
            let monthly: Vec<i64> = values.windows(2).map(|w| w[0] - w[1]).collect();
            prop_assert!(monthly.iter().all(|&c| c >= 0 && c <= monthly[0] + 1), "{:?}", monthly);
            prop_assert_eq!(*values.last().unwrap(), policy.salvage(cost).minor());
        }
    }
}
