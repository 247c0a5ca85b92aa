//! MACRS (GDS) percentage tables, IRS Publication 946 Appendix A.
//!
//! Table A-1 (half-year convention) and Tables A-2 to A-5 (mid-quarter
//! convention, property placed in service in the first to fourth quarter of
//! the tax year): 200 % declining balance switching to straight line for
//! 3, 5, 7 and 10-year property, 150 % for 15 and 20-year property. Each row
//! is the percentage of the unadjusted basis deducted in recovery years 1 to
//! class + 1, exactly as published (the IRS rounds its figures so that each
//! row sums to 100; the tests check that, and check every figure against the
//! declining-balance computation it comes from).

use super::methods::{div_round, PERCENT_UNIT};
use super::rule::parse_percent;

/// The GDS recovery periods (years) that have tables here.
pub(crate) const CLASSES: [u32; 6] = [3, 5, 7, 10, 15, 20];

/// The table row for a class and, under the mid-quarter convention, the
/// quarter of the tax year (0 to 3) the property was placed in service in.
pub(crate) fn row(class: u32, quarter: Option<usize>) -> Option<&'static [&'static str]> {
    let i = CLASSES.iter().position(|&c| c == class)?;
    Some(match quarter {
        None => HALF_YEAR[i],
        Some(q) => MID_QUARTER.get(q)?[i],
    })
}

/// The deduction of each recovery year on a basis (minor units): the
/// table's percentage of the basis rounded to the minor unit, the last year
/// taking what is left so that the years sum to the basis.
pub(crate) fn yearly_amounts(basis: i128, row: &[&str]) -> Vec<i128> {
    let shares: Vec<i128> = row
        .iter()
        .map(|p| parse_percent(p).unwrap_or_default())
        .collect();
    let mut left = basis;
    let last = shares.len().saturating_sub(1);
    shares
        .iter()
        .enumerate()
        .map(|(i, &share)| {
            let amount = if i == last {
                left
            } else {
                div_round(basis * share, 100 * PERCENT_UNIT)
            };
            left -= amount;
            amount
        })
        .collect()
}

const HALF_YEAR: [&[&str]; 6] = [
    // 3-year
    &["33.33", "44.45", "14.81", "7.41"],
    // 5-year
    &["20.00", "32.00", "19.20", "11.52", "11.52", "5.76"],
    // 7-year
    &[
        "14.29", "24.49", "17.49", "12.49", "8.93", "8.92", "8.93", "4.46",
    ],
    // 10-year
    &[
        "10.00", "18.00", "14.40", "11.52", "9.22", "7.37", "6.55", "6.55", "6.56", "6.55", "3.28",
    ],
    // 15-year
    &[
        "5.00", "9.50", "8.55", "7.70", "6.93", "6.23", "5.90", "5.90", "5.91", "5.90", "5.91",
        "5.90", "5.91", "5.90", "5.91", "2.95",
    ],
    // 20-year
    &[
        "3.750", "7.219", "6.677", "6.177", "5.713", "5.285", "4.888", "4.522", "4.462", "4.461",
        "4.462", "4.461", "4.462", "4.461", "4.462", "4.461", "4.462", "4.461", "4.462", "4.461",
        "2.231",
    ],
];

