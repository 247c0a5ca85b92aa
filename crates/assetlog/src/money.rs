//! Money: integer minor units with an ISO 4217 currency, and caller-supplied FX rates.
//!
//! Amounts are never floats. Text forms are `"1299.00 USD"` (or `"USD 1299.00"`);
//! the number of decimals follows the currency (JPY 0, EUR 2, KWD 3).
//! Sums across currencies exist only through an [`FxRates`] table.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{truncate_for_message, Error, Result};

/// Active ISO 4217 codes with their number of minor-unit digits.
const CURRENCIES: &[(&str, u8)] = &[
    ("AED", 2),
    ("AFN", 2),
    ("ALL", 2),
    ("AMD", 2),
    ("ANG", 2),
    ("AOA", 2),
    ("ARS", 2),
    ("AUD", 2),
    ("AWG", 2),
    ("AZN", 2),
    ("BAM", 2),
    ("BBD", 2),
    ("BDT", 2),
    ("BGN", 2),
    ("BHD", 3),
    ("BIF", 0),
    ("BMD", 2),
    ("BND", 2),
    ("BOB", 2),
    ("BOV", 2),
    ("BRL", 2),
    ("BSD", 2),
    ("BTN", 2),
    ("BWP", 2),
    ("BYN", 2),
    ("BZD", 2),
    ("CAD", 2),
    ("CDF", 2),
    ("CHE", 2),
    ("CHF", 2),
    ("CHW", 2),
    ("CLF", 4),
    ("CLP", 0),
    ("CNY", 2),
    ("COP", 2),
    ("COU", 2),
    ("CRC", 2),
    ("CUC", 2),
    ("CUP", 2),
    ("CVE", 2),
    ("CZK", 2),
    ("DJF", 0),
    ("DKK", 2),
    ("DOP", 2),
    ("DZD", 2),
    ("EGP", 2),
    ("ERN", 2),
    ("ETB", 2),
    ("EUR", 2),
    ("FJD", 2),
    ("FKP", 2),
    ("GBP", 2),
    ("GEL", 2),
    ("GHS", 2),
    ("GIP", 2),
    ("GMD", 2),
    ("GNF", 0),
    ("GTQ", 2),
    ("GYD", 2),
    ("HKD", 2),
    ("HNL", 2),
    ("HTG", 2),
    ("HUF", 2),
    ("IDR", 2),
    ("ILS", 2),
    ("INR", 2),
    ("IQD", 3),
    ("IRR", 2),
    ("ISK", 0),
    ("JMD", 2),
    ("JOD", 3),
    ("JPY", 0),
    ("KES", 2),
    ("KGS", 2),
    ("KHR", 2),
    ("KMF", 0),
    ("KPW", 2),
    ("KRW", 0),
    ("KWD", 3),
    ("KYD", 2),
    ("KZT", 2),
    ("LAK", 2),
    ("LBP", 2),
    ("LKR", 2),
    ("LRD", 2),
    ("LSL", 2),
    ("LYD", 3),
    ("MAD", 2),
    ("MDL", 2),
    ("MGA", 2),
    ("MKD", 2),
    ("MMK", 2),
    ("MNT", 2),
    ("MOP", 2),
    ("MRU", 2),
    ("MUR", 2),
    ("MVR", 2),
    ("MWK", 2),
    ("MXN", 2),
    ("MXV", 2),
    ("MYR", 2),
    ("MZN", 2),
    ("NAD", 2),
    ("NGN", 2),
    ("NIO", 2),
    ("NOK", 2),
    ("NPR", 2),
    ("NZD", 2),
    ("OMR", 3),
    ("PAB", 2),
    ("PEN", 2),
    ("PGK", 2),
    ("PHP", 2),
    ("PKR", 2),
    ("PLN", 2),
    ("PYG", 0),
    ("QAR", 2),
    ("RON", 2),
    ("RSD", 2),
    ("RUB", 2),
    ("RWF", 0),
    ("SAR", 2),
    ("SBD", 2),
    ("SCR", 2),
    ("SDG", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("SHP", 2),
    ("SLE", 2),
    ("SOS", 2),
    ("SRD", 2),
    ("SSP", 2),
    ("STN", 2),
    ("SVC", 2),
    ("SYP", 2),
    ("SZL", 2),
    ("THB", 2),
    ("TJS", 2),
    ("TMT", 2),
    ("TND", 3),
    ("TOP", 2),
    ("TRY", 2),
    ("TTD", 2),
    ("TWD", 2),
    ("TZS", 2),
    ("UAH", 2),
    ("UGX", 0),
    ("USD", 2),
    ("USN", 2),
    ("UYI", 0),
    ("UYU", 2),
    ("UYW", 4),
    ("UZS", 2),
    ("VED", 2),
    ("VES", 2),
    ("VND", 0),
    ("VUV", 0),
    ("WST", 2),
    ("XAF", 0),
    ("XCD", 2),
    ("XCG", 2),
    ("XOF", 0),
    ("XPF", 0),
    ("YER", 2),
    ("ZAR", 2),
    ("ZMW", 2),
    ("ZWG", 2),
];

/// An ISO 4217 currency (only active codes are accepted).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Currency([u8; 3]);

impl Currency {
    /// Parse a three-letter code (upper or lower case).
    pub fn new(code: &str) -> Result<Self> {
        let t = code.trim().as_bytes();
        if t.len() == 3 {
            let key = [
                t[0].to_ascii_uppercase(),
                t[1].to_ascii_uppercase(),
                t[2].to_ascii_uppercase(),
            ];
            // CURRENCIES is sorted by code.
            if CURRENCIES
                .binary_search_by(|(c, _)| c.as_bytes().cmp(&key[..]))
                .is_ok()
            {
                return Ok(Currency(key));
            }
        }
        Err(Error::UnknownCurrency {
            code: truncate_for_message(code),
        })
    }

    /// The three-letter code.
    pub fn code(&self) -> &str {
        // Only ASCII letters from the table are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }

    /// Digits after the decimal point (2 for EUR, 0 for JPY, 3 for KWD).
    pub fn exponent(&self) -> u32 {
        CURRENCIES
            .binary_search_by(|(c, _)| c.as_bytes().cmp(&self.0[..]))
            .map_or(2, |i| u32::from(CURRENCIES[i].1))
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Currency::new(s)
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Currency::new(&s).map_err(crate::error::serde_error)
    }
}

/// An amount of money: integer minor units (cents, pence, yen) and a currency.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    minor: i64,
    currency: Currency,
}

impl Money {
    /// From minor units (`Money::from_minor(129_900, usd)` is 1299.00 USD).
    pub fn from_minor(minor: i64, currency: Currency) -> Self {
        Money { minor, currency }
    }

    /// Zero in a currency.
    pub fn zero(currency: Currency) -> Self {
        Money { minor: 0, currency }
    }

    /// Parse an amount in major units, such as `"1299.00"`, for a currency.
    pub fn parse_amount(amount: &str, currency: Currency) -> Result<Self> {
        let minor = parse_decimal(amount.trim(), currency.exponent()).map_err(|reason| {
            Error::InvalidAmount {
                input: truncate_for_message(amount),
                reason,
            }
        })?;
        Ok(Money { minor, currency })
    }

    /// Minor units.
    pub fn minor(&self) -> i64 {
        self.minor
    }

    /// The currency.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The amount in major units as an exact decimal string (`"1299.00"`).
    pub fn amount_string(&self) -> String {
        format_decimal(i128::from(self.minor), self.currency.exponent())
    }

    /// True when the amount is below zero.
    pub fn is_negative(&self) -> bool {
        self.minor < 0
    }

    /// Refuse a negative amount for `field`.
    pub fn non_negative(self, field: &str) -> Result<Self> {
        if self.is_negative() {
            return Err(Error::NegativeAmount {
                field: field.to_owned(),
                amount: self.to_string(),
            });
        }
        Ok(self)
    }

    /// Exact sum; refuses mixed currencies and overflow.
    pub fn checked_add(self, other: Money) -> Result<Money> {
        if self.currency != other.currency {
            return Err(Error::CurrencyMismatch {
                left: self.currency.to_string(),
                right: other.currency.to_string(),
            });
        }
        let minor = self
            .minor
            .checked_add(other.minor)
            .ok_or_else(|| Error::AmountOverflow {
                what: other.to_string(),
            })?;
        Ok(Money { minor, ..self })
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount_string(), self.currency)
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for Money {
    type Err = Error;
    /// `"1299.00 USD"`, `"USD 1299.00"` or `"1299 usd"`.
    fn from_str(s: &str) -> Result<Self> {
        let mut parts = s.split_whitespace();
        let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(Error::InvalidAmount {
                input: truncate_for_message(s),
                reason: "write an amount and a currency, such as \"1299.00 USD\"".into(),
            });
        };
        // "1299.00 USD" or "USD 1299.00": whichever side is a currency code.
        if let Ok(c) = Currency::new(b) {
            return Money::parse_amount(a, c);
        }
        if let Ok(c) = Currency::new(a) {
            return Money::parse_amount(b, c);
        }
        let looks_numeric =
            |t: &str| t.starts_with(|ch: char| ch.is_ascii_digit() || ch == '-' || ch == '.');
        Err(Error::UnknownCurrency {
            code: truncate_for_message(if looks_numeric(a) { b } else { a }),
        })
    }
}

impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Money {
    /// Accepts `"1299.00 USD"` or `{"amount": "1299.00", "currency": "USD"}`.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(MoneyVisitor)
    }
}

