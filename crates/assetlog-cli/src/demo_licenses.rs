//! The demo's licenses and subscriptions: an office suite for everyone, a
//! VPN for most, a design suite for Marketing (with seats paid for and
//! unused), and CAD seats on Engineering laptops. Bought three years ago,
//! renewed every year (the next renewals fall in the coming months); seats
//! assigned when people join and released when they leave, except for one
//! leaver in five whose seats stay held (reclaimable), like CAD seats on
//! laptops that were retired since.

use assetlog::event::{
    LicenseKind, LicensePurchased, LicenseRenewed, SeatAssigned, SeatReleased, SoftwareInstalled,
};
use assetlog::{Money, NewEvent, PersonId};
use chrono::{DateTime, Duration, Months, NaiveDate, Utc};

/// What the demo knows of a person when their seats are handed out.
pub struct Seating {
    pub person: PersonId,
    /// When their first device was handed over.
    pub hired: DateTime<Utc>,
    pub left: Option<NaiveDate>,
    pub department: Option<String>,
    /// Their laptop's tag and when it was handed over.
    pub laptop: Option<(String, DateTime<Utc>)>,
}

struct Product {
    tag: &'static str,
    /// The program devices report once it is installed, and its publisher.
    program: (&'static str, &'static str),
    name: &'static str,
    publisher: &'static str,
    kind: LicenseKind,
    /// Price of a seat for a year.
    price: u32,
    currency: &'static str,
}

const PRODUCTS: &[Product] = &[
    Product {
        tag: "LIC-M365-E3",
        program: ("Microsoft 365 Apps for enterprise", "Microsoft Corporation"),
        name: "Microsoft 365 E3",
        publisher: "Microsoft",
        kind: LicenseKind::PerUser,
        price: 432,
        currency: "EUR",
    },
    Product {
        tag: "LIC-VPN",
        program: ("GlobalProtect", "Palo Alto Networks"),
        name: "GlobalProtect VPN",
        publisher: "Palo Alto Networks",
        kind: LicenseKind::PerUser,
        price: 60,
        currency: "USD",
    },
    Product {
        tag: "LIC-ADOBE-CC",
        program: ("Adobe Photoshop 2025", "Adobe Inc."),
        name: "Adobe Creative Cloud",
        publisher: "Adobe",
        kind: LicenseKind::PerUser,
        price: 780,
        currency: "EUR",
    },
    Product {
        tag: "LIC-AUTOCAD",
        program: ("AutoCAD 2025", "Autodesk, Inc."),
        name: "AutoCAD",
        publisher: "Autodesk",
        kind: LicenseKind::PerDevice,
        price: 2100,
        currency: "EUR",
    },
];

fn cost(per_seat: u32, seats: u32, currency: &str) -> Money {
    Money::parse_amount(
        &(u64::from(per_seat) * u64::from(seats)).to_string(),
        currency.parse().expect("demo currencies are ISO codes"),
    )
    .expect("demo amounts fit")
}

/// The demo's license events, one license at a time (each in time order),
/// so that memory holds one license's events.
pub fn events(people: &[Seating], now: DateTime<Utc>) -> impl Iterator<Item = Vec<NewEvent>> + '_ {
    PRODUCTS.iter().map(move |p| license(p, people, now))
}

