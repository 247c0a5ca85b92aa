//! Identifiers and validated text: asset and event ids, asset tags, person
//! ids, country codes, and the length limits every stored text obeys.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{truncate_for_message, Error, Result};

/// Longest asset tag, in bytes.
pub const MAX_TAG_LEN: usize = 64;
/// Longest person id, in bytes.
pub const MAX_ID_LEN: usize = 128;
/// Longest short text field (vendor, model, location...), in bytes.
pub const MAX_TEXT_LEN: usize = 1024;
/// Longest free text (notes), in bytes.
pub const MAX_NOTE_LEN: usize = 16 * 1024;

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident, $field:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new time-ordered (UUIDv7) id.
            pub fn new() -> Self {
                $name(Uuid::now_v7())
            }
            /// The underlying UUID.
            pub fn as_uuid(&self) -> &Uuid {
                &self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self> {
                Uuid::parse_str(s.trim())
                    .map($name)
                    .map_err(|_| Error::invalid($field, s, "expected a UUID such as 0190f5e2-7c4b-7d3a-9b1e-4f2a6c8d0e11"))
            }
        }

        impl From<Uuid> for $name {
            fn from(u: Uuid) -> Self {
                $name(u)
            }
        }
    };
}

uuid_id!(
    /// The permanent id of an asset (its tag is the human name).
    AssetId,
    "asset id"
);
uuid_id!(
    /// The id of one event; the key of idempotent appends.
    EventId,
    "event id"
);

/// Check a text field: not blank, no longer than `max` bytes, no control
/// characters other than newline and tab.
pub fn check_text(field: &str, value: &str, max: usize) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::EmptyField {
            field: field.to_owned(),
        });
    }
    if value.len() > max {
        return Err(Error::TextTooLong {
            field: field.to_owned(),
            len: value.len(),
            max,
        });
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(Error::invalid(
            field,
            value.escape_debug(),
            "control characters are not allowed",
        ));
    }
    Ok(())
}

/// Check an optional text field.
pub fn check_opt_text(field: &str, value: Option<&str>, max: usize) -> Result<()> {
    value.map_or(Ok(()), |v| check_text(field, v, max))
}

/// Validate an asset tag: 1 to 64 bytes, no surrounding blanks, no control characters.
pub fn check_tag(tag: &str) -> Result<()> {
    check_text("asset tag", tag, MAX_TAG_LEN)?;
    if tag.trim() != tag || tag.contains(['\n', '\t']) {
        return Err(Error::invalid(
            "asset tag",
            tag,
            "no leading or trailing blanks, tabs or newlines",
        ));
    }
    Ok(())
}

/// An opaque person id (an employee number, a directory id). Personal data
/// lives in the people table, never in events.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct PersonId(String);

impl PersonId {
    /// Validate a person id: 1 to 128 bytes, no blanks around, no control characters.
    pub fn new(id: impl Into<String>) -> Result<Self> {
        let id = id.into();
        check_text("person id", &id, MAX_ID_LEN)?;
        if id.trim() != id || id.contains(['\n', '\t']) {
            return Err(Error::invalid(
                "person id",
                &id,
                "no leading or trailing blanks",
            ));
        }
        Ok(PersonId(id))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PersonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for PersonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl FromStr for PersonId {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        PersonId::new(s)
    }
}

impl<'de> Deserialize<'de> for PersonId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        PersonId::new(String::deserialize(d)?).map_err(crate::error::serde_error)
    }
}

/// ISO 3166-1 alpha-2 codes, plus XK (Kosovo) which is in common use.
const COUNTRIES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";

/// A country as an ISO 3166-1 alpha-2 code (`DE`, `SG`, `BR`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Country([u8; 2]);

impl Country {
    /// Parse a two-letter code (either case).
    pub fn new(code: &str) -> Result<Self> {
        let b = code.trim().as_bytes();
        if b.len() == 2 {
            let key = [b[0].to_ascii_uppercase(), b[1].to_ascii_uppercase()];
            // COUNTRIES is sorted, one code every three bytes.
            let all = COUNTRIES.as_bytes();
            let (mut lo, mut hi) = (0, all.len().div_ceil(3));
            while lo < hi {
                let mid = usize::midpoint(lo, hi);
                match [all[mid * 3], all[mid * 3 + 1]].cmp(&key) {
                    std::cmp::Ordering::Less => lo = mid + 1,
                    std::cmp::Ordering::Greater => hi = mid,
                    std::cmp::Ordering::Equal => return Ok(Country(key)),
                }
            }
        }
        Err(Error::invalid(
            "country",
            truncate_for_message(code),
            "expected an ISO 3166-1 alpha-2 code such as DE, SG or BR",
        ))
    }

    /// The two-letter code.
    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("ZZ")
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Debug for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Country {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Country::new(s)
    }
}

impl Serialize for Country {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Country {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Country::new(&s).map_err(crate::error::serde_error)
    }
}

/// How a caller names an asset: by its tag or by its id.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum AssetRef {
    /// The human tag, compared without ASCII case (`LAP-0042`).
    Tag(String),
    /// The permanent id.
    Id(AssetId),
}

impl fmt::Display for AssetRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AssetRef::Tag(t) => f.write_str(t),
            AssetRef::Id(id) => fmt::Display::fmt(id, f),
        }
    }
}

impl From<&str> for AssetRef {
    fn from(s: &str) -> Self {
        AssetRef::Tag(s.to_owned())
    }
}

impl From<String> for AssetRef {
    fn from(s: String) -> Self {
        AssetRef::Tag(s)
    }
}

impl From<&String> for AssetRef {
    fn from(s: &String) -> Self {
        AssetRef::Tag(s.clone())
    }
}

impl From<AssetId> for AssetRef {
    fn from(id: AssetId) -> Self {
        AssetRef::Id(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_person_ids_are_validated() {
        assert!(check_tag("LAP-0042").is_ok());
        assert_eq!(check_tag("").unwrap_err().code(), "EMPTY_FIELD");
        assert_eq!(check_tag("  ").unwrap_err().code(), "EMPTY_FIELD");
        assert_eq!(check_tag(" LAP").unwrap_err().code(), "INVALID_VALUE");
        assert_eq!(
            check_tag(&"x".repeat(65)).unwrap_err().code(),
            "TEXT_TOO_LONG"
        );
        assert_eq!(check_tag("a\u{0}b").unwrap_err().code(), "INVALID_VALUE");
        assert_eq!(PersonId::new("").unwrap_err().code(), "EMPTY_FIELD");
        assert!(PersonId::new("emp-1042").is_ok());
    }

    #[test]
    fn countries_are_iso_codes() {
        assert_eq!(Country::new("sg").unwrap().code(), "SG");
        assert_eq!(Country::new("XX").unwrap_err().code(), "INVALID_VALUE");
        assert_eq!(Country::new("Germany").unwrap_err().code(), "INVALID_VALUE");
    }
}
