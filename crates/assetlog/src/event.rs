//! Events: the facts of an asset's life, what a caller appends ([`NewEvent`])
//! and what the log gives back ([`RecordedEvent`]).
//!
//! Every event kind is declared once in the `events!` list below; that list
//! generates [`Event`], [`EventType`], their names and their JSON forms.
//! A payload is stored as JSON without its type (the type is a column).

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::ids::{
    check_opt_text, check_tag, check_text, AssetId, AssetRef, Country, EventId, PersonId,
    MAX_NOTE_LEN, MAX_TEXT_LEN,
};
use crate::money::Money;
use crate::renamed::Rename;
use crate::time::check_date;

/// The schema version written for every payload by this build.
pub const PAYLOAD_SCHEMA_VERSION: u32 = 1;

/// Why a return was requested.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReturnReason {
    /// The holder is leaving the company.
    Offboarding,
    /// The device is being replaced by a newer one.
    Upgrade,
    /// The device must come in for repair.
    Repair,
    /// A lease ends.
    LeaseEnd,
    /// Anything else.
    Other,
}

/// The condition a device came back in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// Ready to be used again.
    Good,
    /// Usable, with wear.
    Worn,
    /// Needs repair.
    Damaged,
    /// Beyond repair.
    Broken,
}

/// Why an asset left the fleet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RetireReason {
    /// Reached its end of life.
    EndOfLife,
    /// Sold (for example to the employee at exit).
    Sold,
    /// Given away.
    Donated,
    /// Recycled.
    Recycled,
    /// Lost and written off.
    Lost,
    /// Stolen and written off.
    Stolen,
    /// Broken beyond repair.
    Broken,
}

/// The kinds of cost a cost view splits by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CostKind {
    /// The purchase price.
    Purchase,
    /// Shipping.
    Shipping,
    /// Repairs.
    Repair,
    /// Support tickets.
    Support,
    /// Anything else, disposal included.
    Other,
}

/// How a license counts its seats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LicenseKind {
    /// A seat per named person.
    PerUser,
    /// A seat per device.
    PerDevice,
    /// The whole company (seats are not counted unless set).
    Site,
    /// Seats shared by whoever uses them at the moment.
    Concurrent,
}

macro_rules! payload {
    ($(#[$doc:meta])* $name:ident { $( $(#[$fdoc:meta])* $field:ident : $ty:ty ),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $( $(#[$fdoc])*
               #[serde(skip_serializing_if = "skip_field")]
               pub $field: $ty, )*
        }

        impl $name {
            /// Each field's name and Rust type, as written above (the
            /// source of [`crate::schema`]).
            pub(crate) const FIELDS: &'static [(&'static str, &'static str)] =
                &[$((stringify!($field), stringify!($ty))),*];
        }
    };
}

/// Serde helper: leave optional fields and `false` flags out of stored JSON.
trait SkipField {
    fn skip(&self) -> bool;
}
impl<T> SkipField for Option<T> {
    fn skip(&self) -> bool {
        self.is_none()
    }
}
impl SkipField for bool {
    fn skip(&self) -> bool {
        !*self
    }
}
macro_rules! never_skip {
    ($($t:ty),*) => {$(impl SkipField for $t { fn skip(&self) -> bool { false } })*};
}
never_skip!(
    String,
    Money,
    PersonId,
    NaiveDate,
    ReturnReason,
    Condition,
    RetireReason,
    CostKind,
    LicenseKind,
    u32
);
#[allow(clippy::trivially_copy_pass_by_ref)]
fn skip_field<T: SkipField>(v: &T) -> bool {
    v.skip()
}

