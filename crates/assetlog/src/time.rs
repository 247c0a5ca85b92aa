//! Time: instants are UTC with microsecond precision, stored as integer
//! microseconds since the Unix epoch; calendar dates are `NaiveDate`.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeZone, Utc};

use crate::error::{truncate_for_message, Error, Result};

/// Earliest accepted `occurred_at` (assets older than this are not IT assets).
pub const EARLIEST_OCCURRED_YEAR: i32 = 1980;

/// Microseconds since the Unix epoch.
pub fn to_micros(t: DateTime<Utc>) -> i64 {
    t.timestamp_micros()
}

/// The instant of a microsecond count (clamped to chrono's range).
pub fn from_micros(us: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(us).unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// Drop sub-microsecond precision, so that a stored instant reads back equal.
pub fn truncate_to_micros(t: DateTime<Utc>) -> DateTime<Utc> {
    from_micros(to_micros(t))
}

/// The canonical text of an instant: RFC 3339 in UTC with `Z`, and only
/// as many fractional digits as needed (`2024-03-01T09:30:00Z`).
pub fn format_instant(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

/// Midnight UTC at the start of a date.
pub fn start_of_day(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_time(NaiveTime::MIN))
}

/// The last microsecond of a date in UTC: "as of 31 December" includes that whole day.
pub fn end_of_day(d: NaiveDate) -> DateTime<Utc> {
    start_of_day(d) + chrono::Duration::days(1) - chrono::Duration::microseconds(1)
}

/// Parse an RFC 3339 instant (`2024-03-01T09:30:00Z`, offsets allowed) or a
/// bare date (`2024-03-01`, read as midnight UTC).
pub fn parse_datetime(field: &str, s: &str) -> Result<DateTime<Utc>> {
    let t = s.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Ok(truncate_to_micros(dt.with_timezone(&Utc)));
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(start_of_day(d));
    }
    Err(Error::invalid(
        field,
        truncate_for_message(s),
        "expected an RFC 3339 time such as 2024-03-01T09:30:00Z, or a date such as 2024-03-01",
    ))
}

/// Parse the moment of an "as of" question: a date (`2024-12-31`) means the
/// end of that day in UTC, so "as of 31 December" includes the whole day;
/// anything else is read as an RFC 3339 instant.
pub fn parse_as_of(field: &str, s: &str) -> Result<DateTime<Utc>> {
    let t = s.trim();
    if t.len() == 10 {
        if let Ok(d) = parse_date(field, t) {
            return Ok(end_of_day(d));
        }
    }
    parse_datetime(field, t)
}

/// Parse a calendar date `YYYY-MM-DD` within 1900..=9999.
pub fn parse_date(field: &str, s: &str) -> Result<NaiveDate> {
    let d = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        Error::invalid(
            field,
            truncate_for_message(s),
            "expected a date such as 2024-03-01",
        )
    })?;
    check_date(field, d)?;
    Ok(d)
}

/// A calendar date must lie within 1900..=9999.
pub fn check_date(field: &str, d: NaiveDate) -> Result<()> {
    if (1900..=9999).contains(&d.year()) {
        Ok(())
    } else {
        Err(Error::DateOutOfRange {
            field: field.to_owned(),
            value: d.to_string(),
            reason: "dates lie between 1900-01-01 and 9999-12-31".into(),
        })
    }
}

/// `occurred_at` must lie between 1980 and one day after `now` (clocks drift;
/// planned events are not facts yet).
pub fn check_occurred_at(t: DateTime<Utc>, now: DateTime<Utc>) -> Result<()> {
    if t.year() < EARLIEST_OCCURRED_YEAR || t > now + chrono::Duration::days(1) {
        return Err(Error::DateOutOfRange {
            field: "occurred_at".into(),
            value: t.to_rfc3339(),
            reason: format!(
                "events happen between {EARLIEST_OCCURRED_YEAR}-01-01 and one day after now; record planned work when it happens"
            ),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_instants_and_dates() {
        let a = parse_datetime("t", "2024-03-01T10:30:00+01:00").unwrap();
        assert_eq!(a.to_rfc3339(), "2024-03-01T09:30:00+00:00");
        let b = parse_datetime("t", "2024-03-01").unwrap();
        assert_eq!(
            b,
            start_of_day(NaiveDate::from_ymd_opt(2024, 3, 1).unwrap())
        );
        assert_eq!(
            parse_datetime("t", "yesterday").unwrap_err().code(),
            "INVALID_VALUE"
        );
        assert_eq!(
            parse_date("d", "0100-01-01").unwrap_err().code(),
            "DATE_OUT_OF_RANGE"
        );
        let day_end = parse_as_of("as_of", "2024-12-31").unwrap();
        assert_eq!(format_instant(day_end), "2024-12-31T23:59:59.999999Z");
        let instant = parse_as_of("as_of", "2024-12-31T10:00:00Z").unwrap();
        assert_eq!(instant.to_rfc3339(), "2024-12-31T10:00:00+00:00");
    }

    #[test]
    fn occurred_at_range() {
        let now = Utc::now();
        assert!(check_occurred_at(now, now).is_ok());
        let future = now + chrono::Duration::days(3);
        assert_eq!(
            check_occurred_at(future, now).unwrap_err().code(),
            "DATE_OUT_OF_RANGE"
        );
        let old = parse_datetime("t", "1975-01-01").unwrap();
        assert_eq!(
            check_occurred_at(old, now).unwrap_err().code(),
            "DATE_OUT_OF_RANGE"
        );
    }
}
