//! Snipe-IT exports (assets, users, locations) into events and people.
//!
//! Both layouts are read: the current asset export (`Asset Tag`, `Model`,
//! `Checked Out To: Username`...) and the importer's (`Full Name`, `Email`,
//! `Username`, `item Name`, `Model name`, `Model Number`, `Warranty`,
//! `Status`...), by column name in any order and case; blank and repeated
//! header cells are ignored (the first of a name wins). Files may be in any
//! encoding ([`crate::text`]) and end lines with CR, CRLF or LF.
//!
//! Nothing is lost and nothing is made up:
//! - a field that cannot be read never costs its asset: the asset is
//!   imported with what can be read and the field is reported with its
//!   line ([`Import::issues`]);
//! - a row with more or fewer fields than the header is reported, never
//!   read shifted ([`Import::skipped`]);
//! - a location with no known country, and a cost whose currency is only
//!   the default, are reported;
//! - status labels become lifecycle events (lost, retired, in repair; see
//!   [`StatusAction`]); checked-out users become people and assignments;
//!   warranty months a warranty end;
//! - every other column (company, manufacturer, supplier, model number,
//!   notes, end-of-life date, custom fields) is kept, as `key=value` lines
//!   of one `note` event per asset.
//!
//! Event ids are derived from the asset tag (and the status label), so
//! importing the same file again adds nothing.

use std::collections::{BTreeMap, HashMap};

use assetlog::event::{
    Assigned, Note, Ordered, Received, Relocated, ReportedLost, RetireReason, Retired,
    SentForRepair,
};
use assetlog::{
    AssetRef, BadLine, Country, Currency, Event, EventId, Money, NewEvent, Person, PersonId,
};
use chrono::{DateTime, Months, NaiveDate, Utc};
use uuid::Uuid;

use crate::text::{clean, decode};

/// What reading the files produced.
#[derive(Debug, Default)]
pub struct Import {
    /// The events, asset by asset.
    pub events: Vec<NewEvent>,
    /// Status events (lost, retired, in repair), dated when the import
    /// runs: the export says what is true, not since when. Written only if
    /// the asset does not have them yet (an earlier import of the same
    /// status wrote one with another date).
    pub statuses: Vec<NewEvent>,
    /// People: the users file and checked-out users.
    pub people: Vec<Person>,
    /// Assets read.
    pub assets: usize,
    /// Data rows seen.
    pub rows: usize,
    /// Rows not imported, with why.
    pub skipped: Vec<BadLine>,
    /// Rows imported with a field that could not be read, a default taken
    /// or a value left aside, with what.
    pub issues: Vec<BadLine>,
    /// About whole files: the encoding chosen.
    pub warnings: Vec<String>,
}

/// What a status label does to an asset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusAction {
    /// Nothing: deployable, deployed, ready.
    None,
    /// Sent for repair (pending, out for repair, broken, undeployable).
    Repair,
    /// Reported lost.
    Lost,
    /// Reported stolen.
    Stolen,
    /// Retired (archived, disposed).
    Retired,
}

impl StatusAction {
    /// An action by name (`none`, `in_repair`, `lost`, `stolen`, `retired`).
    pub fn from_name(s: &str) -> Option<Self> {
        Some(
            match s
                .trim()
                .to_ascii_lowercase()
                .replace([' ', '-'], "_")
                .as_str()
            {
                "none" | "in_stock" | "deployable" | "ready" => StatusAction::None,
                "in_repair" | "repair" => StatusAction::Repair,
                "lost" => StatusAction::Lost,
                "stolen" => StatusAction::Stolen,
                "retired" | "archived" => StatusAction::Retired,
                _ => return None,
            },
        )
    }

    /// The action for a label by Snipe-IT's status types and common label
    /// names; `None` for a label nobody knows.
    pub fn of_label(label: &str) -> Option<Self> {
        let l = label.trim().to_ascii_lowercase();
        let has = |w: &str| l.contains(w);
        Some(
            if l.is_empty() || has("deployed") || has("ready") || l == "deployable" {
                StatusAction::None
            } else if has("stolen") {
                StatusAction::Stolen
            } else if has("lost") || has("missing") {
                StatusAction::Lost
            } else if has("archiv")
                || has("retire")
                || has("dispos")
                || has("recycl")
                || has("sold")
            {
                StatusAction::Retired
            } else if has("repair")
                || has("pending")
                || has("broken")
                || has("undeployable")
                || has("damaged")
                || has("diagnos")
            {
                StatusAction::Repair
            } else {
                return None;
            },
        )
    }
}

