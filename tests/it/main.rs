//! Integration tests of the assetlog crate, as one binary.

mod fixtures;
mod lifecycle;
mod properties;
mod readme;
mod store;
mod support;
mod tamper;
mod views;
