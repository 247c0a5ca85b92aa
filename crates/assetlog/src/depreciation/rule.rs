//! Depreciation rules: the method, life, salvage, convention and fiscal year
//! of a schedule, their JSON form, and their validation.
//!
//! ```json
//! {"method": "declining-balance", "factor": 150, "life_months": 60,
//!  "salvage": {"percent": "10"}, "convention": "half-year", "fiscal_year_start": 4}
//! ```

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};

use super::macrs;
use super::methods::{div_round, HUNDRED_PERCENT, PERCENT_UNIT};
use crate::error::{Error, Result};
use crate::money::{format_decimal, Money};

/// The longest life accepted: 50 years.
pub(crate) const MAX_LIFE_MONTHS: u32 = 600;
/// The largest declining-balance factor accepted, in percent.
pub(crate) const MAX_FACTOR: u32 = 1000;
/// Most decimal places in a percentage ("33.333333333").
const MAX_PERCENT_DECIMALS: usize = 9;

/// How the depreciable base (cost minus salvage) is spread over the life.
///
/// In JSON the method's name is the `method` field of the rule, next to
/// its own fields: `{"method": "macrs", "class": 5, ...}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Method {
    /// The same charge every month (every day under the daily convention).
    StraightLine,
    /// A fixed share of the book value each year: `factor` percent of the
    /// straight-line rate.
    DecliningBalance {
        /// Percent of the straight-line rate, 1 to 1000: 200 is
        /// double-declining, 150 is 150 % declining balance. Default 200.
        #[serde(default = "default_factor")]
        factor: u32,
        /// Switch to straight line over the remaining life once that writes
        /// off more, reaching salvage exactly at the end of the life
        /// (default true). Without it the last year writes down to salvage.
        #[serde(default = "default_true")]
        switch_to_straight_line: bool,
    },
    /// Sum of the years' digits: year k of n writes off
    /// (n - k + 1) / (n (n + 1) / 2) of the base.
    SumOfYearsDigits,
    /// MACRS GDS: the percentage tables of IRS Publication 946, Appendix A
    /// (half-year or mid-quarter convention; salvage is ignored).
    Macrs {
        /// The recovery period in years: 3, 5, 7, 10, 15 or 20.
        class: u32,
    },
    /// Your own yearly percentages of the depreciable base.
    Custom {
        /// One decimal string per year of life (`"33.33"`), summing to
        /// exactly 100; year k is the k-th 12 months from the start of
        /// depreciation.
        yearly_percent: Vec<String>,
    },
}

fn default_factor() -> u32 {
    200
}

fn default_true() -> bool {
    true
}

fn default_fiscal_year_start() -> u32 {
    1
}

impl Method {
    /// The JSON fields a rule with this method may have.
    fn rule_fields(&self) -> &'static [&'static str] {
        match self {
            Method::StraightLine | Method::SumOfYearsDigits => &[
                "method",
                "life_months",
                "salvage",
                "convention",
                "fiscal_year_start",
            ],
            Method::DecliningBalance { .. } => &[
                "method",
                "factor",
                "switch_to_straight_line",
                "life_months",
                "salvage",
                "convention",
                "fiscal_year_start",
            ],
            Method::Macrs { .. } => &[
                "method",
                "class",
                "life_months",
                "salvage",
                "convention",
                "fiscal_year_start",
            ],
            Method::Custom { .. } => &[
                "method",
                "yearly_percent",
                "life_months",
                "salvage",
                "convention",
                "fiscal_year_start",
            ],
        }
    }
}

/// How much of the first (and last) year counts: where in time the life
/// starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Convention {
    /// The life starts on the first day of the month placed in service:
    /// that month counts fully.
    #[default]
    FullMonth,
    /// The life starts in the middle of the month placed in service: half
    /// of that month counts, and half a month after the last full one.
    MidMonth,
    /// The life starts in the middle of the fiscal year placed in service:
    /// half a year in year 1, and an extra half year at the end.
    HalfYear,
    /// The life starts in the middle of the quarter (of the fiscal year)
    /// placed in service: 1.5 months into it.
    MidQuarter,
    /// The life starts on the day placed in service and ends the same day
    /// of the month `life_months` later; years are prorated by days.
    Daily,
}