/// Labels mapped by the caller (`label,action` lines; see
/// [`StatusAction::from_name`]), read before the built-in names.
pub type StatusMap = HashMap<String, StatusAction>;

/// Read a status map: a CSV of `label,action`.
pub fn read_status_map(text: &str) -> Result<StatusMap, String> {
    let mut out = HashMap::new();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    for r in rdr.records() {
        let r = r.map_err(|e| format!("status map: {e}"))?;
        let (Some(label), Some(action)) = (r.get(0), r.get(1)) else {
            continue;
        };
        if label.trim().eq_ignore_ascii_case("label") {
            continue;
        }
        let a = StatusAction::from_name(action).ok_or_else(|| {
            format!("status map: '{action}' is not none, in_repair, lost, stolen or retired")
        })?;
        out.insert(label.trim().to_ascii_lowercase(), a);
    }
    Ok(out)
}

/// A CSV table read by header name.
pub(crate) struct Sheet {
    pub(crate) columns: HashMap<String, usize>,
    names: Vec<String>,
    width: usize,
    pub(crate) records: Vec<(u64, csv::StringRecord)>,
}

fn key(h: &str) -> String {
    h.trim().to_ascii_lowercase()
}

pub(crate) fn read_sheet(text: &str) -> Result<Sheet, String> {
    // CRLF and CR-only line ends become LF, so reported line numbers are right.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| format!("cannot read the header line: {e}"))?
        .clone();
    let mut columns = HashMap::new();
    let mut names = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        let k = key(h);
        names.push(h.trim().to_owned());
        if !k.is_empty() {
            columns.entry(k).or_insert(i);
        }
    }
    let mut records = Vec::new();
    for r in rdr.records() {
        let r = r.map_err(|e| format!("CSV error: {e}"))?;
        let line = r.position().map_or(0, csv::Position::line);
        if r.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        records.push((line, r));
    }
    Ok(Sheet {
        columns,
        names,
        width: headers.len(),
        records,
    })
}

impl Sheet {
    /// The first column of these names that has a value in the row.
    pub(crate) fn get<'r>(&self, r: &'r csv::StringRecord, names: &[&str]) -> Option<&'r str> {
        names.iter().find_map(|n| {
            self.columns
                .get(*n)
                .and_then(|&i| r.get(i))
                .map(str::trim)
                .filter(|s| !s.is_empty())
        })
    }

    fn has(&self, name: &str) -> bool {
        self.columns.contains_key(name)
    }
}

/// A location from the locations file.
#[derive(Clone, Debug)]
struct Place {
    country: Option<Country>,
    currency: Option<Currency>,
}

fn read_locations(text: &str) -> Result<HashMap<String, Place>, String> {
    let sheet = read_sheet(text)?;
    if !sheet.has("name") {
        return Err("the locations file has no 'name' column".into());
    }
    let mut out = HashMap::new();
    for (_, r) in &sheet.records {
        if let Some(name) = sheet.get(r, &["name"]) {
            let place = Place {
                country: sheet
                    .get(r, &["country"])
                    .and_then(|c| Country::new(c).ok()),
                currency: sheet
                    .get(r, &["currency"])
                    .and_then(|c| Currency::new(c).ok()),
            };
            out.insert(clean(name).0.to_ascii_lowercase(), place);
        }
    }
    Ok(out)
}

fn read_users(text: &str, bad: &mut Vec<BadLine>) -> Result<Vec<Person>, String> {
    let sheet = read_sheet(text)?;
    if !sheet.has("username") {
        return Err("the users file has no 'Username' column".into());
    }
    let mut people = Vec::new();
    for (line, r) in &sheet.records {
        let Some(username) = sheet.get(r, &["username"]) else {
            bad.push(BadLine {
                line: *line,
                reason: "users file: no username".into(),
            });
            continue;
        };
        let id = match PersonId::new(username) {
            Ok(id) => id,
            Err(e) => {
                bad.push(BadLine {
                    line: *line,
                    reason: format!("users file: {e}"),
                });
                continue;
            }
        };
        let name = [sheet.get(r, &["first name"]), sheet.get(r, &["last name"])]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let address = ["address", "city", "state", "postal code", "country"]
            .iter()
            .filter_map(|c| sheet.get(r, &[c]))
            .collect::<Vec<_>>()
            .join(", ");
        people.push(Person {
            id,
            name: (!name.is_empty()).then(|| clean(&name).0),
            email: sheet.get(r, &["email"]).map(str::to_owned),
            address: (!address.is_empty()).then(|| clean(&address).0),
        });
    }
    Ok(people)
}

