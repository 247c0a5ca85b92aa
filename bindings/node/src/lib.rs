//! The Node binding of assetlog. `log.rs` holds the `AssetLog` class,
//! `views.rs` the objects it returns, `books.rs` depreciation rules and books, `convert.rs` the conversions and
//! errors, `tasks.rs` the Promise-returning long operations.

// napi registers exports only outside `cfg(test)`, so test builds see them unused.
#![cfg_attr(test, allow(dead_code))]

mod books;
mod convert;
mod log;
mod tasks;
mod views;
