//! The methods' charges for consecutive periods of a life, in minor units.
//!
//! A schedule asks for years of life (periods of 12 months over a life in
//! months, the last one possibly shorter); the cost view's declining balance
//! asks for months; the spreadsheet examples in the tests ask for periods of
//! one unit. Every pattern returns charges that sum exactly to cost minus
//! salvage.

/// How the depreciable base is spread over the periods of a life.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Pattern<'a> {
    /// Equal charges per unit of time.
    StraightLine,
    /// `factor` percent of the straight-line rate applied to the book value;
    /// with `switch`, the straight line over the remaining life when that is
    /// more. The last period writes down to salvage either way.
    DecliningBalance { factor: u32, switch: bool },
    /// Each period weighs its length times the life remaining at its start
    /// (for whole years: n, n-1, ... 1 over n(n+1)/2).
    SumOfYearsDigits,
    /// Shares of the base per period, in billionths of a percent, summing to
    /// 100 %.
    Percentages(&'a [i128]),
}

/// Billionths of a percent in 100 %: the scale of [`Pattern::Percentages`].
pub(crate) const HUNDRED_PERCENT: i128 = 100 * PERCENT_UNIT;
/// Billionths of a percent in 1 %.
pub(crate) const PERCENT_UNIT: i128 = 1_000_000_000;

/// Charges for the periods of `period` units over a life of `life` units,
/// from `cost` down to `salvage` (both minor units, `salvage <= cost`).
pub(crate) fn charges(
    pattern: &Pattern<'_>,
    cost: i128,
    salvage: i128,
    life: u32,
    period: u32,
) -> Vec<i128> {
    let accumulated = accumulated(pattern, cost, salvage, life, period);
    let mut before = 0;
    accumulated
        .numerators
        .iter()
        .map(|&n| {
            let upto = div_round(n, accumulated.denominator);
            let charge = upto - before;
            before = upto;
            charge
        })
        .collect()
}

/// Depreciation accumulated at the end of each period, exactly: numerators
/// over one denominator.
pub(crate) struct Accumulated {
    pub(crate) numerators: Vec<i128>,
    pub(crate) denominator: i128,
}

/// The accumulated depreciation at the end of each period of `period`
/// units over a life of `life` units. Straight line, sum of the years'
/// digits and percentages are exact fractions (rounded only where a caller
/// needs an amount, so rounding never drifts); declining balance is a
/// ledger: each period's charge is rounded from the rounded book value. The
/// last value is `cost - salvage`.
pub(crate) fn accumulated(
    pattern: &Pattern<'_>,
    cost: i128,
    salvage: i128,
    life: u32,
    period: u32,
) -> Accumulated {
    let base = cost - salvage;
    let period = period.max(1);
    // (length, life remaining at the start) of each period
    let spans: Vec<(i128, i128)> = (0..life.div_ceil(period))
        .map(|j| {
            let remaining = life - j * period;
            (i128::from(remaining.min(period)), i128::from(remaining))
        })
        .collect();
    match pattern {
        Pattern::StraightLine => shares(base, spans.iter().map(|&(len, _)| len)),
        Pattern::SumOfYearsDigits => shares(base, spans.iter().map(|&(len, rem)| len * rem)),
        Pattern::Percentages(percents) => shares(base, percents.iter().copied()),
        Pattern::DecliningBalance { factor, switch } => {
            let mut book = cost;
            let last = spans.len().saturating_sub(1);
            let den = 100 * i128::from(life);
            let numerators = spans
                .iter()
                .enumerate()
                .map(|(j, &(len, remaining))| {
                    let left = book - salvage;
                    let declining = div_round(book * i128::from(*factor) * len, den);
                    let mut charge = if *switch {
                        declining.max(div_round(left * len, remaining))
                    } else {
                        declining
                    };
                    if j == last {
                        charge = left;
                    }
                    book -= charge.min(left);
                    cost - book
                })
                .collect();
            Accumulated {
                numerators,
                denominator: 1,
            }
        }
    }
}

/// The base spread by weights: cumulative weight over total weight.
fn shares(base: i128, weights: impl Iterator<Item = i128>) -> Accumulated {
    let mut weight = 0;
    let cumulative: Vec<i128> = weights
        .map(|w| {
            weight += w;
            weight
        })
        .collect();
    let total = weight.max(1);
    Accumulated {
        numerators: cumulative.iter().map(|w| base * w).collect(),
        denominator: total,
    }
}

/// Integer division rounding half away from zero.
pub(crate) fn div_round(n: i128, d: i128) -> i128 {
    debug_assert!(d > 0);
    if n >= 0 {
        (n + d / 2) / d
    } else {
        -((-n + d / 2) / d)
    }
}

