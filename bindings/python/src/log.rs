//! The `Log` class: `assetlog::AssetLog` with JSON in and out. The Python
//! package (`python/assetlog/`) turns that JSON into Python types.

use assetlog::{
    AssetLog, AssetRef, Durability, FleetFilter, FxRates, Money, NewEvent, OpenOptions, PersonId,
    Policy,
};
use pyo3::prelude::*;

use crate::convert::{at, instant, json, parse, run, Failure};

/// An open assetlog (a file, or memory), until `close()`.
#[pyclass(frozen, module = "assetlog._native")]
pub struct Log {
    inner: std::sync::RwLock<Option<std::sync::Arc<AssetLog>>>,
}

impl Log {
    /// The open log, or `CLOSED`. Calls running on other threads keep the
    /// log they started with; it closes when the last one ends.
    fn log(&self) -> Result<std::sync::Arc<AssetLog>, Failure> {
        self.inner
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
            .ok_or(Failure::Core(assetlog::Error::Closed))
    }
}

/// The fleet filter from the package's JSON object of texts (the core
/// reads each, so a bad status or country is refused naming it).
fn fleet_filter(json: &str) -> Result<FleetFilter, Failure> {
    let given: std::collections::BTreeMap<String, String> = parse("filter", json)?;
    Ok(FleetFilter::from_pairs(
        given.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    )?)
}

fn asset_ref(asset: &str, by_id: bool) -> Result<AssetRef, Failure> {
    Ok(if by_id {
        AssetRef::Id(asset.parse()?)
    } else {
        AssetRef::Tag(asset.to_owned())
    })
}

fn io_failure(path: &str, e: &std::io::Error) -> Failure {
    Failure::Core(assetlog::Error::Io {
        reason: format!("{path}: {e}"),
    })
}

fn person(id: &str) -> Result<PersonId, Failure> {
    Ok(id.parse()?)
}

#[pymethods]
impl Log {
    /// Open a file (`path`) or, with `None`, a log in memory.
    #[new]
    #[pyo3(signature = (path=None, durability="process"))]
    fn new(py: Python<'_>, path: Option<String>, durability: &str) -> PyResult<Self> {
        let durability = durability.to_owned();
        run(py, move || {
            let durability = Durability::from_name(&durability)?;
            let options = OpenOptions {
                durability,
                ..OpenOptions::default()
            };
            let inner = match path {
                Some(p) => AssetLog::open_with(p, options)?,
                None => AssetLog::open_in_memory_with(options)?,
            };
            Ok(Log {
                inner: std::sync::RwLock::new(Some(std::sync::Arc::new(inner))),
            })
        })
    }

    /// Close the log: its files are released once calls already running
    /// end; every later call is `CLOSED`. Closing twice is harmless.
    fn close(&self) {
        self.inner
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
    }

    /// Whether `close()` was called.
    #[getter]
    fn closed(&self) -> bool {
        self.log().is_err()
    }

    /// Append a JSON list of events atomically; returns the JSON list of positions.
    fn append(&self, py: Python<'_>, events: &str) -> PyResult<String> {
        run(py, || {
            let events = NewEvent::list_from_json(events)?;
            Ok(json(&self.log()?.append_batch(&events)?))
        })
    }