payload!(
    /// The asset was ordered: it now exists, with its purchase details.
    Ordered {
        /// Laptop, phone, monitor, server, network...
        category: String,
        /// Who sold it.
        vendor: String,
        /// The model name.
        model: String,
        /// Serial number, when known at order time.
        serial: Option<String>,
        /// The purchase price (the asset's cost basis).
        unit_cost: Money,
        /// Purchase order or invoice reference.
        order_ref: Option<String>,
        /// Last day of the vendor warranty.
        warranty_end: Option<NaiveDate>,
    }
);
payload!(
    /// The asset arrived at a company location (a warehouse or office).
    #[derive(Default)]
    Received {
        /// Where it arrived.
        location: String,
        /// That location's country.
        country: Option<Country>,
        /// Serial number, if first learned on arrival.
        serial: Option<String>,
    }
);
payload!(
    /// The asset was handed to a carrier.
    #[derive(Default)]
    Shipped {
        /// Where it left from.
        from: Option<String>,
        /// Where it goes: an office, or a person's home.
        to: String,
        /// The destination country.
        to_country: Option<Country>,
        /// The carrier.
        carrier: Option<String>,
        /// The carrier's tracking reference.
        tracking_ref: Option<String>,
        /// What the shipment cost.
        cost: Option<Money>,
    }
);
payload!(
    /// The shipment arrived (at the shipment's destination unless given).
    #[derive(Default)]
    Delivered {
        /// Where it arrived, if not the shipment's destination.
        location: Option<String>,
        /// That place's country.
        country: Option<Country>,
    }
);
payload!(
    /// The asset was given to a person.
    Assigned {
        /// The person's opaque id.
        person: PersonId,
        /// Their department.
        department: Option<String>,
        /// Their cost centre.
        cost_centre: Option<String>,
    }
);
payload!(
    /// The asset was taken back from its holder into stock.
    #[derive(Default)]
    Unassigned {
        /// Why.
        reason: Option<String>,
    }
);
payload!(
    /// The asset checked in (an agent) or was seen (an audit).
    #[derive(Default)]
    Observed {
        /// Where it was seen.
        location: Option<String>,
        /// In which country.
        country: Option<Country>,
        /// Operating system version reported.
        os_version: Option<String>,
        /// Firmware version reported.
        firmware_version: Option<String>,
        /// Who reported it: an agent name, "audit"...
        source: Option<String>,
    }
);
payload!(
    /// A patch or update was applied.
    #[derive(Default)]
    Patched {
        /// What was patched: "os", "bios", an application...
        component: String,
        /// The version now installed.
        version: String,
    }
);
payload!(
    /// The asset went to a repairer.
    #[derive(Default)]
    SentForRepair {
        /// The repairer.
        vendor: Option<String>,
        /// What is wrong.
        reason: Option<String>,
    }
);
payload!(
    /// The asset was repaired (on site, or back from a repairer).
    #[derive(Default)]
    Repaired {
        /// What the repair cost.
        cost: Option<Money>,
        /// Who repaired it.
        vendor: Option<String>,
        /// Whether the warranty covered it.
        #[serde(default)]
        under_warranty: bool,
        /// What was done.
        description: Option<String>,
    }
);
payload!(
    /// A support ticket about the asset was opened.
    #[derive(Default)]
    TicketOpened {
        /// The ticketing system's id.
        ticket_id: String,
        /// What it is about.
        summary: Option<String>,
    }
);
payload!(
    /// A support ticket was closed.
    #[derive(Default)]
    TicketClosed {
        /// The ticketing system's id.
        ticket_id: String,
        /// What the support cost.
        cost: Option<Money>,
        /// How it was resolved.
        resolution: Option<String>,
    }
);
payload!(
    /// The holder was asked to send the asset back by a date.
    ReturnRequested {
        /// Why.
        reason: ReturnReason,
        /// The date by which it should be back.
        due: NaiveDate,
    }
);
payload!(
    /// The asset came back into stock.
    Returned {
        /// Its condition.
        condition: Condition,
        /// Where it came back to.
        location: String,
        /// That location's country.
        country: Option<Country>,
    }
);
payload!(
    /// The asset's storage was wiped.
    #[derive(Default)]
    Wiped {
        /// How: "nist-800-88-purge", "crypto-erase"...
        method: String,
        /// The certificate of erasure.
        certificate_ref: Option<String>,
    }
);
payload!(
    /// The asset left the fleet for good.
    Retired {
        /// Why.
        reason: RetireReason,
        /// What it was sold for.
        resale_value: Option<Money>,
        /// What disposal cost.
        disposal_cost: Option<Money>,
    }
);
payload!(
    /// The asset is missing.
    #[derive(Default)]
    ReportedLost {
        /// Stolen rather than lost.
        #[serde(default)]
        stolen: bool,
        /// A police or incident reference.
        report_ref: Option<String>,
    }
);
payload!(
    /// A missing asset turned up again, into stock.
    #[derive(Default)]
    Found {
        /// Where it is now.
        location: String,
        /// That location's country.
        country: Option<Country>,
    }
);
payload!(
    /// The asset moved without a shipment (a holder moved, a warehouse transfer).
    #[derive(Default)]
    Relocated {
        /// The new location.
        location: String,
        /// Its country.
        country: Option<Country>,
    }
);
payload!(
    /// A cost arose that no other event carries (an accessory, a licence, a fee).
    CostRecorded {
        /// Which kind of cost.
        kind: CostKind,
        /// How much.
        amount: Money,
        /// What for.
        description: Option<String>,
    }
);
payload!(
    /// A free-text note.
    #[derive(Default)]
    Note {
        /// The note.
        text: String,
    }
);
payload!(
    /// A license or subscription bought: the first event of its stream.
    LicensePurchased {
        /// The product ("Microsoft 365 E3").
        product: String,
        /// Who makes it.
        publisher: Option<String>,
        /// Its edition, when the product has several.
        edition: Option<String>,
        /// How seats are counted.
        kind: LicenseKind,
        /// Seats owned; absent: unlimited.
        seats: Option<u32>,
        /// The first day of the term.
        term_start: NaiveDate,
        /// The last day of the term; absent: perpetual.
        term_end: Option<NaiveDate>,
        /// The cost of the term (of the license, for a perpetual one).
        cost: Money,
        /// The purchase order.
        order_ref: Option<String>,
        /// Seats stay with their first holder (OEM, named-user licenses).
        #[serde(default)]
        not_reassignable: bool,
        /// More seats may be assigned than owned (reported, not refused).
        #[serde(default)]
        allow_overuse: bool,
    }
);
payload!(
    /// A new term, and its cost.
    LicenseRenewed {
        /// The last day of the new term.
        term_end: NaiveDate,
        /// What the new term costs.
        cost: Money,
    }
);
payload!(
    /// The number of seats owned changed (a true-up or a reduction).
    SeatsChanged {
        /// Seats owned from now on.
        seats: u32,
        /// What the change cost (a true-up's invoice).
        cost: Option<Money>,
    }
);
payload!(
    /// A seat given to a person or to a device (exactly one of them).
    #[derive(Default)]
    SeatAssigned {
        /// The person who gets it.
        person: Option<PersonId>,
        /// The device (asset tag) that gets it.
        device: Option<String>,
    }
);
payload!(
    /// A seat taken back from a person or a device.
    #[derive(Default)]
    SeatReleased {
        /// The person who had it.
        person: Option<PersonId>,
        /// The device (asset tag) that had it.
        device: Option<String>,
    }
);
payload!(
    /// The license stops: no renewal, its seats no longer in use.
    #[derive(Default)]
    LicenseCancelled {
        /// Why.
        reason: Option<String>,
    }
);
payload!(
    /// The term ended without a renewal.
    #[derive(Default)]
    LicenseExpired {}
);
payload!(
    /// A program found installed on a device (a monitoring agent's software
    /// inventory: osquery's `programs`, `apps`, `deb_packages`, `rpm_packages`).
    #[derive(Default)]
    SoftwareInstalled {
        /// The program's name as the device reports it.
        name: String,
        /// Its version.
        version: Option<String>,
        /// Who makes it, as the device reports it.
        publisher: Option<String>,
    }
);
payload!(
    /// A program no longer installed on a device.
    #[derive(Default)]
    SoftwareRemoved {
        /// The program's name as the device reports it.
        name: String,
        /// The version removed.
        version: Option<String>,
    }
);
payload!(
    /// A seat moved straight from one holder to another (a laptop swap, a
    /// handover between colleagues): the seat count in use does not change
    /// on the way. Refused for a license whose seats are not reassignable.
    #[derive(Default)]
    SeatTransferred {
        /// The person who had it.
        from_person: Option<PersonId>,
        /// The device (asset tag) that had it.
        from_device: Option<String>,
        /// The person who gets it.
        to_person: Option<PersonId>,
        /// The device (asset tag) that gets it.
        to_device: Option<String>,
    }
);

