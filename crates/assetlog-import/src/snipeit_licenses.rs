//! Snipe-IT's licenses: its licenses export (one row per license) or its
//! importer layout (one row per seat checked out, with the user's name,
//! e-mail and username). Each license becomes a `license_purchased` (its
//! seats, cost, term, manufacturer, order number, whether seats can be
//! reassigned), each checkout a `seat_assigned` to the user, an expiration
//! or termination already past a `license_expired` or `license_cancelled`.
//! Product keys go to the secrets table, never into an event.

use std::collections::BTreeMap;

use assetlog::event::{
    LicenseCancelled, LicenseExpired, LicenseKind, LicensePurchased, SeatAssigned,
};
use assetlog::{BadLine, Currency, EventId, Money, NewEvent, Person, PersonId};
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::snipeit::{amount, parse_date, read_sheet};

/// Licenses read from a Snipe-IT export, not yet written.
#[derive(Debug, Default)]
pub struct LicenseImport {
    /// Data rows read.
    pub rows: usize,
    /// Licenses found.
    pub licenses: usize,
    /// The events, each license's in time order.
    pub events: Vec<NewEvent>,
    /// Product keys by license tag (secrets: never events).
    pub keys: Vec<(String, String)>,
    /// The users seats are checked out to.
    pub people: Vec<Person>,
    /// Rows not imported, with why.
    pub skipped: Vec<BadLine>,
}

/// A license's tag from its name: `LIC-` and the name's letters and
/// digits, words joined by `-`, upper case.
pub fn license_tag(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_uppercase)
        .collect();
    let mut tag = format!("LIC-{}", words.join("-"));
    while tag.len() > 60 {
        tag.pop();
    }
    tag
}

fn event_id(tag: &str, what: &str) -> EventId {
    EventId(Uuid::new_v5(
        &Uuid::NAMESPACE_OID,
        format!(
            "assetlog:snipeit-license:{}:{what}",
            tag.to_ascii_lowercase()
        )
        .as_bytes(),
    ))
}

fn yes(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "1" | "yes" | "true" | "y" => Some(true),
        "0" | "no" | "false" | "n" => Some(false),
        _ => None,
    }
}

fn at_start(d: NaiveDate) -> DateTime<Utc> {
    d.and_hms_opt(0, 0, 0).expect("midnight").and_utc()
}