impl Convention {
    /// The JSON name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Convention::FullMonth => "full-month",
            Convention::MidMonth => "mid-month",
            Convention::HalfYear => "half-year",
            Convention::MidQuarter => "mid-quarter",
            Convention::Daily => "daily",
        }
    }
}

/// The value left at the end of the life.
///
/// In JSON: `{"amount": "100.00 EUR"}` or `{"percent": "10"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Salvage {
    /// An amount, in the currency of the cost.
    Amount(Money),
    /// A percentage of the cost as a decimal string: `"10"` is 10 %, rounded
    /// half away from zero to the minor unit.
    Percent(String),
}

impl std::str::FromStr for Salvage {
    type Err = Error;

    /// The text form every front end takes: `"500.00 USD"` (an amount) or
    /// `"10%"` (a percentage of the cost).
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().strip_suffix('%') {
            Some(p) => Ok(Salvage::Percent(p.trim().to_owned())),
            None => Ok(Salvage::Amount(s.parse()?)),
        }
    }
}

impl std::fmt::Display for Salvage {
    /// `"500.00 USD"` or `"10%"`: what [`Salvage::from_str`] reads.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Salvage::Amount(m) => write!(f, "{m}"),
            Salvage::Percent(p) => write!(f, "{p}%"),
        }
    }
}

/// A depreciation rule: method, useful life, salvage, convention and fiscal
/// year. JSON fields other than these (and the method's) are refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// The method; its name and fields sit in the rule's own JSON object.
    #[serde(flatten)]
    pub method: Method,
    /// The useful life in months, 1 to 600; for MACRS the class times 12.
    pub life_months: u32,
    /// The salvage value; none is zero. MACRS takes none (or zero).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub salvage: Option<Salvage>,
    /// When the life starts (default full-month).
    pub convention: Convention,
    /// The month, 1 to 12, the fiscal year starts in (default 1: the
    /// calendar year).
    pub fiscal_year_start: u32,
}

impl<'de> Deserialize<'de> for Rule {
    /// The method's fields are flattened into the rule, which serde cannot
    /// combine with `deny_unknown_fields`: the rule's own fields are read
    /// here, the rest is the method's, and any field neither knows is
    /// refused.
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Flat {
            life_months: u32,
            #[serde(default)]
            salvage: Option<Salvage>,
            #[serde(default)]
            convention: Convention,
            #[serde(default = "default_fiscal_year_start")]
            fiscal_year_start: u32,
            #[serde(flatten)]
            method: serde_json::Map<String, serde_json::Value>,
        }
        let flat = Flat::deserialize(d)?;
        let keys: Vec<String> = flat.method.keys().cloned().collect();
        let method = Method::deserialize(serde_json::Value::Object(flat.method))
            .map_err(D::Error::custom)?;
        let allowed = method.rule_fields();
        if let Some(unknown) = keys.iter().find(|k| !allowed.contains(&k.as_str())) {
            return Err(D::Error::unknown_field(unknown, allowed));
        }
        Ok(Rule {
            method,
            life_months: flat.life_months,
            salvage: flat.salvage,
            convention: flat.convention,
            fiscal_year_start: flat.fiscal_year_start,
        })
    }
}

/// What validation works out on the way: the salvage in minor units and
/// the custom percentages.
pub(crate) struct Checked {
    /// Salvage, minor units of the cost's currency.
    pub(crate) salvage: i128,
    /// Custom yearly shares in billionths of a percent (empty for the other
    /// methods).
    pub(crate) percents: Vec<i128>,
}

impl Rule {
    /// Check the rule against a cost. Errors are `INVALID_VALUE` naming the
    /// field: `cost` (negative), `life_months` (0, over 600, or not the
    /// MACRS class times 12), `fiscal_year_start` (not 1 to 12), `factor`
    /// (0 or over 1000), `class` (no MACRS table), `convention` (MACRS
    /// takes half-year or mid-quarter), `yearly_percent` (unparsable, not
    /// one per year of life, or not summing to 100), `salvage` (negative,
    /// above the cost, another currency, or any salvage under MACRS).
    pub fn validate(&self, cost: Money) -> Result<()> {
        self.check(cost).map(|_| ())
    }