/// Validation of one payload's fields.
impl Ordered {
    /// An order with what every order needs; set the rest on the value
    /// (`serial`, `order_ref`, `warranty_end`).
    pub fn new(
        category: impl Into<String>,
        vendor: impl Into<String>,
        model: impl Into<String>,
        unit_cost: Money,
    ) -> Self {
        Ordered {
            category: category.into(),
            vendor: vendor.into(),
            model: model.into(),
            serial: None,
            unit_cost,
            order_ref: None,
            warranty_end: None,
        }
    }
}

impl Assigned {
    /// An assignment to a person, without department or cost centre.
    pub fn new(person: PersonId) -> Self {
        Assigned {
            person,
            department: None,
            cost_centre: None,
        }
    }
}

impl Returned {
    /// A return in a condition to a location, without a country.
    pub fn new(condition: Condition, location: impl Into<String>) -> Self {
        Returned {
            condition,
            location: location.into(),
            country: None,
        }
    }
}

impl Retired {
    /// A retirement for a reason, without resale value or disposal cost.
    pub fn new(reason: RetireReason) -> Self {
        Retired {
            reason,
            resale_value: None,
            disposal_cost: None,
        }
    }
}

impl CostRecorded {
    /// A cost of a kind, without a description.
    pub fn new(kind: CostKind, amount: Money) -> Self {
        CostRecorded {
            kind,
            amount,
            description: None,
        }
    }
}

trait Validate {
    fn validate(&self) -> Result<()>;
}

fn text(field: &str, v: &str) -> Result<()> {
    check_text(field, v, MAX_TEXT_LEN)
}
fn opt(field: &str, v: Option<&String>) -> Result<()> {
    check_opt_text(field, v.map(String::as_str), MAX_TEXT_LEN)
}
fn cost(field: &str, m: Option<&Money>) -> Result<()> {
    m.map_or(Ok(()), |m| m.non_negative(field).map(|_| ()))
}

impl Validate for Ordered {
    fn validate(&self) -> Result<()> {
        text("category", &self.category)?;
        text("vendor", &self.vendor)?;
        text("model", &self.model)?;
        opt("serial", self.serial.as_ref())?;
        opt("order_ref", self.order_ref.as_ref())?;
        self.unit_cost.non_negative("unit_cost")?;
        self.warranty_end
            .map_or(Ok(()), |d| check_date("warranty_end", d))
    }
}
impl Validate for Received {
    fn validate(&self) -> Result<()> {
        text("location", &self.location)?;
        opt("serial", self.serial.as_ref())
    }
}
impl Validate for Shipped {
    fn validate(&self) -> Result<()> {
        opt("from", self.from.as_ref())?;
        text("to", &self.to)?;
        opt("carrier", self.carrier.as_ref())?;
        opt("tracking_ref", self.tracking_ref.as_ref())?;
        cost("cost", self.cost.as_ref())
    }
}
impl Validate for Delivered {
    fn validate(&self) -> Result<()> {
        opt("location", self.location.as_ref())
    }
}
impl Validate for Assigned {
    fn validate(&self) -> Result<()> {
        if self.person.as_str().is_empty() {
            return Err(Error::EmptyField {
                field: "person".into(),
            });
        }
        opt("department", self.department.as_ref())?;
        opt("cost_centre", self.cost_centre.as_ref())
    }
}
impl Validate for Unassigned {
    fn validate(&self) -> Result<()> {
        opt("reason", self.reason.as_ref())
    }
}
impl Validate for Observed {
    fn validate(&self) -> Result<()> {
        opt("location", self.location.as_ref())?;
        opt("os_version", self.os_version.as_ref())?;
        opt("firmware_version", self.firmware_version.as_ref())?;
        opt("source", self.source.as_ref())
    }
}
impl Validate for Patched {
    fn validate(&self) -> Result<()> {
        text("component", &self.component)?;
        text("version", &self.version)
    }
}
impl Validate for SentForRepair {
    fn validate(&self) -> Result<()> {
        opt("vendor", self.vendor.as_ref())?;
        opt("reason", self.reason.as_ref())
    }
}
impl Validate for Repaired {
    fn validate(&self) -> Result<()> {
        cost("cost", self.cost.as_ref())?;
        opt("vendor", self.vendor.as_ref())?;
        opt("description", self.description.as_ref())
    }
}
impl Validate for TicketOpened {
    fn validate(&self) -> Result<()> {
        text("ticket_id", &self.ticket_id)?;
        opt("summary", self.summary.as_ref())
    }
}
impl Validate for TicketClosed {
    fn validate(&self) -> Result<()> {
        text("ticket_id", &self.ticket_id)?;
        cost("cost", self.cost.as_ref())?;
        opt("resolution", self.resolution.as_ref())
    }
}
impl Validate for ReturnRequested {
    fn validate(&self) -> Result<()> {
        check_date("due", self.due)
    }
}
impl Validate for Returned {
    fn validate(&self) -> Result<()> {
        text("location", &self.location)
    }
}
impl Validate for Wiped {
    fn validate(&self) -> Result<()> {
        text("method", &self.method)?;
        opt("certificate_ref", self.certificate_ref.as_ref())
    }
}
impl Validate for Retired {
    fn validate(&self) -> Result<()> {
        cost("resale_value", self.resale_value.as_ref())?;
        cost("disposal_cost", self.disposal_cost.as_ref())
    }
}
impl Validate for ReportedLost {
    fn validate(&self) -> Result<()> {
        opt("report_ref", self.report_ref.as_ref())
    }
}
impl Validate for Found {
    fn validate(&self) -> Result<()> {
        text("location", &self.location)
    }
}
impl Validate for Relocated {
    fn validate(&self) -> Result<()> {
        text("location", &self.location)
    }
}
impl Validate for CostRecorded {
    fn validate(&self) -> Result<()> {
        self.amount.non_negative("amount")?;
        opt("description", self.description.as_ref())
    }
}
impl Validate for Note {
    fn validate(&self) -> Result<()> {
        check_text("text", &self.text, MAX_NOTE_LEN)
    }
}

