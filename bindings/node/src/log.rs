//! The `AssetLog` class: every core operation, camelCase, with options
//! objects. Long operations also come as `...Async` returning a Promise.
//!
//! Thrown errors carry `code` and `kind` from the core's error table
//! (`errorCodes()`, `errorTable()`; docs/bindings.md lists them) and the
//! error's fields as properties.

use std::sync::Arc;

use napi::bindgen_prelude::{AsyncTask, BigInt, Either, Function, JsObjectValue, Object, Unknown};
use napi::Env;
use napi_derive::napi;
use serde_json::Value;

use crate::convert::{date, instant, js_error, keys, run, Failure, Strict, When};
use crate::tasks::{
    export_file, import_file, AppendTask, CountsTask, ExportTask, FeedTask, FleetTask, ImportTask,
    RebuildTask,
};
use crate::views::{
    AgeBand, Appended, AssetView, Checkpoint, CopyStats, CostView, CountGroup, CurrencyCosts,
    DataGaps, DepartmentSeats, DuplicateSerial, FleetCounts, FleetPage, FlowStats, FxRate,
    IdleAsset, ImportReport, JsonlImport, LicenseView, LogStats, Money, MonthSpend, Offboarding,
    OutdatedAsset, OverdueReturn, Person, PersonView, Policy, ProductCompliance, RebuildStats,
    ReclaimableSeat, RecordedEvent, Recovery, Renewals, SilentAsset, SpendGroup, StatusCount,
    Transition, Verification,
};

/// How to read a Snipe-IT export.
#[napi(object, object_to_js = false)]
#[derive(Default)]
pub struct SnipeitOptions {
    /// The users export (names and e-mails).
    pub users: Option<String>,
    /// The locations export (countries and currencies).
    pub locations: Option<String>,
    /// Currency of costs whose location has none (default USD).
    pub currency: Option<String>,
    /// Read the files in this encoding instead of detecting it.
    pub encoding: Option<String>,
    /// A CSV of label,action mapping status labels.
    pub status_map: Option<String>,
    /// Report only; write nothing.
    pub dry_run: Option<bool>,
    /// Refuse everything if any row or field is not read as given.
    pub strict: Option<bool>,
}
keys!(SnipeitOptions {
    users,
    locations,
    currency,
    encoding,
    status_map,
    dry_run,
    strict
});

/// How to read osquery results.
#[napi(object, object_to_js = false)]
#[derive(Default)]
pub struct OsqueryOptions {
    /// Queries whose rows are patches or installed programs.
    pub patches: Option<Vec<String>>,
    /// Report only; write nothing.
    pub dry_run: Option<bool>,
}
keys!(OsqueryOptions { patches, dry_run });

/// How to read a ticketing export.
#[napi(object, object_to_js = false)]
#[derive(Default)]
pub struct TicketOptions {
    /// Fields read from other columns: { id: 'Ref', created: 'Opened on' }.
    pub map: Option<std::collections::HashMap<String, String>>,
    /// Read the file in this encoding instead of detecting it.
    pub encoding: Option<String>,
    /// Report only; write nothing.
    pub dry_run: Option<bool>,
}
keys!(TicketOptions {
    map,
    encoding,
    dry_run
});

/// What the fleet report shows.
#[napi(object, object_to_js = false)]
#[derive(Default)]
pub struct ReportOptions {
    /// The day (YYYY-MM-DD) the report describes; default today.
    pub as_of: Option<String>,
    /// Convert money into this currency (needs `rates`).
    pub currency: Option<String>,
    /// A CSV file of date,from,to,rate.
    pub rates: Option<String>,
    /// The depreciation book (default the log's first).
    pub book: Option<String>,
}
keys!(ReportOptions {
    as_of,
    currency,
    rates,
    book
});

/// How to open a log.
#[napi(object, object_to_js = false)]
pub struct OpenOptions {
    /// "process" (default: survives process crashes) or "power_loss" (also OS crashes).
    pub durability: Option<String>,
}
keys!(OpenOptions { durability });

/// Which moment to read: `asOf` (what had happened by then; a
/// `YYYY-MM-DD` string means the end of that day, UTC) and/or `asRecorded`
/// (what the log knew then). `byId`: the asset argument is an asset id.
#[napi(object, object_to_js = false)]
pub struct AtOptions {
    pub as_of: Option<When>,
    pub as_recorded: Option<When>,
    pub by_id: Option<bool>,
}
keys!(AtOptions {
    as_of,
    as_recorded,
    by_id
});

/// Filters (all optional, all must match) and a moment.
#[napi(object, object_to_js = false)]
pub struct FleetOptions {
    pub as_of: Option<When>,
    pub as_recorded: Option<When>,
    pub status: Option<String>,
    pub country: Option<String>,
    pub location: Option<String>,
    pub holder: Option<String>,
    pub category: Option<String>,
    pub department: Option<String>,
}
keys!(FleetOptions {
    as_of,
    as_recorded,
    status,
    country,
    location,
    holder,
    category,
    department
});

/// A page of the fleet: the filters and moment of `fleet`, `limit` (1 to
/// 100,000, default 1,000) and the cursor `after` (the `next` of the page before).
#[napi(object, object_to_js = false)]
pub struct PageOptions {
    pub as_of: Option<When>,
    pub as_recorded: Option<When>,
    pub status: Option<String>,
    pub country: Option<String>,
    pub location: Option<String>,
    pub holder: Option<String>,
    pub category: Option<String>,
    pub department: Option<String>,
    pub limit: Option<u32>,
    pub after: Option<String>,
}
keys!(PageOptions {
    as_of,
    as_recorded,
    status,
    country,
    location,
    holder,
    category,
    department,
    limit,
    after
});

/// Which seats to list as reclaimable, and the moment.
#[napi(object, object_to_js = false)]
pub struct ReclaimOptions {
    /// Also devices not seen for this many days.
    pub silent_days: Option<u32>,
    pub as_of: Option<When>,
    pub as_recorded: Option<When>,
}
keys!(ReclaimOptions {
    silent_days,
    as_of,
    as_recorded
});

/// Extra program-name rules and the moment of a compliance report.
#[napi(object, object_to_js = false)]
pub struct ComplianceOptions {
    /// `[product, name pattern, publisher pattern or '']` rows.
    pub rules: Option<Vec<Vec<String>>>,
    pub as_of: Option<When>,
    pub as_recorded: Option<When>,
}
keys!(ComplianceOptions {
    rules,
    as_of,
    as_recorded
});

/// How long a feed read may wait for a new event, in milliseconds.
#[napi(object, object_to_js = false)]
pub struct WaitOptions {
    pub wait_ms: Option<u32>,
}
keys!(WaitOptions { wait_ms });

/// A grouping and a moment for lead times.
#[napi(object, object_to_js = false)]
pub struct FlowOptions {
    pub by: Option<String>,
    pub as_of: Option<When>,
    pub as_recorded: Option<When>,
}
keys!(FlowOptions {
    by,
    as_of,
    as_recorded
});