    #[pyo3(signature = (asset, by_id=false, occurred=None, recorded=None))]
    fn asset(
        &self,
        py: Python<'_>,
        asset: &str,
        by_id: bool,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            Ok(json(&self.log()?.asset(
                asset_ref(asset, by_id)?,
                at(occurred, recorded)?,
            )?))
        })
    }

    #[pyo3(signature = (asset, by_id=false, occurred=None, recorded=None, policy=None))]
    fn cost(
        &self,
        py: Python<'_>,
        asset: &str,
        by_id: bool,
        occurred: Option<&str>,
        recorded: Option<&str>,
        policy: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            let policy: Policy = policy
                .map(|p| parse("policy", p))
                .transpose()?
                .unwrap_or_default();
            Ok(json(&self.log()?.cost(
                asset_ref(asset, by_id)?,
                at(occurred, recorded)?,
                &policy,
            )?))
        })
    }

    #[pyo3(signature = (asset, by_id=false, occurred=None, recorded=None))]
    fn history(
        &self,
        py: Python<'_>,
        asset: &str,
        by_id: bool,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            Ok(json(&self.log()?.history_at(
                asset_ref(asset, by_id)?,
                at(occurred, recorded)?,
            )?))
        })
    }

    #[pyo3(signature = (asset, by_id=false))]
    fn read_stream(&self, py: Python<'_>, asset: &str, by_id: bool) -> PyResult<String> {
        run(py, || {
            Ok(json(&self.log()?.read_stream(asset_ref(asset, by_id)?)?))
        })
    }

    /// Up to `limit` events after `after`; with `wait` (seconds) and none
    /// yet, waits that long (the GIL released) for some: the core's
    /// `feed_wait`, the step of Python's `follow`.
    #[pyo3(signature = (after, limit, wait=0.0))]
    fn feed(&self, py: Python<'_>, after: i128, limit: i128, wait: f64) -> PyResult<String> {
        run(py, || {
            // whole numbers checked here, so a wrong one is a coded error
            let whole = |field: &str, v: i128| {
                u64::try_from(v).map_err(|_| {
                    Failure::Core(assetlog::Error::InvalidValue {
                        field: field.into(),
                        input: v.to_string(),
                        reason: "a whole number from 0".into(),
                    })
                })
            };
            let after = whole("after", after)?;
            let limit = usize::try_from(whole("limit", limit)?).unwrap_or(usize::MAX);
            let wait = std::time::Duration::try_from_secs_f64(wait).map_err(|_| {
                Failure::Core(assetlog::Error::InvalidValue {
                    field: "wait".into(),
                    input: wait.to_string(),
                    reason: "seconds, 0 or more".into(),
                })
            })?;
            Ok(json(&self.log()?.feed_wait(after, limit, wait)?))
        })
    }

    #[pyo3(signature = (filter, occurred=None, recorded=None))]
    fn fleet(
        &self,
        py: Python<'_>,
        filter: &str,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            let f = fleet_filter(filter)?;
            Ok(json(&self.log()?.fleet(&f, at(occurred, recorded)?)?))
        })
    }

    #[pyo3(signature = (filter, occurred=None, recorded=None))]
    fn counts(
        &self,
        py: Python<'_>,
        filter: &str,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            let f = fleet_filter(filter)?;
            Ok(json(&self.log()?.counts(&f, at(occurred, recorded)?)?))
        })
    }

    #[pyo3(signature = (filter, occurred=None, recorded=None))]
    fn spend(
        &self,
        py: Python<'_>,
        filter: &str,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            let f = fleet_filter(filter)?;
            Ok(json(&self.log()?.spend(&f, at(occurred, recorded)?)?))
        })
    }

    #[pyo3(signature = (by, filter, occurred=None, recorded=None))]
    fn counts_by(
        &self,
        py: Python<'_>,
        by: &str,
        filter: &str,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            let f = fleet_filter(filter)?;
            let by = assetlog::Dimension::parse_list(by)?;
            Ok(json(&self.log()?.counts_by(
                &by,
                &f,
                at(occurred, recorded)?,
            )?))
        })
    }

    #[pyo3(signature = (by, filter, occurred=None, recorded=None))]
    fn spend_by(
        &self,
        py: Python<'_>,
        by: &str,
        filter: &str,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            let f = fleet_filter(filter)?;
            let by = assetlog::Dimension::parse_list(by)?;
            Ok(json(&self.log()?.spend_by(
                &by,
                &f,
                at(occurred, recorded)?,
            )?))
        })
    }

    #[pyo3(signature = (days, occurred=None, recorded=None))]
    fn idle(
        &self,
        py: Python<'_>,
        days: i64,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            Ok(json(&self.log()?.idle(days, at(occurred, recorded)?)?))
        })
    }

    #[pyo3(signature = (silence, days, checks_in, filter, occurred=None, recorded=None))]
    #[allow(clippy::too_many_arguments)]
    fn silent(
        &self,
        py: Python<'_>,
        silence: &str,
        days: i64,
        checks_in: Option<Vec<String>>,
        filter: &str,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            let f = fleet_filter(filter)?;
            let policy = assetlog::CheckInPolicy::from_categories(checks_in);
            let when = at(occurred, recorded)?;
            let list = if silence == "unpatched" {
                self.log()?.unpatched(days, &policy, &f, when)?
            } else {
                self.log()?.unseen(days, &policy, &f, when)?
            };
            Ok(json(&list))
        })
    }

    #[pyo3(signature = (component, minimum, checks_in, filter, occurred=None, recorded=None))]
    #[allow(clippy::too_many_arguments)]
    fn outdated(
        &self,
        py: Python<'_>,
        component: &str,
        minimum: &str,
        checks_in: Option<Vec<String>>,
        filter: &str,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            let f = fleet_filter(filter)?;
            let policy = assetlog::CheckInPolicy::from_categories(checks_in);
            let when = at(occurred, recorded)?;
            Ok(json(
                &self
                    .log()?
                    .outdated(component, minimum, &policy, &f, when)?,
            ))
        })
    }

    #[pyo3(signature = (from, to, occurred=None, recorded=None))]
    fn warranty_ending_within(
        &self,
        py: Python<'_>,
        from: &str,
        to: &str,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            let from = assetlog::time::parse_date("start", from)?;
            let to = assetlog::time::parse_date("end", to)?;
            Ok(json(&self.log()?.warranty_ending_within(
                from,
                to,
                at(occurred, recorded)?,
            )?))
        })
    }

    #[pyo3(signature = (license, by_id=false, occurred=None, recorded=None))]
    fn license(
        &self,
        py: Python<'_>,
        license: &str,
        by_id: bool,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            let r = asset_ref(license, by_id)?;
            Ok(json(&self.log()?.license(r, at(occurred, recorded)?)?))
        })
    }

    #[pyo3(signature = (license, key, by_id=false))]
    fn set_license_key(
        &self,
        py: Python<'_>,
        license: &str,
        key: &str,
        by_id: bool,
    ) -> PyResult<()> {
        run(py, || {
            Ok(self
                .log()?
                .set_license_key(asset_ref(license, by_id)?, key)?)
        })
    }

    #[pyo3(signature = (license, by_id=false))]
    fn license_key(&self, py: Python<'_>, license: &str, by_id: bool) -> PyResult<Option<String>> {
        run(py, || {
            Ok(self.log()?.license_key(asset_ref(license, by_id)?)?)
        })
    }

    #[pyo3(signature = (license, by_id=false))]
    fn forget_license_key(&self, py: Python<'_>, license: &str, by_id: bool) -> PyResult<bool> {
        run(py, || {
            Ok(self.log()?.forget_license_key(asset_ref(license, by_id)?)?)
        })
    }

    /// `rules`: JSON list of [product, name pattern, publisher pattern].
    #[pyo3(signature = (rules, occurred=None, recorded=None))]
    fn compliance(
        &self,
        py: Python<'_>,
        rules: &str,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            let rows: Vec<[String; 3]> = parse("rules", rules)?;
            let rules = assetlog::compliance::ProductRule::from_rows(
                rows.iter()
                    .map(|[a, b, c]| [a.as_str(), b.as_str(), c.as_str()]),
            )?;
            Ok(json(
                &self.log()?.compliance(at(occurred, recorded)?, &rules)?,
            ))
        })
    }

    #[pyo3(signature = (occurred=None, recorded=None))]
    fn licenses(
        &self,
        py: Python<'_>,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            Ok(json(&self.log()?.licenses(at(occurred, recorded)?)?))
        })
    }

    #[pyo3(signature = (occurred=None, recorded=None))]
    fn seats_by_department(
        &self,
        py: Python<'_>,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            Ok(json(
                &self.log()?.seats_by_department(at(occurred, recorded)?)?,
            ))
        })
    }

    #[pyo3(signature = (start, end, occurred=None, recorded=None))]
    fn renewals(
        &self,
        py: Python<'_>,
        start: &str,
        end: &str,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            let from = assetlog::time::parse_date("start", start)?;
            let to = assetlog::time::parse_date("end", end)?;
            Ok(json(&self.log()?.renewals(
                from,
                to,
                at(occurred, recorded)?,
            )?))
        })
    }

    #[pyo3(signature = (silent_days=None, occurred=None, recorded=None))]
    fn reclaimable(
        &self,
        py: Python<'_>,
        silent_days: Option<i64>,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            Ok(json(
                &self
                    .log()?
                    .reclaimable(at(occurred, recorded)?, silent_days)?,
            ))
        })
    }

    #[pyo3(signature = (occurred=None, recorded=None))]
    fn overdue_returns(
        &self,
        py: Python<'_>,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            Ok(json(&self.log()?.overdue_returns(at(occurred, recorded)?)?))
        })
    }

    #[pyo3(signature = (since, occurred=None, recorded=None))]
    fn not_patched_since(
        &self,
        py: Python<'_>,
        since: &str,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            let since = instant("since", Some(since))?.expect("given");
            Ok(json(
                &self
                    .log()?
                    .not_patched_since(since, at(occurred, recorded)?)?,
            ))
        })
    }

    #[pyo3(signature = (date, occurred=None, recorded=None))]
    fn warranty_ending_before(
        &self,
        py: Python<'_>,
        date: &str,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            let d = assetlog::time::parse_date("date", date)?;
            Ok(json(
                &self
                    .log()?
                    .warranty_ending_before(d, at(occurred, recorded)?)?,
            ))
        })
    }

    #[pyo3(signature = (occurred=None, recorded=None))]
    fn duplicate_serials(
        &self,
        py: Python<'_>,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            Ok(json(
                &self.log()?.duplicate_serials(at(occurred, recorded)?)?,
            ))
        })
    }

    #[pyo3(signature = (occurred=None, recorded=None))]
    fn data_gaps(
        &self,
        py: Python<'_>,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            Ok(json(&self.log()?.data_gaps(at(occurred, recorded)?)?))
        })
    }

    #[pyo3(signature = (flow, by, start, end, occurred=None, recorded=None))]
    #[allow(clippy::too_many_arguments)]
    fn flow_times(
        &self,
        py: Python<'_>,
        flow: &str,
        by: Option<&str>,
        start: &str,
        end: &str,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            let flow = assetlog::Flow::from_name(flow)?;
            let by = by.map(assetlog::FlowGroup::from_name).transpose()?;
            let from = assetlog::time::parse_date("start", start)?;
            let to = assetlog::time::parse_date("end", end)?;
            Ok(json(&self.log()?.flow_times(
                flow,
                by,
                from,
                to,
                at(occurred, recorded)?,
            )?))
        })
    }

    #[pyo3(signature = (start, end, occurred=None, recorded=None))]
    fn recovery(
        &self,
        py: Python<'_>,
        start: &str,
        end: &str,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            let from = assetlog::time::parse_date("start", start)?;
            let to = assetlog::time::parse_date("end", end)?;
            Ok(json(&self.log()?.recovery(
                from,
                to,
                at(occurred, recorded)?,
            )?))
        })
    }

    fn set_book_rule(&self, py: Python<'_>, rule: &str) -> PyResult<()> {
        run(py, || {
            let r: assetlog::BookRule = parse("rule", rule)?;
            Ok(self.log()?.set_book_rule(&r)?)
        })
    }

    #[pyo3(signature = (book=None))]
    fn book_rules(&self, py: Python<'_>, book: Option<&str>) -> PyResult<String> {
        run(py, || Ok(json(&self.log()?.book_rules(book)?)))
    }

    #[pyo3(signature = (tag, book, occurred=None, recorded=None))]
    fn book_value(
        &self,
        py: Python<'_>,
        tag: &str,
        book: &str,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            Ok(json(&self.log()?.book_value(
                tag,
                book,
                at(occurred, recorded)?,
            )?))
        })
    }

    #[pyo3(signature = (tag, book, occurred=None, recorded=None))]
    fn book_schedule(
        &self,
        py: Python<'_>,
        tag: &str,
        book: &str,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            Ok(json(&self.log()?.book_schedule(
                tag,
                book,
                at(occurred, recorded)?,
            )?))
        })
    }

    #[pyo3(signature = (book, filter, occurred=None, recorded=None))]
    fn fleet_book_value(
        &self,
        py: Python<'_>,
        book: &str,
        filter: &str,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            let f = fleet_filter(filter)?;
            Ok(json(&self.log()?.fleet_book_value(
                book,
                &f,
                at(occurred, recorded)?,
            )?))
        })
    }

    #[pyo3(signature = (book, by, filter, occurred=None, recorded=None))]
    fn fleet_book_value_by(
        &self,
        py: Python<'_>,
        book: &str,
        by: &str,
        filter: &str,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            let f = fleet_filter(filter)?;
            let by = assetlog::Dimension::parse_list(by)?;
            Ok(json(&self.log()?.fleet_book_value_by(
                book,
                &by,
                &f,
                at(occurred, recorded)?,
            )?))
        })
    }

    #[pyo3(signature = (book, start, end, occurred=None, recorded=None))]
    fn forecast(
        &self,
        py: Python<'_>,
        book: &str,
        start: &str,
        end: &str,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            let from = assetlog::time::parse_date("start", start)?;
            let to = assetlog::time::parse_date("end", end)?;
            Ok(json(&self.log()?.forecast(
                book,
                from,
                to,
                at(occurred, recorded)?,
            )?))
        })
    }

    #[pyo3(signature = (who, occurred=None, recorded=None))]
    fn person_view(
        &self,
        py: Python<'_>,
        who: &str,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            Ok(json(
                &self.log()?.person_view(who, at(occurred, recorded)?)?,
            ))
        })
    }

    #[allow(clippy::needless_pass_by_value)] // pyo3 extracts owned lists
    fn status_over_time(&self, py: Python<'_>, days: Vec<String>) -> PyResult<String> {
        run(py, || {
            let days = days
                .iter()
                .map(|d| assetlog::time::parse_date("days", d))
                .collect::<assetlog::Result<Vec<_>>>()?;
            Ok(json(&self.log()?.status_over_time(&days)?))
        })
    }

    fn spend_by_month(&self, py: Python<'_>, from: &str, to: &str) -> PyResult<String> {
        run(py, || {
            let from = assetlog::time::parse_date("start", from)?;
            let to = assetlog::time::parse_date("end", to)?;
            Ok(json(&self.log()?.spend_by_month(from, to)?))
        })
    }

    #[pyo3(signature = (occurred=None, recorded=None))]
    fn age_profile(
        &self,
        py: Python<'_>,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            Ok(json(&self.log()?.age_profile(at(occurred, recorded)?)?))
        })
    }

    #[pyo3(signature = (occurred=None, recorded=None))]
    fn leavers(
        &self,
        py: Python<'_>,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            Ok(json(&self.log()?.leavers(at(occurred, recorded)?)?))
        })
    }

    #[pyo3(signature = (person_id, on=None))]
    fn mark_left(&self, py: Python<'_>, person_id: &str, on: Option<&str>) -> PyResult<()> {
        run(py, || {
            let on = on
                .map(|d| assetlog::time::parse_date("on", d))
                .transpose()?;
            Ok(self.log()?.mark_left(&person(person_id)?, on)?)
        })
    }

    #[pyo3(signature = (person_id, occurred=None, recorded=None))]
    fn holdings(
        &self,
        py: Python<'_>,
        person_id: &str,
        occurred: Option<&str>,
        recorded: Option<&str>,
    ) -> PyResult<String> {
        run(py, || {
            Ok(json(
                &self
                    .log()?
                    .holdings(&person(person_id)?, at(occurred, recorded)?)?,
            ))
        })
    }

    #[pyo3(signature = (person_id, due, occurred_at=None, actor="assetlog"))]
    fn offboard(
        &self,
        py: Python<'_>,
        person_id: &str,
        due: &str,
        occurred_at: Option<&str>,
        actor: &str,
    ) -> PyResult<String> {
        run(py, || {
            let due = assetlog::time::parse_date("due", due)?;
            let when = instant("occurred_at", occurred_at)?;
            Ok(json(&self.log()?.offboard(
                &person(person_id)?,
                due,
                when,
                actor,
            )?))
        })
    }

    #[pyo3(signature = (path, users=None, locations=None, currency="USD", encoding=None, status_map=None, dry_run=false, strict=false))]
    #[allow(clippy::too_many_arguments)]
    fn import_snipeit(
        &self,
        py: Python<'_>,
        path: &str,
        users: Option<&str>,
        locations: Option<&str>,
        currency: &str,
        encoding: Option<&str>,
        status_map: Option<&str>,
        dry_run: bool,
        strict: bool,
    ) -> PyResult<String> {
        run(py, || {
            let s = assetlog_import::SnipeitImport {
                assets: std::path::Path::new(path),
                users: users.map(std::path::Path::new),
                locations: locations.map(std::path::Path::new),
                currency: currency.parse()?,
                encoding,
                status_map: status_map.map(std::path::Path::new),
                dry_run,
                strict,
            };
            Ok(json(&assetlog_import::import_snipeit(&*self.log()?, &s)?))
        })
    }

    #[pyo3(signature = (paths, patches=Vec::new(), dry_run=false))]
    #[allow(clippy::needless_pass_by_value)] // pyo3 extracts owned lists
    fn ingest_osquery(
        &self,
        py: Python<'_>,
        paths: Vec<String>,
        patches: Vec<String>,
        dry_run: bool,
    ) -> PyResult<String> {
        run(py, || {
            let paths: Vec<&std::path::Path> = paths.iter().map(std::path::Path::new).collect();
            let r = assetlog_import::ingest_osquery(
                &*self.log()?,
                &paths,
                &patches,
                dry_run,
                &mut |_, _| {},
            )?;
            Ok(json(&r))
        })
    }

    #[pyo3(signature = (path, map=None, encoding=None, dry_run=false))]
    fn ingest_tickets(
        &self,
        py: Python<'_>,
        path: &str,
        map: Option<std::collections::BTreeMap<String, String>>,
        encoding: Option<&str>,
        dry_run: bool,
    ) -> PyResult<String> {
        run(py, || {
            let map = map.unwrap_or_default();
            let columns = assetlog_import::tickets::Columns::mapped(
                map.iter().map(|(f, c)| (f.as_str(), c.as_str())),
            )?;
            let r = assetlog_import::ingest_tickets(
                &*self.log()?,
                std::path::Path::new(path),
                &columns,
                encoding,
                dry_run,
            )?;
            Ok(json(&r))
        })
    }

    #[pyo3(signature = (path, as_of=None, currency=None, rates=None, book=None))]
    fn report_html(
        &self,
        py: Python<'_>,
        path: &str,
        as_of: Option<&str>,
        currency: Option<&str>,
        rates: Option<&str>,
        book: Option<String>,
    ) -> PyResult<()> {
        run(py, || {
            let options = assetlog_report::ReportOptions::from_text(
                as_of,
                currency,
                rates.map(std::path::Path::new),
                book,
            )?;
            Ok(assetlog_report::write_report(
                &*self.log()?,
                &options,
                path,
            )?)
        })
    }

    fn rebuild(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || Ok(json(&self.log()?.rebuild()?)))
    }

    fn copy_to(&self, py: Python<'_>, other: &Log) -> PyResult<String> {
        let (from, to) = (self.log(), other.log());
        run(py, move || {
            let (from, to) = (from?, to?);
            Ok(json(&from.copy_to(&to, &mut |_| {})?))
        })
    }

    /// Where the log is: its path, `:memory:`, or its server and schema.
    #[getter]
    fn location(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || Ok(self.log()?.location()))
    }

    #[pyo3(signature = (path, dry_run=false))]
    fn import_jsonl(&self, py: Python<'_>, path: &str, dry_run: bool) -> PyResult<String> {
        run(py, || {
            let f = std::fs::File::open(path).map_err(|e| io_failure(path, &e))?;
            Ok(json(
                &self
                    .log()?
                    .import_jsonl(std::io::BufReader::new(f), dry_run)?,
            ))
        })
    }

    fn export_jsonl(&self, py: Python<'_>, path: &str) -> PyResult<u64> {
        run(py, || {
            let f = std::fs::File::create(path).map_err(|e| io_failure(path, &e))?;
            Ok(self.log()?.export_jsonl(&mut std::io::BufWriter::new(f))?)
        })
    }

    #[pyo3(signature = (against=None))]
    fn verify(&self, py: Python<'_>, against: Option<&str>) -> PyResult<String> {
        run(py, || {
            let v = match against {
                Some(path) => self
                    .log()?
                    .verify_against(&assetlog::Checkpoint::read(path.as_ref())?)?,
                None => self.log()?.verify()?,
            };
            Ok(json(&v))
        })
    }

    fn checkpoint(&self, py: Python<'_>, path: &str) -> PyResult<String> {
        run(py, || {
            let cp = self.log()?.checkpoint()?;
            cp.write(path.as_ref())?;
            Ok(json(&cp))
        })
    }

    fn stats(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || Ok(json(&self.log()?.stats()?)))
    }

    fn upsert_person(&self, py: Python<'_>, record: &str) -> PyResult<()> {
        run(py, || {
            let p: assetlog::Person = parse("person", record)?;
            Ok(self.log()?.upsert_person(&p)?)
        })
    }

    fn person(&self, py: Python<'_>, person_id: &str) -> PyResult<Option<String>> {
        run(py, || {
            Ok(self.log()?.person(&person(person_id)?)?.map(|p| json(&p)))
        })
    }

    fn forget_person(&self, py: Python<'_>, person_id: &str) -> PyResult<bool> {
        run(py, || Ok(self.log()?.forget_person(&person(person_id)?)?))
    }

    /// The file path, or None in memory.
    #[getter]
    fn path(&self) -> Option<String> {
        self.log()
            .ok()
            .and_then(|l| l.path().map(|p| p.display().to_string()))
    }
}