impl Validate for LicensePurchased {
    fn validate(&self) -> Result<()> {
        text("product", &self.product)?;
        opt("publisher", self.publisher.as_ref())?;
        opt("edition", self.edition.as_ref())?;
        opt("order_ref", self.order_ref.as_ref())?;
        self.cost.non_negative("cost")?;
        check_date("term_start", self.term_start)?;
        if let Some(end) = self.term_end {
            check_date("term_end", end)?;
            if end <= self.term_start {
                return Err(Error::invalid(
                    "term_end",
                    end,
                    format!("after the term's start ({})", self.term_start),
                ));
            }
        }
        Ok(())
    }
}

impl Validate for LicenseRenewed {
    fn validate(&self) -> Result<()> {
        check_date("term_end", self.term_end)?;
        self.cost.non_negative("cost").map(|_| ())
    }
}

impl Validate for SeatsChanged {
    fn validate(&self) -> Result<()> {
        cost("cost", self.cost.as_ref())
    }
}

/// Exactly one holder: a person or a device (the fields' names given).
fn one_holder_of(
    (person_field, person): (&str, Option<&PersonId>),
    (device_field, device): (&str, Option<&String>),
) -> Result<()> {
    match (person, device) {
        (Some(_), None) => Ok(()),
        (None, Some(d)) => text(device_field, d),
        _ => Err(Error::invalid(
            person_field,
            "",
            format!("exactly one holder: {person_field} or {device_field}"),
        )),
    }
}

/// Exactly one holder: a person or a device.
fn one_holder(person: Option<&PersonId>, device: Option<&String>) -> Result<()> {
    one_holder_of(("person", person), ("device", device))
}

impl Validate for SeatAssigned {
    fn validate(&self) -> Result<()> {
        one_holder(self.person.as_ref(), self.device.as_ref())
    }
}

impl Validate for SeatReleased {
    fn validate(&self) -> Result<()> {
        one_holder(self.person.as_ref(), self.device.as_ref())
    }
}

impl Validate for SeatTransferred {
    fn validate(&self) -> Result<()> {
        one_holder_of(
            ("from_person", self.from_person.as_ref()),
            ("from_device", self.from_device.as_ref()),
        )?;
        one_holder_of(
            ("to_person", self.to_person.as_ref()),
            ("to_device", self.to_device.as_ref()),
        )
    }
}

impl Validate for LicenseCancelled {
    fn validate(&self) -> Result<()> {
        opt("reason", self.reason.as_ref())
    }
}

impl Validate for LicenseExpired {
    fn validate(&self) -> Result<()> {
        Ok(())
    }
}

impl Validate for SoftwareInstalled {
    fn validate(&self) -> Result<()> {
        text("name", &self.name)?;
        opt("version", self.version.as_ref())?;
        opt("publisher", self.publisher.as_ref())
    }
}

impl Validate for SoftwareRemoved {
    fn validate(&self) -> Result<()> {
        text("name", &self.name)?;
        opt("version", self.version.as_ref())
    }
}

macro_rules! events {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal ),* $(,)?) => {
        /// One fact about an asset, with its payload.
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum Event {
            $( $(#[$doc])* $variant($variant), )*
        }

        /// The type of an event, without its payload.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum EventType {
            $( $(#[$doc])* $variant, )*
        }

        impl EventType {
            /// Every event type, in lifecycle order.
            pub const ALL: &'static [EventType] = &[$(EventType::$variant),*];

            /// The snake_case name used in JSON, SQL and every binding.
            pub fn name(self) -> &'static str {
                match self { $(EventType::$variant => $name,)* }
            }

            /// The small integer the store keeps instead of the name: the
            /// type's place in [`EventType::ALL`], from 1. Types are only
            /// ever added at the end of the list, so codes never change.
            pub fn code(self) -> i64 {
                Self::ALL.iter().position(|t| *t == self).map_or(0, |i| i as i64 + 1)
            }

            /// Whether this is an event of a license's stream (not a device's).
            pub fn is_license(self) -> bool {
                matches!(
                    self,
                    EventType::LicensePurchased
                        | EventType::LicenseRenewed
                        | EventType::SeatsChanged
                        | EventType::SeatAssigned
                        | EventType::SeatReleased
                        | EventType::LicenseCancelled
                        | EventType::LicenseExpired
                        | EventType::SeatTransferred
                )
            }

            /// The payload's fields: name and Rust type (see [`crate::schema`]).
            pub(crate) fn payload_fields(self) -> &'static [(&'static str, &'static str)] {
                match self { $(EventType::$variant => $variant::FIELDS,)* }
            }

            /// The type with a stored code.
            pub fn from_code(code: i64) -> Option<Self> {
                usize::try_from(code - 1).ok().and_then(|i| Self::ALL.get(i).copied())
            }

            /// The type with that name.
            pub fn from_name(name: &str) -> Result<Self> {
                match name {
                    $($name => Ok(EventType::$variant),)*
                    other => Err(Error::InvalidEvent {
                        reason: format!(
                            "unknown event type '{}'; known types: {}",
                            crate::error::truncate_for_message(other),
                            [$($name),*].join(", ")
                        ),
                    }),
                }
            }
        }

        impl Event {
            /// This event's type.
            pub fn event_type(&self) -> EventType {
                match self { $(Event::$variant(_) => EventType::$variant,)* }
            }

            /// Check every field (lengths, required values, non-negative money).
            pub fn validate(&self) -> Result<()> {
                match self { $(Event::$variant(p) => p.validate(),)* }
            }

            /// The payload as stored JSON (without the type).
            pub fn payload_json(&self) -> String {
                let r = match self { $(Event::$variant(p) => serde_json::to_string(p),)* };
                // Payloads are plain structs of strings, numbers and dates.
                r.expect("payloads always serialize")
            }

            /// The payload as a JSON value (without the type).
            pub fn payload_value(&self) -> serde_json::Value {
                let r = match self { $(Event::$variant(p) => serde_json::to_value(p),)* };
                r.expect("payloads always serialize")
            }

            /// Read a payload of a type from JSON text.
            pub fn from_payload_json(ty: EventType, json: &str) -> Result<Self> {
                crate::error::with_serde_cause(ty.name(), || Ok(match ty {
                    $(EventType::$variant => Event::$variant(serde_json::from_str(json)?),)*
                }))
            }

            /// Read a payload whose field names are spelt otherwise
            /// (see [`crate::renamed`]).
            pub fn from_payload_json_renamed(ty: EventType, json: &str, rename: Rename) -> Result<Self> {
                crate::error::with_serde_cause(ty.name(), || Ok(match ty {
                    $(EventType::$variant => Event::$variant(crate::renamed::from_str(json, rename)?),)*
                }))
            }

            /// Read a payload of a type from a JSON value.
            pub fn from_payload_value(ty: EventType, value: serde_json::Value) -> Result<Self> {
                crate::error::with_serde_cause(ty.name(), || Ok(match ty {
                    $(EventType::$variant => Event::$variant(serde_json::from_value(value)?),)*
                }))
            }
        }

        $(
            impl From<$variant> for Event {
                fn from(p: $variant) -> Self { Event::$variant(p) }
            }
        )*
    };
}

