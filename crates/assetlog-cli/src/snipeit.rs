//! Snipe-IT exports (assets, users, locations) into events and people.
//!
//! Columns are found by header name, in any order; blank and repeated
//! header cells are ignored (the first of a name wins). Files may start
//! with a byte order mark, end lines with CR, CRLF or LF, and be UTF-8 or,
//! failing that, Latin-1 / Windows-1252 (reported). Every asset row becomes
//! `ordered` (purchase date and cost), `received` (its location) and, when
//! checked out to a user, `assigned`. Event ids are derived from the asset
//! tag, so importing the same file again adds nothing.

use std::collections::HashMap;

use assetlog::event::{Assigned, Ordered, Received, Relocated};
use assetlog::{AssetRef, Country, Currency, Event, EventId, Money, NewEvent, Person, PersonId};
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

/// A row that could not be read: its line and why.
pub use assetlog::BadLine as BadRow;

/// What reading the files produced.
#[derive(Debug, Default)]
pub struct Import {
    pub events: Vec<NewEvent>,
    pub people: Vec<Person>,
    pub assets: usize,
    pub rows: usize,
    pub bad: Vec<BadRow>,
    pub warnings: Vec<String>,
}

/// Decode a file's bytes: UTF-8 (BOM removed), else Latin-1 with a warning.
pub fn decode(name: &str, bytes: &[u8], warnings: &mut Vec<String>) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(e) => {
            warnings.push(format!(
                "{name} is not UTF-8 (first bad byte at offset {}); read it as Latin-1 / Windows-1252",
                e.valid_up_to()
            ));
            bytes.iter().map(|&b| char::from(b)).collect()
        }
    }
}

/// A CSV table read by header name.
struct Sheet {
    columns: HashMap<String, usize>,
    records: Vec<(u64, csv::StringRecord)>,
}

fn key(h: &str) -> String {
    h.trim().to_ascii_lowercase()
}

fn read_sheet(text: &str) -> Result<Sheet, String> {
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
    for (i, h) in headers.iter().enumerate() {
        let k = key(h);
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
    Ok(Sheet { columns, records })
}

impl Sheet {
    fn get<'r>(&self, r: &'r csv::StringRecord, name: &str) -> Option<&'r str> {
        self.columns
            .get(name)
            .and_then(|&i| r.get(i))
            .map(str::trim)
            .filter(|s| !s.is_empty())
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
        if let Some(name) = sheet.get(r, "name") {
            let place = Place {
                country: sheet.get(r, "country").and_then(|c| Country::new(c).ok()),
                currency: sheet.get(r, "currency").and_then(|c| Currency::new(c).ok()),
            };
            out.insert(name.to_ascii_lowercase(), place);
        }
    }
    Ok(out)
}

fn read_users(text: &str, bad: &mut Vec<BadRow>) -> Result<Vec<Person>, String> {
    let sheet = read_sheet(text)?;
    if !sheet.has("username") {
        return Err("the users file has no 'Username' column".into());
    }
    let mut people = Vec::new();
    for (line, r) in &sheet.records {
        let Some(username) = sheet.get(r, "username") else {
            bad.push(BadRow {
                line: *line,
                reason: "users file: no username".into(),
            });
            continue;
        };
        let id = match PersonId::new(username) {
            Ok(id) => id,
            Err(e) => {
                bad.push(BadRow {
                    line: *line,
                    reason: format!("users file: {e}"),
                });
                continue;
            }
        };
        let name = [sheet.get(r, "first name"), sheet.get(r, "last name")]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let address = ["address", "city", "state", "postal code", "country"]
            .iter()
            .filter_map(|c| sheet.get(r, c))
            .collect::<Vec<_>>()
            .join(", ");
        people.push(Person {
            id,
            name: (!name.is_empty()).then_some(name),
            email: sheet.get(r, "email").map(str::to_owned),
            address: (!address.is_empty()).then_some(address),
        });
    }
    Ok(people)
}

/// Snipe-IT dates: `1/23/23` (US, two- or four-digit year) or `2023-01-23`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
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

