//! Reading JSON whose field names a caller spells its own way.
//!
//! The core's JSON forms use snake_case names (`unit_cost`, `occurred_at`).
//! A binding whose language spells them otherwise (Node: `unitCost`) passes
//! a [`Rename`] function, and [`from_str`] reads struct field names through
//! it before serde matches them. Only the fields of the struct being read
//! are renamed, never the keys of free-form maps inside it, and nothing is
//! copied: the JSON text is read once, as without renaming.

use serde::de::value::{BorrowedStrDeserializer, StrDeserializer, StringDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A field name as the caller wrote it → the core's name, or `None` to keep it.
pub type Rename = fn(&str) -> Option<String>;

/// Read a `T` from JSON text, field names of its top-level struct through `rename`.
pub fn from_str<'de, T: de::Deserialize<'de>>(
    text: &'de str,
    rename: Rename,
) -> serde_json::Result<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = T::deserialize(Renamed {
        inner: &mut de,
        rename,
    })?;
    de.end()?;
    Ok(value)
}

/// A deserializer that renames the field names of the struct it reads.
struct Renamed<D> {
    inner: D,
    rename: Rename,
}

macro_rules! forward {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
                self.inner.$method(visitor)
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Renamed<D> {
    type Error = D::Error;

    forward!(
        deserialize_any deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32
        deserialize_i64 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_f32 deserialize_f64 deserialize_char deserialize_str deserialize_string
        deserialize_bytes deserialize_byte_buf deserialize_option deserialize_unit
        deserialize_seq deserialize_map deserialize_identifier deserialize_ignored_any
        deserialize_i128 deserialize_u128
    );

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_unit_struct(name, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_newtype_struct(name, visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_tuple(len, visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_tuple_struct(name, len, visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_enum(name, variants, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_struct(
            name,
            fields,
            StructVisitor {
                inner: visitor,
                rename: self.rename,
            },
        )
    }
}

/// Hands the struct's visitor a map whose keys are renamed.
struct StructVisitor<V> {
    inner: V,
    rename: Rename,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for StructVisitor<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.inner.visit_map(RenamedKeys {
            inner: map,
            rename: self.rename,
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.inner.visit_seq(seq)
    }
}

struct RenamedKeys<A> {
    inner: A,
    rename: Rename,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for RenamedKeys<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.inner.next_key_seed(KeySeed {
            inner: seed,
            rename: self.rename,
        })
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        self.inner.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

struct KeySeed<K> {
    inner: K,
    rename: Rename,
}

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<K> {
    type Value = K::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<K::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de, K: DeserializeSeed<'de>> Visitor<'de> for KeySeed<K> {
    type Value = K::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<K::Value, E> {
        match (self.rename)(key) {
            Some(name) => self.inner.deserialize(StringDeserializer::<E>::new(name)),
            None => self
                .inner
                .deserialize(BorrowedStrDeserializer::<E>::new(key)),
        }
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<K::Value, E> {
        match (self.rename)(key) {
            Some(name) => self.inner.deserialize(StringDeserializer::<E>::new(name)),
            None => self.inner.deserialize(StrDeserializer::<E>::new(key)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn snake(key: &str) -> Option<String> {
        key.contains(char::is_uppercase).then(|| {
            key.chars()
                .flat_map(|c| {
                    let lower = c.to_ascii_lowercase();
                    (c.is_uppercase().then_some('_').into_iter()).chain([lower])
                })
                .collect()
        })
    }

    #[derive(serde::Deserialize, Debug, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Payload {
        unit_cost: String,
        #[serde(default)]
        fields: BTreeMap<String, String>,
    }

    #[test]
    fn struct_fields_are_renamed_and_free_form_keys_are_not() {
        let p: Payload = from_str(
            r#"{"unitCost": "1.00 EUR", "fields": {"assetTag": "x"}}"#,
            snake,
        )
        .unwrap();
        assert_eq!(p.unit_cost, "1.00 EUR");
        assert_eq!(p.fields["assetTag"], "x");
        let same: Payload = from_str(r#"{"unit_cost": "2.00 EUR"}"#, snake).unwrap();
        assert_eq!(same.unit_cost, "2.00 EUR");
        let e = from_str::<Payload>(r#"{"unitCots": "1"}"#, snake).unwrap_err();
        assert!(e.to_string().contains("unknown field `unit_cots`"), "{e}");
        assert!(from_str::<Payload>(r#"{"unit_cost": "1"} x"#, snake).is_err());
    }
}