// The order of this list is stored (see `EventType::code`): add new types
// at the end, never in between.
events!(
    /// Ordered from a vendor; the first event of every asset.
    Ordered = "ordered",
    /// Arrived at a company location.
    Received = "received",
    /// Handed to a carrier.
    Shipped = "shipped",
    /// Shipment arrived.
    Delivered = "delivered",
    /// Given to a person.
    Assigned = "assigned",
    /// Taken back from its holder.
    Unassigned = "unassigned",
    /// Seen by an agent or an audit.
    Observed = "observed",
    /// Patched.
    Patched = "patched",
    /// Sent to a repairer.
    SentForRepair = "sent_for_repair",
    /// Repaired.
    Repaired = "repaired",
    /// Support ticket opened.
    TicketOpened = "ticket_opened",
    /// Support ticket closed.
    TicketClosed = "ticket_closed",
    /// Return requested from the holder.
    ReturnRequested = "return_requested",
    /// Came back into stock.
    Returned = "returned",
    /// Storage wiped.
    Wiped = "wiped",
    /// Left the fleet for good.
    Retired = "retired",
    /// Missing (lost or stolen).
    ReportedLost = "reported_lost",
    /// A missing asset turned up.
    Found = "found",
    /// Moved without a shipment.
    Relocated = "relocated",
    /// A cost with no other event.
    CostRecorded = "cost_recorded",
    /// A note.
    Note = "note",
    /// A license or subscription bought (the first event of a license).
    LicensePurchased = "license_purchased",
    /// A license's new term.
    LicenseRenewed = "license_renewed",
    /// A license's seats owned changed.
    SeatsChanged = "seats_changed",
    /// A license seat given to a person or a device.
    SeatAssigned = "seat_assigned",
    /// A license seat taken back.
    SeatReleased = "seat_released",
    /// A license stopped.
    LicenseCancelled = "license_cancelled",
    /// A license's term ended without renewal.
    LicenseExpired = "license_expired",
    /// A program found installed on a device.
    SoftwareInstalled = "software_installed",
    /// A program no longer installed on a device.
    SoftwareRemoved = "software_removed",
    /// A license seat moved from one holder to another.
    SeatTransferred = "seat_transferred",
);

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for EventType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for EventType {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        EventType::from_name(&s).map_err(serde::de::Error::custom)
    }
}

/// What the caller expects a stream's version to be before an event is appended.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Expected {
    /// Whatever it is.
    #[default]
    Any,
    /// The asset must not exist yet.
    NoStream,
    /// The stream must be at exactly this version (its number of events).
    Exact(u64),
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expected::Any => f.write_str("any"),
            Expected::NoStream => f.write_str("no stream"),
            Expected::Exact(n) => write!(f, "{n}"),
        }
    }
}

impl Serialize for Expected {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Expected::Any => s.serialize_str("any"),
            Expected::NoStream => s.serialize_str("no_stream"),
            Expected::Exact(n) => s.serialize_u64(*n),
        }
    }
}

impl<'de> Deserialize<'de> for Expected {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        // read as any JSON value, so a wrong one is named in the user's
        // terms rather than as an untagged enum that matched nothing
        let v = serde_json::Value::deserialize(d)?;
        let wrong = || {
            serde::de::Error::custom(format!(
                "expected_version takes a version (0 or more), \"any\" or \"no_stream\", not {v}"
            ))
        };
        match &v {
            serde_json::Value::Number(n) => n.as_u64().map(Expected::Exact).ok_or_else(wrong),
            serde_json::Value::String(s) if s == "any" => Ok(Expected::Any),
            serde_json::Value::String(s) if s == "no_stream" => Ok(Expected::NoStream),
            _ => Err(wrong()),
        }
    }
}

