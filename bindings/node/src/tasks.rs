//! Long operations as `AsyncTask`s: the work runs on libuv's thread pool,
//! the result (or a coded error) is delivered to the Promise.

use std::sync::Arc;

use napi::{Env, Task};

use crate::convert::{guard, js_error, Failure};
use napi_derive::napi;

use crate::views::{Appended, AssetView, FleetCounts, JsonlImport, RebuildStats, RecordedEvent};

pub struct AppendTask {
    pub log: Arc<assetlog::AssetLog>,
    /// The batch as JSON arrays (one, or slices of a large batch the
    /// package entry serialized between turns of the event loop); decoded
    /// on the worker thread.
    pub parts: Vec<String>,
}

pub struct ImportTask {
    pub log: Arc<assetlog::AssetLog>,
    pub path: String,
    pub dry_run: bool,
}

pub struct ExportTask {
    pub log: Arc<assetlog::AssetLog>,
    pub path: String,
}

/// Import a JSON Lines file (shared by `importJsonl` and its async form).
pub fn import_file(
    log: &assetlog::AssetLog,
    path: &str,
    dry_run: bool,
) -> Result<assetlog::JsonlImport, Failure> {
    let f = std::fs::File::open(path).map_err(|e| io_failure(path, &e))?;
    Ok(log.import_jsonl(std::io::BufReader::new(f), dry_run)?)
}

/// Export to a JSON Lines file (shared by `exportJsonl` and its async form).
pub fn export_file(log: &assetlog::AssetLog, path: &str) -> Result<u64, Failure> {
    let f = std::fs::File::create(path).map_err(|e| io_failure(path, &e))?;
    Ok(log.export_jsonl(&mut std::io::BufWriter::new(f))?)
}

fn io_failure(path: &str, e: &std::io::Error) -> Failure {
    Failure::Core(assetlog::Error::Io {
        reason: format!("{path}: {e}"),
    })
}

impl Task for ImportTask {
    type Output = Result<assetlog::JsonlImport, Failure>;
    type JsValue = JsonlImport;
    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(guard(|| import_file(&self.log, &self.path, self.dry_run)))
    }
    fn resolve(&mut self, env: Env, out: Self::Output) -> napi::Result<Self::JsValue> {
        settle(&env, out, Into::into)
    }
}

impl Task for ExportTask {
    type Output = Result<u64, Failure>;
    type JsValue = i64;
    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(guard(|| export_file(&self.log, &self.path)))
    }
    fn resolve(&mut self, env: Env, out: Self::Output) -> napi::Result<Self::JsValue> {
        settle(&env, out, |n| n as i64)
    }
}

pub struct RebuildTask {
    pub log: Arc<assetlog::AssetLog>,
}

pub struct FleetTask {
    pub log: Arc<assetlog::AssetLog>,
    pub filter: assetlog::FleetFilter,
    pub at: assetlog::At,
}

pub struct CountsTask {
    pub log: Arc<assetlog::AssetLog>,
    pub filter: assetlog::FleetFilter,
    pub at: assetlog::At,
}

fn settle<T, J>(env: &Env, out: Result<T, Failure>, f: impl FnOnce(T) -> J) -> napi::Result<J> {
    out.map(f).map_err(|e| js_error(env, e))
}

impl Task for AppendTask {
    type Output = Result<Vec<assetlog::Appended>, Failure>;
    type JsValue = AppendedBatch;
    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(guard(|| {
            Ok(self
                .log
                .append_batch(&assetlog::NewEvent::list_from_json_parts_renamed(
                    &self.parts,
                    crate::convert::snake,
                )?)?)
        }))
    }
    fn resolve(&mut self, env: Env, out: Self::Output) -> napi::Result<Self::JsValue> {
        settle(&env, out, |v| AppendedBatch {
            items: std::sync::Mutex::new(v.into_iter()),
        })
    }
}

/// A result handed to JavaScript a slice at a time (see [`ViewBatch`]).
macro_rules! batch {
    ($(#[$doc:meta])* $name:ident, $core:ty => $js:ty) => {
        $(#[$doc])*
        #[napi]
        pub struct $name {
            items: std::sync::Mutex<std::vec::IntoIter<$core>>,
        }

        #[napi]
        impl $name {
            /// The next `n` items (none once all were taken).
            #[napi]
            pub fn take(&self, n: u32) -> Vec<$js> {
                let mut items = self
                    .items
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                items.by_ref().take(n as usize).map(Into::into).collect()
            }
        }
    };
}

batch!(
    /// Where the events of an `appendAsync` batch landed.
    AppendedBatch, assetlog::Appended => Appended
);
batch!(
    /// The events of a `feedAsync` page.
    EventBatch, assetlog::RecordedEvent => RecordedEvent
);

impl Task for RebuildTask {
    type Output = Result<assetlog::RebuildStats, Failure>;
    type JsValue = RebuildStats;
    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(guard(|| Ok(self.log.rebuild()?)))
    }
    fn resolve(&mut self, env: Env, out: Self::Output) -> napi::Result<Self::JsValue> {
        settle(&env, out, |s| RebuildStats {
            assets: s.assets as i64,
            events: s.events as i64,
        })
    }
}

/// The views of one fleet read, handed to JavaScript a slice at a time:
/// building 60,000 view objects at once would hold the event loop for over
/// a second, a slice of 1,000 takes a few milliseconds. The read itself is
/// one snapshot, made off the main thread.
#[napi]
pub struct ViewBatch {
    views: std::sync::Mutex<std::vec::IntoIter<assetlog::AssetView>>,
}

#[napi]
impl ViewBatch {
    /// The next `n` views (none once all were taken).
    #[napi]
    pub fn take(&self, n: u32) -> Vec<AssetView> {
        let mut views = self
            .views
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        views.by_ref().take(n as usize).map(Into::into).collect()
    }

    /// How many views are left to take.
    #[napi(getter)]
    pub fn remaining(&self) -> u32 {
        let views = self
            .views
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        u32::try_from(views.len()).unwrap_or(u32::MAX)
    }
}

impl Task for FleetTask {
    type Output = Result<Vec<assetlog::AssetView>, Failure>;
    type JsValue = ViewBatch;
    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(guard(|| Ok(self.log.fleet(&self.filter, self.at)?)))
    }
    fn resolve(&mut self, env: Env, out: Self::Output) -> napi::Result<Self::JsValue> {
        settle(&env, out, |v| ViewBatch {
            views: std::sync::Mutex::new(v.into_iter()),
        })
    }
}

pub struct FeedTask {
    pub log: Arc<assetlog::AssetLog>,
    pub after: u64,
    pub limit: usize,
    pub wait: std::time::Duration,
}

impl Task for FeedTask {
    type Output = Result<Vec<assetlog::RecordedEvent>, Failure>;
    type JsValue = EventBatch;
    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(guard(|| {
            Ok(self.log.feed_wait(self.after, self.limit, self.wait)?)
        }))
    }
    fn resolve(&mut self, env: Env, out: Self::Output) -> napi::Result<Self::JsValue> {
        settle(&env, out, |v| EventBatch {
            items: std::sync::Mutex::new(v.into_iter()),
        })
    }
}

impl Task for CountsTask {
    type Output = Result<assetlog::FleetCounts, Failure>;
    type JsValue = FleetCounts;
    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(guard(|| Ok(self.log.counts(&self.filter, self.at)?)))
    }
    fn resolve(&mut self, env: Env, out: Self::Output) -> napi::Result<Self::JsValue> {
        settle(&env, out, |c| c.into())
    }
}
