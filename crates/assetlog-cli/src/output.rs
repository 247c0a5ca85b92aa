//! Output for people (aligned tables), scripts (`--json`) and spreadsheets (`--csv`).

use std::io::{self, IsTerminal, Write};
use std::time::{Duration, Instant};

use serde_json::Value;

/// How results are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
}

/// A titled table.
#[derive(Debug, Default)]
pub struct Table {
    pub title: Option<String>,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(headers: &[&str]) -> Self {
        Table {
            title: None,
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn titled(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }
}

/// What a command prints: tables for people and CSV, one JSON value for scripts.
pub struct Report {
    pub tables: Vec<Table>,
    pub json: Value,
    /// Lines printed after the tables (table format only).
    pub notes: Vec<String>,
}

impl Report {
    pub fn new(tables: Vec<Table>, json: Value) -> Self {
        Report {
            tables,
            json,
            notes: Vec::new(),
        }
    }

    pub fn note(mut self, line: impl Into<String>) -> Self {
        self.notes.push(line.into());
        self
    }

    pub fn print(&self, format: Format) -> io::Result<()> {
        let out = io::stdout();
        let mut out = out.lock();
        match format {
            Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&self.json)?)?,
            Format::Csv => {
                let mut w = csv::Writer::from_writer(&mut out);
                for (i, t) in self.tables.iter().enumerate() {
                    if i > 0 {
                        w.write_record(std::iter::empty::<&str>())?;
                    }
                    w.write_record(&t.headers)?;
                    for r in &t.rows {
                        w.write_record(r)?;
                    }
                }
                w.flush()?;
            }
            Format::Table => {
                for (i, t) in self.tables.iter().enumerate() {
                    if i > 0 {
                        writeln!(out)?;
                    }
                    write_table(&mut out, t)?;
                }
                for n in &self.notes {
                    writeln!(out, "{n}")?;
                }
            }
        }
        Ok(())
    }
}

fn width(s: &str) -> usize {
    s.chars().count()
}

fn write_table(out: &mut impl Write, t: &Table) -> io::Result<()> {
    if let Some(title) = &t.title {
        writeln!(out, "{title}")?;
    }
    if t.rows.is_empty() {
        return writeln!(out, "  (none)");
    }
    let mut widths: Vec<usize> = t.headers.iter().map(|h| width(h)).collect();
    for r in &t.rows {
        for (i, c) in r.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(width(c));
            }
        }
    }
    let line = |cells: &[String]| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            let w = widths.get(i).copied().unwrap_or(0);
            // numbers and money read better right-aligned
            let numeric = c.starts_with(|ch: char| ch.is_ascii_digit() || ch == '-')
                && c.chars()
                    .all(|ch| ch.is_ascii_digit() || " .,-ABCDEFGHIJKLMNOPQRSTUVWXYZ".contains(ch))
                && c.chars().next().is_some_and(|ch| ch.is_ascii_digit());
            let pad = w.saturating_sub(width(c));
            if numeric {
                s.push_str(&" ".repeat(pad));
                s.push_str(c);
            } else {
                s.push_str(c);
                s.push_str(&" ".repeat(pad));
            }
            if i + 1 < cells.len() {
                s.push_str("  ");
            }
        }
        s.trim_end().to_owned()
    };
    writeln!(out, "{}", line(&t.headers))?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    writeln!(out, "{}", line(&rule))?;
    for r in &t.rows {
        writeln!(out, "{}", line(r))?;
    }
    Ok(())
}

/// A progress line on stderr, shown only on a terminal and only for work
/// that has taken longer than a second.
pub struct Progress {
    what: String,
    total: u64,
    started: Instant,
    shown: bool,
    enabled: bool,
}

impl Progress {
    pub fn new(what: &str, total: u64) -> Self {
        Progress {
            what: what.to_owned(),
            total,
            started: Instant::now(),
            shown: false,
            enabled: io::stderr().is_terminal(),
        }
    }

    pub fn set(&mut self, done: u64) {
        if !self.enabled || self.started.elapsed() < Duration::from_secs(1) {
            return;
        }
        self.shown = true;
        let pct = (done * 100).checked_div(self.total).unwrap_or(100);
        let filled = (pct / 5) as usize;
        eprint!(
            "\r{} [{}{}] {pct:>3}% ({done}/{})",
            self.what,
            "#".repeat(filled),
            " ".repeat(20 - filled.min(20)),
            self.total
        );
    }

    pub fn finish(&mut self) {
        if self.shown {
            eprintln!();
        }
    }
}