fn license(p: &Product, people: &[Seating], now: DateTime<Utc>) -> Vec<NewEvent> {
    let start = now - Duration::days(3 * 365);
    let n = u32::try_from(people.len()).unwrap_or(u32::MAX);
    let eligible = |p: &Product, s: &Seating, k: usize| match p.tag {
        "LIC-M365-E3" => true,
        "LIC-VPN" => k % 5 != 0,
        "LIC-ADOBE-CC" => s.department.as_deref() == Some("Marketing"),
        _ => s.department.as_deref() == Some("Engineering") && s.laptop.is_some(),
    };
    let mut out: Vec<NewEvent> = Vec::new();
    {
        let wanted = u32::try_from(
            people
                .iter()
                .enumerate()
                .filter(|(k, s)| eligible(p, s, *k))
                .count(),
        )
        .unwrap_or(u32::MAX);
        let seats = match p.tag {
            "LIC-M365-E3" => n + n / 20 + 5,
            "LIC-VPN" => wanted + 5,
            // more design seats than designers: paid for, never used
            "LIC-ADOBE-CC" => wanted + wanted / 3 + 2,
            // fewer CAD seats than engineers: the first to come get them
            _ => (wanted / 2).max(3),
        };
        let term_start = start.date_naive();
        let year = |k: u32| {
            term_start
                .checked_add_months(Months::new(12 * k))
                .and_then(|d| d.pred_opt())
                .expect("a date")
        };
        out.push(
            NewEvent::new(
                p.tag,
                LicensePurchased {
                    product: p.name.into(),
                    publisher: Some(p.publisher.into()),
                    edition: None,
                    kind: p.kind,
                    seats: Some(seats),
                    term_start,
                    term_end: Some(year(1)),
                    cost: cost(p.price, seats, p.currency),
                    order_ref: Some(format!("PO-{}", p.tag)),
                    not_reassignable: false,
                    allow_overuse: false,
                },
            )
            .at(start)
            .by("procurement"),
        );
        // renewed two weeks before each term ends, up to now
        for k in 1..4 {
            let renew_at =
                year(k).and_hms_opt(9, 0, 0).expect("a time").and_utc() - Duration::days(14);
            if renew_at >= now {
                break;
            }
            out.push(
                NewEvent::new(
                    p.tag,
                    LicenseRenewed {
                        term_end: year(k + 1),
                        cost: cost(p.price, seats, p.currency),
                    },
                )
                .at(renew_at)
                .by("procurement"),
            );
        }
        let mut given = 0u32;
        for (k, s) in people.iter().enumerate() {
            if !eligible(p, s, k) || given >= seats {
                continue;
            }
            let (holder, at) = match p.kind {
                LicenseKind::PerDevice => {
                    let Some((tag, at)) = &s.laptop else { continue };
                    (
                        SeatAssigned {
                            person: None,
                            device: Some(tag.clone()),
                        },
                        *at + Duration::hours(2),
                    )
                }
                _ => (
                    SeatAssigned {
                        person: Some(s.person.clone()),
                        device: None,
                    },
                    s.hired + Duration::hours(1),
                ),
            };
            if at >= now || at <= start {
                continue;
            }
            given += 1;
            out.push(NewEvent::new(p.tag, holder).at(at).by("it-onboarding"));
            // people's seats go back when they leave, but one leaver in five
            if let (Some(left), LicenseKind::PerUser) = (s.left, p.kind) {
                let at = left.and_hms_opt(17, 0, 0).expect("a time").and_utc();
                if k % 5 != 4 && at < now {
                    out.push(
                        NewEvent::new(
                            p.tag,
                            SeatReleased {
                                person: Some(s.person.clone()),
                                device: None,
                            },
                        )
                        .at(at)
                        .by("it-offboarding"),
                    );
                }
            }
        }
    }
    // what the monitoring agent finds installed: the office suite and the
    // VPN client on every laptop (some without a VPN seat), the design suite
    // on Marketing's and a few others', CAD on every Engineering laptop
    // (half of them without a CAD seat)
    for (k, s) in people.iter().enumerate() {
        let Some((laptop, at)) = &s.laptop else {
            continue;
        };
        let on = match p.tag {
            "LIC-ADOBE-CC" => s.department.as_deref() == Some("Marketing") || k % 37 == 0,
            "LIC-AUTOCAD" => s.department.as_deref() == Some("Engineering"),
            _ => true,
        };
        let at = *at + Duration::hours(3);
        if on && at < now {
            out.push(
                NewEvent::new(
                    laptop.as_str(),
                    SoftwareInstalled {
                        name: p.program.0.into(),
                        version: Some("2025.1".into()),
                        publisher: Some(p.program.1.into()),
                    },
                )
                .at(at)
                .by("osquery"),
            );
        }
    }
    out.sort_by_key(|e| e.occurred_at);
    out
}