    pub(crate) fn check(&self, cost: Money) -> Result<Checked> {
        if cost.is_negative() {
            return Err(Error::invalid("cost", cost, "must not be negative"));
        }
        let life = self.life_months;
        if !(1..=MAX_LIFE_MONTHS).contains(&life) {
            return Err(Error::invalid(
                "life_months",
                life,
                "between 1 and 600 months",
            ));
        }
        if !(1..=12).contains(&self.fiscal_year_start) {
            return Err(Error::invalid(
                "fiscal_year_start",
                self.fiscal_year_start,
                "the month the fiscal year starts in, 1 to 12",
            ));
        }
        let mut percents = Vec::new();
        match &self.method {
            Method::StraightLine | Method::SumOfYearsDigits => {}
            Method::DecliningBalance { factor, .. } => {
                if !(1..=MAX_FACTOR).contains(factor) {
                    return Err(Error::invalid(
                        "factor",
                        factor,
                        "percent of the straight-line rate, 1 to 1000 (200 is double-declining)",
                    ));
                }
            }
            Method::Macrs { class } => {
                if !macrs::CLASSES.contains(class) {
                    return Err(Error::invalid(
                        "class",
                        class,
                        "a MACRS GDS recovery period of 3, 5, 7, 10, 15 or 20 years",
                    ));
                }
                if life != class * 12 {
                    return Err(Error::invalid(
                        "life_months",
                        life,
                        format!(
                            "{class}-year MACRS property has a life of {} months",
                            class * 12
                        ),
                    ));
                }
                if !matches!(
                    self.convention,
                    Convention::HalfYear | Convention::MidQuarter
                ) {
                    return Err(Error::invalid(
                        "convention",
                        self.convention.name(),
                        "MACRS tables exist for the half-year and mid-quarter conventions",
                    ));
                }
            }
            Method::Custom { yearly_percent } => {
                percents = check_percentages(yearly_percent, life)?;
            }
        }
        let salvage = self.salvage_minor(cost)?;
        if matches!(self.method, Method::Macrs { .. }) && self.declares_salvage() {
            return Err(Error::invalid(
                "salvage",
                self.salvage_text(),
                "MACRS recovers the whole basis: leave salvage out or make it zero",
            ));
        }
        Ok(Checked { salvage, percents })
    }

    /// The salvage in minor units of the cost's currency, checked.
    fn salvage_minor(&self, cost: Money) -> Result<i128> {
        match &self.salvage {
            None => Ok(0),
            Some(Salvage::Amount(amount)) => {
                if amount.currency() != cost.currency() {
                    return Err(Error::invalid(
                        "salvage",
                        amount,
                        format!("must be in {}, the currency of the cost", cost.currency()),
                    ));
                }
                if amount.is_negative() {
                    return Err(Error::invalid("salvage", amount, "must not be negative"));
                }
                if amount.minor() > cost.minor() {
                    return Err(Error::invalid(
                        "salvage",
                        amount,
                        format!("must not be above the cost ({cost})"),
                    ));
                }
                Ok(i128::from(amount.minor()))
            }
            Some(Salvage::Percent(text)) => {
                let share = parse_percent(text)
                    .map_err(|reason| Error::invalid("salvage", text, reason))?;
                if share > HUNDRED_PERCENT {
                    return Err(Error::invalid(
                        "salvage",
                        text,
                        "a percentage of the cost must not be above 100",
                    ));
                }
                Ok(div_round(i128::from(cost.minor()) * share, HUNDRED_PERCENT))
            }
        }
    }

    /// True when the rule states a salvage other than zero.
    fn declares_salvage(&self) -> bool {
        match &self.salvage {
            None => false,
            Some(Salvage::Amount(amount)) => amount.minor() != 0,
            Some(Salvage::Percent(text)) => parse_percent(text) != Ok(0),
        }
    }

    fn salvage_text(&self) -> String {
        match &self.salvage {
            None => String::new(),
            Some(Salvage::Amount(amount)) => amount.to_string(),
            Some(Salvage::Percent(text)) => format!("{text} %"),
        }
    }
}