/// Snipe-IT dates: `1/23/23` (US, two- or four-digit year) or `2023-01-23`
/// (a time after the date is ignored).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.split_whitespace().next().unwrap_or_default();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    let parts: Vec<&str> = s.split('/').collect();
    if let [m, d, y] = parts[..] {
        let (m, d, y): (u32, u32, i32) = (m.parse().ok()?, d.parse().ok()?, y.parse().ok()?);
        let y = if y < 100 { 2000 + y } else { y };
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    None
}

/// Snipe-IT writes US amounts: `1,299.00` (a currency symbol or code
/// around it is dropped). Commas are taken only as thousands separators
/// (groups of three); `12,50` is refused, not read as 1250.
pub(crate) fn amount(s: &str) -> Result<String, String> {
    let s: String = s
        .trim()
        .trim_start_matches(|c: char| !c.is_ascii_digit() && c != '-' && c != '.')
        .trim_end_matches(|c: char| !c.is_ascii_digit())
        .to_owned();
    if !s.contains(',') {
        return Ok(s);
    }
    let int = s.split('.').next().unwrap_or_default();
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or_default();
    let ok = !first.is_empty() && first.len() <= 3 && groups.all(|g| g.len() == 3);
    if ok {
        Ok(s.replace(',', ""))
    } else {
        Err(format!("purchase cost '{s}': a comma is only read as a thousands separator (1,299.00); write decimals with a point"))
    }
}

/// A stable event id for one fact of one imported asset.
fn event_id(tag: &str, what: &str) -> EventId {
    EventId(Uuid::new_v5(
        &Uuid::NAMESPACE_OID,
        format!("assetlog:snipeit:{}:{what}", tag.to_ascii_lowercase()).as_bytes(),
    ))
}

/// The files to read: (name for messages, bytes).
pub struct Files<'a> {
    pub assets: (&'a str, &'a [u8]),
    pub users: Option<(&'a str, &'a [u8])>,
    pub locations: Option<(&'a str, &'a [u8])>,
}

/// How to read them.
pub struct Options {
    /// Currency of costs whose location has none (reported when used).
    pub default_currency: Currency,
    /// Read every file in this encoding instead of detecting it.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Status labels mapped by the caller.
    pub status_map: StatusMap,
    /// When the import runs (status events happen then; no purchase date
    /// may be later).
    pub now: DateTime<Utc>,
}

