//! `assetlog._native`: the Python binding's native module. It only
//! registers; `log.rs` holds the `Log` class, `convert.rs` the conversions.

mod convert;
mod log;

use pyo3::prelude::*;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<log::Log>()?;
    m.add_function(wrap_pyfunction!(log::transitions, m)?)?;
    m.add_function(wrap_pyfunction!(log::error_codes, m)?)?;
    m.add_function(wrap_pyfunction!(log::error_table, m)?)?;
    m.add_function(wrap_pyfunction!(log::event_schema, m)?)?;
    m.add_function(wrap_pyfunction!(log::statuses, m)?)?;
    m.add_function(wrap_pyfunction!(log::total_in, m)?)?;
    m.add_function(wrap_pyfunction!(log::check_money, m)?)?;
    m.add_function(wrap_pyfunction!(log::depreciation_schedule, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