/// Which categories check in, filters and a moment.
#[napi(object, object_to_js = false)]
pub struct SilenceOptions {
    pub checks_in: Option<Vec<String>>,
    pub as_of: Option<When>,
    pub as_recorded: Option<When>,
    pub status: Option<String>,
    pub country: Option<String>,
    pub location: Option<String>,
    pub holder: Option<String>,
    pub category: Option<String>,
    pub department: Option<String>,
}
keys!(SilenceOptions {
    checks_in,
    as_of,
    as_recorded,
    status,
    country,
    location,
    holder,
    category,
    department
});

/// A moment and a depreciation policy.
#[napi(object, object_to_js = false)]
pub struct CostOptions {
    pub as_of: Option<When>,
    pub as_recorded: Option<When>,
    pub by_id: Option<bool>,
    pub policy: Option<Strict<Policy>>,
}
keys!(CostOptions {
    as_of,
    as_recorded,
    by_id,
    policy
});

/// An offboarding: the due date, when the person left (default now), who records it.
#[napi(object, object_to_js = false)]
pub struct OffboardOptions {
    pub due: When,
    pub occurred_at: Option<When>,
    pub actor: Option<String>,
}
keys!(OffboardOptions {
    due,
    occurred_at,
    actor
});

/// Events cross as JSON text made by V8's own `JSON.stringify` (one native
/// call for a whole batch; `Date`s become ISO strings), then the core reads
/// them (it accepts camelCase keys).
fn stringify(env: &Env, value: Unknown) -> napi::Result<String> {
    let json: Object = env.get_global()?.get_named_property("JSON")?;
    let f: Function<Unknown, Option<String>> = json.get_named_property("stringify")?;
    f.call(value)?.ok_or_else(|| {
        js_error(
            env,
            Failure::Core(assetlog::Error::InvalidEvent {
                reason: "events must be objects (got undefined or a function)".into(),
            }),
        )
    })
}

pub(crate) fn at(
    as_of: Option<&When>,
    as_recorded: Option<&When>,
) -> Result<assetlog::At, Failure> {
    Ok(assetlog::At {
        occurred: as_of.map(|w| w.as_of("asOf")).transpose()?,
        recorded: as_recorded.map(|w| w.as_of("asRecorded")).transpose()?,
    })
}

fn asset_ref(asset: &str, by_id: Option<bool>) -> Result<assetlog::AssetRef, Failure> {
    Ok(if by_id.unwrap_or(false) {
        assetlog::AssetRef::Id(asset.parse()?)
    } else {
        assetlog::AssetRef::Tag(asset.to_owned())
    })
}

pub(crate) fn filter(o: &FleetOptions) -> Result<assetlog::FleetFilter, Failure> {
    filter_of([
        ("status", &o.status),
        ("country", &o.country),
        ("location", &o.location),
        ("holder", &o.holder),
        ("category", &o.category),
        ("department", &o.department),
    ])
}

/// The core's filter from the options' texts (the core reads each).
fn filter_of(given: [(&str, &Option<String>); 6]) -> Result<assetlog::FleetFilter, Failure> {
    Ok(assetlog::FleetFilter::from_pairs(
        given
            .into_iter()
            .filter_map(|(k, v)| v.as_deref().map(|v| (k, v))),
    )?)
}

/// A position argument: a whole number from 0, no sign, no wrap.
fn position(field: &str, v: Option<BigInt>) -> Result<u64, Failure> {
    let Some(b) = v else { return Ok(0) };
    let (negative, value, lossless) = b.get_u64();
    if negative || !lossless {
        return Err(Failure::Core(assetlog::Error::InvalidValue {
            field: field.into(),
            input: format!(
                "{}{value}{}",
                if negative { "-" } else { "" },
                if lossless { "" } else { "…" }
            ),
            reason: "a position: a whole number from 0 (a BigInt such as 0n)".into(),
        }));
    }
    Ok(value)
}

fn page_filter(o: &PageOptions) -> Result<assetlog::FleetFilter, Failure> {
    filter_of([
        ("status", &o.status),
        ("country", &o.country),
        ("location", &o.location),
        ("holder", &o.holder),
        ("category", &o.category),
        ("department", &o.department),
    ])
}

fn fleet_options(o: Option<Strict<FleetOptions>>) -> FleetOptions {
    o.map(|s| s.0).unwrap_or(FleetOptions {
        as_of: None,
        as_recorded: None,
        status: None,
        country: None,
        location: None,
        holder: None,
        category: None,
        department: None,
    })
}

fn person(id: &str) -> Result<assetlog::PersonId, Failure> {
    Ok(id.parse()?)
}

/// An open assetlog: a file, or memory, until `close()`.
#[napi]
pub struct AssetLog {
    inner: std::sync::RwLock<Option<Arc<assetlog::AssetLog>>>,
}

impl AssetLog {
    /// The open log, or `CLOSED`. Work already running (async tasks)
    /// keeps the log it started with; it closes when the last one ends.
    fn log(&self) -> Result<Arc<assetlog::AssetLog>, Failure> {
        self.inner
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
            .ok_or(Failure::Core(assetlog::Error::Closed))
    }

    /// The open log for an async task, or a thrown `CLOSED`.
    fn task_log(&self, env: &Env) -> napi::Result<Arc<assetlog::AssetLog>> {
        self.log().map_err(|f| js_error(env, f))
    }
}

#[napi]
impl AssetLog {
    /// Open or create a log file; without a path, a log in memory.
    #[napi(constructor)]
    pub fn new(
        env: Env,
        path: Option<String>,
        options: Option<Strict<OpenOptions>>,
    ) -> napi::Result<Self> {
        run(&env, || {
            let durability = match options.map(|s| s.0).and_then(|o| o.durability) {
                None => assetlog::Durability::Process,
                Some(name) => assetlog::Durability::from_name(&name)?,
            };
            let o = assetlog::OpenOptions {
                durability,
                ..assetlog::OpenOptions::default()
            };
            let inner = match path {
                Some(p) => assetlog::AssetLog::open_with(p, o)?,
                None => assetlog::AssetLog::open_in_memory_with(o)?,
            };
            Ok(AssetLog {
                inner: std::sync::RwLock::new(Some(Arc::new(inner))),
            })
        })
    }

    /// The file path, or null in memory (or once closed).
    #[napi(getter)]
    pub fn path(&self) -> Option<String> {
        self.log()
            .ok()
            .and_then(|l| l.path().map(|p| p.display().to_string()))
    }

    /// Close the log: its files are released once work already running
    /// ends; every later call throws `CLOSED`. Closing twice is harmless.
    #[napi]
    pub fn close(&self) {
        self.inner
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
    }

    /// Whether `close()` was called.
    #[napi(getter)]
    pub fn closed(&self) -> bool {
        self.log().is_err()
    }

