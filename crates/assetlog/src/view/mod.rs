//! Views: state derived from the log. [`asset`] is the fold every other view
//! starts from; [`cost`] and [`fleet`] are pure functions over asset views.

pub mod asset;
pub mod cost;
pub mod fleet;
pub mod flows;
pub mod timeline;
