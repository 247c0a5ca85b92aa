//! Ticketing exports (CSV) into `ticket_opened` and `ticket_closed`.
//!
//! The column names of Jira, Zendesk, Freshservice and GLPI exports are
//! recognized (ASCII case ignored); a caller may name others
//! ([`Columns::set`]). A ticket lands on the asset named in its asset
//! column, by tag or by serial; tickets naming no known asset are listed.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// The fields a ticket needs, and the columns they may come from.
#[derive(Clone, Debug)]
pub struct Columns {
    fields: Vec<(&'static str, Vec<String>)>,
}

/// The recognized names, field by field (Jira, Zendesk, Freshservice, GLPI).
const KNOWN: &[(&str, &[&str])] = &[
    (
        "id",
        &[
            "issue key",
            "key",
            "ticket id",
            "id",
            "ticket number",
            "number",
        ],
    ),
    ("summary", &["summary", "subject", "title", "name"]),
    (
        "created",
        &[
            "created",
            "created at",
            "created time",
            "opening date",
            "date of creation",
            "requested",
            "opened",
        ],
    ),
    (
        "resolved",
        &[
            "resolved",
            "solved at",
            "resolved time",
            "resolved at",
            "closed time",
            "closed at",
            "closing date",
            "resolution date",
            "solve date",
            "closed",
        ],
    ),
    (
        "asset",
        &[
            "asset",
            "assets",
            "asset tag",
            "associated assets",
            "custom field (asset tag)",
            "custom field (asset)",
            "items",
            "associated element",
            "associated items",
            "linked items",
            "hardware",
            "device",
            "serial",
            "serial number",
        ],
    ),
    (
        "cost",
        &["cost", "total cost", "costs", "custom field (cost)"],
    ),
    ("currency", &["currency", "cost currency"]),
    ("resolution", &["resolution", "solution", "resolution note"]),
];

impl Default for Columns {
    fn default() -> Self {
        Columns {
            fields: KNOWN
                .iter()
                .map(|(f, names)| (*f, names.iter().map(|n| (*n).to_owned()).collect()))
                .collect(),
        }
    }
}

impl Columns {
    /// The recognized names, with `field=column` pairs read first.
    pub fn mapped<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> assetlog::Result<Self> {
        let mut c = Columns::default();
        for (field, column) in pairs {
            c.set(field, column)
                .map_err(|reason| assetlog::Error::InvalidValue {
                    field: "map".into(),
                    input: format!("{field}={column}"),
                    reason,
                })?;
        }
        Ok(c)
    }

    /// Read `field` from the column `column` first (`field=Column` of the
    /// command line). Fields: id, summary, created, resolved, asset, cost,
    /// currency, resolution.
    pub fn set(&mut self, field: &str, column: &str) -> Result<(), String> {
        let f = self
            .fields
            .iter_mut()
            .find(|(f, _)| f.eq_ignore_ascii_case(field.trim()))
            .ok_or_else(|| {
                format!("'{field}' is not a ticket field: id, summary, created, resolved, asset, cost, currency, resolution")
            })?;
        f.1.insert(0, column.trim().to_ascii_lowercase());
        Ok(())
    }

    /// The column index of each field found in a header.
    fn find(&self, header: &csv::StringRecord) -> HashMap<&'static str, usize> {
        let names: Vec<String> = header
            .iter()
            .map(|h| h.trim().to_ascii_lowercase())
            .collect();
        self.fields
            .iter()
            .filter_map(|(f, candidates)| {
                candidates
                    .iter()
                    .find_map(|c| names.iter().position(|n| n == c))
                    .map(|i| (*f, i))
            })
            .collect()
    }
}

/// One ticket as read.
#[derive(Clone, Debug)]
pub struct Ticket {
    /// Its line in the file.
    pub line: u64,
    pub id: String,
    pub summary: Option<String>,
    pub created: DateTime<Utc>,
    pub resolved: Option<DateTime<Utc>>,
    /// What the asset column says (tags or serials, comma-separated).
    pub asset: String,
    /// Amount as written, and its currency if a column gives one.
    pub cost: Option<(String, Option<String>)>,
    pub resolution: Option<String>,
}

/// Ticketing tools' date forms: RFC 3339, `2024-03-22 10:15:00 +0100`,
/// `2024-03-22 10:15:00`, `2024-03-22 10:15`, `2024-03-22`, Jira's
/// `22/Mar/24 10:15 AM`, and US `3/22/2024 10:15`. Without a zone: UTC.
pub fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.to_utc());
    }
    for f in ["%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z"] {
        if let Ok(t) = DateTime::parse_from_str(s, f) {
            return Some(t.to_utc());
        }
    }
    for f in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%d/%b/%y %I:%M %p",
        "%d/%b/%Y %I:%M %p",
        "%m/%d/%Y %H:%M",
        "%m/%d/%Y %H:%M:%S",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some(t.and_utc());
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
}