/// An event to append, with who, when and which asset.
#[derive(Clone, Debug, PartialEq)]
pub struct NewEvent {
    /// The asset, by tag or id. An `ordered` event names a new asset by tag.
    pub asset: AssetRef,
    /// The fact.
    pub event: Event,
    /// When it happened; `None` means now. May lie in the past (backdated).
    pub occurred_at: Option<DateTime<Utc>>,
    /// Who recorded it (a person id, a system name).
    pub actor: String,
    /// The idempotency key; a new UUIDv7 when `None`.
    pub event_id: Option<EventId>,
    /// Ties events of one operation together (an offboarding, an import).
    pub correlation_id: Option<Uuid>,
    /// The stream version expected just before this event.
    pub expected: Expected,
    /// For `ordered`: the id to give the new asset (imports keep ids); new when `None`.
    pub asset_id: Option<AssetId>,
    /// An `ordered` or `received` event whose serial another asset already
    /// carries is refused ([`Error::DuplicateSerial`]) unless this says the
    /// duplicate is intended (imports of other tools' data, which the
    /// duplicate-serials report then lists). Not stored: not part of the fact.
    pub allow_duplicate_serial: bool,
}

impl NewEvent {
    /// An event for an asset, happening now, by actor "system".
    pub fn new(asset: impl Into<AssetRef>, event: impl Into<Event>) -> Self {
        NewEvent {
            asset: asset.into(),
            event: event.into(),
            occurred_at: None,
            actor: "system".to_owned(),
            event_id: None,
            correlation_id: None,
            expected: Expected::Any,
            asset_id: None,
            allow_duplicate_serial: false,
        }
    }

    /// When it happened.
    #[must_use]
    pub fn at(mut self, t: DateTime<Utc>) -> Self {
        self.occurred_at = Some(t);
        self
    }

    /// Who recorded it.
    #[must_use]
    pub fn by(mut self, actor: impl Into<String>) -> Self {
        self.actor = actor.into();
        self
    }

    /// The idempotency key.
    #[must_use]
    pub fn with_id(mut self, id: EventId) -> Self {
        self.event_id = Some(id);
        self
    }

    /// The correlation id.
    #[must_use]
    pub fn correlated(mut self, id: Uuid) -> Self {
        self.correlation_id = Some(id);
        self
    }

    /// The version the stream must be at.
    #[must_use]
    pub fn expect(mut self, expected: Expected) -> Self {
        self.expected = expected;
        self
    }

    /// Validate everything that does not need the store.
    pub fn validate(&self) -> Result<()> {
        if let AssetRef::Tag(t) = &self.asset {
            check_tag(t)?;
        }
        check_text("actor", &self.actor, crate::ids::MAX_ID_LEN)?;
        self.event.validate()
    }

    /// Read an event from its JSON form:
    /// `{"asset": "LAP-1", "type": "shipped", "occurred_at": "...", "actor": "...",
    ///   "event_id": "...", "correlation_id": "...", "expected_version": 3,
    ///   "asset_id": "...", "data": {...payload...}}`.
    /// Only `asset` and `type` are required.
    pub fn from_json(text: &str) -> Result<Self> {
        Self::read(text, None)
    }

    /// [`NewEvent::from_json`] with field names (of the event and of its
    /// payload) read through `rename` first: the Node binding reads
    /// `occurredAt` and `unitCost` this way.
    pub fn from_json_renamed(text: &str, rename: Rename) -> Result<Self> {
        Self::read(text, Some(rename))
    }

    fn read(text: &str, rename: Option<Rename>) -> Result<Self> {
        let wire: Wire<'_> = match rename {
            None => serde_json::from_str(text),
            Some(r) => crate::renamed::from_str(text, r),
        }
        .map_err(|e| Error::InvalidEvent {
            reason: crate::error::without_position(&e),
        })?;
        wire.into_event(rename)
    }

    /// Read a JSON array of events (the fast path of the bindings: no
    /// intermediate JSON tree, payloads decoded straight from the text).
    /// An event that cannot be read is named by its index
    /// ([`Error::InBatch`]) when there are several.
    pub fn list_from_json(text: &str) -> Result<Vec<Self>> {
        Self::read_list(text, None)
    }

    /// [`NewEvent::list_from_json`] with field names read through `rename`
    /// (see [`NewEvent::from_json_renamed`]).
    pub fn list_from_json_renamed(text: &str, rename: Rename) -> Result<Vec<Self>> {
        Self::read_list(text, Some(rename))
    }

    /// One batch given as several JSON arrays (a binding that serializes a
    /// large batch a slice at a time): read as if it were one array, a
    /// refused event named by its index in the whole batch.
    pub fn list_from_json_parts_renamed(parts: &[String], rename: Rename) -> Result<Vec<Self>> {
        let mut items = Vec::new();
        for part in parts {
            items.extend(Self::raw_items(part)?);
        }
        Self::read_items(&items, Some(rename))
    }

    fn raw_items(text: &str) -> Result<Vec<&serde_json::value::RawValue>> {
        serde_json::from_str(text).map_err(|e| Error::InvalidEvent {
            reason: format!("a list of events: {}", crate::error::without_position(&e)),
        })
    }

    fn read_list(text: &str, rename: Option<Rename>) -> Result<Vec<Self>> {
        Self::read_items(&Self::raw_items(text)?, rename)
    }

    fn read_items(
        items: &[&serde_json::value::RawValue],
        rename: Option<Rename>,
    ) -> Result<Vec<Self>> {
        let n = items.len();
        items
            .iter()
            .enumerate()
            .map(|(i, raw)| {
                let read = Self::read(raw.get(), rename);
                read.map_err(|error| {
                    if n < 2 {
                        return error;
                    }
                    // name it by what can be read of it
                    let v: serde_json::Value = serde_json::from_str(raw.get()).unwrap_or_default();
                    let field =
                        |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("?").to_owned();
                    Error::InBatch {
                        index: i,
                        batch: n,
                        event: field("type"),
                        asset: field("asset"),
                        error: Box::new(error),
                    }
                })
            })
            .collect()
    }

    /// Read an event from its JSON form as a value (see [`NewEvent::from_json`]).
    pub fn from_json_value(value: &serde_json::Value) -> Result<Self> {
        Self::from_json(&value.to_string())
    }
}

