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
                // one CSV block per table, a blank line between them
                for (i, t) in self.tables.iter().enumerate() {
                    if i > 0 {
                        writeln!(out)?;
                    }
                    let mut w = csv::WriterBuilder::new()
                        .flexible(true)
                        .from_writer(&mut out);
                    w.write_record(&t.headers).map_err(csv_io)?;
                    for r in &t.rows {
                        w.write_record(r).map_err(csv_io)?;
                    }
                    w.flush()?;
                }
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

/// A CSV error as the I/O error under it (so a closed pipe stays quiet).
fn csv_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Numbers for people: thousands separated (`1,234,567.89 EUR`) when they
/// have five digits or more before the point, or are money; years, days
/// and small counts stay as they are. Tables only: CSV and JSON keep the
/// plain form.
fn for_people(cell: &str) -> String {
    let (number, unit) = match cell.split_once(' ') {
        Some((n, u)) if u.len() == 3 && u.bytes().all(|b| b.is_ascii_uppercase()) => (n, Some(u)),
        _ => (cell, None),
    };
    let (sign, digits) = number.strip_prefix('-').map_or(("", number), |d| ("-", d));
    let (int, frac) = digits
        .split_once('.')
        .map_or((digits, None), |(i, f)| (i, Some(f)));
    let plain = !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| f.bytes().all(|b| b.is_ascii_digit()));
    let money = unit.is_some() || frac.is_some_and(|f| f.len() == 2);
    if !plain || (int.len() < 5 && !money) || int.len() < 4 {
        return cell.to_owned();
    }
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let mut out = format!("{sign}{grouped}");
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    if let Some(u) = unit {
        out.push(' ');
        out.push_str(u);
    }
    out
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
    let rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| r.iter().map(|c| for_people(c)).collect())
        .collect();
    let mut widths: Vec<usize> = t.headers.iter().map(|h| width(h)).collect();
    for r in &rows {
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
    for r in &rows {
        writeln!(out, "{}", line(r))?;
    }
    Ok(())
}

/// A progress line on stderr, shown only on a terminal and only for work
/// that has taken longer than a second; redrawn when the percentage moves.
pub struct Progress {
    what: String,
    total: u64,
    started: Instant,
    shown: Option<u64>,
    enabled: bool,
}

impl Progress {
    pub fn new(what: &str, total: u64) -> Self {
        Progress {
            what: what.to_owned(),
            total,
            started: Instant::now(),
            shown: None,
            enabled: io::stderr().is_terminal(),
        }
    }

    /// `done` of `total`, when the total is learnt on the way.
    pub fn update(&mut self, done: u64, total: u64) {
        self.total = total;
        self.set(done);
    }

    pub fn set(&mut self, done: u64) {
        if !self.enabled {
            return;
        }
        let pct = (done.min(self.total) * 100)
            .checked_div(self.total)
            .unwrap_or(100);
        if self.shown == Some(pct) || self.started.elapsed() < Duration::from_secs(1) {
            return;
        }
        self.shown = Some(pct);
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
        if self.shown.is_some() {
            eprintln!();
        }
    }
}

/// A reader that moves a progress bar by the bytes read of a known size.
pub struct ReadProgress<'p, R> {
    pub inner: R,
    pub done: u64,
    pub total: u64,
    pub bar: &'p mut Progress,
}

impl<R: io::Read> io::Read for ReadProgress<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.done += n as u64;
        self.bar.update(self.done, self.total);
        Ok(n)
    }
}

/// A writer that moves a progress bar by the lines (events) written.
pub struct WriteProgress<'p, W> {
    pub inner: W,
    pub lines: u64,
    pub total: u64,
    pub bar: &'p mut Progress,
}

impl<W: io::Write> io::Write for WriteProgress<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.lines += buf[..n].split(|b| *b == b'\n').count() as u64 - 1;
        self.bar.update(self.lines, self.total);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::for_people;

    #[test]
    fn numbers_for_people_group_thousands_only_where_it_helps() {
        assert_eq!(for_people("1234567.89"), "1,234,567.89");
        assert_eq!(for_people("133289.59 USD"), "133,289.59 USD");
        assert_eq!(for_people("152000 JPY"), "152,000 JPY");
        assert_eq!(for_people("-1400.00 EUR"), "-1,400.00 EUR");
        assert_eq!(for_people("2024"), "2024");
        assert_eq!(for_people("12345"), "12,345");
        assert_eq!(for_people("2024-03-15"), "2024-03-15");
        assert_eq!(for_people("emp-10003"), "emp-10003");
        assert_eq!(for_people("4.0"), "4.0");
        assert_eq!(for_people("999.00 EUR"), "999.00 EUR");
    }
}
