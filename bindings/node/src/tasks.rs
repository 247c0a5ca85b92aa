//! Long operations as `AsyncTask`s: the work runs on libuv's thread pool,
//! the result (or a coded error) is delivered to the Promise.

use std::sync::Arc;

use napi::{Env, Task};

use crate::convert::{guard, js_error, Failure};
use crate::views::{Appended, AssetView, FleetCounts, RebuildStats};

pub struct AppendTask {
    pub log: Arc<assetlog::AssetLog>,
    /// The events as JSON text; decoded on the worker thread.
    pub events: String,
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
    type JsValue = Vec<Appended>;
    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(guard(|| {
            Ok(self
                .log
                .append_batch(&assetlog::NewEvent::list_from_json(&self.events)?)?)
        }))
    }
    fn resolve(&mut self, env: Env, out: Self::Output) -> napi::Result<Self::JsValue> {
        settle(&env, out, |v| v.into_iter().map(Into::into).collect())
    }
}

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

impl Task for FleetTask {
    type Output = Result<Vec<assetlog::AssetView>, Failure>;
    type JsValue = Vec<AssetView>;
    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(guard(|| Ok(self.log.fleet(&self.filter, self.at)?)))
    }
    fn resolve(&mut self, env: Env, out: Self::Output) -> napi::Result<Self::JsValue> {
        settle(&env, out, |v| v.into_iter().map(Into::into).collect())
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