/// The JSON form of a new event, borrowed from the text it was read from.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire<'a> {
    #[serde(borrow)]
    asset: std::borrow::Cow<'a, str>,
    #[serde(rename = "type", borrow)]
    ty: std::borrow::Cow<'a, str>,
    #[serde(default, borrow)]
    occurred_at: Option<std::borrow::Cow<'a, str>>,
    #[serde(default)]
    actor: Option<String>,
    #[serde(default, borrow)]
    event_id: Option<std::borrow::Cow<'a, str>>,
    #[serde(default, borrow)]
    correlation_id: Option<std::borrow::Cow<'a, str>>,
    #[serde(default)]
    expected_version: Option<Expected>,
    #[serde(default, borrow)]
    asset_id: Option<std::borrow::Cow<'a, str>>,
    #[serde(default, borrow)]
    data: Option<&'a serde_json::value::RawValue>,
    #[serde(default)]
    allow_duplicate_serial: bool,
}

impl Wire<'_> {
    fn into_event(self, rename: Option<Rename>) -> Result<NewEvent> {
        let ty = EventType::from_name(&self.ty)?;
        let data = self.data.map_or("{}", serde_json::value::RawValue::get);
        let event = match rename {
            None => Event::from_payload_json(ty, data)?,
            Some(r) => Event::from_payload_json_renamed(ty, data, r)?,
        };
        let mut ev = NewEvent::new(self.asset.into_owned(), event);
        if let Some(t) = self.occurred_at {
            ev.occurred_at = Some(crate::time::parse_datetime("occurred_at", &t)?);
        }
        if let Some(a) = self.actor {
            ev.actor = a;
        }
        ev.event_id = self.event_id.map(|s| s.parse()).transpose()?;
        ev.correlation_id = self
            .correlation_id
            .map(|s| {
                Uuid::parse_str(&s)
                    .map_err(|_| Error::invalid("correlation_id", &s, "expected a UUID"))
            })
            .transpose()?;
        ev.expected = self.expected_version.unwrap_or_default();
        ev.asset_id = self.asset_id.map(|s| s.parse()).transpose()?;
        ev.allow_duplicate_serial = self.allow_duplicate_serial;
        Ok(ev)
    }
}

/// Where an appended event landed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appended {
    /// Its global position (gapless, in commit order).
    pub position: u64,
    /// The asset's id.
    pub asset_id: AssetId,
    /// The asset's tag.
    pub tag: String,
    /// The stream version it got (1 for the first event).
    pub version: u64,
    /// Its event id.
    pub event_id: EventId,
}

/// An event as stored in the log.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordedEvent {
    /// Global position: gapless, in commit order, from 1.
    pub position: u64,
    /// The asset's id.
    pub asset_id: AssetId,
    /// The asset's tag.
    pub tag: String,
    /// The stream version (1 for the asset's first event).
    pub version: u64,
    /// The event id.
    pub event_id: EventId,
    /// The schema version of the stored payload.
    pub schema_version: u32,
    /// When it happened.
    pub occurred_at: DateTime<Utc>,
    /// When the log stored it.
    pub recorded_at: DateTime<Utc>,
    /// Who recorded it.
    pub actor: String,
    /// Correlation id, if any.
    pub correlation_id: Option<Uuid>,
    /// The fact.
    pub event: Event,
}

impl RecordedEvent {
    /// The event's type.
    pub fn event_type(&self) -> EventType {
        self.event.event_type()
    }

    /// The JSON form used by exports, the change feed and the bindings;
    /// [`NewEvent::from_json_value`] reads it back (extra fields are dropped first).
    pub fn to_json_value(&self) -> serde_json::Value {
        serde_json::json!({
            "position": self.position,
            "asset": self.tag,
            "asset_id": self.asset_id.to_string(),
            "version": self.version,
            "event_id": self.event_id.to_string(),
            "type": self.event_type().name(),
            "schema_version": self.schema_version,
            "occurred_at": crate::time::format_instant(self.occurred_at),
            "recorded_at": crate::time::format_instant(self.recorded_at),
            "actor": self.actor,
            "correlation_id": self.correlation_id.map(|u| u.to_string()),
            "data": self.event.payload_value(),
        })
    }
}

/// A recorded event from its JSON form ([`RecordedEvent::to_json_value`],
/// what the bindings, the CLI's `--json` and JSON Lines exports show), so
/// that a typed client reads what a service sends.
impl<'de> Deserialize<'de> for RecordedEvent {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Form {
            position: u64,
            asset: String,
            asset_id: AssetId,
            version: u64,
            event_id: EventId,
            #[serde(rename = "type")]
            ty: EventType,
            schema_version: u32,
            occurred_at: DateTime<Utc>,
            recorded_at: DateTime<Utc>,
            actor: String,
            correlation_id: Option<Uuid>,
            data: serde_json::Value,
        }
        let f = Form::deserialize(d)?;
        let event = Event::from_payload_value(f.ty, f.data).map_err(serde::de::Error::custom)?;
        Ok(RecordedEvent {
            position: f.position,
            asset_id: f.asset_id,
            tag: f.asset,
            version: f.version,
            event_id: f.event_id,
            schema_version: f.schema_version,
            occurred_at: f.occurred_at,
            recorded_at: f.recorded_at,
            actor: f.actor,
            correlation_id: f.correlation_id,
            event,
        })
    }
}

/// `{"type": "shipped", "data": {...payload...}}`.
impl Serialize for Event {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Event", 2)?;
        st.serialize_field("type", self.event_type().name())?;
        st.serialize_field("data", &self.payload_value())?;
        st.end()
    }
}

/// An event in its JSON form (see [`NewEvent::from_json`]), so that a web
/// service can take it as a request body. Errors become the deserializer's
/// (their text is the core error's message); [`NewEvent::from_json`] keeps
/// the coded [`Error`].
impl<'de> Deserialize<'de> for NewEvent {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        NewEvent::from_json_value(&value).map_err(serde::de::Error::custom)
    }
}

