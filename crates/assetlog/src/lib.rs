//! assetlog: the whole life of every IT asset as an append-only event
//! stream in an embedded SQLite file, with the lifecycle enforced and views
//! (status, holder, location, cost, depreciation, fleet reports) answered
//! now or as of any date.
//!
//! ```
//! use assetlog::{AssetLog, At, NewEvent, event::{Ordered, Received}};
//!
//! let log = AssetLog::open_in_memory()?;
//! log.append(NewEvent::new("LAP-0042", Ordered {
//!     category: "laptop".into(), vendor: "Dell".into(), model: "Latitude 7450".into(),
//!     serial: None, unit_cost: "1299.00 EUR".parse()?, order_ref: None, warranty_end: None,
//! }))?;
//! log.append(NewEvent::new("LAP-0042", Received {
//!     location: "Berlin office".into(), country: Some("DE".parse()?), serial: None,
//! }))?;
//! assert_eq!(log.asset("LAP-0042", At::now())?.status.name(), "in_stock");
//! # Ok::<(), assetlog::Error>(())
//! ```
#![warn(missing_docs)]
#![forbid(unsafe_code)]

mod append;
pub mod books;
mod chain;
pub mod compliance;
pub mod copy;
pub mod depreciation;
pub mod error;
pub mod event;
pub mod ids;
pub mod jsonl;
pub mod license;
pub mod lifecycle;
mod log;
pub mod money;
pub mod people;
pub mod renamed;
mod reports;
pub mod schema;
mod store;
pub mod time;
mod trends;
pub mod version;
pub mod view;

pub use books::{
    BookRule, BookValue, BookValueGroup, CurrencyBookValue, Disposal, EndOfLife, FleetBookValue,
    Forecast,
};
pub use chain::{Checkpoint, Mismatch, Verification};
pub use depreciation::Policy;
pub use error::{Error, ErrorKind, Result, StorageError};
pub use event::{Appended, Event, EventType, Expected, NewEvent, RecordedEvent};
pub use ids::{AssetId, AssetRef, Country, EventId, PersonId};
pub use jsonl::{BadLine, JsonlImport};
pub use lifecycle::{Status, Target, Transition};
pub use log::{AssetLog, At, Clock, FeedIter, LogStats, OpenOptions, RebuildStats, MAX_FEED_PAGE};
pub use money::{Currency, FxRates, Money};
pub use people::{Person, PersonSeat, PersonStatus, PersonView};
pub use reports::{FleetPage, Offboarding};
#[cfg(feature = "postgres")]
pub use store::PG_SCHEMA_VERSION;
pub use store::{Durability, SCHEMA_VERSION, WAL_LIMIT_BYTES};
pub use trends::{quarter_of, AgeBand, MonthSpend, QuarterEndOfLife, StatusCount, MAX_POINTS};
pub use view::asset::{AssetView, CostSums, PatchInfo};
pub use view::cost::{CostView, CurrencyCosts};
pub use view::fleet::{
    CheckInPolicy, CountGroup, DataGaps, Dimension, DuplicateSerial, FleetCounts, FleetFilter,
    IdleAsset, IdleReason, OutdatedAsset, OverdueReturn, SilentAsset, SpendGroup,
};
pub use view::flows::{Flow, FlowGroup, FlowStats, Recovery};

#[cfg(test)]
mod tests {
    #[test]
    fn the_log_can_be_shared_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<super::AssetLog>();
    }
}