/// Parse the custom yearly percentages: one per year of life, summing to
/// exactly 100.
fn check_percentages(yearly_percent: &[String], life_months: u32) -> Result<Vec<i128>> {
    let years = life_months.div_ceil(12) as usize;
    if yearly_percent.len() != years {
        return Err(Error::invalid(
            "yearly_percent",
            format!("{} percentages", yearly_percent.len()),
            format!("one percentage per year of life: {years} for {life_months} months"),
        ));
    }
    let shares = yearly_percent
        .iter()
        .map(|p| parse_percent(p).map_err(|reason| Error::invalid("yearly_percent", p, reason)))
        .collect::<Result<Vec<i128>>>()?;
    let sum: i128 = shares.iter().sum();
    if sum != HUNDRED_PERCENT {
        return Err(Error::invalid(
            "yearly_percent",
            format!("sum {}", show_percent(sum)),
            "the percentages must sum to exactly 100",
        ));
    }
    Ok(shares)
}

/// A percentage as a decimal string (`"33.33"`, `"10"`, `".5"`) in
/// billionths of a percent: digits and an optional point, no sign, at most
/// 9 decimal places and 3 digits before the point.
pub(crate) fn parse_percent(text: &str) -> std::result::Result<i128, &'static str> {
    let t = text.trim();
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    if int.is_empty() && frac.is_empty() {
        return Err("a percentage needs digits, such as \"33.33\"");
    }
    if !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
        return Err("a percentage is digits with an optional '.', such as \"33.33\" (no sign, separators or exponent)");
    }
    if int.len() > 3 {
        return Err("a percentage must not be above 100");
    }
    let frac = frac.trim_end_matches('0');
    if frac.len() > MAX_PERCENT_DECIMALS {
        return Err("at most 9 decimal places");
    }
    let whole: i128 = if int.is_empty() {
        0
    } else {
        int.parse().map_err(|_| "unreadable digits")?
    };
    let mut fraction: i128 = 0;
    for i in 0..MAX_PERCENT_DECIMALS {
        let digit = frac.as_bytes().get(i).map_or(0, |b| b - b'0');
        fraction = fraction * 10 + i128::from(digit);
    }
    Ok(whole * PERCENT_UNIT + fraction)
}

