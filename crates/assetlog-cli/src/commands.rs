//! What each command does: open the log, call the core, build a report.

use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use assetlog::{
    AssetLog, AssetView, At, BadLine, Currency, Dimension, Event, EventType, Expected, FleetFilter,
    FxRates, NewEvent, Policy,
};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::output::{Format, Progress, ReadProgress, Report, Table, WriteProgress};
use crate::{BooksCommand, Command, Failure, Filter, ImportCommand, IngestCommand, RuleArgs, When};

fn bad(message: impl Into<String>) -> Failure {
    Failure {
        code: 1,
        message: message.into(),
    }
}

fn file_error(path: &Path, e: &std::io::Error) -> Failure {
    let hint = match e.kind() {
        std::io::ErrorKind::NotFound => " (check the path)",
        std::io::ErrorKind::PermissionDenied => " (check the file's permissions)",
        _ => "",
    };
    Failure {
        code: 3,
        message: format!("cannot read {}: {e}{hint}", path.display()),
    }
}

fn read_file(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| file_error(path, &e))
}

/// Whether `--db` names a PostgreSQL server rather than a file.
fn is_server(db: &Path) -> bool {
    let text = db.to_string_lossy();
    text.starts_with("postgresql://") || text.starts_with("postgres://")
}

fn open(db: &Path) -> Result<AssetLog, Failure> {
    AssetLog::open(db).map_err(|e| {
        let mut f = Failure::from(e);
        f.code = 3;
        f
    })
}

fn instant(field: &str, s: &str) -> Result<DateTime<Utc>, Failure> {
    Ok(assetlog::time::parse_as_of(field, s)?)
}

fn at(w: &When) -> Result<At, Failure> {
    Ok(At {
        occurred: w
            .as_of
            .as_deref()
            .map(|s| instant("--as-of", s))
            .transpose()?,
        recorded: w
            .as_recorded
            .as_deref()
            .map(|s| instant("--as-recorded", s))
            .transpose()?,
    })
}

fn filter(f: &Filter) -> Result<FleetFilter, Failure> {
    let given = [
        ("status", &f.status),
        ("country", &f.country),
        ("location", &f.location),
        ("holder", &f.holder),
        ("category", &f.category),
        ("department", &f.department),
    ];
    Ok(FleetFilter::from_pairs(
        given
            .into_iter()
            .filter_map(|(k, v)| v.as_deref().map(|v| (k, v))),
    )?)
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(String::new, |v| v.to_string())
}

fn json_of<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).expect("assetlog values serialize")
}

/// Run a command; the exit code on success.
/// Commands that may create the log file; every other one needs it to exist
/// (a mistyped `--db` on a read command must not report an empty fleet).
fn may_create(command: &Command) -> bool {
    matches!(
        command,
        Command::Demo { .. }
            | Command::Copy { .. }
            | Command::Import(_)
            | Command::Record { .. }
            | Command::Depreciation { .. }
            | Command::Books {
                command: BooksCommand::Set { .. }
            }
    )
}