/// The lifecycle table as JSON: [{"from", "event", "to"}].
#[pyfunction]
pub fn transitions() -> String {
    let rows: Vec<serde_json::Value> = assetlog::lifecycle::transitions()
        .iter()
        .map(|t| {
            serde_json::json!({
                "from": t.from.map(assetlog::Status::name),
                "event": t.event.name(),
                "to": t.to.name(),
            })
        })
        .collect();
    json(&rows)
}

/// Every stable error code of the core.
#[pyfunction]
pub fn error_codes() -> Vec<&'static str> {
    assetlog::Error::CODES.to_vec()
}

/// Every event type with its payload fields (the core's schema), as JSON.
#[pyfunction]
pub fn event_schema() -> String {
    json(&assetlog::schema::events())
}

/// Every asset status, as JSON.
#[pyfunction]
pub fn statuses() -> String {
    json(&assetlog::schema::statuses())
}

/// Every stable error code with its kind (`bad_input`, `conflict`, ...).
#[pyfunction]
pub fn error_table() -> Vec<(&'static str, &'static str)> {
    assetlog::Error::TABLE
        .iter()
        .map(|(code, kind)| (*code, kind.name()))
        .collect()
}

/// A depreciation schedule: cost ("10000.00 USD"), the day placed in
/// service, and a rule in its JSON form.
#[pyfunction]
pub fn depreciation_schedule(
    py: Python<'_>,
    cost: &str,
    placed: &str,
    rule: &str,
) -> PyResult<String> {
    run(py, || {
        let rule: assetlog::depreciation::Rule = parse("rule", rule)?;
        let cost: Money = cost.parse()?;
        let placed = assetlog::time::parse_date("placed", placed)?;
        rule.validate(cost)?;
        Ok(json(&assetlog::depreciation::schedule(
            cost, placed, &rule,
        )?))
    })
}