/// Read the files into events and people.
pub fn read(files: &Files<'_>, o: &Options) -> Result<Import, String> {
    let mut import = Import::default();
    let text_of = |(name, bytes): (&str, &[u8]), warnings: &mut Vec<String>| {
        let d = decode(name, bytes, o.encoding);
        warnings.extend(d.note);
        d.text
    };
    let places = match files.locations {
        Some(f) => read_locations(&text_of(f, &mut import.warnings))
            .map_err(|e| format!("{}: {e}", f.0))?,
        None => HashMap::new(),
    };
    if let Some(f) = files.users {
        let mut bad = Vec::new();
        import.people = read_users(&text_of(f, &mut import.warnings), &mut bad)
            .map_err(|e| format!("{}: {e}", f.0))?;
        import.skipped.extend(bad);
    }
    let (name, _) = files.assets;
    let sheet = read_sheet(&text_of(files.assets, &mut import.warnings))
        .map_err(|e| format!("{name}: {e}"))?;
    if !sheet.has("asset tag") {
        return Err(format!(
            "{name}: no 'Asset Tag' column; is this a Snipe-IT assets export?"
        ));
    }
    let mut seen_people: std::collections::HashSet<String> =
        import.people.iter().map(|p| p.id.to_string()).collect();
    let mut seen_tags: HashMap<String, u64> = HashMap::new();
    // locations without a country or a currency: reported once each
    let mut no_country: BTreeMap<String, (u64, usize)> = BTreeMap::new();
    let mut no_currency: BTreeMap<String, (u64, usize)> = BTreeMap::new();
    for (line, r) in &sheet.records {
        import.rows += 1;
        if r.len() != sheet.width {
            import.skipped.push(BadLine {
                line: *line,
                reason: format!(
                    "{} fields where the header has {}: an unquoted comma or a missing field; \
                     not read, rather than read into the wrong columns",
                    r.len(),
                    sheet.width
                ),
            });
            continue;
        }
        let row = Row {
            sheet: &sheet,
            r,
            places: &places,
            o,
        };
        match row.read() {
            Ok(asset) => {
                let tag = asset.tag.to_ascii_lowercase();
                if let Some(first) = seen_tags.insert(tag, *line) {
                    import.skipped.push(BadLine {
                        line: *line,
                        reason: format!("asset tag '{}' is also on line {first}", asset.tag),
                    });
                    continue;
                }
                if let Some(p) = asset.person {
                    if seen_people.insert(p.id.to_string()) {
                        import.people.push(p);
                    }
                }
                if let Some(l) = asset.location_without_country {
                    no_country.entry(l).or_insert((*line, 0)).1 += 1;
                }
                if let Some(l) = asset.default_currency_at {
                    no_currency.entry(l).or_insert((*line, 0)).1 += 1;
                }
                import
                    .issues
                    .extend(asset.issues.into_iter().map(|reason| BadLine {
                        line: *line,
                        reason,
                    }));
                import.assets += 1;
                import.events.extend(asset.events);
                import.statuses.extend(asset.status);
            }
            Err(reason) => import.skipped.push(BadLine {
                line: *line,
                reason,
            }),
        }
    }
    for (place, (line, n)) in no_country {
        import.issues.push(BadLine {
            line,
            reason: format!(
                "location '{place}' has no known country ({n} assets): give a locations file, or check its name; no country was assumed"
            ),
        });
    }
    for (place, (line, n)) in no_currency {
        import.issues.push(BadLine {
            line,
            reason: format!(
                "location '{place}' has no currency ({n} assets): their costs are in {} only by default",
                o.default_currency
            ),
        });
    }
    import.issues.sort_by_key(|b| b.line);
    Ok(import)
}

/// One asset row being read.
struct Row<'a> {
    sheet: &'a Sheet,
    r: &'a csv::StringRecord,
    places: &'a HashMap<String, Place>,
    o: &'a Options,
}

/// What one row gave.
struct Asset {
    tag: String,
    events: Vec<NewEvent>,
    status: Option<NewEvent>,
    person: Option<Person>,
    issues: Vec<String>,
    location_without_country: Option<String>,
    default_currency_at: Option<String>,
}

/// Columns read into events; every other one goes to the asset's note.
const READ: &[&str] = &[
    "asset tag",
    "category",
    "model name",
    "model",
    "purchase date",
    "purchase cost",
    "location",
    "serial",
    "order number",
    "warranty",
    "warranty months",
    "status",
    "status label",
    "checkout type",
    "checked out to: username",
    "checked out to: first name",
    "checked out to: last name",
    "checked out to: email",
    "checked out to: location",
    "full name",
    "email",
    "username",
];

