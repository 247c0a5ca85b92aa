//! Conversions at the boundary: coded JS errors, dates, camelCase keys,
//! and a guard that keeps Rust panics out of Node.

use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::{DateTime, Utc};
use napi::bindgen_prelude::{
    FromNapiValue, JsObjectValue, Object, ToNapiValue, TypeName, ValidateNapiValue,
};
use napi::{sys, Env, JsError, JsValue, Status, ValueType};
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
    let e = match f {
        Failure::Core(e) => e,
        Failure::Panic(reason) => assetlog::Error::Internal { reason },
    };
    let (code, mut message, details) = (e.code(), e.to_string(), e.details());
    if code == "INVALID_EVENT" {
        message = camel_names(&message);
    }
    let unknown = JsError::from(napi::Error::new(code, message)).into_unknown(*env);
    if let Ok(mut obj) = unknown.coerce_to_object() {
        let _ = obj.set_named_property("kind", e.kind().name());
    }
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

/// `camelCase` to `snake_case` (`None` when there is nothing to change):
/// how the core reads the field names of events written in JavaScript.
pub fn snake(s: &str) -> Option<String> {
    if !s.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// Names in backticks in a message (serde's "unknown field `unit_cots`,
/// expected one of `unit_cost`, ...") in camelCase, as a JS caller wrote them.
fn camel_names(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 {
            out.push_str(&camel(part));
        } else {
            out.push_str(part);
        }
    }
    out
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

/// A moment as JS gives it: a `Date` or an ISO string (`When` in
/// index.d.ts). An invalid `Date` (`new Date('garbage')`) is kept as such
/// so that the call refuses it naming the argument, instead of reading it
/// as 1970 or as now.
pub enum When {
    Date(DateTime<Utc>),
    Text(String),
    InvalidDate,
}

impl When {
    /// The instant, naming `field` when it is an invalid Date.
    pub fn instant(&self, field: &str) -> Result<DateTime<Utc>, Failure> {
        match self {
            When::Date(d) => Ok(*d),
            When::Text(s) => Ok(assetlog::time::parse_datetime(field, s)?),
            When::InvalidDate => Err(invalid_date(field)),
        }
    }

    /// As an as-of moment: a date-only string means the end of that day.
    pub fn as_of(&self, field: &str) -> Result<DateTime<Utc>, Failure> {
        match self {
            When::Text(s) => Ok(assetlog::time::parse_as_of(field, s)?),
            other => other.instant(field),
        }
    }

    /// A calendar date: a `Date`'s UTC day or a `YYYY-MM-DD` string.
    pub fn date(&self, field: &str) -> Result<chrono::NaiveDate, Failure> {
        match self {
            When::Date(d) => Ok(d.date_naive()),
            When::Text(s) => Ok(assetlog::time::parse_date(field, s)?),
            When::InvalidDate => Err(invalid_date(field)),
        }
    }
}

fn invalid_date(field: &str) -> Failure {
    Failure::Core(assetlog::Error::InvalidValue {
        field: field.to_owned(),
        input: "Invalid Date".to_owned(),
        reason: "a valid Date or an ISO 8601 string (new Date(...) could not read its input)"
            .to_owned(),
    })
}

impl TypeName for When {
    fn type_name() -> &'static str {
        "When"
    }
    fn value_type() -> ValueType {
        ValueType::Unknown
    }
}

impl ValidateNapiValue for When {}

impl FromNapiValue for When {
    unsafe fn from_napi_value(env: sys::napi_env, v: sys::napi_value) -> napi::Result<Self> {
        let mut is_date = false;
        // SAFETY: env and v come from napi for this call.
        if unsafe { sys::napi_is_date(env, v, &mut is_date) } == sys::Status::napi_ok && is_date {
            let mut ms = f64::NAN;
            // SAFETY: v is a Date.
            unsafe { sys::napi_get_date_value(env, v, &mut ms) };
            if !ms.is_finite() {
                return Ok(When::InvalidDate);
            }
            return Ok(chrono::TimeZone::timestamp_millis_opt(&Utc, ms as i64)
                .single()
                .map_or(When::InvalidDate, When::Date));
        }
        let mut t = sys::ValueType::napi_undefined;
        // SAFETY: as above.
        unsafe { sys::napi_typeof(env, v, &mut t) };
        if t != sys::ValueType::napi_string {
            return Err(napi::Error::new(
                Status::InvalidArg,
                "expected a Date or an ISO 8601 string".to_owned(),
            ));
        }
        // SAFETY: as above; v is a string.
        Ok(When::Text(unsafe { String::from_napi_value(env, v) }?))
    }
}

