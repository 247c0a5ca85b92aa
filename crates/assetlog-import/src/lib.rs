//! Imports into assetlog that lose nothing, used by the command line and
//! both bindings alike: each takes paths and a log and returns one
//! [`ImportReport`].
//!
//! - [`import_snipeit`]: Snipe-IT asset exports (both layouts), with their
//!   users and locations files ([`snipeit`]).
//! - [`ingest_osquery`]: osqueryd result logs ([`osquery`]).
//! - [`ingest_tickets`]: Jira, Zendesk, Freshservice and GLPI exports ([`tickets`]).
//! - [`text`]: how files in any encoding are read.

pub mod osquery;
pub mod snipeit;
pub mod snipeit_licenses;
pub mod text;
pub mod tickets;

use std::path::Path;

use serde::Serialize;

use assetlog::{AssetLog, BadLine, Currency, Error, NewEvent, Result};

/// What an import read and wrote.
#[derive(Clone, Debug, Serialize)]
pub struct ImportReport {
    /// The source ("snipeit", ...).
    pub source: &'static str,
    /// Data rows (or lines) read.
    pub rows: usize,
    /// Assets read.
    pub assets: usize,
    /// Events read.
    pub events: usize,
    /// People read.
    pub people: usize,
    /// Events written that the log did not have (none on a dry run).
    pub written: u64,
    /// Nothing was written: the report says what would have been.
    pub dry_run: bool,
    /// Rows not imported, with why.
    pub skipped: Vec<BadLine>,
    /// Rows imported with a field unread, defaulted or left aside.
    pub issues: Vec<BadLine>,
    /// About whole files (the encoding chosen).
    pub warnings: Vec<String>,
}

/// A Snipe-IT import: the files and how to read them.
#[derive(Clone, Debug)]
pub struct SnipeitImport<'a> {
    /// The assets export.
    pub assets: &'a Path,
    /// The users export (names and e-mails go to the people table).
    pub users: Option<&'a Path>,
    /// The locations export (countries and currencies).
    pub locations: Option<&'a Path>,
    /// Currency of costs whose location has none (reported when used).
    pub currency: Currency,
    /// Read the files in this encoding (a WHATWG label) instead of detecting it.
    pub encoding: Option<&'a str>,
    /// A CSV of `label,action` mapping status labels (see [`snipeit::StatusAction`]).
    pub status_map: Option<&'a Path>,
    /// Write nothing; report what would be written.
    pub dry_run: bool,
    /// Refuse the whole import when any row or field cannot be read as given.
    pub strict: bool,
}

/// A file's bytes, or an IO error naming it.
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::Io {
        reason: format!("cannot read {}: {e}", path.display()),
    })
}

fn refused(path: &Path, reason: String) -> Error {
    Error::InvalidValue {
        field: "file".into(),
        input: path.display().to_string(),
        reason,
    }
}

/// Snipe-IT files read and checked, not yet written.
pub struct Prepared {
    source: &'static str,
    import: snipeit::Import,
}

/// Read and check a Snipe-IT export without touching any log (`now`: when
/// the import runs). With `strict`, any row or field not read as given
/// refuses the whole import, naming the first lines.
pub fn read_snipeit(s: &SnipeitImport<'_>, now: chrono::DateTime<chrono::Utc>) -> Result<Prepared> {
    let encoding = s.encoding.map(text::encoding_for).transpose()?;
    let status_map = match s.status_map {
        Some(p) => {
            let d = text::decode(&p.display().to_string(), &read_file(p)?, encoding);
            snipeit::read_status_map(&d.text).map_err(|e| refused(p, e))?
        }
        None => snipeit::StatusMap::new(),
    };
    let assets = read_file(s.assets)?;
    let users = s.users.map(read_file).transpose()?;
    let locations = s.locations.map(read_file).transpose()?;
    let names = (
        s.assets.display().to_string(),
        s.users.map(|p| p.display().to_string()).unwrap_or_default(),
        s.locations
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
    );
    let import = snipeit::read(
        &snipeit::Files {
            assets: (&names.0, &assets),
            users: users.as_deref().map(|b| (names.1.as_str(), b)),
            locations: locations.as_deref().map(|b| (names.2.as_str(), b)),
        },
        &snipeit::Options {
            default_currency: s.currency,
            encoding,
            status_map,
            now,
        },
    )
    .map_err(|e| refused(s.assets, e))?;
    if s.strict && !(import.skipped.is_empty() && import.issues.is_empty()) {
        let lines: Vec<String> = import
            .skipped
            .iter()
            .chain(&import.issues)
            .take(5)
            .map(|b| format!("line {}: {}", b.line, b.reason))
            .collect();
        return Err(refused(
            s.assets,
            format!(
                "{} rows could not be read and {} fields were not read as given; strict: nothing was written ({})",
                import.skipped.len(),
                import.issues.len(),
                lines.join("; ")
            ),
        ));
    }
    Ok(Prepared {
        source: "snipeit",
        import,
    })
}