#[cfg(test)]
mod tests {
    //! The examples of the spreadsheet functions' documentation (SLN, SYD,
    //! DDB, VDB), through the same patterns the schedules use: a thin
    //! wrapper per function, amounts in cents.

    use super::*;

    /// SLN(cost, salvage, life): one period's charge.
    fn sln(cost: i128, salvage: i128, life: u32) -> i128 {
        charges(&Pattern::StraightLine, cost, salvage, life, 1)[0]
    }

    /// SYD(cost, salvage, life, per).
    fn syd(cost: i128, salvage: i128, life: u32, per: usize) -> i128 {
        charges(&Pattern::SumOfYearsDigits, cost, salvage, life, 1)[per - 1]
    }

    /// DDB(cost, salvage, life, period, factor): declining balance without
    /// the switch; DDB caps a charge at book value minus salvage too.
    fn ddb(cost: i128, salvage: i128, life: u32, per: usize, factor: u32) -> i128 {
        let pattern = Pattern::DecliningBalance {
            factor,
            switch: false,
        };
        charges(&pattern, cost, salvage, life, 1)[per - 1]
    }

    /// VDB(cost, salvage, life, start, end, factor) for whole periods, with
    /// the switch to straight line.
    fn vdb(cost: i128, salvage: i128, life: u32, start: usize, end: usize, factor: u32) -> i128 {
        let pattern = Pattern::DecliningBalance {
            factor,
            switch: true,
        };
        charges(&pattern, cost, salvage, life, 1)[start..end]
            .iter()
            .sum()
    }

    #[test]
    fn sln_example() {
        // SLN(30000, 7500, 10) = 2250
        assert_eq!(sln(3_000_000, 750_000, 10), 225_000);
    }

    #[test]
    fn syd_examples() {
        // SYD(30000, 7500, 10, 1) = 4090.91 and SYD(30000, 7500, 10, 10) = 409.09
        assert_eq!(syd(3_000_000, 750_000, 10, 1), 409_091);
        assert_eq!(syd(3_000_000, 750_000, 10, 10), 40_909);
        let all = charges(&Pattern::SumOfYearsDigits, 3_000_000, 750_000, 10, 1);
        assert_eq!(all.iter().sum::<i128>(), 2_250_000);
    }

    #[test]
    fn ddb_examples() {
        // DDB(2400, 300, 10, 1) = 480.00, period 2 = 384.00, period 10 = 22.12
        assert_eq!(ddb(240_000, 30_000, 10, 1, 200), 48_000);
        assert_eq!(ddb(240_000, 30_000, 10, 2, 200), 38_400);
        assert_eq!(ddb(240_000, 30_000, 10, 10, 200), 2_212);
        // DDB(2400, 300, 10, 2, 1.5) = 306.00
        assert_eq!(ddb(240_000, 30_000, 10, 2, 150), 30_600);
    }

    #[test]
    fn vdb_examples() {
        // VDB(2400, 300, 10*365, 0, 1) = 1.32: the first day
        assert_eq!(vdb(240_000, 30_000, 3650, 0, 1, 200), 132);
        // VDB(2400, 300, 10*12, 0, 1) = 40.00: the first month
        assert_eq!(vdb(240_000, 30_000, 120, 0, 1, 200), 4_000);
        // VDB(2400, 300, 10, 0, 1) = 480.00: the first year
        assert_eq!(vdb(240_000, 30_000, 10, 0, 1, 200), 48_000);
        // VDB(2400, 300, 10*12, 6, 18) = 396.31 sums unrounded months
        // (396.306...); twelve charges rounded to the cent sum to 396.30.
        assert_eq!(vdb(240_000, 30_000, 120, 6, 18, 200), 39_630);
        // VDB switches to straight line and reaches salvage exactly
        let all = charges(
            &Pattern::DecliningBalance {
                factor: 200,
                switch: true,
            },
            240_000,
            30_000,
            10,
            1,
        );
        assert_eq!(all.iter().sum::<i128>(), 210_000);
        assert!(all.windows(2).all(|w| w[1] <= w[0]), "{all:?}");
    }

    #[test]
    fn a_partial_last_year_is_charged_for_its_months() {
        // 30 months in years of 12: 12, 12 and 6 months
        let sl = charges(&Pattern::StraightLine, 300_000, 0, 30, 12);
        assert_eq!(sl, vec![120_000, 120_000, 60_000]);
        // weights 12 x 30, 12 x 18, 6 x 6 of 612
        let syd = charges(&Pattern::SumOfYearsDigits, 306_000, 0, 30, 12);
        assert_eq!(syd, vec![180_000, 108_000, 18_000]);
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(div_round(5, 10), 1);
        assert_eq!(div_round(4, 10), 0);
        assert_eq!(div_round(-5, 10), -1);
        assert_eq!(div_round(-4, 10), 0);
    }
}
