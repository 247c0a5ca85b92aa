//! The page: a header with the headline figures, one section per chart
//! (each with its numbers in a table below it), then the lists to act on.
//! Inline CSS only; it prints one section per page area and reads on a
//! phone (charts scale to the screen width).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use chrono::NaiveDate;

use assetlog::{Currency, Money, Result, Status};

use crate::charts::{self, Axes, Series};
use crate::data::{self, ReportData};
use crate::ReportOptions;

const STYLE: &str = "
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; margin: 0 auto;
  max-width: 1100px; padding: 1rem; color: #1b1b1b; background: #fff; line-height: 1.4; }
h1 { font-size: 1.6rem; margin: .2rem 0; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 .4rem; border-bottom: 2px solid #0072b2; }
.lead { color: #555; margin: 0 0 1rem; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: .6rem; }
.figures div { border: 1px solid #ddd; border-radius: 6px; padding: .5rem .7rem; }
.figures b { display: block; font-size: 1.4rem; }
figure.chart { margin: .5rem 0 1rem; break-inside: avoid; }
.multiples { display: grid; grid-template-columns: repeat(auto-fit, minmax(26rem, 1fr)); gap: 0 1rem; }
.multiples figure.chart { margin: .3rem 0; }
figure.chart svg { display: block; width: 100%; height: auto; }
figcaption { color: #555; font-size: .9rem; }
details { margin: .3rem 0 1rem; }
summary { cursor: pointer; color: #0072b2; }
table { border-collapse: collapse; font-size: .85rem; margin: .3rem 0; }
th, td { border-bottom: 1px solid #e3e3e3; padding: .2rem .5rem; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.scroll { overflow-x: auto; }
.note { color: #555; font-size: .9rem; }
@media print { body { max-width: none; } details { display: block; } summary { display: none; }
  section { break-inside: avoid-page; } }
";

/// Escape text for HTML.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A money amount as a number for a chart (in the currency's units).
fn units(m: Money) -> f64 {
    m.minor() as f64 / 10f64.powi(m.currency().exponent() as i32)
}

/// A money amount with thousands separators and its currency.
fn money(m: Money) -> String {
    let digits = m.currency().exponent() as usize;
    let v = units(m);
    let whole = charts::thousands(v.trunc());
    if digits == 0 {
        format!("{whole} {}", m.currency())
    } else {
        let frac = format!("{:.*}", digits, v.abs().fract());
        format!(
            "{}{whole}{} {}",
            if v < 0.0 && v.trunc() == 0.0 { "-" } else { "" },
            &frac[1..],
            m.currency()
        )
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// A table of rows (already text); numeric columns right-aligned.
fn table(headers: &[&str], numeric: &[bool], rows: &[Vec<String>]) -> String {
    let mut t = String::from("<div class=\"scroll\"><table><thead><tr>");
    for (i, h) in headers.iter().enumerate() {
        let class = if numeric.get(i) == Some(&true) {
            " class=\"n\""
        } else {
            ""
        };
        let _ = write!(t, "<th{class}>{}</th>", esc(h));
    }
    t.push_str("</tr></thead><tbody>");
    for r in rows {
        t.push_str("<tr>");
        for (i, c) in r.iter().enumerate() {
            let class = if numeric.get(i) == Some(&true) {
                " class=\"n\""
            } else {
                ""
            };
            let _ = write!(t, "<td{class}>{}</td>", esc(c));
        }
        t.push_str("</tr>");
    }
    t.push_str("</tbody></table></div>");
    t
}

/// A chart with its caption and its numbers in a table below.
fn figure(id: &str, svg: &str, caption: &str, numbers: &str) -> String {
    format!(
        "<div class=\"panel\"><figure class=\"chart\" id=\"{id}\">{svg}<figcaption>{}</figcaption></figure>\
         <details><summary>The numbers</summary>{numbers}</details></div>",
        esc(caption)
    )
}

/// A list to act on: the first `limit` rows, and how many there are.
fn listing(
    id: &str,
    title: &str,
    headers: &[&str],
    numeric: &[bool],
    rows: Vec<Vec<String>>,
) -> String {
    const LIMIT: usize = 50;
    let n = rows.len();
    let shown: Vec<Vec<String>> = rows.into_iter().take(LIMIT).collect();
    let more = if n > LIMIT {
        format!("<p class=\"note\">The first {LIMIT} of {n}; the command line lists them all.</p>")
    } else {
        String::new()
    };
    let body = if n == 0 {
        "<p class=\"note\">None.</p>".to_owned()
    } else {
        table(headers, numeric, &shown)
    };
    format!(
        "<section id=\"{id}\"><h2>{} ({n})</h2>{body}{more}</section>",
        esc(title)
    )
}

/// Convert when asked: each amount at the rate of its day.
fn convert(m: Money, on: NaiveDate, o: &ReportOptions) -> Result<Money> {
    match (&o.currency, &o.rates) {
        (Some(to), Some(fx)) => fx.convert(m, *to, on),
        _ => Ok(m),
    }
}

/// Write the page.
pub fn page(d: &ReportData, o: &ReportOptions) -> Result<String> {
    let mut body = String::new();
    let on = d.on;
    // headline figures
    let in_service: u64 = d
        .counts
        .by_status
        .iter()
        .filter(|(s, _)| !matches!(s, Status::Ordered | Status::Lost | Status::Retired))
        .map(|(_, n)| n)
        .sum();
    let assigned = d
        .counts
        .by_status
        .get(&Status::Assigned)
        .copied()
        .unwrap_or(0);
    let _ = write!(
        body,
        "<header><h1>Fleet report</h1><p class=\"lead\">As of the end of {on} (UTC). \
         Every figure comes from the assetlog event log as it stood then.</p>\
         <div class=\"figures\"><div>Assets<b>{}</b></div><div>In service<b>{}</b></div>\
         <div>Assigned<b>{}</b></div><div>Overdue returns<b>{}</b></div>\
         <div>Unpatched {} days<b>{}</b></div><div>Warranties ending in {} days<b>{}</b></div></div></header>",
        charts::thousands(d.counts.total as f64),
        charts::thousands(in_service as f64),
        charts::thousands(assigned as f64),
        d.overdue.len(),
        data::UNPATCHED_DAYS,
        d.unpatched.len(),
        data::WARRANTY_DAYS,
        d.warranty.len()
    );

    body.push_str(&status_by_country(d));
    body.push_str(&utilization(d));
    body.push_str(&ages(d));
    body.push_str(&spend(d, o)?);
    body.push_str(&books(d, o)?);
    body.push_str(&vendors(d));
    body.push_str(&licenses(d));
    body.push_str(&lists(d));

    Ok(format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Fleet report {on}</title><style>{STYLE}</style></head>\
         <body>{body}<footer class=\"note\"><p>Made by assetlog. Charts: plotters (SVG).</p></footer>\
         </body></html>\n"
    ))
}

fn licenses(d: &ReportData) -> String {
    if d.licenses.is_empty() {
        return String::new();
    }
    let labels: Vec<String> = d.licenses.iter().map(|l| l.product.clone()).collect();
    let owned = Series {
        name: "owned".into(),
        values: d
            .licenses
            .iter()
            .map(|l| l.seats.map_or(f64::from(l.seats_used), f64::from))
            .collect(),
    };
    let used = Series {
        name: "in use".into(),
        values: d.licenses.iter().map(|l| f64::from(l.seats_used)).collect(),
    };
    let svg = charts::paired_bars(
        &Axes {
            title: "License seats owned and in use",
            x: "product",
            y: "seats",
        },
        &labels,
        [&owned, &used],
    );
    let rows: Vec<Vec<String>> = d
        .licenses
        .iter()
        .map(|l| {
            vec![
                l.product.clone(),
                l.tag.clone(),
                l.status.name().to_owned(),
                l.seats
                    .map_or_else(|| "unlimited".into(), |s| charts::thousands(f64::from(s))),
                charts::thousands(f64::from(l.seats_used)),
                l.seats_free
                    .map_or_else(|| "unlimited".into(), |s| charts::thousands(f64::from(s))),
                l.term_end
                    .map_or_else(|| "perpetual".into(), |e| e.to_string()),
                l.term_cost.to_string(),
            ]
        })
        .collect();
    let numbers = table(
        &[
            "product",
            "license",
            "status",
            "seats",
            "in use",
            "free",
            "term ends",
            "term cost",
        ],
        &[false, false, false, true, true, true, false, true],
        &rows,
    );
    let seats = figure(
        "license-seats",
        &svg,
        "Seats owned and in use, per license",
        &numbers,
    );
    // renewals by month, and their budget
    let mut by_month: std::collections::BTreeMap<String, Vec<String>> =
        std::collections::BTreeMap::new();
    for l in &d.renewals.licenses {
        if let Some(end) = l.term_end {
            by_month
                .entry(end.format("%Y-%m").to_string())
                .or_default()
                .push(format!("{} ({})", l.product, l.term_cost));
        }
    }
    let renewal_rows: Vec<Vec<String>> = by_month
        .into_iter()
        .map(|(month, items)| vec![month, items.join(", ")])
        .collect();
    let budget: Vec<String> = d.renewals.budget.iter().map(ToString::to_string).collect();
    let renewals = format!(
        "<h3>Renewals in the next twelve months</h3>{}<p class=\"note\">Renewal budget: {}.</p>",
        table(&["month", "renewing"], &[false, false], &renewal_rows),
        if budget.is_empty() {
            "none".to_owned()
        } else {
            esc(&budget.join(", "))
        }
    );
    let compliance_rows: Vec<Vec<String>> = d
        .compliance
        .iter()
        .map(|c| {
            vec![
                c.product.clone(),
                c.seats
                    .map_or_else(|| "unlimited".into(), |s| charts::thousands(f64::from(s))),
                charts::thousands(f64::from(c.installations)),
                charts::thousands(f64::from(c.licensed)),
                charts::thousands(c.unlicensed.len() as f64),
                charts::thousands(f64::from(c.shelfware)),
            ]
        })
        .collect();
    let compliance = format!(
        "<h3>Installed against owned</h3>{}<p class=\"note\">Unlicensed: installed where no seat covers it \
         (<code>assetlog compliance</code> names the devices). Shelfware: seats paid for with nothing installed.</p>",
        table(
            &["product", "seats", "installed", "licensed", "unlicensed", "shelfware"],
            &[false, true, true, true, true, true],
            &compliance_rows,
        )
    );
    format!(
        "<section id=\"licenses\"><h2>Licenses and subscriptions</h2>{seats}{renewals}{compliance}</section>"
    )
}

fn status_by_country(d: &ReportData) -> String {
    let countries: BTreeSet<&String> = d
        .counts
        .by_status_country
        .values()
        .flat_map(|m| m.keys())
        .collect();
    let labels: Vec<String> = countries
        .iter()
        .map(|c| {
            if c.is_empty() {
                "none".to_owned()
            } else {
                (*c).clone()
            }
        })
        .collect();
    let series: Vec<Series> = d
        .counts
        .by_status_country
        .iter()
        .map(|(s, by)| Series {
            name: s.name().to_owned(),
            values: countries
                .iter()
                .map(|c| by.get(*c).copied().unwrap_or(0) as f64)
                .collect(),
        })
        .collect();
    let svg = charts::stacked_bars(
        &Axes {
            title: "Assets by status and country",
            x: "country (none: not yet received)",
            y: "assets",
        },
        &labels,
        &series,
    );
    let mut headers = vec!["status"];
    headers.extend(labels.iter().map(String::as_str));
    let numeric: Vec<bool> = (0..headers.len()).map(|i| i > 0).collect();
    let rows: Vec<Vec<String>> = series
        .iter()
        .map(|s| {
            let mut r = vec![s.name.clone()];
            r.extend(s.values.iter().map(|v| charts::thousands(*v)));
            r
        })
        .collect();
    format!(
        "<section id=\"status\"><h2>Where the fleet is</h2>{}</section>",
        figure(
            "status-by-country",
            &svg,
            "Assets by country, stacked by status.",
            &table(&headers, &numeric, &rows)
        )
    )
}

fn utilization(d: &ReportData) -> String {
    let labels: Vec<String> = d
        .utilization
        .iter()
        .map(|p| p.on.format("%Y-%m").to_string())
        .collect();
    let share = |p: &assetlog::StatusCount, s: Status| {
        if p.in_service == 0 {
            0.0
        } else {
            p.by_status.get(&s).copied().unwrap_or(0) as f64 * 100.0 / p.in_service as f64
        }
    };
    let shown = [
        Status::Assigned,
        Status::InStock,
        Status::InRepair,
        Status::InTransit,
    ];
    let series: Vec<Series> = shown
        .iter()
        .map(|s| Series {
            name: s.name().to_owned(),
            values: d.utilization.iter().map(|p| share(p, *s)).collect(),
        })
        .collect();
    let svg = charts::lines(
        &Axes {
            title: "Utilization over time (share of the fleet in service)",
            x: "month end",
            y: "% of assets in service",
        },
        &labels,
        &series,
        Some(100.0),
    );
    let rows: Vec<Vec<String>> = d
        .utilization
        .iter()
        .map(|p| {
            let mut r = vec![p.on.to_string(), p.in_service.to_string()];
            r.extend(
                shown
                    .iter()
                    .map(|s| p.by_status.get(s).copied().unwrap_or(0).to_string()),
            );
            r.extend(shown.iter().map(|s| format!("{:.1}", share(p, *s))));
            r
        })
        .collect();
    let numbers = table(
        &[
            "day",
            "in service",
            "assigned",
            "in stock",
            "in repair",
            "in transit",
            "% assigned",
            "% in stock",
            "% in repair",
            "% in transit",
        ],
        &[false, true, true, true, true, true, true, true, true, true],
        &rows,
    );
    format!(
        "<section id=\"usage\"><h2>Usage over time</h2>{}</section>",
        figure(
            "utilization",
            &svg,
            "At each month end: the share of assets in service that were assigned, in stock, in repair or in transit.",
            &numbers
        )
    )
}

fn ages(d: &ReportData) -> String {
    let categories: BTreeSet<&String> = d.ages.iter().flat_map(|b| b.by_category.keys()).collect();
    let labels: Vec<String> = d
        .ages
        .iter()
        .map(|b| {
            if b.years == 0 {
                "< 1".to_owned()
            } else {
                format!("{}–{}", b.years, b.years + 1)
            }
        })
        .collect();
    let series: Vec<Series> = categories
        .iter()
        .map(|c| Series {
            name: (*c).clone(),
            values: d
                .ages
                .iter()
                .map(|b| b.by_category.get(*c).copied().unwrap_or(0) as f64)
                .collect(),
        })
        .collect();
    let svg = charts::stacked_bars(
        &Axes {
            title: "Age of the fleet in service",
            x: "years since ordered",
            y: "assets",
        },
        &labels,
        &series,
    );
    let mut headers = vec!["years"];
    headers.extend(categories.iter().map(|c| c.as_str()));
    headers.push("total");
    let numeric: Vec<bool> = (0..headers.len()).map(|i| i > 0).collect();
    let rows: Vec<Vec<String>> = d
        .ages
        .iter()
        .zip(&labels)
        .map(|(b, l)| {
            let mut r = vec![l.clone()];
            r.extend(
                categories
                    .iter()
                    .map(|c| b.by_category.get(*c).copied().unwrap_or(0).to_string()),
            );
            r.push(b.count.to_string());
            r
        })
        .collect();
    format!(
        "<section id=\"age\"><h2>Age</h2>{}</section>",
        figure(
            "age",
            &svg,
            "Assets in service by whole years since they were ordered, by category.",
            &table(&headers, &numeric, &rows)
        )
    )
}

/// Money series of named parts, by currency (or converted into one).
fn money_charts(
    id: &str,
    title: &str,
    x: &str,
    labels: &[String],
    by_currency: &BTreeMap<String, Vec<Series>>,
    stacked: bool,
    caption: &str,
) -> String {
    let mut out = String::from("<div class=\"multiples\">");
    for (currency, series) in by_currency {
        let axes = Axes {
            title: &format!("{title} ({currency})"),
            x,
            y: currency,
        };
        let svg = if stacked {
            charts::stacked_bars(&axes, labels, series)
        } else {
            charts::lines(&axes, labels, series, None)
        };
        let mut headers = vec![x];
        headers.extend(series.iter().map(|s| s.name.as_str()));
        let numeric: Vec<bool> = (0..headers.len()).map(|i| i > 0).collect();
        let rows: Vec<Vec<String>> = labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let mut r = vec![l.clone()];
                r.extend(series.iter().map(|s| charts::thousands(s.values[i])));
                r
            })
            .collect();
        out.push_str(&figure(
            &format!("{id}-{}", currency.to_lowercase()),
            &svg,
            caption,
            &table(&headers, &numeric, &rows),
        ));
    }
    out.push_str("</div>");
    if by_currency.is_empty() {
        out.push_str("<p class=\"note\">Nothing to show.</p>");
    }
    out
}

fn spend(d: &ReportData, o: &ReportOptions) -> Result<String> {
    let labels: Vec<String> = d.spend.iter().map(|m| m.month.clone()).collect();
    let kinds = ["purchase", "shipping", "repair", "support", "other"];
    let mut by: BTreeMap<String, Vec<Series>> = BTreeMap::new();
    for (i, m) in d.spend.iter().enumerate() {
        // the rate of the month's last day (or the report's day)
        let day = m
            .month
            .parse::<chrono::NaiveDate>()
            .ok()
            .or_else(|| NaiveDate::parse_from_str(&format!("{}-01", m.month), "%Y-%m-%d").ok())
            .and_then(|f| f.checked_add_months(chrono::Months::new(1)))
            .and_then(|f| f.pred_opt())
            .map_or(d.on, |e| e.min(d.on));
        for c in &m.costs {
            let parts = [c.purchase, c.shipping, c.repair, c.support, c.other];
            let mut converted = Vec::with_capacity(parts.len());
            for p in parts {
                converted.push(convert(p, day, o)?);
            }
            let currency = converted
                .first()
                .map_or(c.currency, |m: &Money| m.currency())
                .to_string();
            let series = by.entry(currency).or_insert_with(|| {
                kinds
                    .iter()
                    .map(|k| Series {
                        name: (*k).to_owned(),
                        values: vec![0.0; labels.len()],
                    })
                    .collect()
            });
            for (s, v) in series.iter_mut().zip(&converted) {
                s.values[i] += units(*v);
            }
        }
    }
    let converted = o
        .currency
        .map(|c: Currency| format!(" converted into {c} at each month's last rate"));
    Ok(format!(
        "<section id=\"spend\"><h2>Spend by month</h2>{}</section>",
        money_charts(
            "spend",
            "Spend by month and kind",
            "month",
            &labels,
            &by,
            true,
            &format!(
                "Costs as they arose, by kind (purchase, shipping, repair, support, other){}.",
                converted.unwrap_or_default()
            ),
        )
    ))
}

fn books(d: &ReportData, o: &ReportOptions) -> Result<String> {
    let Some(b) = &d.book else {
        return Ok(
            "<section id=\"books\"><h2>Book value and end of life</h2><p class=\"note\">\
            The log has no depreciation book: set one with <code>assetlog books set</code> \
            to see book values and end of life here.</p></section>"
                .to_owned(),
        );
    };
    let labels: Vec<String> = b.values.iter().map(|v| v.on.to_string()).collect();
    let mut by: BTreeMap<String, Vec<Series>> = BTreeMap::new();
    for (i, v) in b.values.iter().enumerate() {
        for c in &v.by_currency {
            let value = convert(c.book_value, v.on, o)?;
            let series = by.entry(value.currency().to_string()).or_insert_with(|| {
                vec![Series {
                    name: "book value".into(),
                    values: vec![0.0; labels.len()],
                }]
            });
            series[0].values[i] += units(value);
        }
    }
    let values = money_charts(
        "book-value",
        &format!("Book value over time, book '{}'", b.book),
        "quarter end",
        &labels,
        &by,
        false,
        "The fleet's book value at each quarter end, by the rules of the book then in force.",
    );
    let quarters: Vec<String> = b.end_of_life.iter().map(|q| q.quarter.clone()).collect();
    let eol_svg = charts::stacked_bars(
        &Axes {
            title: "Assets reaching end of life by quarter",
            x: "quarter",
            y: "assets",
        },
        &quarters,
        &[Series {
            name: String::new(),
            values: b.end_of_life.iter().map(|q| q.assets as f64).collect(),
        }],
    );
    let rows: Vec<Vec<String>> = b
        .end_of_life
        .iter()
        .map(|q| {
            vec![
                q.quarter.clone(),
                q.assets.to_string(),
                q.budget
                    .iter()
                    .map(|m| money(*m))
                    .collect::<Vec<_>>()
                    .join(", "),
            ]
        })
        .collect();
    let eol = figure(
        "end-of-life",
        &eol_svg,
        &format!(
            "Assets in service whose useful life in book '{}' ends in each of the next {} quarters, and the budget to replace them at today's prices.",
            b.book,
            data::QUARTERS_AHEAD
        ),
        &table(&["quarter", "assets", "replacement budget"], &[false, true, true], &rows),
    );
    Ok(format!(
        "<section id=\"books\"><h2>Book value and end of life</h2>{values}{eol}</section>"
    ))
}

fn flow_chart(
    id: &str,
    title: &str,
    x: &str,
    stats: &[assetlog::FlowStats],
    caption: &str,
) -> String {
    let labels: Vec<String> = stats
        .iter()
        .map(|s| {
            s.key
                .first()
                .cloned()
                .flatten()
                .unwrap_or_else(|| "unknown".into())
        })
        .collect();
    let median = Series {
        name: "median".into(),
        values: stats.iter().map(|s| s.median_days).collect(),
    };
    let p90 = Series {
        name: "90th percentile".into(),
        values: stats.iter().map(|s| s.p90_days).collect(),
    };
    let svg = charts::paired_bars(
        &Axes {
            title,
            x,
            y: "days",
        },
        &labels,
        [&median, &p90],
    );
    let rows: Vec<Vec<String>> = stats
        .iter()
        .zip(&labels)
        .map(|(s, l)| {
            vec![
                l.clone(),
                s.count.to_string(),
                format!("{:.1}", s.median_days),
                format!("{:.1}", s.p90_days),
                format!("{:.1}", s.max_days),
            ]
        })
        .collect();
    figure(
        id,
        &svg,
        caption,
        &table(
            &[x, "count", "median days", "p90 days", "longest"],
            &[false, true, true, true, true],
            &rows,
        ),
    )
}

fn vendors(d: &ReportData) -> String {
    let year = format!("{} to {}", d.on - chrono::Duration::days(365), d.on);
    let repair_rows: Vec<Vec<String>> = d
        .repair_spend
        .iter()
        .flat_map(|g| {
            let vendor = g.key.first().cloned().flatten().unwrap_or_default();
            g.costs
                .iter()
                .filter(|c| c.repair.minor() != 0)
                .map(move |c| vec![vendor.clone(), money(c.repair)])
        })
        .collect();
    let r = &d.recovery;
    let recovery = table(
        &[
            "requested",
            "back on time",
            "back late",
            "still open",
            "lost",
            "redeployed",
            "value still out",
        ],
        &[true, true, true, true, true, true, true],
        &[vec![
            r.requested.to_string(),
            r.returned_on_time.to_string(),
            r.returned_late.to_string(),
            r.still_open.to_string(),
            r.lost.to_string(),
            r.redeployed.to_string(),
            r.outstanding
                .iter()
                .map(|m| money(*m))
                .collect::<Vec<_>>()
                .join(", "),
        ]],
    );
    format!(
        "<section id=\"vendors\"><h2>Vendors and carriers</h2>{}{}{}\
         <h3>Repair spend by device vendor</h3>{}\
         <h3>Return requests of the last year</h3>{}</section>",
        flow_chart(
            "repair-turnaround",
            "Repair turnaround by repairer",
            "repairer",
            &d.repairs,
            &format!("Days from sent for repair to back, repairs that ended {year}."),
        ),
        flow_chart(
            "delivery-by-carrier",
            "Delivery time by carrier",
            "carrier",
            &d.shipping_by_carrier,
            &format!("Days from shipped to delivered, deliveries {year}."),
        ),
        flow_chart(
            "delivery-by-country",
            "Delivery time by destination country",
            "country",
            &d.shipping_by_country,
            &format!("Days from shipped to delivered by destination, deliveries {year}."),
        ),
        table(&["vendor", "repair spend"], &[false, true], &repair_rows),
        recovery
    )
}

fn lists(d: &ReportData) -> String {
    let mut out = String::new();
    out.push_str(&listing(
        "overdue",
        "Overdue returns",
        &["tag", "holder", "due", "days late", "reason"],
        &[false, false, false, true, false],
        d.overdue
            .iter()
            .map(|o| {
                vec![
                    o.tag.clone(),
                    opt(o.holder.as_ref()),
                    o.due.to_string(),
                    o.days_overdue.to_string(),
                    o.reason
                        .map(|r| format!("{r:?}").to_lowercase())
                        .unwrap_or_default(),
                ]
            })
            .collect(),
    ));
    out.push_str(&listing(
        "idle",
        &format!("Idle for {} days or more", data::IDLE_DAYS),
        &["tag", "status", "since", "days"],
        &[false, false, false, true],
        d.idle
            .iter()
            .map(|i| {
                vec![
                    i.tag.clone(),
                    i.status.name().to_owned(),
                    i.since.date_naive().to_string(),
                    i.days.to_string(),
                ]
            })
            .collect(),
    ));
    out.push_str(&listing(
        "unpatched",
        &format!("Not patched for {} days or more", data::UNPATCHED_DAYS),
        &[
            "tag",
            "category",
            "model",
            "holder",
            "country",
            "last patched",
            "days",
        ],
        &[false, false, false, false, false, false, true],
        d.unpatched
            .iter()
            .map(|s| {
                vec![
                    s.tag.clone(),
                    s.category.clone(),
                    s.model.clone(),
                    opt(s.holder.as_ref()),
                    opt(s.country),
                    s.last
                        .map_or_else(|| "never".to_owned(), |t| t.date_naive().to_string()),
                    s.days.to_string(),
                ]
            })
            .collect(),
    ));
    out.push_str(&listing(
        "warranty",
        &format!("Warranties ending within {} days", data::WARRANTY_DAYS),
        &["tag", "model", "holder", "country", "warranty ends"],
        &[false, false, false, false, false],
        d.warranty
            .iter()
            .map(|v| {
                vec![
                    v.tag.clone(),
                    v.model.clone(),
                    opt(v.holder.as_ref()),
                    opt(v.country),
                    opt(v.warranty_end),
                ]
            })
            .collect(),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_reads_as_money_and_text_is_escaped() {
        let m = |s: &str| s.parse::<Money>().unwrap();
        assert_eq!(money(m("1234567.89 EUR")), "1,234,567.89 EUR");
        assert_eq!(money(m("273700 JPY")), "273,700 JPY");
        assert_eq!(money(m("-0.50 USD")), "-0.50 USD");
        assert_eq!(esc("<b>&\"x\""), "&lt;b&gt;&amp;&quot;x&quot;");
    }
}