/// Read the tickets of a CSV export; rows that cannot be read are
/// returned with their line and why.
pub fn read(
    text: &str,
    columns: &Columns,
) -> Result<(Vec<Ticket>, Vec<assetlog::BadLine>), String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = rdr
        .headers()
        .map_err(|e| format!("cannot read the header line: {e}"))?
        .clone();
    let at = columns.find(&header);
    for need in ["id", "created", "asset"] {
        if !at.contains_key(need) {
            return Err(format!(
                "no {need} column (looked for {}); name it with --map {need}=COLUMN",
                KNOWN
                    .iter()
                    .find(|(f, _)| *f == need)
                    .map(|(_, n)| n.join(", "))
                    .unwrap_or_default()
            ));
        }
    }
    let mut tickets = Vec::new();
    let mut bad = Vec::new();
    for r in rdr.records() {
        let r = r.map_err(|e| format!("CSV error: {e}"))?;
        let line = r.position().map_or(0, csv::Position::line);
        if r.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if r.len() != header.len() {
            bad.push(assetlog::BadLine {
                line,
                reason: format!(
                    "{} fields where the header has {}: not read, rather than read into the wrong columns",
                    r.len(),
                    header.len()
                ),
            });
            continue;
        }
        let get = |f: &str| {
            at.get(f)
                .and_then(|&i| r.get(i))
                .map(|v| crate::text::clean(v.trim()).0)
                .filter(|v| !v.is_empty())
        };
        let Some(id) = get("id") else {
            bad.push(assetlog::BadLine {
                line,
                reason: "no ticket id".into(),
            });
            continue;
        };
        let Some(created) = get("created").as_deref().and_then(parse_time) else {
            bad.push(assetlog::BadLine {
                line,
                reason: format!(
                    "ticket {id}: created '{}' is not a date and time",
                    get("created").unwrap_or_default()
                ),
            });
            continue;
        };
        let resolved = match get("resolved") {
            None => None,
            Some(t) => {
                if let Some(t) = parse_time(&t) {
                    Some(t)
                } else {
                    bad.push(assetlog::BadLine {
                        line,
                        reason: format!("ticket {id}: resolved '{t}' is not a date and time"),
                    });
                    continue;
                }
            }
        };
        tickets.push(Ticket {
            line,
            summary: get("summary"),
            created,
            resolved,
            asset: get("asset").unwrap_or_default(),
            cost: get("cost").map(|c| (c, get("currency"))),
            resolution: get("resolution"),
            id,
        });
    }
    Ok((tickets, bad))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any text under a recognized header: tickets or reported rows, never a panic.
        #[test]
        fn random_exports_never_panic(body in ".{0,300}", dates in prop::collection::vec("[0-9/: APMa-z-]{0,20}", 0..5)) {
            let text = format!("Issue key,Created,Resolved,Asset,Cost\n{body}\n{}\n", dates.join(","));
            let _ = read(&text, &Columns::default());
            for d in &dates {
                let _ = parse_time(d);
            }
        }
    }

    #[test]
    fn the_date_forms_of_ticketing_tools() {
        let t = |s: &str| parse_time(s).map(|t| t.to_rfc3339());
        let want = Some("2024-03-22T10:15:00+00:00".to_owned());
        assert_eq!(t("2024-03-22T10:15:00Z"), want);
        assert_eq!(t("2024-03-22 11:15:00 +0100"), want);
        assert_eq!(t("2024-03-22 10:15:00"), want);
        assert_eq!(t("2024-03-22 10:15"), want);
        assert_eq!(t("22/Mar/24 10:15 AM"), want);
        assert_eq!(t("3/22/2024 10:15"), want);
        assert_eq!(t("yesterday"), None);
    }

    #[test]
    fn columns_by_the_names_of_each_tool_or_as_mapped() {
        let cols = Columns::default();
        for header in [
            "Issue key,Summary,Created,Resolved,Custom field (Asset Tag)",
            "Id,Subject,Created at,Solved at,Asset tag",
            "Ticket Id,Subject,Created Time,Resolved Time,Associated Assets",
            "ID,Title,Opening date,Closing date,Items",
        ] {
            let (t, bad) = read(
                &format!("{header}\nT-1,Broken,2024-03-22 10:15,,LAP-1\n"),
                &cols,
            )
            .unwrap();
            assert_eq!((t.len(), bad.len()), (1, 0), "{header}");
            assert_eq!(t[0].asset, "LAP-1");
        }
        let e = read("Ref,When,Thing\nT-1,2024-03-22,LAP-1\n", &cols).unwrap_err();
        assert!(e.contains("no id column"), "{e}");
        let mut mapped = Columns::default();
        mapped.set("id", "Ref").unwrap();
        mapped.set("created", "When").unwrap();
        mapped.set("asset", "Thing").unwrap();
        let (t, _) = read("Ref,When,Thing\nT-1,2024-03-22,LAP-1\n", &mapped).unwrap();
        assert_eq!(t[0].id, "T-1");
        assert!(mapped.set("colour", "x").is_err());
    }
}