/// Write what was read (people, then every event in one atomic batch);
/// on a dry run, only report.
pub fn write(log: &AssetLog, p: Prepared, dry_run: bool) -> Result<ImportReport> {
    let mut import = p.import;
    let events_read = import.events.len() + import.statuses.len();
    let mut written = 0;
    if !dry_run {
        let before = log.stats()?.events;
        for person in &import.people {
            log.upsert_person(person)?;
        }
        // a status already imported (on another day) is not written again
        let mut batch = std::mem::take(&mut import.events);
        for e in &import.statuses {
            let known = match log.history(e.asset.clone()) {
                Ok(h) => h.iter().any(|r| Some(r.event_id) == e.event_id),
                Err(Error::UnknownAsset { .. }) => false,
                Err(other) => return Err(other),
            };
            if !known {
                batch.push(e.clone());
            }
        }
        log.append_batch(&batch)?;
        written = log.stats()?.events - before;
    }
    Ok(ImportReport {
        source: p.source,
        rows: import.rows,
        assets: import.assets,
        events: events_read,
        people: import.people.len(),
        written,
        dry_run,
        skipped: import.skipped,
        issues: import.issues,
        warnings: import.warnings,
    })
}

/// Import a Snipe-IT export in one atomic batch; importing it again adds
/// nothing. Rows that cannot be read are skipped and reported (with
/// `strict`, nothing is written and the error lists them).
pub fn import_snipeit(log: &AssetLog, s: &SnipeitImport<'_>) -> Result<ImportReport> {
    let prepared = read_snipeit(s, log.now())?;
    write(log, prepared, s.dry_run)
}

/// Import a Snipe-IT licenses export (see [`snipeit_licenses`]): licenses,
/// their seats checked out to users (who become people), their product
/// keys into the secrets table. Importing it again adds nothing.
pub fn import_snipeit_licenses(
    log: &AssetLog,
    file: &Path,
    currency: Currency,
    encoding: Option<&str>,
    dry_run: bool,
) -> Result<ImportReport> {
    let encoding = encoding.map(text::encoding_for).transpose()?;
    let d = text::decode(&file.display().to_string(), &read_file(file)?, encoding);
    let r = snipeit_licenses::read(&d.text, currency, log.now().date_naive())
        .map_err(|e| refused(file, e))?;
    let mut written = 0;
    if !dry_run {
        let before = log.stats()?.events;
        for p in &r.people {
            if log.person(&p.id)?.is_none() {
                log.upsert_person(p)?;
            }
        }
        log.append_batch(&r.events)?;
        for (tag, key) in &r.keys {
            log.set_license_key(tag.as_str(), key)?;
        }
        written = log.stats()?.events - before;
    }
    Ok(ImportReport {
        source: "snipeit-licenses",
        rows: r.rows,
        assets: r.licenses,
        events: r.events.len(),
        people: r.people.len(),
        written,
        dry_run,
        skipped: r.skipped,
        issues: Vec::new(),
        warnings: d.note.into_iter().collect(),
    })
}