impl ToNapiValue for When {
    unsafe fn to_napi_value(env: sys::napi_env, v: Self) -> napi::Result<sys::napi_value> {
        // SAFETY: env comes from napi for this call.
        unsafe {
            match v {
                When::Date(d) => DateTime::<Utc>::to_napi_value(env, d),
                When::Text(s) => String::to_napi_value(env, s),
                When::InvalidDate => {
                    let mut out = std::ptr::null_mut();
                    napi::check_status!(sys::napi_create_date(env, f64::NAN, &mut out))?;
                    Ok(out)
                }
            }
        }
    }
}

/// The JS names of an options object's fields, so that a mistyped key
/// (`{ contry: 'DE' }`) is refused instead of ignored. `options!` derives it.
pub trait Keys {
    /// The Rust (snake_case) field names.
    const KEYS: &'static [&'static str];
    /// The options' name, for messages.
    const WHAT: &'static str;
}

/// An options object whose keys are checked against its fields before it
/// is read (`Strict<FleetOptions>` is just `FleetOptions` in index.d.ts).
pub struct Strict<T>(pub T);

impl<T> std::ops::Deref for Strict<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> TypeName for Strict<T> {
    fn type_name() -> &'static str {
        "Strict"
    }
    fn value_type() -> ValueType {
        ValueType::Object
    }
}

impl<T> ValidateNapiValue for Strict<T> {}

impl<T: ToNapiValue> ToNapiValue for Strict<T> {
    unsafe fn to_napi_value(env: sys::napi_env, v: Self) -> napi::Result<sys::napi_value> {
        // SAFETY: env comes from napi for this call.
        unsafe { T::to_napi_value(env, v.0) }
    }
}

impl<T: Keys + FromNapiValue> FromNapiValue for Strict<T> {
    unsafe fn from_napi_value(env: sys::napi_env, v: sys::napi_value) -> napi::Result<Self> {
        // SAFETY: env and v come from napi for this call.
        let obj = unsafe { Object::from_napi_value(env, v) }?;
        for key in Object::keys(&obj)? {
            if !T::KEYS.iter().any(|f| camel(f) == key) {
                let known: Vec<String> = T::KEYS.iter().map(|f| camel(f)).collect();
                let e = assetlog::Error::InvalidValue {
                    field: T::WHAT.to_owned(),
                    input: key,
                    reason: format!("an unknown key; the known keys are {}", known.join(", ")),
                };
                let err = js_error(&Env::from_raw(env), Failure::Core(e));
                // SAFETY: throwing on the env of this call; the PendingException
                // status below tells napi not to throw again.
                unsafe { JsError::from(err).throw_into(env) };
                return Err(napi::Error::new(Status::PendingException, String::new()));
            }
        }
        // SAFETY: as above.
        Ok(Strict(unsafe { T::from_napi_value(env, v) }?))
    }
}

/// The [`Keys`] of an options object: `keys!(FleetOptions { as_of, status })`.
/// The list is checked by the compiler: a field left out of it (or one
/// that does not exist) fails to build.
macro_rules! keys {
    ($name:ident { $($field:ident),* $(,)? }) => {
        impl $crate::convert::Keys for $name {
            const KEYS: &'static [&'static str] = &[$(stringify!($field)),*];
            const WHAT: &'static str = stringify!($name);
        }
        const _: fn($name) = |o: $name| {
            let $name { $($field: _),* } = o;
        };
    };
}
pub(crate) use keys;

/// An optional instant argument.
pub fn instant(field: &str, v: Option<&When>) -> Result<Option<DateTime<Utc>>, Failure> {
    v.map(|w| w.instant(field)).transpose()
}

/// A calendar date argument.
pub fn date(field: &str, v: &When) -> Result<chrono::NaiveDate, Failure> {
    v.date(field)
}