struct MoneyVisitor;

fn not_a_number_error(input: &str) -> Error {
    Error::InvalidAmount {
        input: input.to_owned(),
        reason: "money is text with its currency, such as \"1299.00 USD\", never a bare number"
            .into(),
    }
}

impl<'de> serde::de::Visitor<'de> for MoneyVisitor {
    type Value = Money;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(r#"money as "1299.00 USD" or {"amount": "1299.00", "currency": "USD"}"#)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Money, E> {
        v.parse().map_err(crate::error::serde_error)
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<Money, E> {
        Err(crate::error::serde_error(not_a_number_error(
            &v.to_string(),
        )))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<Money, E> {
        Err(crate::error::serde_error(not_a_number_error(
            &v.to_string(),
        )))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<Money, E> {
        Err(crate::error::serde_error(not_a_number_error(
            &v.to_string(),
        )))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Money, A::Error> {
        use serde::de::Error as _;
        let (mut amount, mut currency) = (None::<String>, None::<String>);
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "amount" => {
                    amount = Some(map.next_value::<String>().map_err(|_| {
                        crate::error::serde_error::<A::Error>(Error::InvalidAmount {
                            input: "(not a string)".into(),
                            reason:
                                "an amount is a decimal string such as \"1299.00\", never a float"
                                    .into(),
                        })
                    })?);
                }
                "currency" => currency = Some(map.next_value()?),
                other => return Err(A::Error::unknown_field(other, &["amount", "currency"])),
            }
        }
        let amount = amount.ok_or_else(|| A::Error::missing_field("amount"))?;
        let currency = currency.ok_or_else(|| A::Error::missing_field("currency"))?;
        Currency::new(&currency)
            .and_then(|c| Money::parse_amount(&amount, c))
            .map_err(crate::error::serde_error)
    }
}

/// Parse a decimal string into an integer scaled by 10^exponent, exactly.
fn parse_decimal(s: &str, exponent: u32) -> std::result::Result<i64, String> {
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    if int.is_empty() && frac.is_empty() {
        return Err("no digits".into());
    }
    // No digit separators: "12,5" is a decimal comma in much of the world,
    // and reading it as 125 would silently change an amount.
    if !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
        return Err(
            "use digits with an optional '.' (no separators, no exponent), such as 1299.00".into(),
        );
    }
    let frac_trimmed = frac.trim_end_matches('0');
    if frac_trimmed.len() > exponent as usize {
        return Err(format!(
            "more than {exponent} decimal places for this currency"
        ));
    }
    let mut value: i64 = 0;
    let overflow = || "too large for 64-bit minor units".to_string();
    for c in int.chars() {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(i64::from(c as u8 - b'0')))
            .ok_or_else(overflow)?;
    }
    for i in 0..exponent as usize {
        let d = frac_trimmed.as_bytes().get(i).map_or(0, |b| b - b'0');
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(i64::from(d)))
            .ok_or_else(overflow)?;
    }
    Ok(if neg { -value } else { value })
}