/// A money text ("12.50 EUR") as the core reads it: the currency known and
/// the amount within its digits (JPY 0, EUR 2, KWD 3), or the core's error.
#[pyfunction]
pub fn check_money(py: Python<'_>, text: &str) -> PyResult<String> {
    run(py, || Ok(text.parse::<Money>()?.to_string()))
}

/// Sum money amounts (JSON list of "1.00 EUR" strings) into one currency
/// with rates (JSON list of {date, from, to, rate}) in force on `on`.
#[pyfunction]
pub fn total_in(
    py: Python<'_>,
    amounts: &str,
    currency: &str,
    rates: &str,
    on: &str,
) -> PyResult<String> {
    run(py, || {
        let amounts: Vec<Money> = parse("amounts", amounts)?;
        let rows: Vec<serde_json::Map<String, serde_json::Value>> = parse("rates", rates)?;
        let field = |r: &serde_json::Map<String, serde_json::Value>, k: &str| {
            r.get(k)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned()
        };
        let rows: Vec<[String; 4]> = rows
            .iter()
            .map(|r| {
                [
                    field(r, "date"),
                    field(r, "from"),
                    field(r, "to"),
                    field(r, "rate"),
                ]
            })
            .collect();
        let fx = FxRates::from_rows(
            rows.iter()
                .map(|r| [r[0].as_str(), r[1].as_str(), r[2].as_str(), r[3].as_str()]),
        )?;
        let on = assetlog::time::parse_date("on", on)?;
        let total = fx.sum_in(amounts, currency.parse()?, on)?;
        Ok(total.to_string())
    })
}
