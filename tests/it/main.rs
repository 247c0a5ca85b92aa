//! Integration tests of the assetlog crate, as one binary.

mod books;
mod checkpoints;
mod copy;
mod crash;
mod fixtures;
mod flows;
mod hostile;
mod licenses;
mod lifecycle;
mod migration;
mod people;
mod postgres;
mod properties;
mod readme;
mod store;
mod support;
mod tamper;
mod trends;
mod views;
