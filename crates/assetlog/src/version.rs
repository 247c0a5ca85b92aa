//! Software versions compared as versions, not as text.
//!
//! A version is read from its first digit on (so "v14.2" and "macOS 14.2"
//! read as "14.2") as runs of digits and runs of letters; anything else
//! separates them. Runs of digits compare as numbers of any length
//! ("2024.12" is after "2024.1", "10.0.22631.10000" after
//! "10.0.22631.2000"); runs of letters compare without ASCII case; a
//! missing number counts as 0 ("14.4" equals "14.4.0"); letters where the
//! other version has a number or has ended mark a pre-release ("1.0rc1" and
//! "1.0-beta" are before "1.0" and before "1.0.1"). Dates written
//! "2024-03-05" compare as dates.

use std::cmp::Ordering;

use crate::error::{Error, Result};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part<'a> {
    /// Digits without their leading zeros ("" for zero).
    Num(&'a str),
    Word(&'a str),
}

fn parts(v: &str) -> impl Iterator<Item = Part<'_>> {
    let start = v.find(|c: char| c.is_ascii_digit()).unwrap_or(v.len());
    let mut rest = &v[start..];
    std::iter::from_fn(move || {
        rest = rest.trim_start_matches(|c: char| !c.is_ascii_alphanumeric());
        let first = rest.chars().next()?;
        let digits = first.is_ascii_digit();
        let end = rest
            .find(|c: char| !c.is_ascii_alphanumeric() || c.is_ascii_digit() != digits)
            .unwrap_or(rest.len());
        let (run, tail) = rest.split_at(end);
        rest = tail;
        Some(if digits {
            Part::Num(run.trim_start_matches('0'))
        } else {
            Part::Word(run)
        })
    })
}

/// Compare two versions (see the module documentation for the rules).
pub fn compare_versions(left: &str, right: &str) -> Ordering {
    let (mut lefts, mut rights) = (parts(left), parts(right));
    loop {
        let order = match (lefts.next(), rights.next()) {
            (None, None) => return Ordering::Equal,
            (Some(Part::Num(l)), Some(Part::Num(r))) => {
                l.len().cmp(&r.len()).then_with(|| l.cmp(r))
            }
            (Some(Part::Word(l)), Some(Part::Word(r))) => l
                .bytes()
                .map(|c| c.to_ascii_lowercase())
                .cmp(r.bytes().map(|c| c.to_ascii_lowercase())),
            // a missing number is 0
            (Some(Part::Num(l)), None) => l.len().cmp(&0),
            (None, Some(Part::Num(r))) => 0.cmp(&r.len()),
            // letters mark a pre-release: before a number or the end
            (Some(Part::Word(_)), _) => Ordering::Less,
            (_, Some(Part::Word(_))) => Ordering::Greater,
        };
        if order != Ordering::Equal {
            return order;
        }
    }
}

/// Check that a text can be compared as a version (it holds a digit),
/// naming `field` when not.
pub fn check_version(field: &str, v: &str) -> Result<()> {
    if v.bytes().any(|c| c.is_ascii_digit()) && v.len() <= 200 {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            v,
            "a version holds at least one digit, such as 14.4 or 10.0.22631.4460",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ordering::{Equal, Greater, Less};

    #[test]
    fn numbers_compare_as_numbers() {
        assert_eq!(compare_versions("2024.12", "2024.1"), Greater);
        assert_eq!(compare_versions("2024.2", "2024.10"), Less);
        assert_eq!(
            compare_versions("10.0.22631.10000", "10.0.22631.2000"),
            Greater
        );
        assert_eq!(compare_versions("14.4.1", "14.4"), Greater);
        assert_eq!(compare_versions("14.4", "14.4.0"), Equal);
        assert_eq!(compare_versions("007", "7"), Equal);
        assert_eq!(
            compare_versions("123456789012345678901234567890", "99"),
            Greater
        );
    }

    #[test]
    fn prefixes_dates_and_pre_releases() {
        assert_eq!(compare_versions("macOS 14.2", "14.10"), Less);
        assert_eq!(compare_versions("v2.0", "1.9"), Greater);
        assert_eq!(compare_versions("2024-03-05", "2024-11-05"), Less);
        assert_eq!(compare_versions("1.0rc1", "1.0"), Less);
        assert_eq!(compare_versions("1.0-beta", "1.0.1"), Less);
        assert_eq!(compare_versions("1.0-beta", "1.0-RC"), Less);
        assert_eq!(compare_versions("1.0", "1.0rc1"), Greater);
    }

    #[test]
    fn a_version_needs_a_digit() {
        assert!(check_version("below", "14.4").is_ok());
        let e = check_version("below", "latest").unwrap_err();
        assert_eq!(e.code(), "INVALID_VALUE");
        assert!(e.to_string().contains("'latest'"), "{e}");
    }
}