/// Format an integer scaled by 10^exponent as a decimal string.
pub(crate) fn format_decimal(value: i128, exponent: u32) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let abs = value.unsigned_abs();
    if exponent == 0 {
        return format!("{sign}{abs}");
    }
    let scale = 10u128.pow(exponent);
    format!(
        "{sign}{}.{:0width$}",
        abs / scale,
        abs % scale,
        width = exponent as usize
    )
}

/// An exchange rate: an exact decimal (mantissa / 10^scale).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Rate {
    mantissa: i128,
    scale: u32,
}

/// Exchange rates supplied by the caller, by date.
///
/// A conversion on a date uses the latest rate on or before that date, for
/// the pair in either direction (an inverse rate is used exactly).
#[derive(Clone, Debug, Default)]
pub struct FxRates {
    rates: BTreeMap<(Currency, Currency), BTreeMap<NaiveDate, Rate>>,
}

impl FxRates {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Add "1 `from` = `rate` `to`" valid from `date`; the rate is a decimal string.
    pub fn add(&mut self, date: NaiveDate, from: Currency, to: Currency, rate: &str) -> Result<()> {
        let bad = |reason: &str| Error::invalid("FX rate", rate, reason);
        let (int, frac) = rate.trim().split_once('.').unwrap_or((rate.trim(), ""));
        if frac.len() > 12 || int.len() > 12 {
            return Err(bad("at most 12 digits before and after the decimal point"));
        }
        if int.is_empty() && frac.is_empty() {
            return Err(bad("no digits"));
        }
        if !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
            return Err(bad("a positive decimal such as 1.0853"));
        }
        let mantissa: i128 = format!("{int}{frac}")
            .parse()
            .map_err(|_| bad("not a number"))?;
        if mantissa == 0 {
            return Err(bad("a rate must be above zero"));
        }
        if from == to {
            return Err(bad("a rate needs two different currencies"));
        }
        let scale = frac.len() as u32;
        self.rates
            .entry((from, to))
            .or_default()
            .insert(date, Rate { mantissa, scale });
        Ok(())
    }

    /// Read rates from CSV text with the header `date,from,to,rate`.
    pub fn from_csv(text: &str) -> Result<Self> {
        let mut rates = FxRates::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || (n == 0 && line.to_ascii_lowercase().starts_with("date")) {
                continue;
            }
            let cols: Vec<&str> = line.split(',').map(str::trim).collect();
            let [date, from, to, rate] = cols[..] else {
                return Err(Error::invalid(
                    "FX rate line",
                    format!("{}: {line}", n + 1),
                    "expected date,from,to,rate",
                ));
            };
            rates.add_row(date, from, to, rate)?;
        }
        Ok(rates)
    }

    /// Add a rate given as text, as the bindings receive it: the date
    /// (`YYYY-MM-DD`), the two currency codes and the rate (`1.0837`).
    pub fn add_row(&mut self, date: &str, from: &str, to: &str, rate: &str) -> Result<()> {
        let date = crate::time::parse_date("FX rate date", date)?;
        self.add(
            date,
            Currency::new(from.trim())?,
            Currency::new(to.trim())?,
            rate.trim(),
        )
    }

    /// Rates from rows of text (date, from, to, rate); see [`FxRates::add_row`].
    pub fn from_rows<'a>(rows: impl IntoIterator<Item = [&'a str; 4]>) -> Result<Self> {
        let mut rates = FxRates::new();
        for [date, from, to, rate] in rows {
            rates.add_row(date, from, to, rate)?;
        }
        Ok(rates)
    }

    /// The exact sum of `amounts`, each converted into `to` at the rate in
    /// force on `date`.
    pub fn sum_in(
        &self,
        amounts: impl IntoIterator<Item = Money>,
        to: Currency,
        date: NaiveDate,
    ) -> Result<Money> {
        amounts.into_iter().try_fold(Money::zero(to), |acc, m| {
            acc.checked_add(self.convert(m, to, date)?)
        })
    }

    /// Convert `money` into `to` with the rate in force on `date`, rounding half to even.
    pub fn convert(&self, money: Money, to: Currency, date: NaiveDate) -> Result<Money> {
        let from = money.currency();
        if from == to {
            return Ok(money);
        }
        let latest = |pair| {
            self.rates
                .get(&pair)
                .and_then(|m: &BTreeMap<NaiveDate, Rate>| m.range(..=date).next_back())
                .map(|(_, r)| *r)
        };
        // value_to = minor * rate * 10^(exp_to - exp_from)
        let (num, den) = if let Some(r) = latest((from, to)) {
            (r.mantissa, 10i128.pow(r.scale))
        } else if let Some(r) = latest((to, from)) {
            (10i128.pow(r.scale), r.mantissa)
        } else {
            return Err(Error::MissingFxRate {
                from: from.to_string(),
                to: to.to_string(),
                date: date.to_string(),
            });
        };
        let overflow = || Error::AmountOverflow {
            what: money.to_string(),
        };
        let mut n = i128::from(money.minor())
            .checked_mul(num)
            .and_then(|v| v.checked_mul(10i128.pow(to.exponent())))
            .ok_or_else(overflow)?;
        let d = den
            .checked_mul(10i128.pow(from.exponent()))
            .ok_or_else(overflow)?;
        if n < 0 {
            n = -n;
            let q = div_round_half_even(n, d);
            return i64::try_from(-q)
                .map(|m| Money::from_minor(m, to))
                .map_err(|_| overflow());
        }
        i64::try_from(div_round_half_even(n, d))
            .map(|m| Money::from_minor(m, to))
            .map_err(|_| overflow())
    }
}

