//! People: personal data kept outside the log, so it can be erased.
//!
//! Events name people by opaque [`PersonId`]s only. Names, e-mails and
//! addresses live in the `people` table; [`crate::AssetLog::forget_person`]
//! removes them (and scrubs the freed pages) while the log stays intact.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::ids::{check_opt_text, Country, PersonId, MAX_TEXT_LEN};
use crate::money::Money;
use crate::view::asset::AssetView;
use crate::view::cost::CurrencyCosts;

/// A person's record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// The opaque id events use.
    pub id: PersonId,
    /// Full name.
    pub name: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Shipping address.
    pub address: Option<String>,
}

impl Person {
    /// A record with only an id.
    pub fn new(id: PersonId) -> Self {
        Person {
            id,
            name: None,
            email: None,
            address: None,
        }
    }

    /// Check the lengths and characters of every field.
    pub fn validate(&self) -> Result<()> {
        check_opt_text("name", self.name.as_deref(), MAX_TEXT_LEN)?;
        check_opt_text("email", self.email.as_deref(), MAX_TEXT_LEN)?;
        check_opt_text("address", self.address.as_deref(), MAX_TEXT_LEN)
    }
}

/// Whether a person is still with the company.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonStatus {
    /// Not marked as left (or left after the moment asked).
    Active,
    /// Left on or before the moment asked.
    Left,
}

/// A person as IT sees them: who, whether they left, and what they hold.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct PersonView {
    /// The opaque id events use.
    pub id: PersonId,
    /// Full name (absent when never given or erased).
    pub name: Option<String>,
    /// E-mail (absent when never given or erased).
    pub email: Option<String>,
    /// Active, or left.
    pub status: PersonStatus,
    /// The day they left.
    pub left_on: Option<NaiveDate>,
    /// Departments of what they hold (as assigned).
    pub departments: Vec<String>,
    /// Countries of what they hold.
    pub countries: Vec<Country>,
    /// What they hold, in creation order.
    pub holding: Vec<AssetView>,
    /// The purchase value of what they hold, by currency.
    pub value_held: Vec<CurrencyCosts>,
    /// The license seats they hold.
    pub seats: Vec<PersonSeat>,
    /// What their seats cost for the current terms, by currency (each seat
    /// its license's term cost divided by its seats owned).
    pub seats_cost: Vec<Money>,
}

/// A license seat a person holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct PersonSeat {
    /// The license's tag.
    pub license: String,
    /// Its product.
    pub product: String,
    /// Since when they hold it.
    pub since: chrono::DateTime<chrono::Utc>,
}