/// Read osquery result logs (see [`osquery`]) into check-ins, OS versions
/// and patches of the assets whose serials the hosts report; appended in
/// batches as the files are read (importing them again adds nothing).
/// `progress` hears bytes read of the total, now and then.
pub fn ingest_osquery(
    log: &AssetLog,
    files: &[&Path],
    patch_queries: &[String],
    dry_run: bool,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ImportReport> {
    let open = |p: &Path| {
        std::fs::File::open(p)
            .map(std::io::BufReader::new)
            .map_err(|e| Error::Io {
                reason: format!("cannot read {}: {e}", p.display()),
            })
    };
    // pass 1: hosts and their serials
    let mut serials = std::collections::HashMap::new();
    let mut total = 0;
    for p in files {
        total += std::fs::metadata(p).map_or(0, |m| m.len());
        osquery::link_hosts(open(p)?, &mut serials).map_err(|e| Error::Io {
            reason: format!("cannot read {}: {e}", p.display()),
        })?;
    }
    // the assets by serial, as the log knows them now
    let mut by_serial = std::collections::HashMap::new();
    for v in log.fleet(&assetlog::FleetFilter::default(), assetlog::At::now())? {
        if let Some(s) = &v.serial {
            by_serial.insert(
                s.trim().to_ascii_uppercase(),
                osquery::Known {
                    tag: v.tag.clone(),
                    first: v.first_event_at,
                    retired: v.status == assetlog::Status::Retired,
                },
            );
        }
    }
    let mut tally = osquery::Tally::default();
    let mut hosts = std::collections::HashMap::new();
    let mut unknown: Vec<(u64, String)> = Vec::new();
    let mut unmatched = std::collections::HashSet::new();
    for (host, (serial, line)) in &serials {
        if let Some(k) = by_serial.get(serial) {
            hosts.insert(host.clone(), k.clone());
        } else {
            unmatched.insert(host.clone());
            unknown.push((
                *line,
                format!("host '{host}' reports serial '{serial}', which no asset has: its results were not imported"),
            ));
        }
    }
    tally.linked = hosts.len();
    let before = log.stats()?.events;
    let mut events = 0usize;
    let mut done = 0u64;
    for p in files {
        let mut sink = |batch: Vec<NewEvent>| {
            events += batch.len();
            if dry_run {
                Ok(())
            } else {
                log.append_batch(&batch).map(|_| ())
            }
        };
        let reader = open(p)?;
        osquery::read_events(
            reader,
            &osquery::Hosts {
                linked: &hosts,
                unmatched: &unmatched,
            },
            patch_queries,
            log.now(),
            &mut tally,
            &mut sink,
        )?;
        done += std::fs::metadata(p).map_or(0, |m| m.len());
        progress(done, total);
    }
    tally.issues.extend(
        unknown
            .into_iter()
            .map(|(line, reason)| BadLine { line, reason }),
    );
    tally.issues.sort_by_key(|b| b.line);
    Ok(ImportReport {
        source: "osquery",
        rows: tally.lines as usize,
        assets: tally.linked,
        events,
        people: 0,
        written: if dry_run {
            0
        } else {
            log.stats()?.events - before
        },
        dry_run,
        skipped: tally.skipped,
        issues: tally.issues,
        warnings: Vec::new(),
    })
}

/// A stable event id for one fact of one ticket.
fn ticket_event_id(ticket: &str, what: &str) -> assetlog::EventId {
    assetlog::EventId(uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_OID,
        format!("assetlog:tickets:{ticket}:{what}").as_bytes(),
    ))
}