/// Snipe-IT writes US amounts: `1,299.00`. Commas are taken only as
/// thousands separators (groups of three); `12,50` is refused, not read as 1250.
fn thousands(s: &str) -> Result<String, String> {
    if !s.contains(',') {
        return Ok(s.to_owned());
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

/// Read the files into events and people. `default_currency` applies to
/// assets whose location has no currency.
pub fn read(
    assets: (&str, &[u8]),
    users: Option<(&str, &[u8])>,
    locations: Option<(&str, &[u8])>,
    default_currency: Currency,
    now: DateTime<Utc>,
) -> Result<Import, String> {
    let mut import = Import::default();
    let places = match locations {
        Some((name, bytes)) => read_locations(&decode(name, bytes, &mut import.warnings))
            .map_err(|e| format!("{name}: {e}"))?,
        None => HashMap::new(),
    };
    if let Some((name, bytes)) = users {
        let mut bad = Vec::new();
        import.people = read_users(&decode(name, bytes, &mut import.warnings), &mut bad)
            .map_err(|e| format!("{name}: {e}"))?;
        import.bad.extend(bad);
    }
    let (name, bytes) = assets;
    let sheet = read_sheet(&decode(name, bytes, &mut import.warnings))
        .map_err(|e| format!("{name}: {e}"))?;
    if !sheet.has("asset tag") {
        return Err(format!(
            "{name}: no 'Asset Tag' column; is this a Snipe-IT assets export?"
        ));
    }
    let mut seen_people: std::collections::HashSet<String> =
        import.people.iter().map(|p| p.id.to_string()).collect();
    let mut seen_tags: HashMap<String, u64> = HashMap::new();
    for (line, r) in &sheet.records {
        import.rows += 1;
        match asset_row(&sheet, r, &places, default_currency, now) {
            Ok((events, person)) => {
                let tag = events[0].asset.to_string().to_ascii_lowercase();
                if let Some(first) = seen_tags.insert(tag.clone(), *line) {
                    import.bad.push(BadRow {
                        line: *line,
                        reason: format!("asset tag '{}' is also on line {first}", events[0].asset),
                    });
                    continue;
                }
                if let Some(p) = person {
                    if seen_people.insert(p.id.to_string()) {
                        import.people.push(p);
                    }
                }
                import.assets += 1;
                import.events.extend(events);
            }
            Err(reason) => import.bad.push(BadRow {
                line: *line,
                reason,
            }),
        }
    }
    Ok(import)
}

fn asset_row(
    sheet: &Sheet,
    r: &csv::StringRecord,
    places: &HashMap<String, Place>,
    default_currency: Currency,
    now: DateTime<Utc>,
) -> Result<(Vec<NewEvent>, Option<Person>), String> {
    let tag = sheet.get(r, "asset tag").ok_or("no asset tag")?;
    assetlog::ids::check_tag(tag).map_err(|e| e.to_string())?;
    let purchased = sheet.get(r, "purchase date").ok_or("no purchase date")?;
    let day = parse_date(purchased)
        .ok_or_else(|| format!("purchase date '{purchased}' is not m/d/yy or YYYY-MM-DD"))?;
    let at = assetlog::time::start_of_day(day) + chrono::Duration::hours(9);
    if at > now {
        return Err(format!("purchase date {day} is in the future"));
    }
    let location = sheet.get(r, "location");
    let place = location.and_then(|l| places.get(&l.to_ascii_lowercase()));
    let currency = place.and_then(|p| p.currency).unwrap_or(default_currency);
    let cost_text = sheet.get(r, "purchase cost").unwrap_or("0");
    let cost = Money::parse_amount(&thousands(cost_text)?, currency)
        .map_err(|e| format!("purchase cost: {e}"))?;
    let vendor = sheet
        .get(r, "supplier")
        .or_else(|| sheet.get(r, "manufacturer"))
        .unwrap_or("unknown");
    let model = sheet
        .get(r, "model")
        .or_else(|| sheet.get(r, "model number"))
        .unwrap_or("unknown");
    let make = |what: &str, e: Event| NewEvent {
        event_id: Some(event_id(tag, what)),
        occurred_at: Some(at),
        actor: "snipeit-import".into(),
        // another tool's data: duplicates are kept and listed by `duplicates`
        allow_duplicate_serial: true,
        ..NewEvent::new(AssetRef::Tag(tag.to_owned()), e)
    };
    let mut events = vec![
        make(
            "ordered",
            Ordered {
                category: sheet
                    .get(r, "category")
                    .unwrap_or("uncategorized")
                    .to_owned(),
                vendor: vendor.to_owned(),
                model: model.to_owned(),
                serial: sheet.get(r, "serial").map(str::to_owned),
                unit_cost: cost,
                order_ref: sheet.get(r, "order number").map(str::to_owned),
                warranty_end: None,
            }
            .into(),
        ),
        make(
            "received",
            Received {
                location: location.unwrap_or("unknown location").to_owned(),
                country: place.and_then(|p| p.country),
                serial: None,
            }
            .into(),
        ),
    ];
    let mut person = None;
    match sheet
        .get(r, "checkout type")
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("user") => {
            let username = sheet
                .get(r, "checked out to: username")
                .ok_or("checked out to a user, but no username")?;
            let id = PersonId::new(username).map_err(|e| e.to_string())?;
            let name = [
                sheet.get(r, "checked out to: first name"),
                sheet.get(r, "checked out to: last name"),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
            person = Some(Person {
                id: id.clone(),
                name: (!name.is_empty()).then_some(name),
                email: sheet.get(r, "checked out to: email").map(str::to_owned),
                address: None,
            });
            events.push(make(
                "assigned",
                Assigned {
                    person: id,
                    department: sheet.get(r, "company").map(str::to_owned),
                    cost_centre: None,
                }
                .into(),
            ));
        }
        Some("location") => {
            if let Some(to) = sheet.get(r, "checked out to: location") {
                let to_place = places.get(&to.to_ascii_lowercase());
                events.push(make(
                    "relocated",
                    Relocated {
                        location: to.to_owned(),
                        country: to_place.and_then(|p| p.country),
                    }
                    .into(),
                ));
            }
        }
        _ => {}
    }
    for e in &events {
        e.validate().map_err(|e| e.to_string())?;
    }
    Ok((events, person))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any bytes as an assets, users or locations file: rows or clear errors, never a panic.
        #[test]
        fn random_files_never_panic(
            header in prop::sample::subsequence(vec!["Asset Tag", "Purchase Date", "Purchase Cost", "Location", "Checkout Type", "Checked Out To: Username", "Model", ""], 0..8),
            body in prop::collection::vec(any::<u8>(), 0..400),
        ) {
            let mut bytes = header.join(",").into_bytes();
            bytes.push(b'\n');
            bytes.extend(body);
            let usd = Currency::new("USD").unwrap();
            let now = Utc::now();
            let _ = read(("a.csv", &bytes), Some(("u.csv", &bytes)), Some(("l.csv", &bytes)), usd, now);
            let _ = read(("a.csv", &bytes), None, None, usd, now);
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
            parse_date("2023-01-23"),
            NaiveDate::from_ymd_opt(2023, 1, 23)
        );
        assert_eq!(parse_date("23.1.2023"), None);
        assert_eq!(parse_date("13/40/23"), None);
    }

    #[test]
    fn commas_only_as_thousands_separators() {
        assert_eq!(thousands("1,299.00").unwrap(), "1299.00");
        assert_eq!(thousands("12,345,678").unwrap(), "12345678");
        assert!(thousands("12,50").is_err());
        assert!(thousands("1,2345.00").is_err());
        assert_eq!(thousands("99.5").unwrap(), "99.5");
    }

    #[test]
    fn latin1_is_read_and_reported() {
        let mut w = Vec::new();
        assert_eq!(decode("f.csv", b"caf\xe9", &mut w), "café");
        assert_eq!(w.len(), 1);
        assert_eq!(decode("f.csv", b"\xEF\xBB\xBFok", &mut w), "ok");
    }

    #[test]
    fn columns_in_any_order_blank_headers_and_cr_line_ends() {
        let text = "Purchase Cost,,Asset Tag,Purchase Date\rx,ignored,T-1,1/2/23\r";
        let usd = Currency::new("USD").unwrap();
        let now = Utc::now();
        let i = read(("a.csv", text.as_bytes()), None, None, usd, now).unwrap();
        assert_eq!(i.bad.len(), 1, "{:?}", i.bad);
        assert!(i.bad[0].reason.contains("purchase cost"));
        let text = "Purchase Cost,,Asset Tag,Purchase Date\r12.50,ignored,T-1,1/2/23\r";
        let i = read(("a.csv", text.as_bytes()), None, None, usd, now).unwrap();
        assert!(i.bad.is_empty(), "{:?}", i.bad);
        assert_eq!(i.events.len(), 2);
    }
}