pub fn run(db: &Path, command: Command, format: Format) -> Result<u8, Failure> {
    if !may_create(&command) && !is_server(db) && !db.exists() {
        return Err(Failure {
            code: 3,
            message: format!(
                "no log at {}: check --db (or ASSETLOG_DB); only demo, import, record and books set create one",
                db.display()
            ),
        });
    }
    let mut code = 0;
    let report = match command {
        Command::Demo { people, seed } => demo(db, people, seed)?,
        Command::Import(ImportCommand::Snipeit {
            file,
            users,
            locations,
            currency,
            encoding,
            status_map,
            dry_run,
            strict,
        }) => {
            let (r, c) = import_snipeit(
                db,
                &assetlog_import::SnipeitImport {
                    assets: &file,
                    users: users.as_deref(),
                    locations: locations.as_deref(),
                    currency: currency.parse()?,
                    encoding: encoding.as_deref(),
                    status_map: status_map.as_deref(),
                    dry_run,
                    strict,
                },
            )?;
            code = c;
            r
        }
        Command::Import(ImportCommand::SnipeitLicenses {
            file,
            currency,
            encoding,
            dry_run,
        }) => {
            let log = open(db)?;
            let r = assetlog_import::import_snipeit_licenses(
                &log,
                &file,
                currency.parse()?,
                encoding.as_deref(),
                dry_run,
            )?;
            let mut t = Table::new(&["rows", "licenses", "events", "people", "written"]).titled(
                if dry_run {
                    "Snipe-IT licenses (dry run: nothing written)"
                } else {
                    "Snipe-IT licenses imported"
                },
            );
            t.row(vec![
                r.rows.to_string(),
                r.assets.to_string(),
                r.events.to_string(),
                r.people.to_string(),
                r.written.to_string(),
            ]);
            let mut s = Table::new(&["line", "why"]).titled("rows not imported");
            for b in &r.skipped {
                s.row(vec![b.line.to_string(), b.reason.clone()]);
            }
            if !r.skipped.is_empty() {
                code = 4;
            }
            Report::new(vec![t, s], json_of(&r))
        }
        Command::Ingest(IngestCommand::Osquery {
            files,
            patches,
            dry_run,
        }) => {
            let log = open(db)?;
            let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
            let mut bar = Progress::new("reading osquery results", 1);
            let r =
                assetlog_import::ingest_osquery(&log, &paths, &patches, dry_run, &mut |d, t| {
                    bar.update(d, t);
                })?;
            bar.finish();
            code = if r.skipped.is_empty() { 0 } else { 4 };
            ingest_report(
                &r,
                &format!("{} lines, {} hosts linked to assets", r.rows, r.assets),
                [
                    "lines are not osquery results",
                    "hosts or results not imported",
                ],
            )
        }
        Command::Ingest(IngestCommand::Tickets {
            file,
            map,
            encoding,
            dry_run,
        }) => {
            let mut columns = assetlog_import::tickets::Columns::default();
            for m in &map {
                let (field, column) = m
                    .split_once('=')
                    .ok_or_else(|| bad(format!("--map takes FIELD=COLUMN, not '{m}'")))?;
                columns.set(field, column).map_err(bad)?;
            }
            let log = open(db)?;
            let r = assetlog_import::ingest_tickets(
                &log,
                &file,
                &columns,
                encoding.as_deref(),
                dry_run,
            )?;
            code = if r.skipped.is_empty() { 0 } else { 4 };
            ingest_report(
                &r,
                &format!("{} tickets on {} assets", r.rows, r.assets),
                ["rows could not be read", "tickets not imported"],
            )
        }
        Command::Import(ImportCommand::Jsonl { file, dry_run }) => {
            let (r, c) = import_jsonl(db, &file, dry_run)?;
            code = c;
            r
        }
        Command::Export { jsonl: _, out } => {
            let log = open(db)?;
            let total = log.stats()?.events;
            let mut bar = Progress::new("exporting", total);
            let n = match out {
                Some(path) => {
                    let f = std::fs::File::create(&path).map_err(|e| file_error(&path, &e))?;
                    log.export_jsonl(&mut WriteProgress {
                        inner: std::io::BufWriter::new(f),
                        lines: 0,
                        total,
                        bar: &mut bar,
                    })?
                }
                None => log.export_jsonl(&mut WriteProgress {
                    inner: std::io::stdout().lock(),
                    lines: 0,
                    total,
                    bar: &mut bar,
                })?,
            };
            bar.finish();
            eprintln!("exported {n} events");
            return Ok(0);
        }
        Command::Record {
            kind,
            tag,
            fields,
            at: when,
            actor,
            expect_version,
            allow_duplicate_serial,
        } => record(
            db,
            &Recording {
                kind: &kind,
                tag: &tag,
                fields: &fields,
                when: when.as_deref(),
                actor: &actor,
                expect: expect_version,
                allow_duplicate_serial,
            },
        )?,
        Command::Duplicates { when } => {
            let moment = at(&when)?;
            let d = open(db)?.duplicate_serials(moment)?;
            let mut t = Table::new(&["serial", "assets", "tags"])
                .titled(format!("{} serial numbers on more than one asset", d.len()));
            for x in &d {
                t.row(vec![
                    x.serial.clone(),
                    x.tags.len().to_string(),
                    x.tags.join(" "),
                ]);
            }
            Report::new(vec![t], json_of(&d))
        }
        Command::History { tag } => history(db, &tag)?,
        Command::Show { tag, when } => show(db, &tag, &when)?,
        Command::Fleet { filter: f, when } => {
            let log = open(db)?;
            fleet_report(&log.fleet(&filter(&f)?, at(&when)?)?, "assets")
        }
        Command::Summary { when, by: None } => summary(&open(db)?, at(&when)?)?,
        Command::Summary { when, by: Some(by) } => {
            // arguments are checked before the file is touched
            let by = Dimension::parse_list(&by)?;
            let when = at(&when)?;
            grouped_summary(&open(db)?, &by, when)?
        }
        Command::Cost {
            tag,
            when,
            currency,
            rates,
            life_months,
            by: None,
            book: None,
        } => cost(
            db,
            tag.as_deref(),
            &when,
            currency.as_deref(),
            rates.as_deref(),
            life_months,
        )?,
        Command::Cost {
            tag,
            when,
            book: Some(book),
            by,
            currency,
            rates,
            ..
        } => {
            let by = by.as_deref().map(Dimension::parse_list).transpose()?;
            let fx = match (currency.as_deref(), rates.as_deref()) {
                (Some(c), Some(r)) => Some((c.parse::<Currency>()?, read_rates(r)?)),
                _ => None,
            };
            book_cost(db, tag.as_deref(), &book, by.as_deref(), fx.as_ref(), &when)?
        }
        Command::Cost {
            when,
            currency,
            rates,
            by: Some(by),
            ..
        } => grouped_cost(
            db,
            &Dimension::parse_list(&by)?,
            &when,
            currency.as_deref(),
            rates.as_deref(),
        )?,
        Command::Idle { days, when } => idle(db, days, &when)?,
        Command::Overdue { when } => overdue(db, &when)?,
        Command::Licenses { when } => licenses(db, &when)?,
        Command::License { tag, when } => license(db, &tag, &when)?,
        Command::LicenseKey { tag, set, forget } => {
            let log = open(db)?;
            let mut t = Table::new(&["license", "key"]);
            let json = if let Some(key) = set {
                log.set_license_key(tag.as_str(), &key)?;
                t.row(vec![tag.clone(), "(kept)".into()]);
                json!({"license": tag, "kept": true})
            } else if forget {
                let erased = log.forget_license_key(tag.as_str())?;
                t.row(vec![
                    tag.clone(),
                    if erased { "(erased)" } else { "(none)" }.into(),
                ]);
                json!({"license": tag, "erased": erased})
            } else {
                let key = log.license_key(tag.as_str())?;
                t.row(vec![
                    tag.clone(),
                    key.clone().unwrap_or_else(|| "(none)".into()),
                ]);
                json!({"license": tag, "key": key})
            };
            Report::new(vec![t], json)
        }
        Command::Renewals {
            from,
            to,
            currency,
            rates,
            when,
        } => renewals(
            db,
            from,
            to,
            currency.as_deref().zip(rates.as_deref()),
            &when,
        )?,
        Command::Compliance { product, map, when } => {
            compliance(db, product.as_deref(), map, &when)?
        }
        Command::Reclaim { silent_days, when } => reclaim(db, silent_days, &when)?,
        Command::Seats { when } => seats_by_department(db, &when)?,
        Command::Unseen {
            days,
            checks_in,
            filter: f,
            when,
        } => silent_report(db, Silence::Unseen, days, checks_in, &f, &when)?,
        Command::Unpatched {
            below: Some(below),
            checks_in,
            filter: f,
            when,
            ..
        } => outdated_report(db, &below, checks_in, &f, &when)?,
        Command::Unpatched {
            days,
            checks_in,
            filter: f,
            when,
            below: None,
        } => silent_report(db, Silence::Unpatched, days, checks_in, &f, &when)?,
        Command::Warranty { within, when } => warranty(db, within, &when)?,
        Command::Report {
            html,
            as_of,
            currency,
            rates,
            book,
        } => {
            let options = assetlog_report::ReportOptions::from_text(
                as_of.as_deref(),
                currency.as_deref(),
                rates.as_deref(),
                book,
            )?;
            let log = open(db)?;
            assetlog_report::write_report(&log, &options, &html)?;
            Report::new(vec![], json!({ "html": html.display().to_string() }))
                .note(format!("wrote the fleet report to {}", html.display()))
        }
        Command::Leadtime { flow, by, from, to } => {
            let flow = assetlog::Flow::from_name(&flow)?;
            let by = by
                .as_deref()
                .map(assetlog::FlowGroup::from_name)
                .transpose()?;
            let log = open(db)?;
            let (from, to) = window(&log, from.as_deref(), to.as_deref())?;
            let stats = log.flow_times(flow, by, from, to, At::now())?;
            let name = flow.name();
            flow_report(&format!("{name} from {from} to {to}"), by, &stats)
        }
        Command::Repairs { from, to } => {
            let log = open(db)?;
            let (from, to) = window(&log, from.as_deref(), to.as_deref())?;
            let stats = log.flow_times(
                assetlog::Flow::Repair,
                Some(assetlog::FlowGroup::Repairer),
                from,
                to,
                At::now(),
            )?;
            let mut r = flow_report(
                &format!("repair turnaround by repairer from {from} to {to}"),
                Some(assetlog::FlowGroup::Repairer),
                &stats,
            );
            let spend = log.spend_by(&[Dimension::Vendor], &FleetFilter::default(), At::now())?;
            let mut t = Table::new(&["vendor", "currency", "repair spend"])
                .titled("repair spend by vendor (all time)");
            for g in &spend {
                for c in g.costs.iter().filter(|c| c.repair.minor() != 0) {
                    let mut cells = key_cells(&g.key);
                    cells.extend([c.currency.to_string(), c.repair.amount_string()]);
                    t.row(cells);
                }
            }
            r.tables.push(t);
            r.json = json!({ "turnaround": stats, "spend": spend });
            r
        }
        Command::Recovery { from, to } => {
            let log = open(db)?;
            let (from, to) = window(&log, from.as_deref(), to.as_deref())?;
            let r = log.recovery(from, to, At::now())?;
            let mut t = Table::new(&["outcome", "requests"]).titled(format!(
                "{} return requests from {from} to {to}",
                r.requested
            ));
            for (k, v) in [
                ("returned on time", r.returned_on_time),
                ("returned late", r.returned_late),
                ("still open", r.still_open),
                ("lost", r.lost),
                ("other", r.other),
                ("redeployed after return", r.redeployed),
            ] {
                t.row(vec![k.to_owned(), v.to_string()]);
            }
            let mut c = Table::new(&["condition on return", "devices"]).titled("condition");
            for (k, v) in &r.condition {
                c.row(vec![k.clone(), v.to_string()]);
            }
            let mut o = Table::new(&["purchase value", "book value"])
                .titled("value still out (book value: 36 months, declining balance)");
            for (m, b) in r.outstanding.iter().zip(&r.outstanding_book_value) {
                o.row(vec![m.to_string(), b.to_string()]);
            }
            Report::new(vec![t, c, o], json_of(&r))
        }
        Command::Depreciation { rule, cost, placed } => {
            let rule = rule_of(&rule)?;
            let cost: assetlog::Money = cost.parse()?;
            let placed = assetlog::time::parse_date("--placed", &placed)?;
            let s = assetlog::depreciation::schedule(cost, placed, &rule)?;
            schedule_report(&format!("{cost} placed in service on {placed}"), &s)
        }
        Command::Books {
            command:
                BooksCommand::Set {
                    book,
                    category,
                    country,
                    from,
                    rule,
                },
        } => {
            let r = assetlog::BookRule {
                book,
                category,
                country: country.as_deref().map(str::parse).transpose()?,
                from: assetlog::time::parse_date("--from", &from)?,
                rule: rule_of(&rule)?,
            };
            r.validate()?;
            let log = open(db)?;
            log.set_book_rule(&r)?;
            books_report(&log.book_rules(Some(&r.book))?)
        }
        Command::Books {
            command: BooksCommand::List { book },
        } => books_report(&open(db)?.book_rules(book.as_deref())?),
        Command::Schedule { tag, book, when } => {
            let moment = at(&when)?;
            let log = open(db)?;
            let s = log.book_schedule(tag.as_str(), &book, moment)?;
            schedule_report(&format!("{tag} in book {book}"), &s)
        }
        Command::Gaps { when } => {
            let moment = at(&when)?;
            let g = open(db)?.data_gaps(moment)?;
            let mut t = Table::new(&["gap", "assets", "first tags"])
                .titled("data quality: what the fleet questions cannot place, attribute or value");
            for (what, tags) in [
                ("in service, no country", &g.no_country),
                ("in use, no department", &g.no_department),
                ("no purchase price", &g.no_cost),
                ("in service, no serial", &g.no_serial),
            ] {
                let first: Vec<&str> = tags.iter().take(8).map(String::as_str).collect();
                t.row(vec![
                    what.to_owned(),
                    tags.len().to_string(),
                    first.join(" "),
                ]);
            }
            t.row(vec![
                "serials on several assets".to_owned(),
                g.duplicate_serials.len().to_string(),
                g.duplicate_serials
                    .iter()
                    .take(4)
                    .map(|d| d.serial.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            ]);
            Report::new(vec![t], json_of(&g))
        }
        Command::Forecast { book, from, to } | Command::Eol { book, from, to } => {
            let from = assetlog::time::parse_date("--from", &from)?;
            let to = assetlog::time::parse_date("--to", &to)?;
            let log = open(db)?;
            let f = log.forecast(&book, from, to, At::now())?;
            let mut t = Table::new(&["tag", "category", "model", "end of life", "replacement"])
                .titled(format!(
                    "{} assets reach the end of their life in book {book} from {from} to {to}",
                    f.assets.len()
                ));
            for a in &f.assets {
                t.row(vec![
                    a.tag.clone(),
                    a.category.clone(),
                    a.model.clone(),
                    a.end_of_life.to_string(),
                    a.replacement.to_string(),
                ]);
            }
            let mut b = Table::new(&["replacement budget"]).titled("by currency");
            for m in &f.budget {
                b.row(vec![m.to_string()]);
            }
            Report::new(vec![t, b], json_of(&f))
        }
        Command::Holder { person, when } => {
            let moment = at(&when)?;
            let log = open(db)?;
            let p = log.person_view(&person, moment)?;
            fleet_report(&p.holding, &format!("held by {}", p.id))
        }
        Command::Person { who, when } => {
            let moment = at(&when)?;
            let log = open(db)?;
            let p = log.person_view(&who, moment)?;
            let status = match p.left_on {
                Some(d) if p.status == assetlog::PersonStatus::Left => format!("left on {d}"),
                _ => "active".to_owned(),
            };
            let title = format!(
                "{} ({}, {}): {status}; departments {}",
                p.name.as_deref().unwrap_or("no name on record"),
                p.id,
                p.email.as_deref().unwrap_or("no e-mail"),
                if p.departments.is_empty() {
                    "-".to_owned()
                } else {
                    p.departments.join(", ")
                }
            );
            let mut r = fleet_report(&p.holding, &format!("held by {title}"));
            r.tables
                .push(costs_table("purchase value held", &p.value_held));
            let costs: Vec<String> = p.seats_cost.iter().map(ToString::to_string).collect();
            let mut seats = Table::new(&["license", "product", "since"]).titled(format!(
                "{} license seats held ({})",
                p.seats.len(),
                if costs.is_empty() {
                    "no cost".to_owned()
                } else {
                    costs.join(", ")
                }
            ));
            for s in &p.seats {
                seats.row(vec![
                    s.license.clone(),
                    s.product.clone(),
                    s.since.date_naive().to_string(),
                ]);
            }
            r.tables.push(seats);
            r.json = json_of(&p);
            r
        }
        Command::People {
            left: _,
            holding,
            when,
        } => {
            let moment = at(&when)?;
            let log = open(db)?;
            let mut list = log.leavers(moment)?;
            if holding {
                list.retain(|p| !p.holding.is_empty());
            }
            let mut t = Table::new(&["id", "name", "left on", "holding", "tags"]).titled(format!(
                "{} people who left{}",
                list.len(),
                if holding {
                    " and still hold devices"
                } else {
                    ""
                }
            ));
            for p in &list {
                t.row(vec![
                    p.id.to_string(),
                    opt(p.name.as_ref()),
                    opt(p.left_on),
                    p.holding.len().to_string(),
                    p.holding
                        .iter()
                        .map(|v| v.tag.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                ]);
            }
            Report::new(vec![t], json_of(&list))
        }
        Command::Offboard { person, due, at } => {
            let log = open(db)?;
            let due = assetlog::time::parse_date("--due", &due)?;
            let left = at
                .map(|w| assetlog::time::parse_datetime("--at", &w))
                .transpose()?;
            let o = log.offboard(&person.parse()?, due, left, "cli")?;
            let mut t = Table::new(&["tag", "position", "due"])
                .titled(format!("return requested from {person}"));
            for a in &o.requested {
                t.row(vec![a.tag.clone(), a.position.to_string(), due.to_string()]);
            }
            let mut s = Table::new(&["tag", "status"]).titled("held but not requested now");
            for (tag, status) in &o.skipped {
                s.row(vec![tag.clone(), status.to_string()]);
            }
            let mut l = Table::new(&["license", "position"]).titled("license seats released");
            for a in &o.released {
                l.row(vec![a.tag.clone(), a.position.to_string()]);
            }
            Report::new(vec![t, s, l], json_of(&o))
        }
        Command::Forget { person } => {
            let log = open(db)?;
            let existed = log.forget_person(&person.parse()?)?;
            let msg = if existed {
                format!("erased the personal data of {person}; the log keeps the id")
            } else {
                format!("no personal data stored for {person}; nothing to erase")
            };
            Report::new(vec![], json!({ "person": person, "erased": existed })).note(msg)
        }
        Command::Checkpoint { file } => {
            let cp = open(db)?.checkpoint()?;
            cp.write(&file)?;
            let note = format!(
                "checkpoint written to {}: position {}, head {}",
                file.display(),
                cp.position,
                if cp.head.is_empty() {
                    "(empty log)"
                } else {
                    &cp.head
                }
            );
            Report::new(vec![], json_of(&cp)).note(note)
        }
        Command::Verify { against } => {
            let log = open(db)?;
            let v = if let Some(file) = &against {
                log.verify_against(&assetlog::Checkpoint::read(file)?)?
            } else {
                let mut p = Progress::new("verifying the chain", 1);
                let v = log.verify_with_progress(&mut |done, total| p.update(done, total))?;
                p.finish();
                v
            };
            let note = match &v.first_mismatch {
                None => format!(
                    "intact: {} events verified; head {}",
                    v.events,
                    v.head.as_deref().unwrap_or("(empty log)")
                ),
                Some(m) if against.is_some() && m.reason.contains("the checkpoint") => {
                    code = 5;
                    format!(
                        "NOT THE CHECKPOINTED LOG: position {}: {}",
                        m.position, m.reason
                    )
                }
                Some(m) => {
                    code = 5;
                    format!(
                        "TAMPERED: position {} {}; {} events before it verified",
                        m.position, m.reason, v.events
                    )
                }
            };
            Report::new(vec![], json_of(&v)).note(note)
        }
        Command::Copy { from, to } => copy(&from, &to)?,
        Command::Rebuild => {
            let log = open(db)?;
            let mut p = Progress::new("rebuilding views", 1);
            let s = log.rebuild_with_progress(&mut |done, total| p.update(done, total))?;
            p.finish();
            Report::new(vec![], json_of(&s)).note(format!(
                "rebuilt the views of {} assets from {} events",
                s.assets, s.events
            ))
        }
    };
    report.print(format)?;
    Ok(code)
}

fn copy(from: &Path, to: &Path) -> Result<Report, Failure> {
    if !is_server(from) && !from.exists() {
        return Err(Failure {
            code: 3,
            message: format!("no log at {}: check --from", from.display()),
        });
    }
    if !is_server(to) && to.exists() {
        return Err(bad(format!(
            "{} exists already; a copy goes into a new file or an empty schema",
            to.display()
        )));
    }
    let source = open(from)?;
    let target = open(to)?;
    let total = source.stats()?.events;
    let mut p = Progress::new("copying events", total);
    let s = source.copy_to(&target, &mut |done| p.update(done, total))?;
    p.finish();
    Ok(Report::new(vec![], json_of(&s)).note(format!(
        "copied {} events, {} people, {} leavers, {} book rules and {} license keys from {} to {}; both logs verify to chain head {}",
        s.events,
        s.people,
        s.leavers,
        s.book_rules,
        s.license_keys,
        source.location(),
        target.location(),
        s.head.as_deref().unwrap_or("(empty)")
    )))
}

fn demo(db: &Path, people: usize, seed: u64) -> Result<Report, Failure> {
    if people == 0 || people > 1_000_000 {
        return Err(bad("--people takes 1 to 1,000,000"));
    }
    if !is_server(db) && db.exists() {
        return Err(bad(format!(
            "{} exists already; the demo writes a new file: remove it or pass --db another.db",
            db.display()
        )));
    }
    // The history is loaded as an import a month ago would have been (all
    // recorded then); the last month is recorded as it happens, with the
    // log's clock set to each moment, a quarter of it days late.
    let now = Utc::now();
    let loaded = now - chrono::Duration::days(30);
    let clock_at = Arc::new(AtomicI64::new(assetlog::time::to_micros(loaded)));
    let hand = Arc::clone(&clock_at);
    let log = AssetLog::open_with(
        db,
        assetlog::OpenOptions {
            clock: Some(Arc::new(move || {
                assetlog::time::from_micros(hand.load(Ordering::Relaxed))
            })),
            ..Default::default()
        },
    )
    .map_err(|e| Failure {
        code: 3,
        ..Failure::from(e)
    })?;
    if log.stats()?.events > 0 {
        return Err(bad(format!(
            "{} holds a log already; the demo writes a new one: pass an empty schema (schema=NAME in the URL)",
            log.location()
        )));
    }
    // Streamed: each person's events are queued as they are generated and
    // written 5,000 at a time, so memory stays flat whatever the fleet size;
    // only the last month's events wait (a few per cent of the log).
    let mut progress = Progress::new("writing the demo fleet", people as u64);
    let mut queue: Vec<assetlog::NewEvent> = Vec::with_capacity(6000);
    let mut recent: Vec<crate::demo::Planned> = Vec::new();
    let mut done = 0u64;
    let mut leavers = Vec::new();
    let mut seating = Vec::with_capacity(people);
    crate::demo::generate(people, seed, now, &mut |person, left, events| {
        log.upsert_person(&person)?;
        if let Some(day) = left {
            leavers.push((person.id.clone(), day));
        }
        if let Some(s) = seats_for(&person.id, left, &events) {
            seating.push(s);
        }
        for p in events {
            if p.recorded <= loaded {
                queue.push(p.event);
            } else {
                recent.push(p);
            }
        }
        if queue.len() >= 5000 {
            log.append_batch(&queue)?;
            queue.clear();
        }
        done += 1;
        progress.set(done);
        Ok::<(), assetlog::Error>(())
    })?;
    log.append_batch(&queue)?;
    // each asset's events are recorded in its order, so recording order
    // across assets keeps every asset's lifecycle legal
    recent.sort_by_key(|p| p.recorded);
    let mut rest = recent.as_slice();
    while let Some(first) = rest.first() {
        let n = rest
            .iter()
            .take_while(|p| p.recorded == first.recorded)
            .count();
        clock_at.store(assetlog::time::to_micros(first.recorded), Ordering::Relaxed);
        let batch: Vec<assetlog::NewEvent> = rest[..n].iter().map(|p| p.event.clone()).collect();
        log.append_batch(&batch)?;
        rest = &rest[n..];
    }
    clock_at.store(assetlog::time::to_micros(Utc::now()), Ordering::Relaxed);
    // licenses and subscriptions, their seats in time order
    for license in crate::demo_licenses::events(&seating, now) {
        for batch in license.chunks(5000) {
            log.append_batch(batch)?;
        }
    }
    for (id, day) in &leavers {
        log.mark_left(id, Some(*day))?;
    }
    // a finance book, so book values and end of life have rules to follow
    for (category, years) in [("laptop", 3), ("phone", 2), ("monitor", 5)] {
        log.set_book_rule(&assetlog::BookRule {
            book: "finance".into(),
            category: category.into(),
            country: None,
            from: chrono::NaiveDate::from_ymd_opt(2020, 1, 1).expect("a date"),
            rule: serde_json::from_value(
                json!({"method": "straight-line", "life_months": years * 12}),
            )
            .expect("a straight-line rule"),
        })?;
    }
    progress.finish();
    let stats = log.stats()?;
    Ok(summary(&log, At::now())?.note(format!(
        "\nwrote {} events for {} assets and {} people to {}",
        stats.events,
        stats.assets,
        people,
        log.location()
    )))
}

/// When a demo person joined (their first device handed over), their
/// department and laptop: what their license seats follow.
fn seats_for(
    person: &assetlog::PersonId,
    left: Option<chrono::NaiveDate>,
    events: &[crate::demo::Planned],
) -> Option<crate::demo_licenses::Seating> {
    let mut first: Option<(chrono::DateTime<Utc>, Option<String>)> = None;
    let mut laptop = None;
    for p in events {
        if let (assetlog::Event::Assigned(a), Some(at)) = (&p.event.event, p.event.occurred_at) {
            if &a.person != person {
                continue;
            }
            if first.as_ref().is_none_or(|(t, _)| at < *t) {
                first = Some((at, a.department.clone()));
            }
            let tag = p.event.asset.to_string();
            if laptop.is_none() && tag.starts_with("LAP-") {
                laptop = Some((tag, at));
            }
        }
    }
    let (hired, department) = first?;
    Some(crate::demo_licenses::Seating {
        person: person.clone(),
        hired,
        left,
        department,
        laptop,
    })
}

fn summary(log: &AssetLog, when: At) -> Result<Report, Failure> {
    let counts = log.counts(&FleetFilter::default(), when)?;
    let countries: std::collections::BTreeSet<&String> = counts
        .by_status_country
        .values()
        .flat_map(|m| m.keys())
        .collect();
    let mut headers = vec!["status".to_owned()];
    headers.extend(countries.iter().map(|c| {
        if c.is_empty() {
            "?".to_owned()
        } else {
            (*c).clone()
        }
    }));
    headers.push("total".into());
    let mut t = Table {
        title: Some(format!("{} assets by status and country", counts.total)),
        headers,
        rows: vec![],
    };
    for (status, by_country) in &counts.by_status_country {
        let mut row = vec![status.to_string()];
        row.extend(countries.iter().map(|c| {
            by_country
                .get(*c)
                .map_or_else(|| "0".into(), ToString::to_string)
        }));
        row.push(counts.by_status[status].to_string());
        t.row(row);
    }
    let spend = log.spend(&FleetFilter::default(), when)?;
    let s = costs_table("spend by currency (cost of ownership)", &spend);
    let idle = log.idle(90, when)?;
    let overdue = log.overdue_returns(when)?;
    let mut o = Table::new(&["tag", "holder", "due", "days late"]).titled(format!(
        "{} overdue returns (most overdue first; `assetlog overdue` lists all)",
        overdue.len()
    ));
    for r in overdue.iter().take(10) {
        o.row(vec![
            r.tag.clone(),
            opt(r.holder.as_ref()),
            r.due.to_string(),
            r.days_overdue.to_string(),
        ]);
    }
    Ok(Report::new(
        vec![t, s, o],
        json!({ "counts": counts, "spend": spend, "idle_90_days": idle.len(), "overdue": overdue }),
    )
    .note(format!(
        "\n{} assets idle for 90 days or more (`assetlog idle` lists them)",
        idle.len()
    )))
}

/// A group key as table cells ("?" for unknown).
fn key_cells(key: &[Option<String>]) -> Vec<String> {
    key.iter()
        .map(|k| k.clone().unwrap_or_else(|| "?".to_owned()))
        .collect()
}

fn grouped_summary(log: &AssetLog, by: &[Dimension], when: At) -> Result<Report, Failure> {
    let all = FleetFilter::default();
    let counts = log.counts_by(by, &all, when)?;
    let spend = log.spend_by(by, &all, when)?;
    let names: Vec<&str> = by.iter().map(|d| d.name()).collect();
    let mut headers = names.clone();
    headers.push("assets");
    let total: u64 = counts.iter().map(|g| g.count).sum();
    let mut t = Table::new(&headers).titled(format!("{total} assets by {}", names.join(" x ")));
    for g in &counts {
        let mut cells = key_cells(&g.key);
        cells.push(g.count.to_string());
        t.row(cells);
    }
    let s = spend_table(
        &format!(
            "spend by {} (where each cost arose) and currency",
            names.join(" x ")
        ),
        &names,
        &spend,
    );
    Ok(Report::new(
        vec![t, s],
        json!({ "by": names, "counts": counts, "spend": spend }),
    ))
}

fn spend_table(title: &str, names: &[&str], groups: &[assetlog::SpendGroup]) -> Table {
    let mut headers = names.to_vec();
    headers.extend([
        "currency", "purchase", "shipping", "repair", "support", "other", "resale", "total",
    ]);
    let mut t = Table::new(&headers).titled(title);
    for g in groups {
        for c in &g.costs {
            let mut cells = key_cells(&g.key);
            cells.extend([
                c.currency.to_string(),
                c.purchase.amount_string(),
                c.shipping.amount_string(),
                c.repair.amount_string(),
                c.support.amount_string(),
                c.other.amount_string(),
                c.resale.amount_string(),
                c.total.amount_string(),
            ]);
            t.row(cells);
        }
    }
    t
}

fn grouped_cost(
    db: &Path,
    by: &[Dimension],
    when: &When,
    currency: Option<&str>,
    rates: Option<&Path>,
) -> Result<Report, Failure> {
    let log = open(db)?;
    let moment = at(when)?;
    let on = log.reference_date(moment);
    let groups = log.spend_by(by, &FleetFilter::default(), moment)?;
    let names: Vec<&str> = by.iter().map(|d| d.name()).collect();
    let title = format!("cost of ownership by {} on {on}", names.join(" x "));
    let mut tables = vec![spend_table(&title, &names, &groups)];
    let mut json = json!({ "on": on, "by": names, "groups": groups });
    if let (Some(to), Some(path)) = (currency, rates) {
        let to: Currency = to.parse()?;
        let fx = read_rates(path)?;
        let mut headers = names.clone();
        let total_header = format!("total in {to}");
        headers.push(&total_header);
        let mut t = Table::new(&headers).titled(format!("converted at the rates in force on {on}"));
        let mut totals = Vec::new();
        for g in &groups {
            let total = assetlog::view::cost::total_in(&g.costs, to, &fx, on)?;
            let mut cells = key_cells(&g.key);
            cells.push(total.amount_string());
            t.row(cells);
            totals.push(json!({ "key": g.key, "total": total }));
        }
        json["totals_in"] = json!({ "currency": to, "groups": totals });
        tables.push(t);
    }
    Ok(Report::new(tables, json))
}

fn read_rates(p: &Path) -> Result<FxRates, Failure> {
    let text = String::from_utf8(read_file(p)?)
        .map_err(|_| bad(format!("{} is not UTF-8 text", p.display())))?;
    Ok(FxRates::from_csv(&text)?)
}

fn costs_table(title: &str, costs: &[assetlog::CurrencyCosts]) -> Table {
    let mut t = Table::new(&[
        "currency", "purchase", "shipping", "repair", "support", "other", "resale", "total",
    ])
    .titled(title);
    for c in costs {
        t.row(vec![
            c.currency.to_string(),
            c.purchase.amount_string(),
            c.shipping.amount_string(),
            c.repair.amount_string(),
            c.support.amount_string(),
            c.other.amount_string(),
            c.resale.amount_string(),
            c.total.amount_string(),
        ]);
    }
    t
}

fn fleet_report(views: &[AssetView], title: &str) -> Report {
    let mut t = Table::new(&[
        "tag", "status", "holder", "location", "country", "category", "model", "since",
    ])
    .titled(format!("{} {title}", views.len()));
    for v in views {
        t.row(vec![
            v.tag.clone(),
            v.status.to_string(),
            opt(v.holder.as_ref()),
            opt(v.location.as_ref()),
            opt(v.country),
            v.category.clone(),
            v.model.clone(),
            v.status_since.date_naive().to_string(),
        ]);
    }
    Report::new(vec![t], json_of(&views))
}

fn show(db: &Path, tag: &str, when: &When) -> Result<Report, Failure> {
    let log = open(db)?;
    let v = log.asset(tag, at(when)?)?;
    let value = json_of(&v);
    let mut t = Table::new(&["field", "value"]).titled(format!("{} ({})", v.tag, v.status));
    if let Value::Object(map) = &value {
        for (k, val) in map {
            let text = match (k.as_str(), val) {
                (_, Value::Null) => continue,
                // money as money, one row per kind and currency
                ("costs", _) => {
                    for (currency, sums) in &v.costs {
                        let c = assetlog::CurrencyCosts::from_sums(*currency, sums)?;
                        for (kind, m) in [
                            ("purchase", c.purchase),
                            ("shipping", c.shipping),
                            ("repair", c.repair),
                            ("support", c.support),
                            ("other", c.other),
                            ("resale", c.resale),
                            ("total", c.total),
                        ] {
                            if m.minor() != 0 || kind == "total" {
                                t.row(vec![format!("cost: {kind}"), m.to_string()]);
                            }
                        }
                    }
                    continue;
                }
                ("last_patch", _) => match &v.last_patch {
                    Some(p) => format!(
                        "{} {} ({})",
                        p.component,
                        p.version,
                        p.at.format("%Y-%m-%d %H:%M")
                    ),
                    None => continue,
                },
                (_, Value::String(s)) => s.clone(),
                (_, Value::Array(a)) if a.is_empty() => continue,
                (_, other) => other.to_string(),
            };
            t.row(vec![k.clone(), text]);
        }
    }
    Ok(Report::new(vec![t], value))
}

fn history(db: &Path, tag: &str) -> Result<Report, Failure> {
    let log = open(db)?;
    let events = log.history(tag)?;
    let mut t = Table::new(&[
        "position", "version", "occurred", "type", "actor", "details",
    ])
    .titled(format!("history of {tag}"));
    for e in &events {
        // details as key=value, instants to the minute: for people; --json has it all
        let details = match e.event.payload_value() {
            Value::Object(map) => map
                .iter()
                .map(|(k, v)| match v {
                    Value::String(s) => format!("{k}={s}"),
                    other => format!("{k}={other}"),
                })
                .collect::<Vec<_>>()
                .join(" "),
            other => other.to_string(),
        };
        t.row(vec![
            e.position.to_string(),
            e.version.to_string(),
            e.occurred_at.format("%Y-%m-%d %H:%M").to_string(),
            e.event_type().to_string(),
            e.actor.clone(),
            details,
        ]);
    }
    Ok(Report::new(vec![t], json_of(&events)))
}

fn cost(
    db: &Path,
    tag: Option<&str>,
    when: &When,
    currency: Option<&str>,
    rates: Option<&Path>,
    life_months: u32,
) -> Result<Report, Failure> {
    let log = open(db)?;
    let moment = at(when)?;
    let on = moment
        .occurred
        .or(moment.recorded)
        .unwrap_or_else(|| log.now())
        .date_naive();
    let fx = rates.map(read_rates).transpose()?;
    let target: Option<Currency> = currency.map(str::parse).transpose()?;
    let policy = Policy {
        life_months,
        ..Policy::default()
    };
    policy.validate()?;
    let (costs, mut json, title) = if let Some(tag) = tag {
        let c = log.cost(tag, moment, &policy)?;
        let json = json_of(&c);
        let title = format!(
            "{tag}: cost of ownership on {on}; book value {} (straight line) / {} (declining balance)",
            c.book_value_straight_line, c.book_value_declining_balance
        );
        (c.costs, json, title)
    } else {
        let s = log.spend(&FleetFilter::default(), moment)?;
        let json = json!({ "on": on, "costs": s });
        (s, json, format!("fleet spend by currency on {on}"))
    };
    let t = costs_table(&title, &costs);
    let mut report = Report::new(vec![t], Value::Null);
    if let (Some(to), Some(fx)) = (target, fx) {
        let total = assetlog::view::cost::total_in(&costs, to, &fx, on)?;
        json["total_in"] = json!(total);
        report = report.note(format!(
            "\ntotal in {to} at the rates in force on {on}: {total}"
        ));
    }
    report.json = json;
    Ok(report)
}

/// A depreciation rule from its command-line form.
fn rule_of(a: &RuleArgs) -> Result<assetlog::depreciation::Rule, Failure> {
    use assetlog::depreciation::{Convention, Method, Rule, Salvage};
    let life_months = match (a.life_years, a.life_months) {
        (Some(y), None) => y
            .checked_mul(12)
            .ok_or_else(|| bad("--life-years is too large"))?,
        (None, Some(m)) => m,
        _ => {
            return Err(bad(
                "give the useful life: --life-years N or --life-months N",
            ))
        }
    };
    let method = match a.method.to_ascii_lowercase().replace('_', "-").as_str() {
        "straight-line" => Method::StraightLine,
        "declining-balance" => Method::DecliningBalance {
            factor: a.factor.unwrap_or(200),
            switch_to_straight_line: !a.no_switch,
        },
        "sum-of-years-digits" => Method::SumOfYearsDigits,
        "macrs" => Method::Macrs {
            class: life_months / 12,
        },
        "custom" => Method::Custom {
            yearly_percent: a
                .percent
                .clone()
                .ok_or_else(|| bad("--method custom needs --percent, e.g. 40,30,20,10"))?,
        },
        other => {
            return Err(bad(format!(
                "unknown --method '{other}': straight-line, declining-balance, sum-of-years-digits, macrs or custom"
            )))
        }
    };
    let convention = match a.convention.as_deref() {
        None => Convention::FullMonth,
        Some(c) => serde_json::from_value(Value::String(c.to_ascii_lowercase().replace('_', "-")))
            .map_err(|_| {
                bad(format!(
                    "unknown --convention '{c}': full-month, mid-month, half-year, mid-quarter or daily"
                ))
            })?,
    };
    let salvage = a
        .salvage
        .as_deref()
        .map(str::parse::<Salvage>)
        .transpose()?;
    Ok(Rule {
        method,
        life_months,
        salvage,
        convention,
        fiscal_year_start: a.fiscal_year_start.unwrap_or(1),
    })
}

fn schedule_report(title: &str, s: &assetlog::depreciation::Schedule) -> Report {
    let mut t = Table::new(&["year", "start", "end", "depreciation", "end value"])
        .titled(format!("depreciation schedule: {title}"));
    for p in &s.periods {
        t.row(vec![
            p.year.to_string(),
            p.start.to_string(),
            p.end.to_string(),
            p.depreciation.to_string(),
            p.end_value.to_string(),
        ]);
    }
    Report::new(
        vec![t],
        json!({ "schedule": s.periods, "cost": s.cost, "salvage": s.salvage, "placed": s.placed }),
    )
}

fn books_report(rules: &[assetlog::BookRule]) -> Report {
    let mut t = Table::new(&["book", "category", "country", "from", "rule"])
        .titled(format!("{} book rules", rules.len()));
    for r in rules {
        t.row(vec![
            r.book.clone(),
            r.category.clone(),
            opt(r.country),
            r.from.to_string(),
            serde_json::to_string(&r.rule).unwrap_or_default(),
        ]);
    }
    Report::new(vec![t], json_of(&rules))
}

fn book_cost(
    db: &Path,
    tag: Option<&str>,
    book: &str,
    by: Option<&[Dimension]>,
    fx: Option<&(Currency, FxRates)>,
    when: &When,
) -> Result<Report, Failure> {
    let moment = at(when)?;
    let log = open(db)?;
    if let (None, Some(by)) = (tag, by) {
        let groups = log.fleet_book_value_by(book, by, &FleetFilter::default(), moment)?;
        let names: Vec<&str> = by.iter().map(|d| d.name()).collect();
        let mut headers = names.clone();
        headers.extend(["currency", "assets", "cost", "accumulated", "book value"]);
        let mut t = Table::new(&headers).titled(format!(
            "book values in book {book} by {} on {}",
            names.join(" x "),
            log.reference_date(moment)
        ));
        for g in &groups {
            for c in &g.by_currency {
                let mut cells = key_cells(&g.key);
                cells.extend([
                    c.currency.to_string(),
                    c.assets.to_string(),
                    c.cost.amount_string(),
                    c.accumulated.amount_string(),
                    c.book_value.amount_string(),
                ]);
                t.row(cells);
            }
        }
        return Ok(Report::new(
            vec![t],
            json!({ "book": book, "by": names, "groups": groups }),
        ));
    }
    if let Some(tag) = tag {
        let v = log.book_value(tag, book, moment)?;
        let mut t = Table::new(&["cost", "accumulated", "book value", "end of life"])
            .titled(format!("{tag} in book {book} on {}", v.on));
        t.row(vec![
            v.cost.to_string(),
            v.accumulated.to_string(),
            v.book_value.to_string(),
            v.end_of_life.to_string(),
        ]);
        let mut r = Report::new(vec![t], json_of(&v));
        if let Some(d) = &v.disposal {
            r = r.note(format!(
                "{} on {}: carrying amount {} written off, proceeds {}, gain or loss {}",
                d.status, d.on, d.carrying_amount, d.proceeds, d.gain_or_loss
            ));
        }
        return Ok(r);
    }
    let f = log.fleet_book_value(book, &FleetFilter::default(), moment)?;
    let mut t = Table::new(&["currency", "assets", "cost", "accumulated", "book value"])
        .titled(format!("fleet book values in book {book} on {}", f.on));
    for c in &f.by_currency {
        t.row(vec![
            c.currency.to_string(),
            c.assets.to_string(),
            c.cost.amount_string(),
            c.accumulated.amount_string(),
            c.book_value.amount_string(),
        ]);
    }
    let mut json = json_of(&f);
    let mut r = Report::new(vec![t], Value::Null);
    if let Some((to, fx)) = fx {
        let total = f.total_in(*to, fx)?;
        json["total_in"] = json!(total);
        r = r.note(format!(
            "\nbook value in {to} at the rates in force on {}: {total}",
            f.on
        ));
    }
    r.json = json;
    if !f.categories_without_rule.is_empty() {
        r = r.note(format!(
            "not counted (no rule in the book): {}",
            f.categories_without_rule.join(", ")
        ));
    }
    Ok(r)
}

/// A window of days: default the year up to today.
fn window(
    log: &AssetLog,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<(chrono::NaiveDate, chrono::NaiveDate), Failure> {
    let today = log.now().date_naive();
    let to = to
        .map(|d| assetlog::time::parse_date("--to", d))
        .transpose()?
        .unwrap_or(today);
    let from = from
        .map(|d| assetlog::time::parse_date("--from", d))
        .transpose()?
        .unwrap_or(to - chrono::Duration::days(365));
    Ok((from, to))
}

fn flow_report(
    title: &str,
    by: Option<assetlog::FlowGroup>,
    stats: &[assetlog::FlowStats],
) -> Report {
    let mut headers: Vec<&str> = by.iter().map(|d| d.name()).collect();
    headers.extend(["count", "median days", "p90 days", "longest days"]);
    let mut t = Table::new(&headers).titled(title);
    for s in stats {
        let mut cells = key_cells(&s.key);
        cells.extend([
            s.count.to_string(),
            format!("{:.1}", s.median_days),
            format!("{:.1}", s.p90_days),
            format!("{:.1}", s.max_days),
        ]);
        t.row(cells);
    }
    Report::new(vec![t], json_of(&stats))
}

#[derive(Clone, Copy)]
enum Silence {
    Unseen,
    Unpatched,
}

fn outdated_report(
    db: &Path,
    below: &str,
    checks_in: Option<Vec<String>>,
    f: &Filter,
    when: &When,
) -> Result<Report, Failure> {
    let Some((component, minimum)) = below.split_once('=') else {
        return Err(bad(format!(
            "--below takes COMPONENT=VERSION, such as os=14.4, not '{below}'"
        )));
    };
    let policy = assetlog::CheckInPolicy::from_categories(checks_in);
    let (filter, moment) = (filter(f)?, at(when)?);
    let log = open(db)?;
    let list = log.outdated(component, minimum, &policy, &filter, moment)?;
    let mut t = Table::new(&[
        "tag",
        "category",
        "model",
        "holder",
        "department",
        "country",
        "value",
        "installed",
        "last patched",
    ])
    .titled(format!(
        "{} devices in use with {} below {} or unknown (categories: {})",
        list.len(),
        component.trim(),
        minimum.trim(),
        policy.categories.join(", ")
    ));
    for a in &list {
        t.row(vec![
            a.tag.clone(),
            a.category.clone(),
            a.model.clone(),
            opt(a.holder.as_ref()),
            opt(a.department.as_ref()),
            opt(a.country),
            a.unit_cost.to_string(),
            a.installed.clone().unwrap_or_else(|| "unknown".into()),
            a.last_patched
                .map_or_else(|| "never".to_owned(), |t| t.date_naive().to_string()),
        ]);
    }
    Ok(Report::new(vec![t], json_of(&list)))
}

fn silent_report(
    db: &Path,
    what: Silence,
    days: i64,
    checks_in: Option<Vec<String>>,
    f: &Filter,
    when: &When,
) -> Result<Report, Failure> {
    if days < 0 {
        return Err(bad("--days takes 0 or more"));
    }
    let policy = assetlog::CheckInPolicy::from_categories(checks_in);
    let (filter, moment) = (filter(f)?, at(when)?);
    let log = open(db)?;
    let (list, verb, last) = match what {
        Silence::Unseen => (
            log.unseen(days, &policy, &filter, moment)?,
            "not seen",
            "last seen",
        ),
        Silence::Unpatched => (
            log.unpatched(days, &policy, &filter, moment)?,
            "not patched",
            "last patched",
        ),
    };
    let mut t = Table::new(&[
        "tag",
        "category",
        "model",
        "holder",
        "department",
        "country",
        "value",
        last,
        "days",
    ])
    .titled(format!(
        "{} devices in use {verb} for {days} days or more (categories: {})",
        list.len(),
        policy.categories.join(", ")
    ));
    for a in &list {
        t.row(vec![
            a.tag.clone(),
            a.category.clone(),
            a.model.clone(),
            opt(a.holder.as_ref()),
            opt(a.department.as_ref()),
            opt(a.country),
            a.unit_cost.to_string(),
            a.last
                .map_or_else(|| "never".to_owned(), |t| t.date_naive().to_string()),
            a.days.to_string(),
        ]);
    }
    Ok(Report::new(vec![t], json_of(&list)))
}

fn warranty(db: &Path, within: i64, when: &When) -> Result<Report, Failure> {
    if within < 0 {
        return Err(bad("--within takes 0 or more days"));
    }
    let moment = at(when)?;
    let log = open(db)?;
    let from = log.reference_date(moment);
    let to = from + chrono::Duration::days(within);
    let list = log.warranty_ending_within(from, to, moment)?;
    let mut t = Table::new(&[
        "tag",
        "model",
        "holder",
        "country",
        "status",
        "warranty end",
        "days left",
    ])
    .titled(format!(
        "{} warranties ending from {from} to {to}",
        list.len()
    ));
    for v in &list {
        let end = v.warranty_end.expect("listed because it has one");
        t.row(vec![
            v.tag.clone(),
            v.model.clone(),
            opt(v.holder.as_ref()),
            opt(v.country),
            v.status.to_string(),
            end.to_string(),
            (end - from).num_days().to_string(),
        ]);
    }
    Ok(Report::new(vec![t], json_of(&list)))
}

fn idle(db: &Path, days: i64, when: &When) -> Result<Report, Failure> {
    let log = open(db)?;
    let list = log.idle(days, at(when)?)?;
    let mut t = Table::new(&["tag", "status", "why", "since", "days"]).titled(format!(
        "{} assets idle for {days} days or more",
        list.len()
    ));
    for i in &list {
        let why = if i.reason == assetlog::IdleReason::InStock {
            "in stock"
        } else {
            "not seen"
        };
        t.row(vec![
            i.tag.clone(),
            i.status.to_string(),
            why.into(),
            i.since.date_naive().to_string(),
            i.days.to_string(),
        ]);
    }
    Ok(Report::new(vec![t], json_of(&list)))
}

fn seats(l: &assetlog::license::LicenseView) -> (String, String) {
    match l.seats {
        Some(n) => (n.to_string(), opt(l.seats_free)),
        None => ("unlimited".into(), "unlimited".into()),
    }
}

fn licenses(db: &Path, when: &When) -> Result<Report, Failure> {
    let list = open(db)?.licenses(at(when)?)?;
    let mut t = Table::new(&[
        "tag",
        "product",
        "kind",
        "status",
        "seats",
        "used",
        "free",
        "term ends",
        "term cost",
    ])
    .titled(format!("{} licenses", list.len()));
    for l in &list {
        let (owned, free) = seats(l);
        t.row(vec![
            l.tag.clone(),
            l.product.clone(),
            json_of(&l.kind).as_str().unwrap_or_default().to_owned(),
            l.status.name().to_owned(),
            owned,
            l.seats_used.to_string(),
            free,
            l.term_end
                .map_or_else(|| "perpetual".to_owned(), |d| d.to_string()),
            l.term_cost.to_string(),
        ]);
    }
    Ok(Report::new(vec![t], json_of(&list)))
}

fn license(db: &Path, tag: &str, when: &When) -> Result<Report, Failure> {
    let l = open(db)?.license(tag, at(when)?)?;
    let (owned, free) = seats(&l);
    let mut t = Table::new(&["field", "value"]).titled(format!("{} ({})", l.tag, l.product));
    for (k, v) in [
        ("status", l.status.name().to_owned()),
        ("publisher", opt(l.publisher.as_ref())),
        ("edition", opt(l.edition.as_ref())),
        (
            "kind",
            json_of(&l.kind).as_str().unwrap_or_default().to_owned(),
        ),
        ("seats", owned),
        ("used", l.seats_used.to_string()),
        ("free", free),
        ("over", l.seats_over.to_string()),
        ("term", format!("{} to {}", l.term_start, opt(l.term_end))),
        ("term cost", l.term_cost.to_string()),
        ("cost so far", l.cost_so_far.to_string()),
    ] {
        t.row(vec![k.to_owned(), v]);
    }
    let mut h = Table::new(&["holder", "since"]).titled(format!("{} seats held", l.holders.len()));
    for s in &l.holders {
        h.row(vec![s.holder.to_string(), s.since.date_naive().to_string()]);
    }
    Ok(Report::new(vec![t, h], json_of(&l)))
}

fn renewals(
    db: &Path,
    from: Option<String>,
    to: Option<String>,
    convert: Option<(&str, &Path)>,
    when: &When,
) -> Result<Report, Failure> {
    let from = match from {
        Some(d) => assetlog::time::parse_date("--from", &d)?,
        None => chrono::Utc::now().date_naive(),
    };
    let to = match to {
        Some(d) => assetlog::time::parse_date("--to", &d)?,
        None => from
            .checked_add_months(chrono::Months::new(12))
            .unwrap_or(from),
    };
    let r = open(db)?.renewals(from, to, at(when)?)?;
    let mut t = Table::new(&["tag", "product", "term ends", "term cost", "seats"])
        .titled(format!("{} renewals from {from} to {to}", r.licenses.len()));
    for l in &r.licenses {
        t.row(vec![
            l.tag.clone(),
            l.product.clone(),
            opt(l.term_end),
            l.term_cost.to_string(),
            seats(l).0,
        ]);
    }
    let mut b = Table::new(&["budget"]).titled("renewal budget by currency");
    for m in &r.budget {
        b.row(vec![m.to_string()]);
    }
    let mut json = json_of(&r);
    if let Some((currency, path)) = convert {
        let total = r.total_in(currency.parse()?, &read_rates(path)?)?;
        b.row(vec![format!("{total} (all converted)")]);
        json["total"] = json!(total.to_string());
    }
    Ok(Report::new(vec![t, b], json))
}

fn compliance(
    db: &Path,
    product: Option<&str>,
    map: Option<PathBuf>,
    when: &When,
) -> Result<Report, Failure> {
    let rules = match map {
        None => Vec::new(),
        Some(path) => {
            let text = std::fs::read_to_string(&path).map_err(|e| Failure {
                code: 3,
                message: format!("cannot read {}: {e}", path.display()),
            })?;
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(true)
                .flexible(true)
                .from_reader(text.as_bytes());
            let mut rows = Vec::new();
            for record in reader.records() {
                let r = record.map_err(|e| bad(format!("{}: {e}", path.display())))?;
                rows.push([
                    r.get(0).unwrap_or_default().to_owned(),
                    r.get(1).unwrap_or_default().to_owned(),
                    r.get(2).unwrap_or_default().to_owned(),
                ]);
            }
            assetlog::compliance::ProductRule::from_rows(
                rows.iter()
                    .map(|[a, b, c]| [a.as_str(), b.as_str(), c.as_str()]),
            )?
        }
    };
    let log = open(db)?;
    let moment = at(when)?;
    let mut list = log.compliance(moment, &rules)?;
    let mut leavers: Vec<assetlog::license::ReclaimableSeat> = log
        .reclaimable(moment, None)?
        .into_iter()
        .filter(|s| s.reason == assetlog::license::ReclaimReason::Left)
        .collect();
    if let Some(p) = product {
        list.retain(|c| c.product.eq_ignore_ascii_case(p));
        leavers.retain(|s| s.product.eq_ignore_ascii_case(p));
    }
    let mut t = Table::new(&[
        "product",
        "seats",
        "assigned",
        "installed",
        "licensed",
        "unlicensed",
        "shelfware",
    ])
    .titled(format!("{} products", list.len()));
    let mut u = Table::new(&["product", "device", "holder", "program"])
        .titled("unlicensed copies (over-deployed)");
    let mut e =
        Table::new(&["product", "edition", "seats", "assigned"]).titled("entitlements by edition");
    for c in &list {
        for x in &c.editions {
            e.row(vec![
                c.product.clone(),
                opt(x.edition.as_ref()),
                x.seats
                    .map_or_else(|| "unlimited".to_owned(), |s| s.to_string()),
                x.seats_assigned.to_string(),
            ]);
        }
        t.row(vec![
            c.product.clone(),
            c.seats
                .map_or_else(|| "unlimited".to_owned(), |s| s.to_string()),
            c.seats_assigned.to_string(),
            c.installations.to_string(),
            c.licensed.to_string(),
            c.unlicensed.len().to_string(),
            c.shelfware.to_string(),
        ]);
        for x in &c.unlicensed {
            u.row(vec![
                c.product.clone(),
                x.device.clone(),
                opt(x.holder.as_ref()),
                x.program.clone(),
            ]);
        }
    }
    let mut l = Table::new(&["product", "license", "holder", "since"])
        .titled("seats still held by people who left");
    for s in &leavers {
        l.row(vec![
            s.product.clone(),
            s.license.clone(),
            s.holder.to_string(),
            s.since.date_naive().to_string(),
        ]);
    }
    let json = json!({ "products": json_of(&list), "held_by_leavers": json_of(&leavers) });
    Ok(Report::new(vec![t, e, u, l], json))
}

fn seats_by_department(db: &Path, when: &When) -> Result<Report, Failure> {
    let list = open(db)?.seats_by_department(at(when)?)?;
    let mut t = Table::new(&["department", "seats", "cost (current terms)", "products"])
        .titled("license seats by department");
    for d in &list {
        t.row(vec![
            d.department
                .clone()
                .unwrap_or_else(|| "(no department)".into()),
            d.seats.to_string(),
            d.cost
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            d.products.join(", "),
        ]);
    }
    Ok(Report::new(vec![t], json_of(&list)))
}

fn reclaim(db: &Path, silent_days: Option<i64>, when: &When) -> Result<Report, Failure> {
    let list = open(db)?.reclaimable(at(when)?, silent_days)?;
    let mut t = Table::new(&["license", "product", "holder", "since", "why"])
        .titled(format!("{} seats to take back", list.len()));
    for s in &list {
        t.row(vec![
            s.license.clone(),
            s.product.clone(),
            s.holder.to_string(),
            s.since.date_naive().to_string(),
            json_of(&s.reason).as_str().unwrap_or_default().to_owned(),
        ]);
    }
    Ok(Report::new(vec![t], json_of(&list)))
}

fn overdue(db: &Path, when: &When) -> Result<Report, Failure> {
    let log = open(db)?;
    let list = log.overdue_returns(at(when)?)?;
    let mut t = Table::new(&["tag", "holder", "due", "days late", "reason"])
        .titled(format!("{} overdue returns", list.len()));
    for o in &list {
        t.row(vec![
            o.tag.clone(),
            opt(o.holder.as_ref()),
            o.due.to_string(),
            o.days_overdue.to_string(),
            opt(o
                .reason
                .map(|r| json_of(&r).as_str().unwrap_or_default().to_owned())),
        ]);
    }
    Ok(Report::new(vec![t], json_of(&list)))
}

/// `key=value` pairs into a payload: a field that takes a number or a
/// boolean (the core's schema says which) gets one; everything else is text.
fn payload(ty: assetlog::event::EventType, fields: &[String]) -> Result<Value, Failure> {
    use assetlog::schema::FieldKind;
    let schema = assetlog::schema::events();
    let kind_of = |name: &str| {
        schema
            .iter()
            .find(|e| e.event_type == ty.name())
            .and_then(|e| e.fields.iter().find(|f| f.name == name))
            .map(|f| f.kind)
    };
    let mut map = serde_json::Map::new();
    for f in fields {
        let Some((k, v)) = f.split_once('=') else {
            return Err(bad(format!(
                "'{f}' is not key=value (for example to=\"Home of emp-7\")"
            )));
        };
        let value = match (kind_of(k.trim()), v) {
            (Some(FieldKind::Boolean) | None, "true") => Value::Bool(true),
            (Some(FieldKind::Boolean) | None, "false") => Value::Bool(false),
            (Some(FieldKind::Number), n) => match n.trim().parse::<i64>() {
                Ok(n) => Value::from(n),
                Err(_) => Value::String(n.to_owned()),
            },
            _ => Value::String(v.to_owned()),
        };
        map.insert(k.trim().to_owned(), value);
    }
    Ok(Value::Object(map))
}

/// What `record` was asked to write.
struct Recording<'a> {
    kind: &'a str,
    tag: &'a str,
    fields: &'a [String],
    when: Option<&'a str>,
    actor: &'a str,
    expect: Option<u64>,
    allow_duplicate_serial: bool,
}

fn record(db: &Path, r: &Recording<'_>) -> Result<Report, Failure> {
    let kind = r.kind;
    let ty = EventType::from_name(kind)?;
    let event = Event::from_payload_value(ty, payload(ty, r.fields)?)?;
    let mut e = NewEvent::new(r.tag, event).by(r.actor);
    if let Some(w) = r.when {
        // a date alone is the start of that day (UTC), in every language
        e.occurred_at = Some(assetlog::time::parse_datetime("--at", w)?);
    }
    if let Some(v) = r.expect {
        e.expected = Expected::Exact(v);
    }
    e.allow_duplicate_serial = r.allow_duplicate_serial;
    let log = open(db)?;
    let a = log.append(e)?;
    Ok(Report::new(vec![], json_of(&a)).note(format!(
        "recorded {kind} for {} (version {}, position {})",
        a.tag, a.version, a.position
    )))
}

/// What an ingestion read and wrote: its skipped lines and issues as
/// tables, and a line saying how many events it made.
fn ingest_report(r: &assetlog_import::ImportReport, what: &str, titles: [&str; 2]) -> Report {
    let written = if r.dry_run {
        " (dry run: nothing written)".to_owned()
    } else {
        format!(", {} new", r.written)
    };
    Report::new(
        vec![
            lines_table(titles[0], &r.skipped),
            lines_table(titles[1], &r.issues),
        ],
        json_of(r),
    )
    .note(format!("{what}: {} events{written}", r.events))
}

fn lines_table(title: &str, rows: &[BadLine]) -> Table {
    let mut t = Table::new(&["line", "what"]).titled(format!("{} {title}", rows.len()));
    for r in rows {
        t.row(vec![r.line.to_string(), r.reason.clone()]);
    }
    t
}

fn import_snipeit(
    db: &Path,
    s: &assetlog_import::SnipeitImport<'_>,
) -> Result<(Report, u8), Failure> {
    // the files first: a file that cannot be imported leaves the log untouched
    let prepared = assetlog_import::read_snipeit(s, Utc::now())?;
    let log = open(db)?;
    let r = assetlog_import::write(&log, prepared, s.dry_run)?;
    for w in &r.warnings {
        eprintln!("warning: {w}");
    }
    let tables = vec![
        lines_table("rows could not be read (not imported)", &r.skipped),
        lines_table(
            "fields could not be read or were defaulted (assets imported)",
            &r.issues,
        ),
    ];
    let note = if r.dry_run {
        format!(
            "dry run: would write {} events for {} assets and {} people; nothing was written",
            r.events, r.assets, r.people
        )
    } else {
        format!(
            "imported {} assets from {} rows: {} new events ({} already in the log), {} people",
            r.assets,
            r.rows,
            r.written,
            r.events as u64 - r.written,
            r.people
        )
    };
    let code = if r.skipped.is_empty() { 0 } else { 4 };
    Ok((Report::new(tables, json_of(&r)).note(note), code))
}

fn import_jsonl(db: &Path, file: &Path, dry_run: bool) -> Result<(Report, u8), Failure> {
    let f = std::fs::File::open(file).map_err(|e| file_error(file, &e))?;
    let log = open(db)?;
    let size = f.metadata().map_or(0, |m| m.len());
    let mut progress = Progress::new("reading the import", size);
    let r = log.import_jsonl(
        BufReader::new(ReadProgress {
            inner: f,
            done: 0,
            total: size,
            bar: &mut progress,
        }),
        dry_run,
    )?;
    progress.finish();
    let code = if r.bad_lines.is_empty() { 0 } else { 4 };
    let note = if dry_run {
        format!(
            "dry run: would write {} events; nothing was written",
            r.events
        )
    } else if r.restored {
        format!(
            "restored {} events exactly as exported (the same positions and recorded times: `verify` gives the export's chain head)",
            r.written
        )
    } else {
        format!(
            "imported {} new events ({} already in the log), recorded now",
            r.written,
            r.events - r.written
        )
    };
    let json = json!({ "events": r.events, "written": r.written, "bad_rows": r.bad_lines.len(), "dry_run": dry_run, "restored": r.restored });
    Ok((
        Report::new(
            vec![lines_table("lines could not be read", &r.bad_lines)],
            json,
        )
        .note(note),
        code,
    ))
}
