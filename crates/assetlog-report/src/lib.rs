//! The fleet report: one self-contained HTML page (inline CSS and SVG, no
//! scripts, no network requests, nothing beside it) with charts and tables
//! of a fleet as of a date.
//!
//! Every figure comes from the core's fleet queries ([`data::ReportData`]
//! gathers them); this crate only lays them out: [`charts`] draws them
//! with plotters, [`html`] writes the page. The same log and date give the
//! same bytes.
//!
//! ```
//! use assetlog::AssetLog;
//! use assetlog_report::{report_html, ReportOptions};
//!
//! let log = AssetLog::open_in_memory()?;
//! let page = report_html(&log, &ReportOptions::default())?;
//! assert!(page.starts_with("<!DOCTYPE html>"));
//! # Ok::<(), assetlog::Error>(())
//! ```

pub mod charts;
pub mod data;
pub mod html;

use chrono::NaiveDate;

use assetlog::{AssetLog, Currency, FxRates, Result};

/// What the report shows.
#[derive(Clone, Debug, Default)]
pub struct ReportOptions {
    /// The day the report describes (at its end); default today (UTC).
    pub as_of: Option<NaiveDate>,
    /// Convert money into this currency (needs `rates`); default: each
    /// currency on its own.
    pub currency: Option<Currency>,
    /// Exchange rates for `currency`.
    pub rates: Option<FxRates>,
    /// The depreciation book for book values and end of life; default the
    /// first book of the log (none: those sections say how to set one).
    pub book: Option<String>,
}

impl ReportOptions {
    /// Options as a command line or a binding receives them: the day as
    /// text (`YYYY-MM-DD`), a currency code, the path of a rates CSV
    /// (`date,from,to,rate`), a book name. A currency needs rates and rates
    /// a currency.
    pub fn from_text(
        as_of: Option<&str>,
        currency: Option<&str>,
        rates_csv: Option<&std::path::Path>,
        book: Option<String>,
    ) -> Result<Self> {
        if currency.is_some() != rates_csv.is_some() {
            return Err(assetlog::Error::InvalidValue {
                field: "currency".into(),
                input: currency.unwrap_or("").into(),
                reason: "converting needs both a currency and a rates file".into(),
            });
        }
        let rates = match rates_csv {
            Some(p) => {
                let text = std::fs::read_to_string(p).map_err(|e| assetlog::Error::Io {
                    reason: format!("cannot read the rates file {}: {e}", p.display()),
                })?;
                Some(FxRates::from_csv(&text)?)
            }
            None => None,
        };
        Ok(ReportOptions {
            as_of: as_of
                .map(|d| assetlog::time::parse_date("as_of", d))
                .transpose()?,
            currency: currency.map(str::parse).transpose()?,
            rates,
            book,
        })
    }
}

/// The report as one HTML page.
pub fn report_html(log: &AssetLog, options: &ReportOptions) -> Result<String> {
    let data = data::ReportData::gather(log, options)?;
    html::page(&data, options)
}

/// Write the report to a file (replaced if it exists).
pub fn write_report(
    log: &AssetLog,
    options: &ReportOptions,
    path: impl AsRef<std::path::Path>,
) -> Result<()> {
    let page = report_html(log, options)?;
    let path = path.as_ref();
    std::fs::write(path, page).map_err(|e| assetlog::Error::Io {
        reason: format!("cannot write {}: {e}", path.display()),
    })
}
