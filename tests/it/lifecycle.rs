//! The lifecycle as users meet it through the log.
