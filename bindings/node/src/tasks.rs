//! Long operations as `AsyncTask`s: the work runs on libuv's thread pool,
//! the result (or a coded error) is delivered to the Promise.

use std::sync::Arc;

use napi::{Env, Task};

use crate::convert::{guard, js_error, Failure};
use crate::views::{Appended, AssetView, FleetCounts, JsonlImport, RebuildStats};

pub struct AppendTask {
    pub log: Arc<assetlog::AssetLog>,
    /// The events as JSON text; decoded on the worker thread.
    pub events: String,
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
    type JsValue = Vec<Appended>;
    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(guard(|| {
            Ok(self
                .log
                .append_batch(&assetlog::NewEvent::list_from_json_renamed(
                    &self.events,
                    crate::convert::snake,
                )?)?)
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