impl Row<'_> {
    /// A text field, control characters removed (and said).
    fn text(&self, names: &[&str], issues: &mut Vec<String>) -> Option<String> {
        let raw = self.sheet.get(self.r, names)?;
        let (t, removed) = clean(raw);
        if removed {
            issues.push(format!(
                "{}: unreadable characters removed ('{t}')",
                names[0]
            ));
        }
        (!t.trim().is_empty()).then(|| t.trim().to_owned())
    }

    fn read(&self) -> Result<Asset, String> {
        let mut issues = Vec::new();
        let tag = self
            .text(&["asset tag"], &mut issues)
            .ok_or("no asset tag")?;
        assetlog::ids::check_tag(&tag).map_err(|e| e.to_string())?;
        let day = if let Some(p) = self.sheet.get(self.r, &["purchase date"]) {
            match parse_date(p) {
                Some(d) if assetlog::time::start_of_day(d) <= self.o.now => Some(d),
                Some(d) => {
                    issues.push(format!(
                        "purchase date {d} is in the future: ordered as of the import"
                    ));
                    None
                }
                None => {
                    issues.push(format!(
                        "purchase date '{p}' is not m/d/yy or YYYY-MM-DD: ordered as of the import"
                    ));
                    None
                }
            }
        } else {
            issues.push("no purchase date: ordered as of the import".into());
            None
        };
        let at = day.map_or(self.o.now, |d| {
            (assetlog::time::start_of_day(d) + chrono::Duration::hours(9)).min(self.o.now)
        });
        let location = self.text(&["location"], &mut issues);
        let place = location
            .as_ref()
            .and_then(|l| self.places.get(&l.to_ascii_lowercase()));
        let country = place.and_then(|p| p.country);
        let currency = place.and_then(|p| p.currency);
        let cost_text = self.sheet.get(self.r, &["purchase cost"]);
        let cost = match cost_text {
            None => None,
            Some(t) => match amount(t).and_then(|a| {
                Money::parse_amount(&a, currency.unwrap_or(self.o.default_currency))
                    .map_err(|e| format!("purchase cost '{t}': {e}"))
            }) {
                Ok(m) => Some(m),
                Err(e) => {
                    issues.push(format!("{e}: imported without a price"));
                    None
                }
            },
        };
        let unit_cost =
            cost.unwrap_or_else(|| Money::zero(currency.unwrap_or(self.o.default_currency)));
        let vendor = self
            .text(&["manufacturer", "supplier"], &mut issues)
            .unwrap_or_else(|| "unknown".into());
        let model = self
            .text(&["model name", "model", "model number"], &mut issues)
            .unwrap_or_else(|| "unknown".into());
        let warranty_end = match self.sheet.get(self.r, &["warranty", "warranty months"]) {
            None => None,
            Some(w) => match (
                w.split_whitespace()
                    .next()
                    .and_then(|m| m.parse::<u32>().ok()),
                day,
            ) {
                (Some(months), Some(d)) => d.checked_add_months(Months::new(months)),
                (Some(_), None) => {
                    issues.push("warranty months without a purchase date: no warranty end".into());
                    None
                }
                (None, _) => {
                    issues.push(format!("warranty '{w}' is not a number of months"));
                    None
                }
            },
        };
        let make = |what: &str, when: DateTime<Utc>, e: Event| NewEvent {
            event_id: Some(event_id(&tag, what)),
            occurred_at: Some(when),
            actor: "snipeit-import".into(),
            // another tool's data: duplicates are kept and listed by `duplicates`
            allow_duplicate_serial: true,
            ..NewEvent::new(AssetRef::Tag(tag.clone()), e)
        };
        let mut events = vec![
            make(
                "ordered",
                at,
                Ordered {
                    category: self
                        .text(&["category"], &mut issues)
                        .unwrap_or_else(|| "uncategorized".into()),
                    vendor,
                    model,
                    serial: self.text(&["serial"], &mut issues),
                    unit_cost,
                    order_ref: self.text(&["order number"], &mut issues),
                    warranty_end,
                }
                .into(),
            ),
            make(
                "received",
                at,
                Received {
                    location: location
                        .clone()
                        .unwrap_or_else(|| "unknown location".into()),
                    country,
                    serial: None,
                }
                .into(),
            ),
        ];
        let (person, assigned) = self.holder(&mut issues)?;
        let label = self.text(&["status", "status label"], &mut issues);
        let action = label.as_ref().map_or(StatusAction::None, |l| {
            let known = self
                .o
                .status_map
                .get(&l.to_ascii_lowercase())
                .copied()
                .or_else(|| StatusAction::of_label(l));
            known.unwrap_or_else(|| {
                issues.push(format!(
                    "status '{l}' is not known: imported as checked out or in stock; map it with a status map"
                ));
                StatusAction::None
            })
        });
        // a retired or lost asset's last holder is history, not a holding
        if let Some(a) =
            assigned.filter(|_| matches!(action, StatusAction::None | StatusAction::Repair))
        {
            events.push(make("assigned", at, a));
        } else if person.is_none() {
            if let Some(to) = self.text(&["checked out to: location"], &mut issues) {
                let to_place = self.places.get(&to.to_ascii_lowercase());
                events.push(make(
                    "relocated",
                    at,
                    Relocated {
                        location: to,
                        country: to_place.and_then(|p| p.country),
                    }
                    .into(),
                ));
            }
        }
        let label_text = label.clone().unwrap_or_default();
        let status_event: Option<Event> = match action {
            StatusAction::None => None,
            StatusAction::Repair => Some(
                SentForRepair {
                    vendor: None,
                    reason: Some(format!("Snipe-IT status '{label_text}'")),
                }
                .into(),
            ),
            StatusAction::Lost | StatusAction::Stolen => Some(
                ReportedLost {
                    stolen: action == StatusAction::Stolen,
                    report_ref: None,
                }
                .into(),
            ),
            StatusAction::Retired => Some(
                Retired {
                    reason: RetireReason::EndOfLife,
                    resale_value: None,
                    disposal_cost: None,
                }
                .into(),
            ),
        };
        // known as of the export, not when it happened
        let status = status_event.map(|e| {
            make(
                &format!("status:{}", label_text.to_ascii_lowercase()),
                self.o.now.max(at),
                e,
            )
        });
        // every other column is kept on the asset
        let mut kept = Vec::new();
        for (i, name) in self.sheet.names.iter().enumerate() {
            let k = key(name);
            if k.is_empty() || READ.contains(&k.as_str()) || self.sheet.columns.get(&k) != Some(&i)
            {
                continue;
            }
            if let Some(v) = self.r.get(i).map(str::trim).filter(|v| !v.is_empty()) {
                let (v, _) = clean(v);
                kept.push(format!("{name}={}", v.replace('\n', " ")));
            }
        }
        if !kept.is_empty() {
            let mut text = format!("Snipe-IT fields\n{}", kept.join("\n"));
            if text.len() > assetlog::ids::MAX_NOTE_LEN {
                let mut end = assetlog::ids::MAX_NOTE_LEN;
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.truncate(end);
                issues.push("the kept fields were cut to the longest note".into());
            }
            events.push(make("fields", at, Note { text }.into()));
        }
        for e in events.iter().chain(&status) {
            e.validate().map_err(|e| e.to_string())?;
        }
        Ok(Asset {
            events,
            status,
            person,
            issues,
            location_without_country: location.clone().filter(|_| country.is_none()),
            default_currency_at: (cost.is_some() && currency.is_none())
                .then(|| location.clone().unwrap_or_else(|| "(none)".into())),
            tag,
        })
    }

    /// Who holds it: "Checked Out To" columns (a user checkout) or the
    /// importer's Full Name / Email / Username.
    fn holder(&self, issues: &mut Vec<String>) -> Result<(Option<Person>, Option<Event>), String> {
        let checkout = self
            .sheet
            .get(self.r, &["checkout type"])
            .map(str::to_ascii_lowercase);
        let (username, first, last, full, email) = if checkout.as_deref() == Some("user") {
            (
                self.text(&["checked out to: username"], issues),
                self.text(&["checked out to: first name"], issues),
                self.text(&["checked out to: last name"], issues),
                None,
                self.text(&["checked out to: email"], issues),
            )
        } else if checkout.is_none() {
            (
                self.text(&["username"], issues),
                None,
                None,
                self.text(&["full name"], issues),
                self.text(&["email"], issues),
            )
        } else {
            return Ok((None, None));
        };
        let id = match (&username, &email) {
            (Some(u), _) => u.clone(),
            (None, Some(e)) => e.clone(),
            (None, None) if checkout.is_some() => {
                return Err("checked out to a user, but no username".into())
            }
            (None, None) => return Ok((None, None)),
        };
        let id = PersonId::new(&id).map_err(|e| format!("holder: {e}"))?;
        let name = full.or_else(|| {
            let n = [first, last]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            (!n.is_empty()).then_some(n)
        });
        let person = Person {
            id: id.clone(),
            name,
            email,
            address: None,
        };
        let assigned = Assigned {
            person: id,
            department: self.text(&["department"], issues),
            cost_centre: None,
        }
        .into();
        Ok((Some(person), Some(assigned)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn options() -> Options {
        Options {
            default_currency: Currency::new("USD").unwrap(),
            encoding: None,
            status_map: StatusMap::new(),
            now: Utc::now(),
        }
    }

    fn read_assets(text: &[u8]) -> Import {
        read(
            &Files {
                assets: ("a.csv", text),
                users: None,
                locations: None,
            },
            &options(),
        )
        .unwrap()
    }

    proptest! {
        /// Any bytes as an assets, users or locations file: rows or clear errors, never a panic.
        #[test]
        fn random_files_never_panic(
            header in prop::sample::subsequence(vec!["Asset Tag", "Purchase Date", "Purchase Cost", "Location", "Checkout Type", "Checked Out To: Username", "Model", "Status", "Warranty", "Username", ""], 0..11),
            body in prop::collection::vec(any::<u8>(), 0..400),
        ) {
            let mut bytes = header.join(",").into_bytes();
            bytes.push(b'\n');
            bytes.extend(body);
            let o = options();
            let _ = read(&Files { assets: ("a.csv", &bytes), users: Some(("u.csv", &bytes)), locations: Some(("l.csv", &bytes)) }, &o);
            let _ = read(&Files { assets: ("a.csv", &bytes), users: None, locations: None }, &o);
        }
    }

    #[test]
    fn dates_in_both_forms() {
        assert_eq!(parse_date("1/23/23"), NaiveDate::from_ymd_opt(2023, 1, 23));
        assert_eq!(
            parse_date("10/27/2028"),
            NaiveDate::from_ymd_opt(2028, 10, 27)
        );
        assert_eq!(
            parse_date("2023-01-23 10:00:00"),
            NaiveDate::from_ymd_opt(2023, 1, 23)
        );
        assert_eq!(parse_date("23.1.2023"), None);
        assert_eq!(parse_date("13/40/23"), None);
    }

    #[test]
    fn commas_only_as_thousands_separators() {
        assert_eq!(amount("1,299.00").unwrap(), "1299.00");
        assert_eq!(amount("$1,299.00").unwrap(), "1299.00");
        assert_eq!(amount("12,345,678").unwrap(), "12345678");
        assert!(amount("12,50").is_err());
        assert!(amount("1,2345.00").is_err());
        assert_eq!(amount("99.5").unwrap(), "99.5");
    }

    #[test]
    fn status_labels_by_type_and_common_names() {
        let of = StatusAction::of_label;
        assert_eq!(of("Ready to Deploy"), Some(StatusAction::None));
        assert_eq!(of("Deployed"), Some(StatusAction::None));
        assert_eq!(of("Lost/Stolen"), Some(StatusAction::Stolen));
        assert_eq!(of("Lost"), Some(StatusAction::Lost));
        assert_eq!(of("Archived"), Some(StatusAction::Retired));
        assert_eq!(of("Pending Diagnostics"), Some(StatusAction::Repair));
        assert_eq!(of("Out for Repair"), Some(StatusAction::Repair));
        assert_eq!(of("Undeployable"), Some(StatusAction::Repair));
        assert_eq!(of("Broken - Not Fixable"), Some(StatusAction::Repair));
        assert_eq!(of("On the moon"), None);
        let map = read_status_map("label,action\nOn the moon,lost\n").unwrap();
        assert_eq!(map.get("on the moon"), Some(&StatusAction::Lost));
        assert!(read_status_map("x,vanished\n").is_err());
    }

    #[test]
    fn a_bad_field_never_costs_the_asset_and_a_shifted_row_is_never_read() {
        let text = "Purchase Cost,,Asset Tag,Purchase Date,Location\r\
                    x,ignored,T-1,1/2/23,Berlin\u{81} HQ\r\
                    12.50,ignored,T-2,1/2/23,Paris\r\
                    12.50,extra,ignored,T-3,1/2/23,Rome\r";
        let i = read_assets(text.as_bytes());
        assert_eq!(i.assets, 2, "{:?} {:?}", i.skipped, i.issues);
        assert_eq!(i.skipped.len(), 1);
        assert!(
            i.skipped[0]
                .reason
                .contains("6 fields where the header has 5"),
            "{:?}",
            i.skipped
        );
        assert_eq!(i.skipped[0].line, 4);
        let reasons: Vec<&str> = i.issues.iter().map(|b| b.reason.as_str()).collect();
        assert!(
            reasons.iter().any(|r| r.contains("purchase cost 'x'")),
            "{reasons:?}"
        );
        assert!(
            reasons.iter().any(|r| r.contains("unreadable characters")),
            "{reasons:?}"
        );
        assert!(
            reasons
                .iter()
                .any(|r| r.contains("'Berlin HQ' has no known country")),
            "{reasons:?}"
        );
        // the column with no name, and columns not read, are kept in a note
        let note = i.events.iter().find_map(|e| match &e.event {
            Event::Note(n) => Some(n.text.clone()),
            _ => None,
        });
        assert!(note.is_none(), "a blank header is ignored");
    }
}
