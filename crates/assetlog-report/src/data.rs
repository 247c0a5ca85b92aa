//! The figures behind the report, each from one of the core's fleet
//! queries as of the report's day.

use chrono::{Datelike, Duration, Months, NaiveDate};

use assetlog::{
    AgeBand, AssetLog, AssetView, At, CheckInPolicy, FleetBookValue, FleetCounts, FleetFilter,
    Flow, FlowGroup, FlowStats, IdleAsset, MonthSpend, OverdueReturn, QuarterEndOfLife, Recovery,
    Result, SilentAsset, StatusCount,
};

use crate::ReportOptions;

/// Months of history the time charts show.
pub const MONTHS: u32 = 24;
/// Quarters ahead the end-of-life chart shows.
pub const QUARTERS_AHEAD: u32 = 8;
/// Days a device may go unpatched before the report lists it.
pub const UNPATCHED_DAYS: i64 = 90;
/// Days ahead the warranty table looks.
pub const WARRANTY_DAYS: i64 = 90;
/// Days in stock or unseen before an asset counts as idle.
pub const IDLE_DAYS: i64 = 90;

/// A depreciation book's figures.
#[derive(Clone, Debug)]
pub struct BookFigures {
    /// The book.
    pub book: String,
    /// Fleet book value at each quarter end of the last two years, and on the day.
    pub values: Vec<FleetBookValue>,
    /// Assets reaching the end of their life, by quarter, from the day on.
    pub end_of_life: Vec<QuarterEndOfLife>,
}

/// Every figure the report shows.
#[derive(Clone, Debug)]
pub struct ReportData {
    /// The day described (at its end).
    pub on: NaiveDate,
    /// Status by country (`counts`).
    pub counts: FleetCounts,
    /// Month ends of the last two years and the day (`status_over_time`).
    pub utilization: Vec<StatusCount>,
    /// Age bands of the fleet in service (`age_profile`).
    pub ages: Vec<AgeBand>,
    /// Spend by month over the last two years (`spend_by_month`).
    pub spend: Vec<MonthSpend>,
    /// Book values and end of life, when the log has a book.
    pub book: Option<BookFigures>,
    /// Repair turnaround by repairer over the last year (`flow_times`).
    pub repairs: Vec<FlowStats>,
    /// Repair spend by vendor (`spend_by`).
    pub repair_spend: Vec<assetlog::SpendGroup>,
    /// Delivery time by carrier over the last year.
    pub shipping_by_carrier: Vec<FlowStats>,
    /// Delivery time by destination country over the last year.
    pub shipping_by_country: Vec<FlowStats>,
    /// Return requests of the last year and what came of them.
    pub recovery: Recovery,
    /// Overdue returns, most overdue first.
    pub overdue: Vec<OverdueReturn>,
    /// Idle assets, longest first.
    pub idle: Vec<IdleAsset>,
    /// Devices not patched for [`UNPATCHED_DAYS`], most days first.
    pub unpatched: Vec<SilentAsset>,
    /// Warranties ending within [`WARRANTY_DAYS`], soonest first.
    pub warranty: Vec<AssetView>,
    /// Licenses and subscriptions (`licenses`).
    pub licenses: Vec<assetlog::license::LicenseView>,
    /// Renewals of the next twelve months (`renewals`).
    pub renewals: assetlog::license::Renewals,
    /// Installed against owned (`compliance`, the built-in product table).
    pub compliance: Vec<assetlog::compliance::ProductCompliance>,
}

/// The last day of a month.
fn month_end(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1)
        .and_then(|d| d.checked_add_months(Months::new(1)))
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

/// The month ends of the `n` months before `on`'s month, then `on`.
pub fn month_points(on: NaiveDate, n: u32) -> Vec<NaiveDate> {
    let first = on
        .with_day(1)
        .and_then(|d| d.checked_sub_months(Months::new(n)))
        .unwrap_or(on);
    let mut out: Vec<NaiveDate> = (0..n)
        .filter_map(|k| first.checked_add_months(Months::new(k)))
        .map(|d| month_end(d.year(), d.month()))
        .filter(|d| *d < on)
        .collect();
    out.push(on);
    out
}

