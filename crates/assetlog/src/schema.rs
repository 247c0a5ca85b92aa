//! The events' JSON form as data: every event type with its payload fields,
//! each field's kind (text, money, date, ...), whether it is required, and
//! the values of its enumerations. It is read from the payload structs
//! themselves (their field list and serde's own variant names), so it
//! cannot drift from what the core accepts.
//!
//! The bindings generate their types from it: Node's TypeScript union of
//! events (`bindings/node/dts-header.d.ts`), Python's typed constructors
//! (`bindings/python/python/assetlog/events.py`); their tests fail when
//! the generated text and this schema disagree.

use serde::de::{self, Deserializer, Visitor};
use serde::Serialize;

use crate::event::{Condition, CostKind, EventType, LicenseKind, RetireReason, ReturnReason};
use crate::lifecycle::Status;

/// What a payload field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// Free text.
    Text,
    /// Money: `"1299.00 EUR"` (or `{amount, currency}` in the bindings).
    Money,
    /// A calendar day, `YYYY-MM-DD`.
    Date,
    /// An ISO 3166-1 alpha-2 country code.
    Country,
    /// A person id (`emp-1042`).
    Person,
    /// true or false (false when absent).
    Boolean,
    /// A whole number from 0.
    Number,
    /// One of [`FieldSchema::values`].
    Enumeration,
}

/// One payload field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldSchema {
    /// The snake_case name.
    pub name: &'static str,
    /// What it holds.
    pub kind: FieldKind,
    /// Whether an event without it is refused.
    pub required: bool,
    /// For an enumeration, the values it takes.
    pub values: Vec<&'static str>,
}

/// One event type and its payload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EventSchema {
    /// The type's name (`ordered`).
    #[serde(rename = "type")]
    pub event_type: &'static str,
    /// The payload's fields, in declaration order.
    pub fields: Vec<FieldSchema>,
}

/// Every event type with its payload, in lifecycle order.
pub fn events() -> Vec<EventSchema> {
    EventType::ALL
        .iter()
        .map(|t| EventSchema {
            event_type: t.name(),
            fields: t
                .payload_fields()
                .iter()
                .map(|(n, ty)| field(n, ty))
                .collect(),
        })
        .collect()
}

/// Every status name, in lifecycle order.
pub fn statuses() -> Vec<&'static str> {
    Status::ALL.iter().map(|s| s.name()).collect()
}

fn field(name: &'static str, ty: &'static str) -> FieldSchema {
    let ty: String = ty.chars().filter(|c| !c.is_whitespace()).collect();
    let (inner, optional) = match ty.strip_prefix("Option<").and_then(|t| t.strip_suffix('>')) {
        Some(inner) => (inner.to_owned(), true),
        None => (ty.clone(), false),
    };
    let (kind, values) = match inner.as_str() {
        "String" => (FieldKind::Text, vec![]),
        "Money" => (FieldKind::Money, vec![]),
        "NaiveDate" => (FieldKind::Date, vec![]),
        "Country" => (FieldKind::Country, vec![]),
        "PersonId" => (FieldKind::Person, vec![]),
        "bool" => (FieldKind::Boolean, vec![]),
        "u32" => (FieldKind::Number, vec![]),
        "LicenseKind" => (FieldKind::Enumeration, variants::<LicenseKind>()),
        "ReturnReason" => (FieldKind::Enumeration, variants::<ReturnReason>()),
        "Condition" => (FieldKind::Enumeration, variants::<Condition>()),
        "RetireReason" => (FieldKind::Enumeration, variants::<RetireReason>()),
        "CostKind" => (FieldKind::Enumeration, variants::<CostKind>()),
        other => panic!("payload field {name}: add the type {other} to schema::field"),
    };
    FieldSchema {
        name,
        kind,
        required: !optional && kind != FieldKind::Boolean,
        values,
    }
}

/// The names serde gives an enumeration's variants (after `rename_all`).
fn variants<'de, T: de::Deserialize<'de>>() -> Vec<&'static str> {
    let mut caught = Vec::new();
    let _ = T::deserialize(VariantNames(&mut caught));
    caught
}

/// A deserializer that only notes the variant names it is asked for.
struct VariantNames<'a>(&'a mut Vec<&'static str>);

impl<'de> Deserializer<'de> for VariantNames<'_> {
    type Error = de::value::Error;

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.extend_from_slice(variants);
        Err(de::Error::custom("variant names noted"))
    }

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("only enumerations are read"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Event;

    /// A value of a field's kind that the core accepts.
    fn sample(f: &FieldSchema) -> serde_json::Value {
        match f.kind {
            FieldKind::Text => "x".into(),
            FieldKind::Money => "10.00 EUR".into(),
            FieldKind::Date => "2024-01-01".into(),
            FieldKind::Country => "DE".into(),
            FieldKind::Person => "emp-1".into(),
            FieldKind::Boolean => true.into(),
            FieldKind::Number => 5.into(),
            FieldKind::Enumeration => f.values[0].into(),
        }
    }

    #[test]
    fn the_schema_is_what_the_core_accepts_field_by_field() {
        let all = events();
        assert_eq!(all.len(), EventType::ALL.len());
        for e in &all {
            let ty = EventType::from_name(e.event_type).unwrap();
            let full: serde_json::Map<_, _> = e
                .fields
                .iter()
                .map(|f| (f.name.to_owned(), sample(f)))
                .collect();
            Event::from_payload_value(ty, full.clone().into())
                .unwrap_or_else(|err| panic!("{}: every field set: {err}", e.event_type));
            for f in &e.fields {
                let mut without = full.clone();
                without.remove(f.name);
                let read = Event::from_payload_value(ty, without.into());
                assert_eq!(read.is_ok(), !f.required, "{}.{}", e.event_type, f.name);
                for v in &f.values {
                    let mut with = full.clone();
                    with.insert(f.name.to_owned(), (*v).into());
                    assert!(Event::from_payload_value(ty, with.into()).is_ok(), "{v}");
                }
            }
            let mut extra = full.clone();
            extra.insert("not_a_field".into(), "x".into());
            assert!(Event::from_payload_value(ty, extra.into()).is_err());
        }
        let retired = all.iter().find(|e| e.event_type == "retired").unwrap();
        assert!(retired.fields[0].values.contains(&"end_of_life"));
        assert_eq!(statuses()[0], "ordered");
    }
}
