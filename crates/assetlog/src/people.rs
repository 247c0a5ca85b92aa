//! People: personal data kept outside the log, so it can be erased.
//!
//! Events name people by opaque [`PersonId`]s only. Names, e-mails and
//! addresses live in the `people` table; [`crate::AssetLog::forget_person`]
//! removes them (and scrubs the freed pages) while the log stays intact.

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::ids::{check_opt_text, PersonId, MAX_TEXT_LEN};

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