const MID_QUARTER: [[&[&str]; 6]; 4] = [
    // Table A-2, placed in service in the first quarter of the tax year
    [
        // 3-year
        &["58.33", "27.78", "12.35", "1.54"],
        // 5-year
        &["35.00", "26.00", "15.60", "11.01", "11.01", "1.38"],
        // 7-year
        &[
            "25.00", "21.43", "15.31", "10.93", "8.75", "8.74", "8.75", "1.09",
        ],
        // 10-year
        &[
            "17.50", "16.50", "13.20", "10.56", "8.45", "6.76", "6.55", "6.55", "6.56", "6.55",
            "0.82",
        ],
        // 15-year
        &[
            "8.75", "9.13", "8.21", "7.39", "6.65", "5.99", "5.90", "5.91", "5.90", "5.91", "5.90",
            "5.91", "5.90", "5.91", "5.90", "0.74",
        ],
        // 20-year
        &[
            "6.563", "7.000", "6.482", "5.996", "5.546", "5.130", "4.746", "4.459", "4.459",
            "4.459", "4.459", "4.460", "4.459", "4.460", "4.459", "4.460", "4.459", "4.460",
            "4.459", "4.460", "0.565",
        ],
    ],
    // Table A-3, placed in service in the second quarter
    [
        // 3-year
        &["41.67", "38.89", "14.14", "5.30"],
        // 5-year
        &["25.00", "30.00", "18.00", "11.37", "11.37", "4.26"],
        // 7-year
        &[
            "17.85", "23.47", "16.76", "11.97", "8.87", "8.87", "8.87", "3.34",
        ],
        // 10-year
        &[
            "12.50", "17.50", "14.00", "11.20", "8.96", "7.17", "6.55", "6.55", "6.56", "6.55",
            "2.46",
        ],
        // 15-year
        &[
            "6.25", "9.38", "8.44", "7.59", "6.83", "6.15", "5.91", "5.90", "5.91", "5.90", "5.91",
            "5.90", "5.91", "5.90", "5.91", "2.21",
        ],
        // 20-year
        &[
            "4.688", "7.148", "6.612", "6.116", "5.658", "5.233", "4.841", "4.478", "4.463",
            "4.463", "4.463", "4.463", "4.463", "4.463", "4.462", "4.463", "4.462", "4.463",
            "4.462", "4.463", "1.673",
        ],
    ],
    // Table A-4, placed in service in the third quarter
    [
        // 3-year
        &["25.00", "50.00", "16.67", "8.33"],
        // 5-year
        &["15.00", "34.00", "20.40", "12.24", "11.30", "7.06"],
        // 7-year
        &[
            "10.71", "25.51", "18.22", "13.02", "9.30", "8.85", "8.86", "5.53",
        ],
        // 10-year
        &[
            "7.50", "18.50", "14.80", "11.84", "9.47", "7.58", "6.55", "6.55", "6.56", "6.55",
            "4.10",
        ],
        // 15-year
        &[
            "3.75", "9.63", "8.66", "7.80", "7.02", "6.31", "5.90", "5.90", "5.91", "5.90", "5.91",
            "5.90", "5.91", "5.90", "5.91", "3.69",
        ],
        // 20-year
        &[
            "2.813", "7.289", "6.742", "6.237", "5.769", "5.336", "4.936", "4.566", "4.460",
            "4.460", "4.460", "4.460", "4.461", "4.460", "4.461", "4.460", "4.461", "4.460",
            "4.461", "4.460", "2.788",
        ],
    ],
    // Table A-5, placed in service in the fourth quarter
    [
        // 3-year
        &["8.33", "61.11", "20.37", "10.19"],
        // 5-year
        &["5.00", "38.00", "22.80", "13.68", "10.94", "9.58"],
        // 7-year
        &[
            "3.57", "27.55", "19.68", "14.06", "10.04", "8.73", "8.73", "7.64",
        ],
        // 10-year
        &[
            "2.50", "19.50", "15.60", "12.48", "9.98", "7.99", "6.55", "6.55", "6.56", "6.55",
            "5.74",
        ],
        // 15-year
        &[
            "1.25", "9.88", "8.89", "8.00", "7.20", "6.48", "5.90", "5.90", "5.90", "5.91", "5.90",
            "5.91", "5.90", "5.91", "5.90", "5.17",
        ],
        // 20-year
        &[
            "0.938", "7.430", "6.872", "6.357", "5.880", "5.439", "5.031", "4.654", "4.458",
            "4.458", "4.458", "4.458", "4.458", "4.458", "4.458", "4.458", "4.458", "4.459",
            "4.458", "4.459", "3.901",
        ],
    ],
];

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::depreciation::methods::HUNDRED_PERCENT;
    use crate::depreciation::{schedule, Convention, Method, Rule};
    use crate::money::Money;

    /// Every (class, quarter, row): half-year first, then the four quarters.
    fn all_rows() -> Vec<(u32, Option<usize>, &'static [&'static str])> {
        let quarters = [None, Some(0), Some(1), Some(2), Some(3)];
        quarters
            .iter()
            .flat_map(|&q| CLASSES.iter().map(move |&c| (c, q, row(c, q).unwrap())))
            .collect()
    }

    fn macrs(class: u32, quarter: Option<usize>, fiscal_year_start: u32) -> Rule {
        Rule {
            method: Method::Macrs { class },
            life_months: class * 12,
            salvage: None,
            convention: if quarter.is_some() {
                Convention::MidQuarter
            } else {
                Convention::HalfYear
            },
            fiscal_year_start,
        }
    }

    #[test]
    fn every_row_has_class_plus_one_years_and_sums_to_100() {
        let rows = all_rows();
        assert_eq!(rows.len(), 30);
        for (class, quarter, row) in rows {
            assert_eq!(row.len(), class as usize + 1, "{class} {quarter:?}");
            let sum: i128 = row.iter().map(|p| parse_percent(p).unwrap()).sum();
            assert_eq!(
                sum, HUNDRED_PERCENT,
                "{class}-year {quarter:?} sums to {sum}"
            );
        }
    }

    /// A typo in a figure shows: every published figure is within 0.015
    /// points of the unrounded declining balance (200 % below 15 years,
    /// 150 % from 15) switching to straight line, with the first year
    /// counting half a year (half-year) or 7/8, 5/8, 3/8, 1/8 of it
    /// (mid-quarter, by quarter).
    #[test]
    fn every_figure_follows_from_declining_balance_then_straight_line() {
        for (class, quarter, row) in all_rows() {
            let factor = if class >= 15 { 1.5 } else { 2.0 };
            let first = quarter.map_or(0.5, |q| (7.0 - 2.0 * q as f64) / 8.0);
            let life = f64::from(class);
            let (mut book, mut elapsed) = (100.0_f64, 0.0_f64);
            for (year, published) in row.iter().enumerate() {
                let part = if year == 0 {
                    first
                } else {
                    (life - elapsed).min(1.0)
                };
                let declining = book * factor / life * part;
                let straight = book * part / (life - elapsed);
                let exact = declining.max(straight).min(book);
                book -= exact;
                elapsed += part;
                let published: f64 = published.parse().unwrap();
                assert!(
                    (published - exact).abs() < 0.015,
                    "{class}-year {quarter:?} year {}: {published} vs {exact}",
                    year + 1
                );
            }
            assert!(book.abs() < 1e-9);
        }
    }

    #[test]
    fn rows_quoted_in_the_issue() {
        assert_eq!(
            row(5, None).unwrap(),
            ["20.00", "32.00", "19.20", "11.52", "11.52", "5.76"]
        );
        assert_eq!(
            row(7, None).unwrap(),
            ["14.29", "24.49", "17.49", "12.49", "8.93", "8.92", "8.93", "4.46"]
        );
        assert!(row(4, None).is_none());
        assert!(row(5, Some(4)).is_none());
    }

    /// schedule(10000.00 USD, placed, MACRS) gives every table row to the
    /// cent: a percentage of 10,000.00 is that many hundreds of dollars.
    #[test]
    fn schedules_reproduce_every_row_to_the_cent() {
        let cost: Money = "10000.00 USD".parse().unwrap();
        for (class, quarter, row) in all_rows() {
            // the middle month of the quarter (any month for half-year)
            let month = quarter.map_or(3, |q| 3 * q as u32 + 2);
            let placed = NaiveDate::from_ymd_opt(2024, month, 15).unwrap();
            let s = schedule(cost, placed, &macrs(class, quarter, 1)).unwrap();
            let got: Vec<String> = s
                .periods
                .iter()
                .map(|p| p.depreciation.amount_string())
                .collect();
            let want: Vec<String> = row
                .iter()
                .map(|p| {
                    let cents = parse_percent(p).unwrap() / 100_000;
                    Money::from_minor(cents as i64, cost.currency()).amount_string()
                })
                .collect();
            assert_eq!(got, want, "{class}-year {quarter:?}");
            let years: Vec<u32> = s.periods.iter().map(|p| p.year).collect();
            assert_eq!(years, (1..=class + 1).collect::<Vec<_>>());
            assert_eq!(s.periods[0].start, placed);
            assert_eq!(
                s.periods[0].end,
                NaiveDate::from_ymd_opt(2024, 12, 31).unwrap()
            );
            assert_eq!(s.periods.last().unwrap().end_value.minor(), 0);
        }
    }

    #[test]
    fn the_half_year_schedule_ends_mid_year_and_mid_quarter_mid_quarter() {
        let cost: Money = "10000.00 USD".parse().unwrap();
        let placed = NaiveDate::from_ymd_opt(2024, 3, 15).unwrap();
        let s = schedule(cost, placed, &macrs(5, None, 1)).unwrap();
        let last = s.periods.last().unwrap();
        assert_eq!(last.start, NaiveDate::from_ymd_opt(2029, 1, 1).unwrap());
        assert_eq!(last.end, NaiveDate::from_ymd_opt(2029, 6, 30).unwrap());
        // placed in the fourth quarter: recovery ends 1.5 months into the
        // fourth quarter five years on
        let placed = NaiveDate::from_ymd_opt(2024, 11, 2).unwrap();
        let s = schedule(cost, placed, &macrs(5, Some(3), 1)).unwrap();
        let last = s.periods.last().unwrap();
        assert_eq!(last.depreciation.to_string(), "958.00 USD");
        assert_eq!(last.end, NaiveDate::from_ymd_opt(2029, 11, 30).unwrap());
    }

    /// Quarters count from the start of the tax year: with a July year,
    /// August is in the first quarter and June in the fourth.
    #[test]
    fn a_fiscal_year_starting_in_july_moves_the_quarters() {
        let cost: Money = "10000.00 USD".parse().unwrap();
        let placed = NaiveDate::from_ymd_opt(2024, 8, 20).unwrap();
        let s = schedule(cost, placed, &macrs(5, Some(0), 7)).unwrap();
        assert_eq!(s.periods[0].depreciation.to_string(), "3500.00 USD");
        assert_eq!(
            s.periods[0].end,
            NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
        );
        assert_eq!(
            s.periods[1].start,
            NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()
        );
        let placed = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        let s = schedule(cost, placed, &macrs(5, Some(3), 7)).unwrap();
        assert_eq!(s.periods[0].depreciation.to_string(), "500.00 USD");
        assert_eq!(s.periods[1].depreciation.to_string(), "3800.00 USD");
    }

    #[test]
    fn amounts_round_per_year_and_the_last_takes_the_rest() {
        // on a basis of 1.00, 33.33 %, 44.45 % and 14.81 % round to whole cents
        let amounts = yearly_amounts(100, row(3, None).unwrap());
        assert_eq!(amounts, vec![33, 44, 15, 8]);
        let amounts = yearly_amounts(1_234_567, row(7, None).unwrap());
        assert_eq!(amounts.iter().sum::<i128>(), 1_234_567);
    }
}