/// The quarter ends of the last two years before `on`, then `on`.
pub fn quarter_points(on: NaiveDate) -> Vec<NaiveDate> {
    month_points(on, MONTHS)
        .into_iter()
        .filter(|d| *d == on || d.month() % 3 == 0)
        .collect()
}

impl ReportData {
    /// Ask the log every question the report shows, as of the day.
    pub fn gather(log: &AssetLog, o: &ReportOptions) -> Result<Self> {
        let on = o.as_of.unwrap_or_else(|| log.now().date_naive());
        assetlog::time::check_date("as_of", on)?;
        let at = At::end_of(on);
        let all = FleetFilter::default();
        let year_ago = on - Duration::days(365);
        let history_start = on
            .with_day(1)
            .and_then(|d| d.checked_sub_months(Months::new(MONTHS)))
            .unwrap_or(on);
        let policy = CheckInPolicy::default();
        let book = match &o.book {
            Some(b) => Some(b.clone()),
            None => log.book_rules(None)?.into_iter().map(|r| r.book).next(),
        };
        let book = match book {
            Some(name) => Some(BookFigures {
                values: log.fleet_book_values(&name, &quarter_points(on))?,
                end_of_life: log
                    .forecast(
                        &name,
                        on,
                        on.checked_add_months(Months::new(3 * QUARTERS_AHEAD))
                            .unwrap_or(on),
                        at,
                    )?
                    .by_quarter()?,
                book: name,
            }),
            None => None,
        };
        // the three flow charts in one pass over the assets' states
        let mut flows = log
            .flow_times_many(
                &[
                    (Flow::Repair, Some(FlowGroup::Repairer)),
                    (Flow::Shipping, Some(FlowGroup::Carrier)),
                    (Flow::Shipping, Some(FlowGroup::Country)),
                ],
                year_ago,
                on,
                at,
            )?
            .into_iter();
        let (repairs, shipping_by_carrier, shipping_by_country) = (
            flows.next().unwrap_or_default(),
            flows.next().unwrap_or_default(),
            flows.next().unwrap_or_default(),
        );
        Ok(ReportData {
            on,
            counts: log.counts(&all, at)?,
            utilization: log.status_over_time(&month_points(on, MONTHS))?,
            ages: log.age_profile(at)?,
            spend: log.spend_by_month(history_start, on)?,
            book,
            repairs,
            repair_spend: log.spend_by(&[assetlog::Dimension::Vendor], &all, at)?,
            shipping_by_carrier,
            shipping_by_country,
            recovery: log.recovery(year_ago, on, at)?,
            overdue: log.overdue_returns(at)?,
            idle: log.idle(IDLE_DAYS, at)?,
            unpatched: log.unpatched(UNPATCHED_DAYS, &policy, &all, at)?,
            warranty: log.warranty_ending_within(on, on + Duration::days(WARRANTY_DAYS), at)?,
            licenses: log.licenses(at)?,
            renewals: log.renewals(on, on.checked_add_months(Months::new(12)).unwrap_or(on), at)?,
            compliance: log.compliance(at, &[])?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn time_points_are_month_ends_then_the_day() {
        let m = month_points(day("2026-03-15"), 3);
        assert_eq!(
            m,
            vec![
                day("2025-12-31"),
                day("2026-01-31"),
                day("2026-02-28"),
                day("2026-03-15")
            ]
        );
        let q = quarter_points(day("2026-03-15"));
        assert_eq!(q.first(), Some(&day("2024-03-31")));
        assert!(q.contains(&day("2025-12-31")));
        assert_eq!(q.last(), Some(&day("2026-03-15")));
        // a day that is a month end appears once
        let e = month_points(day("2026-01-31"), 2);
        assert_eq!(
            e,
            vec![day("2025-11-30"), day("2025-12-31"), day("2026-01-31")]
        );
    }
}
