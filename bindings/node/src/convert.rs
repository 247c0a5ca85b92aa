//! Conversions at the boundary: coded JS errors, dates, camelCase keys,
//! and a guard that keeps Rust panics out of Node.

use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::{DateTime, Utc};
use napi::bindgen_prelude::Either;
use napi::bindgen_prelude::JsObjectValue;
use napi::{Env, JsError, JsValue};
use serde_json::Value;

/// A failure on the Rust side: a core error, or a panic caught at the boundary.
pub enum Failure {
    Core(assetlog::Error),
    Panic(String),
}

impl From<assetlog::Error> for Failure {
    fn from(e: assetlog::Error) -> Self {
        Failure::Core(e)
    }
}

/// Run `f`, turning a panic into a failure instead of an abort of Node.
pub fn guard<T>(f: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => Err(Failure::Panic(
            payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned()),
        )),
    }
}

/// A JS `Error` whose `code` is the core's stable code, with the error's
/// fields as properties (`err.asset`, `err.assetStatus`...). The asset's
/// status is `assetStatus`: Express and Koa read `err.status` as the HTTP
/// status of the response.
pub fn js_error(env: &Env, f: Failure) -> napi::Error {
    let (code, message, details) = match f {
        Failure::Core(e) => (e.code().to_owned(), e.to_string(), e.details()),
        Failure::Panic(msg) => (
            "INTERNAL".to_owned(),
            format!("internal error in assetlog (please report it): {msg}"),
            Value::Object(serde_json::Map::new()),
        ),
    };
    let unknown = JsError::from(napi::Error::new(code, message)).into_unknown(*env);
    if let (Ok(mut obj), Value::Object(map)) = (unknown.coerce_to_object(), details) {
        for (k, v) in map {
            let name = if k == "status" {
                "assetStatus".to_owned()
            } else {
                camel(&k)
            };
            let _ = obj.set_named_property(&name, v);
        }
    }
    napi::Error::from(unknown)
}

/// Run `f` and convert a failure into a coded JS error.
pub fn run<T>(env: &Env, f: impl FnOnce() -> Result<T, Failure>) -> napi::Result<T> {
    guard(f).map_err(|e| js_error(env, e))
}

/// `snake_case` to `camelCase`.
pub fn camel(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut up = false;
    for c in s.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Rename the keys of a payload object (one level: payload fields are flat).
pub fn rename_keys(v: Value, f: fn(&str) -> String) -> Value {
    match v {
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (f(&k), v)).collect()),
        other => other,
    }
}

/// A `Date` or an ISO string, as an instant.
pub fn instant(
    field: &str,
    v: Option<&Either<DateTime<Utc>, String>>,
) -> Result<Option<DateTime<Utc>>, Failure> {
    Ok(match v {
        None => None,
        Some(Either::A(d)) => Some(*d),
        Some(Either::B(s)) => Some(assetlog::time::parse_datetime(field, s)?),
    })
}

/// A calendar date from a `Date` (its UTC day) or a `YYYY-MM-DD` string.
pub fn date(field: &str, v: &Either<DateTime<Utc>, String>) -> Result<chrono::NaiveDate, Failure> {
    Ok(match v {
        Either::A(d) => d.date_naive(),
        Either::B(s) => assetlog::time::parse_date(field, s)?,
    })
}