fn div_round_half_even(n: i128, d: i128) -> i128 {
    let q = n / d;
    let r = n % d;
    match (2 * r).cmp(&d) {
        std::cmp::Ordering::Less => q,
        std::cmp::Ordering::Greater => q + 1,
        std::cmp::Ordering::Equal => q + (q & 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd() -> Currency {
        Currency::new("USD").unwrap()
    }

    #[test]
    fn parses_both_text_forms_exactly() {
        let a: Money = "1299.00 USD".parse().unwrap();
        let b: Money = "usd 1299".parse().unwrap();
        assert_eq!(a, b);
        assert_eq!(a.minor(), 129_900);
        assert_eq!(a.to_string(), "1299.00 USD");
        let y: Money = "150000 JPY".parse().unwrap();
        assert_eq!(y.minor(), 150_000);
        assert_eq!(y.to_string(), "150000 JPY");
        let k: Money = "1.250 KWD".parse().unwrap();
        assert_eq!(k.minor(), 1250);
    }

    #[test]
    fn refuses_what_it_cannot_represent() {
        assert_eq!(
            "1.001 USD".parse::<Money>().unwrap_err().code(),
            "INVALID_AMOUNT"
        );
        assert_eq!(
            "1.5 JPY".parse::<Money>().unwrap_err().code(),
            "INVALID_AMOUNT"
        );
        assert_eq!(
            "1e3 USD".parse::<Money>().unwrap_err().code(),
            "INVALID_AMOUNT"
        );
        assert_eq!(
            "NaN USD".parse::<Money>().unwrap_err().code(),
            "INVALID_AMOUNT"
        );
        assert_eq!(
            "12 XYZ".parse::<Money>().unwrap_err().code(),
            "UNKNOWN_CURRENCY"
        );
        assert_eq!(
            "99999999999999999999 USD"
                .parse::<Money>()
                .unwrap_err()
                .code(),
            "INVALID_AMOUNT"
        );
        // trailing zeros beyond the exponent are harmless
        assert_eq!("1.000 USD".parse::<Money>().unwrap().minor(), 100);
    }

    #[test]
    fn sums_refuse_mixed_currencies() {
        let a: Money = "1 USD".parse().unwrap();
        let b: Money = "1 EUR".parse().unwrap();
        assert_eq!(a.checked_add(b).unwrap_err().code(), "CURRENCY_MISMATCH");
        let big = Money::from_minor(i64::MAX, usd());
        assert_eq!(big.checked_add(a).unwrap_err().code(), "AMOUNT_OVERFLOW");
    }

    #[test]
    fn fx_uses_latest_rate_on_or_before_date_and_inverse() {
        let mut fx = FxRates::new();
        let eur = Currency::new("EUR").unwrap();
        let jpy = Currency::new("JPY").unwrap();
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        fx.add(d("2024-01-01"), eur, usd(), "1.10").unwrap();
        fx.add(d("2024-06-01"), eur, usd(), "1.20").unwrap();
        fx.add(d("2024-01-01"), usd(), jpy, "150").unwrap();
        let m: Money = "100.00 EUR".parse().unwrap();
        assert_eq!(
            fx.convert(m, usd(), d("2024-03-01")).unwrap().to_string(),
            "110.00 USD"
        );
        assert_eq!(
            fx.convert(m, usd(), d("2024-07-01")).unwrap().to_string(),
            "120.00 USD"
        );
        let back: Money = "120.00 USD".parse().unwrap();
        assert_eq!(
            fx.convert(back, eur, d("2024-07-01")).unwrap().to_string(),
            "100.00 EUR"
        );
        let y = fx
            .convert("1.00 USD".parse().unwrap(), jpy, d("2024-02-01"))
            .unwrap();
        assert_eq!(y.to_string(), "150 JPY");
        assert_eq!(
            fx.convert(m, usd(), d("2023-12-31")).unwrap_err().code(),
            "MISSING_FX_RATE"
        );
    }

    #[test]
    fn money_serde_accepts_text_and_parts() {
        let a: Money = serde_json::from_str("\"12.50 EUR\"").unwrap();
        let b: Money = serde_json::from_str(r#"{"amount":"12.5","currency":"eur"}"#).unwrap();
        assert_eq!(a, b);
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"12.50 EUR\"");
        assert!(serde_json::from_str::<Money>(r#"{"amount":12.5,"currency":"EUR"}"#).is_err());
    }
}