impl Serialize for RecordedEvent {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_json_value().serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_name_round_trips() {
        for t in EventType::ALL {
            assert_eq!(EventType::from_name(t.name()).unwrap(), *t);
        }
        assert_eq!(
            EventType::from_name("teleported").unwrap_err().code(),
            "INVALID_EVENT"
        );
    }

    #[test]
    fn payload_json_round_trips_and_skips_empty_fields() {
        let e = Event::Shipped(Shipped {
            from: None,
            to: "Home of emp-7".into(),
            to_country: Some(Country::new("SG").unwrap()),
            carrier: Some("DHL".into()),
            tracking_ref: None,
            cost: Some("25.00 SGD".parse().unwrap()),
        });
        let json = e.payload_json();
        assert_eq!(
            json,
            r#"{"to":"Home of emp-7","to_country":"SG","carrier":"DHL","cost":"25.00 SGD"}"#
        );
        assert_eq!(
            Event::from_payload_json(EventType::Shipped, &json).unwrap(),
            e
        );
    }

    #[test]
    fn unknown_fields_and_missing_required_fields_are_refused() {
        let err =
            Event::from_payload_json(EventType::Patched, r#"{"component":"os","versoin":"1"}"#)
                .unwrap_err();
        assert_eq!(err.code(), "INVALID_EVENT");
        assert!(err.to_string().contains("versoin"));
        let empty =
            Event::from_payload_json(EventType::Patched, r#"{"component":" ","version":"1"}"#)
                .unwrap();
        assert_eq!(empty.validate().unwrap_err().code(), "EMPTY_FIELD");
        let no_cost = Event::from_payload_json(
            EventType::Ordered,
            r#"{"category":"laptop","vendor":"Dell","model":"XPS"}"#,
        )
        .unwrap_err();
        assert!(no_cost.to_string().contains("unit_cost"), "{no_cost}");
    }

    #[test]
    fn the_core_reads_snake_case_only_and_a_caller_may_rename() {
        fn snake(k: &str) -> Option<String> {
            match k {
                "occurredAt" => Some("occurred_at".into()),
                "unitCost" => Some("unit_cost".into()),
                _ => None,
            }
        }
        let camel = r#"[{"asset": "LAP-1", "type": "ordered", "occurredAt": "2024-01-01T00:00:00Z",
            "data": {"category": "laptop", "vendor": "Dell", "model": "XPS", "unitCost": "10.00 EUR"}}]"#;
        let e = NewEvent::list_from_json(camel).unwrap_err();
        assert_eq!(e.code(), "INVALID_EVENT");
        assert!(e.to_string().contains("occurredAt"), "{e}");
        let read = NewEvent::list_from_json_renamed(camel, snake).unwrap();
        assert_eq!(
            read[0].occurred_at.unwrap().to_rfc3339(),
            "2024-01-01T00:00:00+00:00"
        );
        match &read[0].event {
            Event::Ordered(o) => assert_eq!(o.unit_cost.to_string(), "10.00 EUR"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn recorded_events_read_back_from_their_json_form() {
        let log = crate::AssetLog::open_in_memory().unwrap();
        log.append(NewEvent::new(
            "LAP-1",
            Ordered::new("laptop", "Dell", "XPS", "1299.00 EUR".parse().unwrap()),
        ))
        .unwrap();
        let e = log.feed(0, 1).unwrap().remove(0);
        let text = serde_json::to_string(&e).unwrap();
        let back: RecordedEvent = serde_json::from_str(&text).unwrap();
        assert_eq!(back, e);
        let view = log.asset("LAP-1", crate::At::now()).unwrap();
        let again: crate::AssetView =
            serde_json::from_str(&serde_json::to_string(&view).unwrap()).unwrap();
        assert_eq!(again, view);
        let cost = log
            .cost("LAP-1", crate::At::now(), &crate::Policy::default())
            .unwrap();
        let cost_back: crate::view::cost::CostView =
            serde_json::from_str(&serde_json::to_string(&cost).unwrap()).unwrap();
        assert_eq!(cost_back, cost);
    }

    #[test]
    fn payloads_need_only_what_is_required() {
        let r = Received {
            location: "Berlin".into(),
            ..Default::default()
        };
        assert_eq!(r.country, None);
        let o = Ordered {
            serial: Some("SN-1".into()),
            ..Ordered::new("laptop", "Dell", "XPS", "1299.00 EUR".parse().unwrap())
        };
        assert!(Event::from(o).validate().is_ok());
        assert!(
            Event::from(Note::default()).validate().is_err(),
            "an empty note is refused"
        );
    }

    #[test]
    fn events_cross_serde_both_ways_for_web_services() {
        let body = r#"[{"asset": "LAP-1", "type": "shipped", "data": {"to": "Home of emp-7", "carrier": "DHL"}}]"#;
        let events: Vec<NewEvent> = serde_json::from_str(body).unwrap();
        let out = serde_json::to_value(&events[0].event).unwrap();
        assert_eq!(out["type"], "shipped");
        assert_eq!(out["data"]["to"], "Home of emp-7");
        let bad = serde_json::from_str::<NewEvent>(r#"{"asset": "LAP-1", "type": "teleported"}"#);
        assert!(bad.unwrap_err().to_string().contains("teleported"));
    }

    #[test]
    fn new_event_reads_its_json_form() {
        let e = NewEvent::from_json(
            r#"{"asset":"LAP-1","type":"patched","occurred_at":"2024-01-02T03:04:05Z",
                "actor":"mdm","expected_version":4,"data":{"component":"os","version":"14.2"}}"#,
        )
        .unwrap();
        assert_eq!(e.expected, Expected::Exact(4));
        assert_eq!(e.actor, "mdm");
        assert!(matches!(e.event, Event::Patched(_)));
        let bad = NewEvent::from_json(r#"{"asset":"LAP-1","type":"patched","colour":"red"}"#);
        assert_eq!(bad.unwrap_err().code(), "INVALID_EVENT");
    }
}