/// Read a ticketing export (CSV, any encoding) into `ticket_opened` and
/// `ticket_closed` (with its cost) on the asset each ticket names, by tag
/// or serial. Tickets naming no known asset, and tickets the lifecycle
/// refuses (opened before the asset existed, or after it was retired),
/// are listed; rows that cannot be read are skipped and listed. Reading
/// the export again adds nothing.
pub fn ingest_tickets(
    log: &AssetLog,
    path: &Path,
    columns: &tickets::Columns,
    encoding: Option<&str>,
    dry_run: bool,
) -> Result<ImportReport> {
    use assetlog::event::{TicketClosed, TicketOpened};
    let encoding = encoding.map(text::encoding_for).transpose()?;
    let decoded = text::decode(&path.display().to_string(), &read_file(path)?, encoding);
    let (list, skipped) = tickets::read(&decoded.text, columns).map_err(|e| refused(path, e))?;
    let mut serials = std::collections::HashMap::new();
    for v in log.fleet(&assetlog::FleetFilter::default(), assetlog::At::now())? {
        if let Some(s) = &v.serial {
            serials.insert(s.trim().to_ascii_uppercase(), v.tag.clone());
        }
    }
    let mut issues = Vec::new();
    let mut assets = std::collections::BTreeSet::new();
    let (mut events, before) = (0usize, log.stats()?.events);
    for t in &list {
        // the first name in the asset column that is a tag or a serial
        let found = t
            .asset
            .split([',', ';', '|'])
            .map(str::trim)
            .find_map(|name| {
                if name.is_empty() {
                    return None;
                }
                match log.asset(name, assetlog::At::now()) {
                    Ok(v) => Some((v.tag, v.unit_cost.currency())),
                    Err(_) => serials.get(&name.to_ascii_uppercase()).and_then(|tag| {
                        log.asset(tag.as_str(), assetlog::At::now())
                            .ok()
                            .map(|v| (v.tag, v.unit_cost.currency()))
                    }),
                }
            });
        let Some((tag, asset_currency)) = found else {
            issues.push(BadLine {
                line: t.line,
                reason: format!(
                    "ticket {}: '{}' is no asset's tag or serial: not imported",
                    t.id, t.asset
                ),
            });
            continue;
        };
        let cost = match &t.cost {
            None => None,
            Some((amount, currency)) => {
                let currency = match currency {
                    Some(c) => c.parse().ok(),
                    None => Some(asset_currency),
                };
                let parsed = currency
                    .and_then(|c| assetlog::Money::parse_amount(&amount.replace(',', ""), c).ok());
                if parsed.is_none() {
                    issues.push(BadLine {
                        line: t.line,
                        reason: format!(
                            "ticket {}: cost '{amount}' could not be read: closed without a cost",
                            t.id
                        ),
                    });
                }
                parsed
            }
        };
        let make = |what: &str, at, e: assetlog::Event| NewEvent {
            event_id: Some(ticket_event_id(&t.id, what)),
            occurred_at: Some(at),
            actor: "tickets-import".into(),
            ..NewEvent::new(assetlog::AssetRef::Tag(tag.clone()), e)
        };
        let mut batch = vec![make(
            "opened",
            t.created,
            TicketOpened {
                ticket_id: t.id.clone(),
                summary: t.summary.clone(),
            }
            .into(),
        )];
        if let Some(done) = t.resolved {
            batch.push(make(
                "closed",
                done.max(t.created),
                TicketClosed {
                    ticket_id: t.id.clone(),
                    cost,
                    resolution: t.resolution.clone(),
                }
                .into(),
            ));
        }
        if let Err(e) = batch.iter().try_for_each(NewEvent::validate) {
            issues.push(BadLine {
                line: t.line,
                reason: format!("ticket {}: {e}", t.id),
            });
            continue;
        }
        if !dry_run {
            if let Err(e) = log.append_batch(&batch) {
                issues.push(BadLine {
                    line: t.line,
                    reason: format!("ticket {} on {tag}: refused: {e}", t.id),
                });
                continue;
            }
        }
        events += batch.len();
        assets.insert(tag);
    }
    Ok(ImportReport {
        source: "tickets",
        rows: list.len() + skipped.len(),
        assets: assets.len(),
        events,
        people: 0,
        written: if dry_run {
            0
        } else {
            log.stats()?.events - before
        },
        dry_run,
        skipped,
        issues,
        warnings: decoded.note.into_iter().collect(),
    })
}