    /// Append events atomically (all or none).
    #[napi(ts_args_type = "events: Array<EventInput>")]
    pub fn append(&self, env: Env, events: Unknown) -> napi::Result<Vec<Appended>> {
        let text = stringify(&env, events)?;
        run(&env, || {
            let events = assetlog::NewEvent::list_from_json_renamed(&text, crate::convert::snake)?;
            Ok(self
                .log()?
                .append_batch(&events)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// Append events off the main thread; resolves with their positions.
    #[napi(
        ts_args_type = "events: Array<EventInput>",
        ts_return_type = "Promise<Array<Appended>>"
    )]
    pub fn append_async(&self, env: Env, events: Unknown) -> napi::Result<AsyncTask<AppendTask>> {
        let text = stringify(&env, events)?;
        Ok(AsyncTask::new(AppendTask {
            log: self.task_log(&env)?,
            parts: vec![text],
        }))
    }

    /// `appendAsync` of a batch the package entry (assetlog.js) serialized
    /// as JSON slices between turns of the event loop; one atomic batch.
    #[napi(skip_typescript)]
    pub fn append_parts_async(
        &self,
        env: Env,
        parts: Vec<String>,
    ) -> napi::Result<AsyncTask<AppendTask>> {
        Ok(AsyncTask::new(AppendTask {
            log: self.task_log(&env)?,
            parts,
        }))
    }

    /// Append one event.
    #[napi(ts_args_type = "event: EventInput")]
    pub fn record(&self, env: Env, event: Unknown) -> napi::Result<Appended> {
        let text = stringify(&env, event)?;
        run(&env, || {
            Ok(self
                .log()?
                .append(assetlog::NewEvent::from_json_renamed(
                    &text,
                    crate::convert::snake,
                )?)?
                .into())
        })
    }

    /// An asset's view now, or at a moment.
    #[napi]
    pub fn asset(
        &self,
        env: Env,
        asset: String,
        at_options: Option<Strict<AtOptions>>,
    ) -> napi::Result<AssetView> {
        run(&env, || {
            let o = at_options.map(|s| s.0).unwrap_or(AtOptions {
                as_of: None,
                as_recorded: None,
                by_id: None,
            });
            Ok(self
                .log()?
                .asset(
                    asset_ref(&asset, o.by_id)?,
                    at(o.as_of.as_ref(), o.as_recorded.as_ref())?,
                )?
                .into())
        })
    }

    /// An asset's cost of ownership and book values.
    #[napi]
    pub fn cost(
        &self,
        env: Env,
        asset: String,
        options: Option<Strict<CostOptions>>,
    ) -> napi::Result<CostView> {
        run(&env, || {
            let o = options.map(|s| s.0).unwrap_or(CostOptions {
                as_of: None,
                as_recorded: None,
                by_id: None,
                policy: None,
            });
            let policy = o
                .policy
                .as_ref()
                .map(|p| assetlog::Policy::from(&p.0))
                .unwrap_or_default();
            let when = at(o.as_of.as_ref(), o.as_recorded.as_ref())?;
            Ok(self
                .log()?
                .cost(asset_ref(&asset, o.by_id)?, when, &policy)?
                .into())
        })
    }

    /// An asset's events in timeline order; with `asOf` those that had
    /// occurred by then, with `asRecorded` those recorded by then.
    #[napi]
    pub fn history(
        &self,
        env: Env,
        asset: String,
        at_options: Option<Strict<AtOptions>>,
    ) -> napi::Result<Vec<RecordedEvent>> {
        run(&env, || {
            let by_id = at_options.as_ref().and_then(|o| o.by_id);
            let when = at_of(at_options)?;
            Ok(self
                .log()?
                .history_at(asset_ref(&asset, by_id)?, when)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// An asset's events in version order.
    #[napi]
    pub fn read_stream(
        &self,
        env: Env,
        asset: String,
        at_options: Option<Strict<AtOptions>>,
    ) -> napi::Result<Vec<RecordedEvent>> {
        run(&env, || {
            let by_id = at_options.map(|s| s.0).and_then(|o| o.by_id);
            Ok(self
                .log()?
                .read_stream(asset_ref(&asset, by_id)?)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// The change feed: up to `limit` events after global position `after`.
    #[napi]
    pub fn feed(
        &self,
        env: Env,
        after: Option<BigInt>,
        limit: Option<u32>,
    ) -> napi::Result<Vec<RecordedEvent>> {
        run(&env, || {
            let after = position("after", after)?;
            let limit = limit.unwrap_or(1000) as usize;
            Ok(self
                .log()?
                .feed(after, limit)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// `feed` off the main thread; with `{ waitMs }` and no event after
    /// `after` yet, it waits that long for one (appended by any process)
    /// and resolves with what came: an empty page means none did. The
    /// step of `follow()`.
    #[napi(ts_return_type = "Promise<Array<RecordedEvent>>")]
    pub fn feed_async(
        &self,
        env: Env,
        after: Option<BigInt>,
        limit: Option<u32>,
        options: Option<Strict<WaitOptions>>,
    ) -> napi::Result<AsyncTask<FeedTask>> {
        let (after, wait) = run(&env, || {
            let wait = options.and_then(|o| o.wait_ms).unwrap_or(0);
            Ok((
                position("after", after)?,
                std::time::Duration::from_millis(u64::from(wait)),
            ))
        })?;
        Ok(AsyncTask::new(FeedTask {
            log: self.task_log(&env)?,
            after,
            limit: limit.unwrap_or(1000) as usize,
            wait,
        }))
    }

    /// One page of the fleet: up to `limit` (default 1,000) views in the
    /// order the assets were created, after the asset whose id is `after`;
    /// `next` is the `after` of the following page, absent on the last.
    #[napi]
    pub fn fleet_page(
        &self,
        env: Env,
        options: Option<Strict<PageOptions>>,
    ) -> napi::Result<FleetPage> {
        run(&env, || {
            let o = options.map(|s| s.0);
            let (filter, when, after, limit) = match &o {
                None => (
                    assetlog::FleetFilter::default(),
                    assetlog::At::now(),
                    None,
                    1000,
                ),
                Some(o) => (
                    page_filter(o)?,
                    at(o.as_of.as_ref(), o.as_recorded.as_ref())?,
                    o.after.as_deref().map(str::parse).transpose()?,
                    o.limit.unwrap_or(1000) as usize,
                ),
            };
            let page = self.log()?.fleet_page(&filter, when, after, limit)?;
            Ok(FleetPage {
                views: page.views.into_iter().map(Into::into).collect(),
                next: page.next.map(|id| id.to_string()),
            })
        })
    }

    /// Assets matching the filters.
    #[napi]
    pub fn fleet(
        &self,
        env: Env,
        options: Option<Strict<FleetOptions>>,
    ) -> napi::Result<Vec<AssetView>> {
        run(&env, || {
            let o = fleet_options(options);
            let when = at(o.as_of.as_ref(), o.as_recorded.as_ref())?;
            Ok(self
                .log()?
                .fleet(&filter(&o)?, when)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// `fleet` off the main thread: one read, then the views are handed
    /// over in slices between which the event loop runs (never more than a
    /// few milliseconds at a time, even for 60,000 assets).
    #[napi(ts_return_type = "Promise<Array<AssetView>>")]
    pub fn fleet_async(
        &self,
        env: Env,
        options: Option<Strict<FleetOptions>>,
    ) -> napi::Result<AsyncTask<FleetTask>> {
        let o = fleet_options(options);
        let (f, when) = run(&env, || {
            Ok((filter(&o)?, at(o.as_of.as_ref(), o.as_recorded.as_ref())?))
        })?;
        Ok(AsyncTask::new(FleetTask {
            log: self.task_log(&env)?,
            filter: f,
            at: when,
        }))
    }

    /// A license or subscription as of a moment (default now).
    #[napi]
    pub fn license(
        &self,
        env: Env,
        license: String,
        at_options: Option<Strict<AtOptions>>,
    ) -> napi::Result<LicenseView> {
        run(&env, || {
            let o = at_options.map(|s| s.0);
            let (when, by_id) = match &o {
                None => (assetlog::At::now(), None),
                Some(o) => (at(o.as_of.as_ref(), o.as_recorded.as_ref())?, o.by_id),
            };
            Ok(self
                .log()?
                .license(asset_ref(&license, by_id)?, when)?
                .into())
        })
    }

    /// Installed against owned, per product. `rules`: `[product, name
    /// pattern, publisher pattern or '']` rows matching installed programs to
    /// products, tried before the built-in table and each license's product.
    #[napi]
    pub fn compliance(
        &self,
        env: Env,
        options: Option<Strict<ComplianceOptions>>,
    ) -> napi::Result<Vec<ProductCompliance>> {
        run(&env, || {
            let o = options.map(|s| s.0);
            let (when, rows) = match &o {
                None => (assetlog::At::now(), Vec::new()),
                Some(o) => (
                    at(o.as_of.as_ref(), o.as_recorded.as_ref())?,
                    o.rules.clone().unwrap_or_default(),
                ),
            };
            let mut triples = Vec::new();
            for r in &rows {
                let get = |i: usize| r.get(i).map_or("", String::as_str);
                triples.push([get(0), get(1), get(2)]);
            }
            let rules = assetlog::compliance::ProductRule::from_rows(triples)?;
            Ok(self
                .log()?
                .compliance(when, &rules)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// Keep a license's key: a secret outside the log (never in an event or an export).
    #[napi]
    pub fn set_license_key(&self, env: Env, license: String, key: String) -> napi::Result<()> {
        run(&env, || {
            Ok(self.log()?.set_license_key(license.as_str(), &key)?)
        })
    }

    /// A license's key, or null.
    #[napi]
    pub fn license_key(&self, env: Env, license: String) -> napi::Result<Option<String>> {
        run(&env, || Ok(self.log()?.license_key(license.as_str())?))
    }

    /// Erase a license's key (the hash chain is untouched); true if there was one.
    #[napi]
    pub fn forget_license_key(&self, env: Env, license: String) -> napi::Result<bool> {
        run(&env, || {
            Ok(self.log()?.forget_license_key(license.as_str())?)
        })
    }

    /// Every license that existed at a moment, in the order they were bought.
    #[napi]
    pub fn licenses(
        &self,
        env: Env,
        at_options: Option<Strict<AtOptions>>,
    ) -> napi::Result<Vec<LicenseView>> {
        run(&env, || {
            Ok(self
                .log()?
                .licenses(at_of(at_options)?)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// License seats per department at a moment, with what they cost for
    /// the current terms (a person's seats count for the department of the
    /// devices assigned to them).
    #[napi]
    pub fn seats_by_department(
        &self,
        env: Env,
        at_options: Option<Strict<AtOptions>>,
    ) -> napi::Result<Vec<DepartmentSeats>> {
        run(&env, || {
            Ok(self
                .log()?
                .seats_by_department(at_of(at_options)?)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// Active licenses whose term ends between `start` and `end`, and the
    /// renewal budget by currency.
    #[napi]
    pub fn renewals(
        &self,
        env: Env,
        start: When,
        end: When,
        at_options: Option<Strict<AtOptions>>,
    ) -> napi::Result<Renewals> {
        run(&env, || {
            let (from, to) = (date("start", &start)?, date("end", &end)?);
            Ok(self.log()?.renewals(from, to, at_of(at_options)?)?.into())
        })
    }

    /// Seats held by leavers, by retired or lost devices, or (with
    /// `silentDays`) by devices not seen for that long.
    #[napi]
    pub fn reclaimable(
        &self,
        env: Env,
        options: Option<Strict<ReclaimOptions>>,
    ) -> napi::Result<Vec<ReclaimableSeat>> {
        run(&env, || {
            let o = options.map(|s| s.0);
            let (when, days) = match &o {
                None => (assetlog::At::now(), None),
                Some(o) => (
                    at(o.as_of.as_ref(), o.as_recorded.as_ref())?,
                    o.silent_days.map(i64::from),
                ),
            };
            Ok(self
                .log()?
                .reclaimable(when, days)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// Counts by status and status x country.
    #[napi]
    pub fn counts(
        &self,
        env: Env,
        options: Option<Strict<FleetOptions>>,
    ) -> napi::Result<FleetCounts> {
        run(&env, || {
            let o = fleet_options(options);
            let when = at(o.as_of.as_ref(), o.as_recorded.as_ref())?;
            Ok(self.log()?.counts(&filter(&o)?, when)?.into())
        })
    }

    /// `counts` off the main thread.
    #[napi(ts_return_type = "Promise<FleetCounts>")]
    pub fn counts_async(
        &self,
        env: Env,
        options: Option<Strict<FleetOptions>>,
    ) -> napi::Result<AsyncTask<CountsTask>> {
        let o = fleet_options(options);
        let (f, when) = run(&env, || {
            Ok((filter(&o)?, at(o.as_of.as_ref(), o.as_recorded.as_ref())?))
        })?;
        Ok(AsyncTask::new(CountsTask {
            log: self.task_log(&env)?,
            filter: f,
            at: when,
        }))
    }

    /// Counts of the matching assets grouped by one or two dimensions
    /// (`"department"` or `["department", "country"]`: status, country,
    /// location, department, cost_centre, category, vendor, model).
    #[napi]
    pub fn counts_by(
        &self,
        env: Env,
        by: Either<String, Vec<String>>,
        options: Option<Strict<FleetOptions>>,
    ) -> napi::Result<Vec<CountGroup>> {
        run(&env, || {
            let o = fleet_options(options);
            let when = at(o.as_of.as_ref(), o.as_recorded.as_ref())?;
            let by = dimensions(&by)?;
            Ok(self
                .log()?
                .counts_by(&by, &filter(&o)?, when)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// Spend by currency and kind grouped like `countsBy`; department, cost
    /// centre, location and country are those in force when each cost arose.
    #[napi]
    pub fn spend_by(
        &self,
        env: Env,
        by: Either<String, Vec<String>>,
        options: Option<Strict<FleetOptions>>,
    ) -> napi::Result<Vec<SpendGroup>> {
        run(&env, || {
            let o = fleet_options(options);
            let when = at(o.as_of.as_ref(), o.as_recorded.as_ref())?;
            let by = dimensions(&by)?;
            Ok(self
                .log()?
                .spend_by(&by, &filter(&o)?, when)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// Spend of the matching assets by currency.
    #[napi]
    pub fn spend(
        &self,
        env: Env,
        options: Option<Strict<FleetOptions>>,
    ) -> napi::Result<Vec<CurrencyCosts>> {
        run(&env, || {
            let o = fleet_options(options);
            let when = at(o.as_of.as_ref(), o.as_recorded.as_ref())?;
            Ok(self
                .log()?
                .spend(&filter(&o)?, when)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// Assets idle for `days` or more.
    #[napi]
    pub fn idle(
        &self,
        env: Env,
        days: i64,
        at_options: Option<Strict<AtOptions>>,
    ) -> napi::Result<Vec<IdleAsset>> {
        run(&env, || {
            let when = at_of(at_options)?;
            Ok(self
                .log()?
                .idle(days, when)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// Requested returns past due, most overdue first.
    #[napi]
    pub fn overdue_returns(
        &self,
        env: Env,
        at_options: Option<Strict<AtOptions>>,
    ) -> napi::Result<Vec<OverdueReturn>> {
        run(&env, || {
            Ok(self
                .log()?
                .overdue_returns(at_of(at_options)?)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// Assets in service not patched since an instant.
    #[napi]
    pub fn not_patched_since(
        &self,
        env: Env,
        since: When,
        at_options: Option<Strict<AtOptions>>,
    ) -> napi::Result<Vec<AssetView>> {
        run(&env, || {
            let since = instant("since", Some(&since))?.expect("given");
            Ok(self
                .log()?
                .not_patched_since(since, at_of(at_options)?)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// Assets in service whose warranty ends before a date.
    #[napi]
    pub fn warranty_ending_before(
        &self,
        env: Env,
        day: When,
        at_options: Option<Strict<AtOptions>>,
    ) -> napi::Result<Vec<AssetView>> {
        run(&env, || {
            let d = date("date", &day)?;
            Ok(self
                .log()?
                .warranty_ending_before(d, at_of(at_options)?)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// Assets in service whose warranty ends between two dates (both
    /// included), soonest first.
    #[napi]
    pub fn warranty_ending_within(
        &self,
        env: Env,
        from: When,
        to: When,
        at_options: Option<Strict<AtOptions>>,
    ) -> napi::Result<Vec<AssetView>> {
        run(&env, || {
            let (from, to) = (date("from", &from)?, date("to", &to)?);
            Ok(self
                .log()?
                .warranty_ending_within(from, to, at_of(at_options)?)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// Devices in use (assigned or return pending) of categories that check
    /// in (`checksIn`, default laptop, desktop, workstation, phone, tablet,
    /// server), not seen for `days` or more, most days first.
    #[napi]
    pub fn unseen(
        &self,
        env: Env,
        days: i64,
        options: Option<Strict<SilenceOptions>>,
    ) -> napi::Result<Vec<SilentAsset>> {
        run(&env, || silent(&*self.log()?, false, days, options))
    }

    /// Devices in use of categories that check in, not patched for `days` or
    /// more (never patched: counted from their first event), most days first.
    #[napi]
    pub fn unpatched(
        &self,
        env: Env,
        days: i64,
        options: Option<Strict<SilenceOptions>>,
    ) -> napi::Result<Vec<SilentAsset>> {
        run(&env, || silent(&*self.log()?, true, days, options))
    }

    /// Devices in use of categories that check in whose installed version
    /// of `component` ("os", "firmware", or a patched application) is below
    /// `minimum`, compared as versions (2024.12 is after 2024.1), or was
    /// never reported: unknown first, then the oldest.
    #[napi]
    pub fn outdated(
        &self,
        env: Env,
        component: String,
        minimum: String,
        options: Option<Strict<SilenceOptions>>,
    ) -> napi::Result<Vec<OutdatedAsset>> {
        run(&env, || {
            let (policy, f, when) = silence_of(options)?;
            Ok(self
                .log()?
                .outdated(&component, &minimum, &policy, &f, when)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// Serial numbers found on more than one asset.
    #[napi]
    pub fn duplicate_serials(
        &self,
        env: Env,
        at_options: Option<Strict<AtOptions>>,
    ) -> napi::Result<Vec<DuplicateSerial>> {
        run(&env, || {
            Ok(self
                .log()?
                .duplicate_serials(at_of(at_options)?)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// Lead times of the flows that ended between two days: `flow` is
    /// order_to_receipt, order_to_assignment, receipt_to_assignment,
    /// shipping, repair or return; `by` country, category, vendor, model,
    /// carrier or repairer.
    #[napi]
    pub fn flow_times(
        &self,
        env: Env,
        flow: String,
        from: When,
        to: When,
        options: Option<Strict<FlowOptions>>,
    ) -> napi::Result<Vec<FlowStats>> {
        run(&env, || {
            let flow = assetlog::Flow::from_name(&flow)?;
            let (from, to) = (date("from", &from)?, date("to", &to)?);
            let (by, as_of, as_recorded) = match options.map(|s| s.0) {
                Some(o) => (o.by, o.as_of, o.as_recorded),
                None => (None, None, None),
            };
            let by = by
                .as_deref()
                .map(assetlog::FlowGroup::from_name)
                .transpose()?;
            let when = at(as_of.as_ref(), as_recorded.as_ref())?;
            Ok(self
                .log()?
                .flow_times(flow, by, from, to, when)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// Assets in service with no country or serial, in use with no
    /// department, with no purchase price; serials on several assets.
    #[napi]
    pub fn data_gaps(
        &self,
        env: Env,
        at_options: Option<Strict<AtOptions>>,
    ) -> napi::Result<DataGaps> {
        run(&env, || {
            Ok(self.log()?.data_gaps(at_of(at_options)?)?.into())
        })
    }

    /// What came of the return requests made between two days.
    #[napi]
    pub fn recovery(
        &self,
        env: Env,
        from: When,
        to: When,
        at_options: Option<Strict<AtOptions>>,
    ) -> napi::Result<Recovery> {
        run(&env, || {
            let (from, to) = (date("from", &from)?, date("to", &to)?);
            Ok(self.log()?.recovery(from, to, at_of(at_options)?)?.into())
        })
    }

    /// From `from` on, assets of `category` (in `country`, or anywhere)
    /// depreciate by `rule` in `book`; earlier rules stay for earlier dates.
    #[napi]
    pub fn set_book_rule(
        &self,
        env: Env,
        rule: Strict<crate::books::BookRule>,
    ) -> napi::Result<()> {
        run(&env, || {
            let r = assetlog::BookRule {
                book: rule.book.clone(),
                category: rule.category.clone(),
                country: rule.country.as_deref().map(str::parse).transpose()?,
                from: assetlog::time::parse_date("from", &rule.from)?,
                rule: rule.rule.to_core()?,
            };
            Ok(self.log()?.set_book_rule(&r)?)
        })
    }

    /// Every dated rule of a book (or of every book).
    #[napi]
    pub fn book_rules(
        &self,
        env: Env,
        book: Option<String>,
    ) -> napi::Result<Vec<crate::books::BookRule>> {
        run(&env, || {
            Ok(self
                .log()?
                .book_rules(book.as_deref())?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// An asset's value in a book (zero, with the gain or loss, once retired or lost).
    #[napi]
    pub fn book_value(
        &self,
        env: Env,
        tag: String,
        book: String,
        at_options: Option<Strict<AtOptions>>,
    ) -> napi::Result<crate::books::BookValue> {
        run(&env, || {
            Ok(self
                .log()?
                .book_value(tag.as_str(), &book, at_of(at_options)?)?
                .into())
        })
    }

    /// An asset's whole schedule in a book, by the rule in force at the moment.
    #[napi]
    pub fn book_schedule(
        &self,
        env: Env,
        tag: String,
        book: String,
        at_options: Option<Strict<AtOptions>>,
    ) -> napi::Result<crate::books::Schedule> {
        run(&env, || {
            Ok(self
                .log()?
                .book_schedule(tag.as_str(), &book, at_of(at_options)?)?
                .into())
        })
    }

    /// The fleet's book values by currency.
    #[napi]
    pub fn fleet_book_value(
        &self,
        env: Env,
        book: String,
        options: Option<Strict<FleetOptions>>,
    ) -> napi::Result<crate::books::FleetBookValue> {
        run(&env, || {
            let o = fleet_options(options);
            let when = at(o.as_of.as_ref(), o.as_recorded.as_ref())?;
            Ok(self
                .log()?
                .fleet_book_value(&book, &filter(&o)?, when)?
                .into())
        })
    }

    /// The fleet's book values grouped by one or two dimensions of the assets.
    #[napi]
    pub fn fleet_book_value_by(
        &self,
        env: Env,
        book: String,
        by: Either<String, Vec<String>>,
        options: Option<Strict<FleetOptions>>,
    ) -> napi::Result<Vec<crate::books::BookValueGroup>> {
        run(&env, || {
            let o = fleet_options(options);
            let when = at(o.as_of.as_ref(), o.as_recorded.as_ref())?;
            let by = dimensions(&by)?;
            Ok(self
                .log()?
                .fleet_book_value_by(&book, &by, &filter(&o)?, when)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// Assets whose life ends between two dates, and the budget to replace
    /// them at the latest price of the same model.
    #[napi]
    pub fn forecast(
        &self,
        env: Env,
        book: String,
        from: When,
        to: When,
        at_options: Option<Strict<AtOptions>>,
    ) -> napi::Result<crate::books::Forecast> {
        run(&env, || {
            let (from, to) = (date("from", &from)?, date("to", &to)?);
            Ok(self
                .log()?
                .forecast(&book, from, to, at_of(at_options)?)?
                .into())
        })
    }

    /// A person by id, e-mail or full name: their record, whether they left,
    /// and what they hold. Throws `UNKNOWN_PERSON` when nothing is known.
    #[napi]
    pub fn person_view(
        &self,
        env: Env,
        who: String,
        at_options: Option<Strict<AtOptions>>,
    ) -> napi::Result<PersonView> {
        run(&env, || {
            Ok(self.log()?.person_view(&who, at_of(at_options)?)?.into())
        })
    }

    /// How many assets were in each status at the end of each day given
    /// (YYYY-MM-DD; sorted, duplicates dropped): utilization over time.
    #[napi]
    pub fn status_over_time(&self, env: Env, days: Vec<String>) -> napi::Result<Vec<StatusCount>> {
        run(&env, || {
            let days = days
                .iter()
                .map(|d| assetlog::time::parse_date("days", d))
                .collect::<assetlog::Result<Vec<_>>>()?;
            Ok(self
                .log()?
                .status_over_time(&days)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// Costs that arose from `from` to `to` (YYYY-MM-DD), month by month.
    #[napi]
    pub fn spend_by_month(
        &self,
        env: Env,
        from: String,
        to: String,
    ) -> napi::Result<Vec<MonthSpend>> {
        run(&env, || {
            let from = assetlog::time::parse_date("from", &from)?;
            let to = assetlog::time::parse_date("to", &to)?;
            Ok(self
                .log()?
                .spend_by_month(from, to)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// Assets in service by whole years since they were ordered.
    #[napi]
    pub fn age_profile(
        &self,
        env: Env,
        at_options: Option<Strict<AtOptions>>,
    ) -> napi::Result<Vec<AgeBand>> {
        run(&env, || {
            Ok(self
                .log()?
                .age_profile(at_of(at_options)?)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// People who left by then, those still holding the most first.
    #[napi]
    pub fn leavers(
        &self,
        env: Env,
        at_options: Option<Strict<AtOptions>>,
    ) -> napi::Result<Vec<PersonView>> {
        run(&env, || {
            Ok(self
                .log()?
                .leavers(at_of(at_options)?)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// Record that a person left on a date (omitted: they are back).
    /// Offboarding does this itself; erasing the person keeps the date.
    #[napi]
    pub fn mark_left(&self, env: Env, person_id: String, on: Option<When>) -> napi::Result<()> {
        run(&env, || {
            let on = on.as_ref().map(|d| date("on", d)).transpose()?;
            Ok(self.log()?.mark_left(&person(&person_id)?, on)?)
        })
    }

    /// Everything a person holds.
    #[napi]
    pub fn holdings(
        &self,
        env: Env,
        person_id: String,
        at_options: Option<Strict<AtOptions>>,
    ) -> napi::Result<Vec<AssetView>> {
        run(&env, || {
            Ok(self
                .log()?
                .holdings(&person(&person_id)?, at_of(at_options)?)?
                .into_iter()
                .map(Into::into)
                .collect())
        })
    }

    /// Request back everything a person has assigned, in one atomic batch.
    #[napi]
    pub fn offboard(
        &self,
        env: Env,
        person_id: String,
        options: Strict<OffboardOptions>,
    ) -> napi::Result<Offboarding> {
        let options = options.0;
        run(&env, || {
            let due = date("due", &options.due)?;
            let when = instant("occurredAt", options.occurred_at.as_ref())?;
            let actor = options.actor.unwrap_or_else(|| "assetlog".to_owned());
            Ok(self
                .log()?
                .offboard(&person(&person_id)?, due, when, &actor)?
                .into())
        })
    }

    /// Import a Snipe-IT assets export (either layout, any encoding) with
    /// its users and locations exports, in one atomic batch; importing it
    /// again adds nothing. Returns the report: rows, assets, events,
    /// people, written, the rows `skipped` and the fields with `issues`
    /// (each with its line), and `warnings`. See docs/import.md.
    #[napi]
    pub fn import_snipeit(
        &self,
        env: Env,
        path: String,
        options: Option<Strict<SnipeitOptions>>,
    ) -> napi::Result<ImportReport> {
        run(&env, || {
            let o = options.map(|s| s.0).unwrap_or_default();
            let s = assetlog_import::SnipeitImport {
                assets: std::path::Path::new(&path),
                users: o.users.as_deref().map(std::path::Path::new),
                locations: o.locations.as_deref().map(std::path::Path::new),
                currency: o.currency.as_deref().unwrap_or("USD").parse()?,
                encoding: o.encoding.as_deref(),
                status_map: o.status_map.as_deref().map(std::path::Path::new),
                dry_run: o.dry_run.unwrap_or(false),
                strict: o.strict.unwrap_or(false),
            };
            Ok(assetlog_import::import_snipeit(&*self.log()?, &s)?.into())
        })
    }

    /// Read osqueryd result logs into check-ins, OS versions and patches
    /// (rows of the `patches` queries) of the assets whose serials the
    /// hosts report. Unknown hosts are in `issues`, lines that are not
    /// results in `skipped`. Reading a log again adds nothing.
    #[napi]
    pub fn ingest_osquery(
        &self,
        env: Env,
        paths: Vec<String>,
        options: Option<Strict<OsqueryOptions>>,
    ) -> napi::Result<ImportReport> {
        run(&env, || {
            let o = options.map(|s| s.0).unwrap_or_default();
            let paths: Vec<&std::path::Path> = paths.iter().map(std::path::Path::new).collect();
            Ok(assetlog_import::ingest_osquery(
                &*self.log()?,
                &paths,
                &o.patches.unwrap_or_default(),
                o.dry_run.unwrap_or(false),
                &mut |_, _| {},
            )?
            .into())
        })
    }

    /// Read a ticketing export (CSV from Jira, Zendesk, Freshservice or
    /// GLPI) into ticket_opened and ticket_closed on the asset each ticket
    /// names by tag or serial. `map` reads fields from other columns
    /// (`{ id: 'Ref' }`). Unmatched tickets are in `issues`; reading it
    /// again adds nothing.
    #[napi]
    pub fn ingest_tickets(
        &self,
        env: Env,
        path: String,
        options: Option<Strict<TicketOptions>>,
    ) -> napi::Result<ImportReport> {
        run(&env, || {
            let o = options.map(|s| s.0).unwrap_or_default();
            let map = o.map.unwrap_or_default();
            let columns = assetlog_import::tickets::Columns::mapped(
                map.iter().map(|(f, c)| (f.as_str(), c.as_str())),
            )?;
            Ok(assetlog_import::ingest_tickets(
                &*self.log()?,
                std::path::Path::new(&path),
                &columns,
                o.encoding.as_deref(),
                o.dry_run.unwrap_or(false),
            )?
            .into())
        })
    }

    /// Write the fleet report to `path`: one self-contained HTML page with
    /// charts and the lists to act on, as of the end of `asOf` (default
    /// today). `currency` with `rates` (a CSV file of date,from,to,rate)
    /// converts money; `book` picks the depreciation book.
    #[napi]
    pub fn report_html(
        &self,
        env: Env,
        path: String,
        options: Option<Strict<ReportOptions>>,
    ) -> napi::Result<()> {
        run(&env, || {
            let o = options.map(|s| s.0).unwrap_or_default();
            let options = assetlog_report::ReportOptions::from_text(
                o.as_of.as_deref(),
                o.currency.as_deref(),
                o.rates.as_deref().map(std::path::Path::new),
                o.book,
            )?;
            Ok(assetlog_report::write_report(
                &*self.log()?,
                &options,
                &path,
            )?)
        })
    }

    /// Copy this whole log into `other`, which must be empty (a new file,
    /// or an empty PostgreSQL schema): the same positions, ids and recorded
    /// times, so the same chain head; then people, leavers, books and
    /// license keys.
    #[napi]
    pub fn copy_to(&self, env: Env, other: &AssetLog) -> napi::Result<CopyStats> {
        run(&env, || {
            let to = other.log()?;
            Ok(self.log()?.copy_to(&to, &mut |_| {})?.into())
        })
    }

    /// Where the log is: its path, `:memory:`, or its server and schema
    /// (never a password).
    #[napi(getter)]
    pub fn location(&self, env: Env) -> napi::Result<String> {
        run(&env, || Ok(self.log()?.location()))
    }

    /// Fold every view again from the log.
    #[napi]
    pub fn rebuild(&self, env: Env) -> napi::Result<RebuildStats> {
        run(&env, || {
            let assetlog::RebuildStats { assets, events } = self.log()?.rebuild()?;
            Ok(RebuildStats {
                assets: assets as i64,
                events: events as i64,
            })
        })
    }

    /// `rebuild` off the main thread: the event loop keeps serving.
    #[napi(ts_return_type = "Promise<RebuildStats>")]
    pub fn rebuild_async(&self, env: Env) -> napi::Result<AsyncTask<RebuildTask>> {
        Ok(AsyncTask::new(RebuildTask {
            log: self.task_log(&env)?,
        }))
    }

    /// Import events from a JSON Lines file (as `exportJsonl` writes it) in
    /// one atomic batch; unreadable lines are reported. Importing twice adds nothing.
    #[napi]
    pub fn import_jsonl(
        &self,
        env: Env,
        path: String,
        dry_run: Option<bool>,
    ) -> napi::Result<JsonlImport> {
        run(&env, || {
            Ok(import_file(&*self.log()?, &path, dry_run.unwrap_or(false))?.into())
        })
    }

    /// `importJsonl` off the main thread.
    #[napi(ts_return_type = "Promise<JsonlImport>")]
    pub fn import_jsonl_async(
        &self,
        env: Env,
        path: String,
        dry_run: Option<bool>,
    ) -> napi::Result<AsyncTask<ImportTask>> {
        Ok(AsyncTask::new(ImportTask {
            log: self.task_log(&env)?,
            path,
            dry_run: dry_run.unwrap_or(false),
        }))
    }

    /// Write every event to a JSON Lines file, streamed; returns how many.
    #[napi]
    pub fn export_jsonl(&self, env: Env, path: String) -> napi::Result<i64> {
        run(&env, || Ok(export_file(&*self.log()?, &path)? as i64))
    }

    /// `exportJsonl` off the main thread.
    #[napi(ts_return_type = "Promise<number>")]
    pub fn export_jsonl_async(
        &self,
        env: Env,
        path: String,
    ) -> napi::Result<AsyncTask<ExportTask>> {
        Ok(AsyncTask::new(ExportTask {
            log: self.task_log(&env)?,
            path,
        }))
    }

    /// Check the hash chain: the first event changed, removed or moved since
    /// written. With `against` (a file written by `checkpoint`), also check
    /// that the log still extends that checkpoint: a log cut short at its
    /// end, or replaced by an older copy, is reported at its position.
    #[napi]
    pub fn verify(&self, env: Env, against: Option<String>) -> napi::Result<Verification> {
        run(&env, || {
            Ok(match against {
                Some(path) => self
                    .log()?
                    .verify_against(&assetlog::Checkpoint::read(path.as_ref())?)?,
                None => self.log()?.verify()?,
            }
            .into())
        })
    }

    /// Verify the log, then write its position and chain head to a file
    /// (keep it elsewhere; `verify(path)` checks it later).
    #[napi]
    pub fn checkpoint(&self, env: Env, path: String) -> napi::Result<Checkpoint> {
        run(&env, || {
            let cp = self.log()?.checkpoint()?;
            cp.write(path.as_ref())?;
            Ok(cp.into())
        })
    }

    /// Events and assets stored.
    #[napi]
    pub fn stats(&self, env: Env) -> napi::Result<LogStats> {
        run(&env, || {
            let assetlog::LogStats { events, assets } = self.log()?.stats()?;
            Ok(LogStats {
                events: events as i64,
                assets: assets as i64,
            })
        })
    }

    /// Add or replace a person's personal data (kept outside the log).
    #[napi]
    pub fn upsert_person(&self, env: Env, record: Strict<Person>) -> napi::Result<()> {
        let record = record.0;
        run(&env, || {
            let p = assetlog::Person {
                id: person(&record.id)?,
                name: record.name,
                email: record.email,
                address: record.address,
            };
            Ok(self.log()?.upsert_person(&p)?)
        })
    }

    /// A person's personal data, or null.
    #[napi]
    pub fn person(&self, env: Env, person_id: String) -> napi::Result<Option<Person>> {
        run(&env, || {
            Ok(self.log()?.person(&person(&person_id)?)?.map(|p| {
                let assetlog::Person {
                    id,
                    name,
                    email,
                    address,
                } = p;
                Person {
                    id: id.to_string(),
                    name,
                    email,
                    address,
                }
            }))
        })
    }

    /// Erase a person's personal data; the log keeps the opaque id.
    #[napi]
    pub fn forget_person(&self, env: Env, person_id: String) -> napi::Result<bool> {
        run(&env, || {
            Ok(self.log()?.forget_person(&person(&person_id)?)?)
        })
    }
}

fn at_of(o: Option<Strict<AtOptions>>) -> Result<assetlog::At, Failure> {
    match o {
        None => Ok(assetlog::At::now()),
        Some(o) => at(o.as_of.as_ref(), o.as_recorded.as_ref()),
    }
}

/// The lifecycle table.
#[napi]
pub fn transitions() -> Vec<Transition> {
    assetlog::lifecycle::transitions()
        .iter()
        .map(|t| {
            let assetlog::lifecycle::Transition { from, event, to } = *t;
            Transition {
                from: from.map(|s| s.name().to_owned()),
                event: event.name().to_owned(),
                to: to.name().to_owned(),
            }
        })
        .collect()
}

/// Every stable error code.
#[napi(ts_return_type = "Array<ErrorCode>")]
pub fn error_codes() -> Vec<String> {
    assetlog::Error::CODES
        .iter()
        .copied()
        .map(str::to_owned)
        .collect()
}

/// Every event type with its payload fields (name, kind, whether
/// required, the values of an enumeration): the core's schema, from which
/// the `EventInput` union in index.d.ts is generated (scripts/dts.mjs).
#[napi(
    ts_return_type = "Array<{ type: EventType; fields: Array<{ name: string; kind: string; required: boolean; values: string[] }> }>"
)]
pub fn event_schema() -> Value {
    serde_json::to_value(assetlog::schema::events()).unwrap_or_default()
}

/// Every asset status, in lifecycle order.
#[napi(ts_return_type = "Array<Status>")]
pub fn statuses() -> Vec<String> {
    assetlog::schema::statuses()
        .into_iter()
        .map(str::to_owned)
        .collect()
}

/// One error code and its kind.
#[napi(object)]
pub struct ErrorTableRow {
    #[napi(ts_type = "ErrorCode")]
    pub code: String,
    /// `bad_input`, `conflict`, `not_found`, `environment`, `corrupt` or `internal`
    /// (also on every thrown error as `err.kind`).
    #[napi(ts_type = "ErrorKind")]
    pub kind: String,
}

/// Every error code with its kind, from the core's one table.
#[napi]
pub fn error_table() -> Vec<ErrorTableRow> {
    assetlog::Error::TABLE
        .iter()
        .map(|(code, kind)| ErrorTableRow {
            code: (*code).to_owned(),
            kind: kind.name().to_owned(),
        })
        .collect()
}

/// A depreciation schedule by fiscal year for a cost placed in service on a day.
#[napi]
pub fn depreciation_schedule(
    env: Env,
    cost: String,
    placed: When,
    rule: Strict<crate::books::Rule>,
) -> napi::Result<crate::books::Schedule> {
    run(&env, || {
        let rule = rule.to_core()?;
        let cost: assetlog::Money = cost.parse()?;
        rule.validate(cost)?;
        let placed = date("placed", &placed)?;
        Ok(assetlog::depreciation::schedule(cost, placed, &rule)?.into())
    })
}

/// Sum amounts into one currency with caller-supplied rates in force on `on`.
#[napi]
pub fn total_in(
    env: Env,
    amounts: Vec<Money>,
    currency: String,
    rates: Vec<FxRate>,
    on: String,
) -> napi::Result<Money> {
    run(&env, || {
        let fx = assetlog::FxRates::from_rows(rates.iter().map(|r| {
            [
                r.date.as_str(),
                r.from.as_str(),
                r.to.as_str(),
                r.rate.as_str(),
            ]
        }))?;
        let amounts = amounts
            .iter()
            .map(|m| assetlog::Money::parse_amount(&m.amount, m.currency.parse()?))
            .collect::<Result<Vec<_>, _>>()?;
        let on = assetlog::time::parse_date("on", &on)?;
        let total = fx.sum_in(amounts, currency.parse()?, on)?;
        Ok(total.into())
    })
}

/// Dimensions named as one string ("department,country") or a list.
fn dimensions(by: &Either<String, Vec<String>>) -> Result<Vec<assetlog::Dimension>, Failure> {
    Ok(match by {
        Either::A(s) => assetlog::Dimension::parse_list(s)?,
        Either::B(list) => assetlog::Dimension::parse_list(&list.join(","))?,
    })
}

/// The check-in policy, filter and moment of silence options.
fn silence_of(
    options: Option<Strict<SilenceOptions>>,
) -> Result<(assetlog::CheckInPolicy, assetlog::FleetFilter, assetlog::At), Failure> {
    let o = options.map(|s| s.0).unwrap_or(SilenceOptions {
        checks_in: None,
        as_of: None,
        as_recorded: None,
        status: None,
        country: None,
        location: None,
        holder: None,
        category: None,
        department: None,
    });
    let policy = assetlog::CheckInPolicy::from_categories(o.checks_in.clone());
    let f = filter(&FleetOptions {
        as_of: None,
        as_recorded: None,
        status: o.status,
        country: o.country,
        location: o.location,
        holder: o.holder,
        category: o.category,
        department: o.department,
    })?;
    let when = at(o.as_of.as_ref(), o.as_recorded.as_ref())?;
    Ok((policy, f, when))
}

fn silent(
    log: &assetlog::AssetLog,
    unpatched: bool,
    days: i64,
    options: Option<Strict<SilenceOptions>>,
) -> Result<Vec<SilentAsset>, Failure> {
    let (policy, f, when) = silence_of(options)?;
    let list = if unpatched {
        log.unpatched(days, &policy, &f, when)?
    } else {
        log.unseen(days, &policy, &f, when)?
    };
    Ok(list.into_iter().map(Into::into).collect())
}
