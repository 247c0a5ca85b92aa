//! The main job on a fresh machine: record a small multi-country fleet into
//! an embedded SQLite file and print its views.
//!
//! `cargo run --release -p assetlog --example small_fleet -- fleet.db`
use assetlog::event::{
    Assigned, Condition, Delivered, Observed, Ordered, Patched, Received, ReportedLost,
    RetireReason, Retired, Returned, Shipped, TicketClosed, TicketOpened,
};
use assetlog::{AssetLog, At, Event, FleetFilter, NewEvent};
use chrono::{Duration, NaiveDate, Utc};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).unwrap_or_else(|| "fleet.db".into());
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{path}{suffix}"));
    }
    let log = AssetLog::open(&path)?;
    let offices = [
        ("DE", "Berlin office", "EUR", "1299.00"),
        ("US", "NYC office", "USD", "1399.00"),
        ("SG", "Singapore office", "SGD", "1890.00"),
        ("BR", "São Paulo office", "BRL", "7490.00"),
        ("JP", "Tokyo office", "JPY", "210000"),
    ];
    let start = Utc::now() - Duration::days(400);
    let mut events = Vec::new();
    for i in 0..40usize {
        let (country, office, currency, price) = offices[i % offices.len()];
        let tag = format!("LAP-{i:04}");
        let person = format!("emp-{}", 1000 + i);
        let at = |d: i64| start + Duration::days(d) + Duration::hours(i as i64);
        let mut push =
            |e: Event, d: i64| events.push(NewEvent::new(tag.as_str(), e).at(at(d)).by("it-team"));
        push(
            Ordered {
                category: if i % 4 == 3 { "phone" } else { "laptop" }.into(),
                vendor: "Lenovo".into(),
                model: "ThinkPad T14".into(),
                serial: Some(format!("PF{:06}", if i == 39 { 7 } else { i })),
                unit_cost: format!("{price} {currency}").parse()?,
                order_ref: Some(format!("PO-{}", i / 10)),
                warranty_end: NaiveDate::from_ymd_opt(2027, 1, 31),
            }
            .into(),
            0,
        );
        push(
            Received {
                location: office.into(),
                country: Some(country.parse()?),
                serial: None,
            }
            .into(),
            5,
        );
        if i % 7 == 6 {
            continue; // stays in stock
        }
        push(
            Assigned {
                person: person.parse()?,
                department: Some(["Engineering", "Sales", "Finance"][i % 3].into()),
                cost_centre: None,
            }
            .into(),
            6,
        );
        push(
            Shipped {
                from: Some(office.into()),
                to: format!("Home of {person}"),
                to_country: Some(country.parse()?),
                carrier: Some("DHL".into()),
                tracking_ref: None,
                cost: Some(
                    format!(
                        "{} {currency}",
                        if currency == "JPY" { "3000" } else { "30.00" }
                    )
                    .parse()?,
                ),
            }
            .into(),
            7,
        );
        push(
            Delivered {
                location: None,
                country: None,
            }
            .into(),
            9,
        );
        if i % 3 != 0 {
            push(
                Observed {
                    location: None,
                    country: Some(country.parse()?),
                    os_version: Some("Windows 11 23H2".into()),
                    firmware_version: None,
                    source: Some("intune".into()),
                }
                .into(),
                200 + i as i64,
            );
            push(
                Patched {
                    component: "os".into(),
                    version: "KB5035853".into(),
                }
                .into(),
                210 + i as i64,
            );
        }
        if i % 4 == 1 {
            push(
                TicketOpened {
                    ticket_id: format!("INC-{i}"),
                    summary: Some("battery".into()),
                }
                .into(),
                250,
            );
            push(
                TicketClosed {
                    ticket_id: format!("INC-{i}"),
                    cost: Some(
                        format!(
                            "{} {currency}",
                            if currency == "JPY" { "8000" } else { "80.00" }
                        )
                        .parse()?,
                    ),
                    resolution: None,
                }
                .into(),
                252,
            );
        }
        if i % 11 == 10 {
            push(
                ReportedLost {
                    stolen: true,
                    report_ref: None,
                }
                .into(),
                300,
            );
        } else if i % 9 == 8 {
            push(
                Returned {
                    condition: Condition::Worn,
                    location: office.into(),
                    country: Some(country.parse()?),
                }
                .into(),
                320,
            );
            push(
                Retired {
                    reason: RetireReason::Sold,
                    resale_value: Some(
                        format!(
                            "{} {currency}",
                            if currency == "JPY" { "40000" } else { "300.00" }
                        )
                        .parse()?,
                    ),
                    disposal_cost: None,
                }
                .into(),
                330,
            );
        }
    }
    log.append_batch(&events)?;
    // Two people leave: one atomic batch each requests everything they hold.
    for person in ["emp-1001", "emp-1012"] {
        let due = (Utc::now() - Duration::days(3)).date_naive();
        log.offboard(
            &person.parse()?,
            due,
            Some(Utc::now() - Duration::days(20)),
            "hr-sync",
        )?;
    }

    let stats = log.stats()?;
    println!(
        "wrote {} events for {} assets to {path}\n",
        stats.events, stats.assets
    );
    let counts = log.counts(&FleetFilter::default(), At::now())?;
    println!("assets by status and country:");
    for (status, by_country) in &counts.by_status_country {
        let parts: Vec<String> = by_country.iter().map(|(c, n)| format!("{c}={n}")).collect();
        println!("  {:<15} {}", status.name(), parts.join(" "));
    }
    println!("\nspend by currency (cost of ownership):");
    for c in log.spend(&FleetFilter::default(), At::now())? {
        println!(
            "  {:>14}  purchase {:>14}  shipping {:>12}  support {:>12}  resale {:>12}",
            c.total, c.purchase, c.shipping, c.support, c.resale
        );
    }
    println!("\noverdue returns:");
    for o in log.overdue_returns(At::now())? {
        println!(
            "  {} held by {} was due {} ({} days late)",
            o.tag,
            o.holder.map(|h| h.to_string()).unwrap_or_default(),
            o.due,
            o.days_overdue
        );
    }
    println!(
        "\nidle for 90 days or more: {}",
        log.idle(90, At::now())?.len()
    );
    let year_ago = At::occurred(Utc::now() - Duration::days(365));
    println!(
        "assets a year ago: {}",
        log.counts(&FleetFilter::default(), year_ago)?.total
    );
    for d in log.duplicate_serials(At::now())? {
        println!("duplicate serial {}: {}", d.serial, d.tags.join(", "));
    }
    Ok(())
}