/// Read a licenses CSV (already decoded). Costs without a currency are in
/// `currency`; `today` decides which expirations are past.
pub fn read(text: &str, currency: Currency, today: NaiveDate) -> Result<LicenseImport, String> {
    let sheet = read_sheet(text)?;
    let name_columns: &[&str] = if sheet.columns.contains_key("item name") {
        &["item name"]
    } else {
        &["license", "license name", "name", "software name"]
    };
    let mut out = LicenseImport {
        rows: sheet.records.len(),
        ..LicenseImport::default()
    };
    // license name -> its rows (first row describes it)
    let mut by_name: BTreeMap<String, Vec<(u64, &csv::StringRecord)>> = BTreeMap::new();
    for (line, r) in &sheet.records {
        match sheet.get(r, name_columns) {
            Some(name) => by_name.entry(name.to_owned()).or_default().push((*line, r)),
            None => out.skipped.push(BadLine {
                line: *line,
                reason: "no license name".into(),
            }),
        }
    }
    let mut people: BTreeMap<String, Person> = BTreeMap::new();
    for (name, rows) in by_name {
        let (line, first) = rows[0];
        let tag = license_tag(&name);
        let get = |r: &csv::StringRecord, names: &[&str]| sheet.get(r, names).map(str::to_owned);
        let bought = get(first, &["purchase date"])
            .as_deref()
            .and_then(parse_date);
        let start = bought.unwrap_or(today);
        let expires = get(first, &["expiration date", "expires"])
            .as_deref()
            .and_then(parse_date)
            .filter(|d| *d > start);
        let terminated = get(first, &["termination date"])
            .as_deref()
            .and_then(parse_date);
        let seats = match get(first, &["seats", "total seats"]) {
            Some(s) => {
                let Ok(n) = s.replace(',', "").parse::<u32>() else {
                    out.skipped.push(BadLine {
                        line,
                        reason: format!("{name}: seats '{s}' is not a whole number from 0"),
                    });
                    continue;
                };
                n
            }
            None => 1,
        };
        let cost = match get(first, &["purchase cost", "cost"]) {
            Some(c) => match amount(&c)
                .and_then(|a| Money::parse_amount(&a, currency).map_err(|e| e.to_string()))
            {
                Ok(m) => m,
                Err(e) => {
                    out.skipped.push(BadLine {
                        line,
                        reason: format!("{name}: {e}"),
                    });
                    continue;
                }
            },
            None => Money::parse_amount("0", currency).expect("zero"),
        };
        let checkouts: Vec<(u64, PersonId)> = rows
            .iter()
            .filter_map(|(line, r)| {
                let who = get(r, &["username", "checked out to: username"])
                    .or_else(|| get(r, &["email", "checked out to: email"]))?;
                let id = PersonId::new(&who).ok()?;
                let person = people.entry(id.as_str().to_owned()).or_insert(Person {
                    id: id.clone(),
                    name: None,
                    email: None,
                    address: None,
                });
                if person.name.is_none() {
                    person.name =
                        get(r, &["name", "full name"]).filter(|_| name_columns[0] == "item name");
                }
                if person.email.is_none() {
                    person.email = get(r, &["email"]);
                }
                Some((*line, id))
            })
            .collect();
        out.licenses += 1;
        let occurred = at_start(start);
        let purchase = LicensePurchased {
            product: name.clone(),
            publisher: get(first, &["manufacturer"]),
            edition: None,
            kind: LicenseKind::PerUser,
            seats: Some(seats),
            term_start: start,
            term_end: expires,
            cost,
            order_ref: get(first, &["order number", "purchase_order", "purchase order"]),
            not_reassignable: get(first, &["reassignable"]).as_deref().and_then(yes) == Some(false),
            allow_overuse: false,
        };
        let mut e = NewEvent::new(tag.as_str(), purchase)
            .at(occurred)
            .by("snipeit");
        e.event_id = Some(event_id(&tag, "purchased"));
        out.events.push(e);
        let mut given = 0u32;
        for (line, person) in checkouts {
            if given >= seats {
                out.skipped.push(BadLine {
                    line,
                    reason: format!(
                        "{name}: more checkouts than its {seats} seats; {person} not assigned"
                    ),
                });
                continue;
            }
            given += 1;
            let mut e = NewEvent::new(
                tag.as_str(),
                SeatAssigned {
                    person: Some(person.clone()),
                    device: None,
                },
            )
            .at(occurred)
            .by("snipeit");
            e.event_id = Some(event_id(&tag, &format!("seat:{person}")));
            out.events.push(e);
        }
        if let Some(end) = terminated.filter(|d| *d >= start && *d < today) {
            let mut e = NewEvent::new(
                tag.as_str(),
                LicenseCancelled {
                    reason: Some("terminated".into()),
                },
            )
            .at(at_start(end))
            .by("snipeit");
            e.event_id = Some(event_id(&tag, "cancelled"));
            out.events.push(e);
        } else if let Some(end) = expires.filter(|d| *d < today) {
            let mut e = NewEvent::new(tag.as_str(), LicenseExpired {})
                .at(at_start(end.succ_opt().unwrap_or(end)))
                .by("snipeit");
            e.event_id = Some(event_id(&tag, "expired"));
            out.events.push(e);
        }
        if let Some(key) = get(first, &["product key", "serial number", "serial"]) {
            out.keys.push((tag.clone(), key));
        }
    }
    out.people = people.into_values().collect();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_importer_layout_gives_licenses_seats_and_keys() {
        let csv = "Name,Email,Username,Item name,serial number,manufacturer,purchase date,purchase cost,purchase_order,order number,Licensed To Name,Licensed to Email,expiration date,maintained,reassignable,seats,company,supplier,notes\n\
                   Helen Anderson,helen@example.com,handerson,Visio Pro,KEY-1,Microsoft,07/13/2025,$79.66,53008,PO-1,Helen,helen@example.com,07/12/2026,false,no,2,,,\n\
                   Bob Gibson,bob@example.com,bgibson,Visio Pro,KEY-1,Microsoft,07/13/2025,$79.66,53008,PO-1,,,07/12/2026,false,no,2,,,\n\
                   Ann Lee,ann@example.com,alee,Visio Pro,KEY-1,Microsoft,07/13/2025,$79.66,53008,PO-1,,,07/12/2026,false,no,2,,,\n\
                   ,,,Old Tool,KEY-2,Acme,01/05/2020,\"1,200.00\",,,,,01/04/2021,false,yes,5,,,\n";
        let r = read(csv, "USD".parse().unwrap(), "2026-01-01".parse().unwrap()).unwrap();
        assert_eq!(r.licenses, 2);
        assert_eq!(
            r.keys,
            [
                ("LIC-OLD-TOOL".to_owned(), "KEY-2".to_owned()),
                ("LIC-VISIO-PRO".to_owned(), "KEY-1".to_owned())
            ]
        );
        assert_eq!(
            r.skipped.len(),
            1,
            "three checkouts, two seats: {:?}",
            r.skipped
        );
        let types: Vec<&str> = r
            .events
            .iter()
            .map(|e| e.event.event_type().name())
            .collect();
        assert_eq!(
            types,
            [
                "license_purchased",
                "license_expired",
                "license_purchased",
                "seat_assigned",
                "seat_assigned"
            ]
        );
        assert_eq!(r.people.len(), 3);
        assert!(
            !r.events
                .iter()
                .any(|e| e.event.payload_json().contains("KEY-")),
            "keys never in events"
        );
    }
}