/// Billionths of a percent as a short decimal (`"99.99"`).
fn show_percent(v: i128) -> String {
    let s = format_decimal(v, MAX_PERCENT_DECIMALS as u32);
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd(s: &str) -> Money {
        format!("{s} USD").parse().unwrap()
    }

    fn rule(method: Method, life_months: u32) -> Rule {
        Rule {
            method,
            life_months,
            salvage: None,
            convention: Convention::FullMonth,
            fiscal_year_start: 1,
        }
    }

    /// The error is INVALID_VALUE and names the field.
    fn refused(r: &Rule, cost: &str, field: &str) {
        let e = r.validate(usd(cost)).unwrap_err();
        assert_eq!(e.code(), "INVALID_VALUE", "{e}");
        assert_eq!(e.details()["field"], field, "{e}");
    }

    #[test]
    fn the_json_form_round_trips() {
        let json = r#"{"method": "declining-balance", "factor": 150, "switch_to_straight_line": false,
            "life_months": 60, "salvage": {"percent": "10"}, "convention": "half-year",
            "fiscal_year_start": 4}"#;
        let r: Rule = serde_json::from_str(json).unwrap();
        assert_eq!(
            r,
            Rule {
                method: Method::DecliningBalance {
                    factor: 150,
                    switch_to_straight_line: false
                },
                life_months: 60,
                salvage: Some(Salvage::Percent("10".into())),
                convention: Convention::HalfYear,
                fiscal_year_start: 4,
            }
        );
        let back = serde_json::to_value(&r).unwrap();
        assert_eq!(
            back,
            serde_json::json!({"method": "declining-balance", "factor": 150,
                "switch_to_straight_line": false, "life_months": 60,
                "salvage": {"percent": "10"}, "convention": "half-year", "fiscal_year_start": 4})
        );
        assert_eq!(serde_json::from_value::<Rule>(back).unwrap(), r);

        let json = r#"{"method": "custom", "yearly_percent": ["50", "30", "20"], "life_months": 36,
            "salvage": {"amount": "100.00 EUR"}}"#;
        let r: Rule = serde_json::from_str(json).unwrap();
        assert_eq!(
            r.salvage,
            Some(Salvage::Amount("100.00 EUR".parse().unwrap()))
        );
        let r: Rule = serde_json::from_str(
            r#"{"method": "macrs", "class": 5, "life_months": 60,
            "convention": "mid-quarter"}"#,
        )
        .unwrap();
        assert_eq!(r.method, Method::Macrs { class: 5 });
    }

    #[test]
    fn defaults_are_double_declining_with_switch_full_month_calendar_year() {
        let r: Rule =
            serde_json::from_str(r#"{"method": "declining-balance", "life_months": 36}"#).unwrap();
        assert_eq!(
            r.method,
            Method::DecliningBalance {
                factor: 200,
                switch_to_straight_line: true
            }
        );
        assert_eq!(r.salvage, None);
        assert_eq!(r.convention, Convention::FullMonth);
        assert_eq!(r.fiscal_year_start, 1);
        let r: Rule =
            serde_json::from_str(r#"{"method": "sum-of-years-digits", "life_months": 1}"#).unwrap();
        assert_eq!(r.method, Method::SumOfYearsDigits);
        // a rule with no salvage has no salvage field
        let v = serde_json::to_value(rule(Method::StraightLine, 12)).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"method": "straight-line", "life_months": 12,
                "convention": "full-month", "fiscal_year_start": 1})
        );
    }

    #[test]
    fn unknown_fields_and_methods_are_refused() {
        for json in [
            r#"{"method": "straight-line", "life_months": 36, "colour": "red"}"#,
            // a field of another method
            r#"{"method": "straight-line", "factor": 200, "life_months": 36}"#,
            r#"{"method": "macrs", "class": 5, "factor": 200, "life_months": 60}"#,
            r#"{"method": "declining", "life_months": 36}"#,
            r#"{"life_months": 36}"#,
            r#"{"method": "straight-line"}"#,
            r#"{"method": "straight-line", "life_months": 36, "convention": "mid-year"}"#,
            r#"{"method": "straight-line", "life_months": 36, "salvage": {"share": "1"}}"#,
            r#"{"method": "straight-line", "life_months": 36, "salvage": {"amount": 10}}"#,
        ] {
            assert!(serde_json::from_str::<Rule>(json).is_err(), "{json}");
        }
        let e = serde_json::from_str::<Rule>(
            r#"{"method": "straight-line", "factor": 200, "life_months": 36}"#,
        )
        .unwrap_err();
        assert!(e.to_string().contains("unknown field `factor`"), "{e}");
    }

    #[test]
    fn bad_lives_factors_and_years_name_their_field() {
        refused(&rule(Method::StraightLine, 0), "100.00", "life_months");
        refused(&rule(Method::StraightLine, 601), "100.00", "life_months");
        refused(&rule(Method::StraightLine, 12), "-1.00", "cost");
        let mut r = rule(Method::StraightLine, 12);
        r.fiscal_year_start = 0;
        refused(&r, "100.00", "fiscal_year_start");
        r.fiscal_year_start = 13;
        refused(&r, "100.00", "fiscal_year_start");
        for factor in [0, 1001] {
            let db = Method::DecliningBalance {
                factor,
                switch_to_straight_line: true,
            };
            refused(&rule(db, 36), "100.00", "factor");
        }
        assert!(rule(Method::StraightLine, 600)
            .validate(usd("0.00"))
            .is_ok());
    }

    #[test]
    fn bad_macrs_rules_name_their_field() {
        let macrs = |class, life, convention| Rule {
            convention,
            ..rule(Method::Macrs { class }, life)
        };
        refused(&macrs(4, 48, Convention::HalfYear), "100.00", "class");
        refused(&macrs(25, 300, Convention::HalfYear), "100.00", "class");
        refused(&macrs(5, 36, Convention::HalfYear), "100.00", "life_months");
        for convention in [
            Convention::FullMonth,
            Convention::MidMonth,
            Convention::Daily,
        ] {
            refused(&macrs(5, 60, convention), "100.00", "convention");
        }
        let mut r = macrs(5, 60, Convention::HalfYear);
        r.salvage = Some(Salvage::Amount(usd("1.00")));
        refused(&r, "100.00", "salvage");
        r.salvage = Some(Salvage::Percent("10".into()));
        refused(&r, "100.00", "salvage");
        r.salvage = Some(Salvage::Percent("0.0".into()));
        assert!(r.validate(usd("100.00")).is_ok());
        r.salvage = Some(Salvage::Amount(usd("0.00")));
        assert!(r.validate(usd("100.00")).is_ok());
    }

    #[test]
    fn bad_salvage_names_the_field() {
        let with = |salvage| Rule {
            salvage: Some(salvage),
            ..rule(Method::StraightLine, 36)
        };
        refused(&with(Salvage::Amount(usd("100.01"))), "100.00", "salvage");
        refused(&with(Salvage::Amount(usd("-0.01"))), "100.00", "salvage");
        let eur = Salvage::Amount("1.00 EUR".parse().unwrap());
        refused(&with(eur), "100.00", "salvage");
        for bad in [
            "100.5",
            "1000",
            "-5",
            "ten",
            "",
            "1e1",
            "5 %",
            "0.0000000001",
        ] {
            refused(&with(Salvage::Percent(bad.into())), "100.00", "salvage");
        }
        assert!(with(Salvage::Amount(usd("100.00")))
            .validate(usd("100.00"))
            .is_ok());
        assert!(with(Salvage::Percent("100".into()))
            .validate(usd("100.00"))
            .is_ok());
    }

    #[test]
    fn custom_percentages_are_one_a_year_and_sum_to_100() {
        let custom = |p: &[&str], life| {
            let yearly_percent = p.iter().map(ToString::to_string).collect();
            rule(Method::Custom { yearly_percent }, life)
        };
        assert!(custom(&["33.33", "33.33", "33.34"], 36)
            .validate(usd("1.00"))
            .is_ok());
        // 30 months: 3 years, the last one of 6 months
        assert!(custom(&["40", "40", "20"], 30)
            .validate(usd("1.00"))
            .is_ok());
        refused(
            &custom(&["33.33", "33.33", "33.33"], 36),
            "1.00",
            "yearly_percent",
        );
        refused(&custom(&["50", "50"], 36), "1.00", "yearly_percent");
        refused(&custom(&["50", "50", "abc"], 36), "1.00", "yearly_percent");
        refused(&custom(&["150", "-50", "0"], 36), "1.00", "yearly_percent");
        refused(&custom(&[], 12), "1.00", "yearly_percent");
        let e = custom(&["33.33", "33.33", "33.33"], 36)
            .validate(usd("1.00"))
            .unwrap_err();
        assert!(e.to_string().contains("99.99"), "{e}");
    }

    #[test]
    fn percentages_parse_exactly() {
        assert_eq!(parse_percent("10"), Ok(10 * PERCENT_UNIT));
        assert_eq!(parse_percent("33.33"), Ok(33_330_000_000));
        assert_eq!(parse_percent(".5"), Ok(PERCENT_UNIT / 2));
        assert_eq!(parse_percent("12.500000000000"), Ok(12_500_000_000));
        assert_eq!(parse_percent("0.000000001"), Ok(1));
        assert!(parse_percent("0.0000000001").is_err());
        assert!(parse_percent(".").is_err());
        assert!(parse_percent("1,5").is_err());
        assert!(parse_percent("+1").is_err());
        assert_eq!(show_percent(99_990_000_000), "99.99");
        assert_eq!(show_percent(100 * PERCENT_UNIT), "100");
    }

    #[test]
    fn percent_salvage_rounds_half_away_from_zero() {
        let r = Rule {
            salvage: Some(Salvage::Percent("12.5".into())),
            ..rule(Method::StraightLine, 12)
        };
        // 12.5 % of 0.99 = 0.12375 -> 0.12; of 1.00 = 0.125 -> 0.13
        assert_eq!(r.check(usd("0.99")).unwrap().salvage, 12);
        assert_eq!(r.check(usd("1.00")).unwrap().salvage, 13);
        let jpy: Money = "1001 JPY".parse().unwrap();
        assert_eq!(r.check(jpy).unwrap().salvage, 125);
    }
}
