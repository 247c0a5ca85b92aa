//! Conversions at the boundary: errors to the package's exception classes,
//! time arguments to `At`, and a guard that keeps Rust panics out of Python.

use std::panic::{catch_unwind, AssertUnwindSafe};

use assetlog::{At, Error};
use pyo3::prelude::*;

/// A failure on the Rust side: a core error, or a panic caught at the boundary.
pub enum Failure {
    Core(Error),
    Panic(String),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Core(e)
    }
}

/// Run `f` without the GIL; a panic becomes an error, never an unwind into Python.
pub fn run<T: Send>(py: Python<'_>, f: impl FnOnce() -> Result<T, Failure> + Send) -> PyResult<T> {
    let out = py.detach(|| match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            Err(Failure::Panic(msg))
        }
    });
    out.map_err(|f| to_pyerr(py, f))
}

/// Raise the package's exception for a failure (`assetlog.errors.from_code`).
fn to_pyerr(py: Python<'_>, f: Failure) -> PyErr {
    let e = match f {
        Failure::Core(e) => e,
        Failure::Panic(reason) => assetlog::Error::Internal { reason },
    };
    let (code, message, details) = (e.code(), e.to_string(), e.details().to_string());
    let made = py
        .import("assetlog.errors")
        .and_then(|m| m.getattr("from_code"))
        .and_then(|f| f.call1((code, message.clone(), details)));
    match made {
        Ok(exc) => PyErr::from_value(exc),
        Err(e) => e,
    }
}

/// Parse an optional RFC 3339 instant.
pub fn instant(
    field: &str,
    s: Option<&str>,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, Failure> {
    Ok(s.map(|s| assetlog::time::parse_datetime(field, s))
        .transpose()?)
}

/// The moment a query is about.
pub fn at(occurred: Option<&str>, recorded: Option<&str>) -> Result<At, Failure> {
    Ok(At {
        occurred: instant("as_of", occurred)?,
        recorded: instant("as_recorded", recorded)?,
    })
}

/// Serialize a result for the Python side.
pub fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("assetlog values always serialize")
}

/// Read JSON from the Python side.
pub fn parse<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> Result<T, Failure> {
    serde_json::from_str(text).map_err(|e| {
        Failure::Core(Error::InvalidValue {
            field: what.to_owned(),
            input: String::new(),
            reason: e.to_string(),
        })
    })
}
