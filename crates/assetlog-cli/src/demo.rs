//! A realistic, deterministic (by seed) multi-country fleet: people in a
//! dozen countries with their own currencies, three years of orders,
//! shipments home, check-ins, patches, repairs, tickets, offboardings
//! (some returns overdue), wipes, retirements and a few lost devices.

use assetlog::event::{
    Assigned, Condition, Delivered, Observed, Ordered, Patched, Received, Repaired, ReportedLost,
    RetireReason, Retired, ReturnReason, ReturnRequested, Returned, SentForRepair, Shipped,
    TicketClosed, TicketOpened, Wiped,
};
use assetlog::{Event, Money, NewEvent, Person, PersonId};
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// SplitMix64: a small, well-known generator; enough for demo data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

struct Office {
    country: &'static str,
    city: &'static str,
    currency: &'static str,
    /// laptop, phone, monitor prices in major units of the currency
    prices: [u32; 3],
    shipping: u32,
}

const OFFICES: &[Office] = &[
    Office {
        country: "DE",
        city: "Berlin",
        currency: "EUR",
        prices: [1450, 950, 380],
        shipping: 25,
    },
    Office {
        country: "FR",
        city: "Paris",
        currency: "EUR",
        prices: [1480, 980, 390],
        shipping: 28,
    },
    Office {
        country: "NL",
        city: "Amsterdam",
        currency: "EUR",
        prices: [1460, 960, 385],
        shipping: 22,
    },
    Office {
        country: "GB",
        city: "London",
        currency: "GBP",
        prices: [1290, 840, 330],
        shipping: 20,
    },
    Office {
        country: "US",
        city: "New York",
        currency: "USD",
        prices: [1599, 999, 420],
        shipping: 35,
    },
    Office {
        country: "CA",
        city: "Toronto",
        currency: "CAD",
        prices: [2150, 1350, 560],
        shipping: 40,
    },
    Office {
        country: "BR",
        city: "São Paulo",
        currency: "BRL",
        prices: [9800, 6200, 2400],
        shipping: 120,
    },
    Office {
        country: "IN",
        city: "Bengaluru",
        currency: "INR",
        prices: [135_000, 85_000, 32_000],
        shipping: 900,
    },
    Office {
        country: "SG",
        city: "Singapore",
        currency: "SGD",
        prices: [2190, 1390, 560],
        shipping: 30,
    },
    Office {
        country: "JP",
        city: "Tokyo",
        currency: "JPY",
        prices: [238_000, 152_000, 62_000],
        shipping: 2500,
    },
    Office {
        country: "AU",
        city: "Sydney",
        currency: "AUD",
        prices: [2450, 1550, 620],
        shipping: 38,
    },
    Office {
        country: "PL",
        city: "Warsaw",
        currency: "PLN",
        prices: [6400, 4100, 1650],
        shipping: 60,
    },
];

const FIRST: &[&str] = &[
    "Ada", "Ben", "Chidi", "Dana", "Elif", "Farah", "Goro", "Hana", "Ivan", "Jia", "Kofi", "Lena",
    "Mateo", "Nora", "Omar", "Priya",
];
const LAST: &[&str] = &[
    "Okafor", "Schmidt", "Dubois", "Tanaka", "Silva", "Kumar", "Nowak", "Smith", "Tan", "Larsen",
    "Haddad", "Moreau",
];
const DEPARTMENTS: &[&str] = &[
    "Engineering",
    "Sales",
    "Finance",
    "Support",
    "Marketing",
    "People",
];
const KINDS: [(&str, &str, &str); 3] = [
    ("laptop", "Lenovo", "ThinkPad T14 Gen 5"),
    ("phone", "Apple", "iPhone 15"),
    ("monitor", "Dell", "U2723QE"),
];

fn money(amount: u32, currency: &str) -> Money {
    Money::parse_amount(
        &amount.to_string(),
        currency.parse().expect("demo currencies are ISO codes"),
    )
    .expect("demo amounts fit")
}

/// Generate `people` people and their devices over three years up to `now`,
/// handing each person, the day they left (if they did), and their devices'
/// events (each asset's in time order) to `sink` as soon as they are made:
/// memory holds one person's.
pub fn generate<E>(
    people: usize,
    seed: u64,
    now: DateTime<Utc>,
    sink: &mut dyn FnMut(Person, Option<NaiveDate>, Vec<NewEvent>) -> Result<(), E>,
) -> Result<(), E> {
    let mut rng = Rng::new(seed);
    let start = now - Duration::days(3 * 365);
    let span = (now - start).num_days() as u64;
    let mut serial = 0u64;
    for p in 0..people {
        let office = &OFFICES[rng.below(OFFICES.len() as u64) as usize];
        let id = format!("emp-{:05}", 10_000 + p);
        let first = FIRST[rng.below(FIRST.len() as u64) as usize];
        let last = LAST[rng.below(LAST.len() as u64) as usize];
        let mut events = Vec::new();
        let person = Person {
            id: PersonId::new(id.clone()).expect("demo ids are valid"),
            name: Some(format!("{first} {last}")),
            email: Some(format!(
                "{}.{}{}@example.com",
                first.to_lowercase(),
                last.to_lowercase(),
                p
            )),
            address: Some(format!(
                "{} Example Street, {}",
                1 + rng.below(200),
                office.city
            )),
        };
        let department = DEPARTMENTS[rng.below(DEPARTMENTS.len() as u64) as usize];
        let hired =
            start + Duration::days(rng.below(span.saturating_sub(30)) as i64) + Duration::hours(9);
        // a fifth of the people leave, at least half a year after joining
        let leaves = rng
            .chance(20)
            .then(|| hired + Duration::days(180 + rng.below(700) as i64))
            .filter(|d| *d < now - Duration::days(2));
        for (k, (category, vendor, model)) in KINDS.iter().enumerate() {
            if k == 1 && !rng.chance(60) || k == 2 && !rng.chance(30) {
                continue;
            }
            serial += 1;
            let tag = format!("{}-{:06}", ["LAP", "PHN", "MON"][k], serial);
            let mut asset = AssetPlan::new(&tag, hired - Duration::days(14));
            asset.push(
                0,
                Ordered {
                    category: (*category).into(),
                    vendor: (*vendor).into(),
                    model: (*model).into(),
                    serial: Some(format!("SN{:09}", serial * 7919 % 1_000_000_007)),
                    unit_cost: money(office.prices[k], office.currency),
                    order_ref: Some(format!("PO-{}-{}", office.country, serial / 40)),
                    warranty_end: NaiveDate::from_ymd_opt(
                        2026 + (serial % 3) as i32,
                        1 + (serial % 12) as u32,
                        15,
                    ),
                }
                .into(),
            );
            let warehouse = format!("{} warehouse", office.city);
            asset.push(
                4,
                Received {
                    location: warehouse.clone(),
                    country: office.country.parse().ok(),
                    serial: None,
                }
                .into(),
            );
            asset.push(
                1,
                Assigned {
                    person: person.id.clone(),
                    department: Some(department.into()),
                    cost_centre: Some(format!("CC-{}", 1000 + k * 100)),
                }
                .into(),
            );
            asset.push(
                1,
                Shipped {
                    from: Some(warehouse.clone()),
                    to: format!("Home of {id}"),
                    to_country: office.country.parse().ok(),
                    carrier: Some(["DHL", "UPS", "FedEx"][rng.below(3) as usize].into()),
                    tracking_ref: Some(format!("TRK{:010}", rng.below(10_000_000_000))),
                    cost: Some(money(office.shipping, office.currency)),
                }
                .into(),
            );
            asset.push(
                2 + rng.below(4) as i64,
                Delivered {
                    location: None,
                    country: None,
                }
                .into(),
            );
            let until = leaves.unwrap_or(now);
            // check-ins and patches every couple of months while in use
            let mut t = asset.at + Duration::days(20 + rng.below(40) as i64);
            while t < until - Duration::days(1) && k != 2 {
                let gap = (t - asset.at).num_days().max(0);
                if rng.chance(85) {
                    asset.push(
                        gap,
                        Observed {
                            location: None,
                            country: office.country.parse().ok(),
                            os_version: Some(
                                ["Windows 11 23H2", "macOS 14.5", "iOS 17.5"][k.min(2)].into(),
                            ),
                            firmware_version: None,
                            source: Some("intune".into()),
                        }
                        .into(),
                    );
                }
                if rng.chance(70) {
                    asset.push(
                        1,
                        Patched {
                            component: "os".into(),
                            version: format!("2024.{}", rng.below(12) + 1),
                        }
                        .into(),
                    );
                }
                if rng.chance(6) {
                    let ticket = format!("INC-{}", 40_000 + rng.below(50_000));
                    asset.push(
                        1,
                        TicketOpened {
                            ticket_id: ticket.clone(),
                            summary: Some(
                                [
                                    "battery drains",
                                    "keyboard sticks",
                                    "screen flickers",
                                    "slow",
                                ][rng.below(4) as usize]
                                    .into(),
                            ),
                        }
                        .into(),
                    );
                    if rng.chance(40) {
                        asset.push(
                            2,
                            SentForRepair {
                                vendor: Some(format!("{vendor} depot")),
                                reason: None,
                            }
                            .into(),
                        );
                        asset.push(
                            5 + rng.below(10) as i64,
                            Repaired {
                                cost: Some(money(office.prices[k] / 10, office.currency)),
                                vendor: Some(format!("{vendor} depot")),
                                under_warranty: rng.chance(50),
                                description: None,
                            }
                            .into(),
                        );
                    }
                    asset.push(
                        1,
                        TicketClosed {
                            ticket_id: ticket,
                            cost: Some(money(office.shipping * 2, office.currency)),
                            resolution: Some("fixed".into()),
                        }
                        .into(),
                    );
                }
                t = asset.at + Duration::days(40 + rng.below(50) as i64);
            }
            if let Some(left) = leaves {
                asset.at = asset.at.max(left);
                let due = (asset.at + Duration::days(14)).date_naive();
                asset.push(
                    0,
                    ReturnRequested {
                        reason: ReturnReason::Offboarding,
                        due,
                    }
                    .into(),
                );
                let outcome = rng.below(100);
                let back = asset.at + Duration::days(3 + rng.below(25) as i64);
                if outcome < 85 && back < now {
                    asset.at = back;
                    asset.push(
                        0,
                        Returned {
                            condition: if rng.chance(80) {
                                Condition::Good
                            } else {
                                Condition::Worn
                            },
                            location: warehouse.clone(),
                            country: office.country.parse().ok(),
                        }
                        .into(),
                    );
                    asset.push(
                        1,
                        Wiped {
                            method: "nist-800-88-purge".into(),
                            certificate_ref: Some(format!("CERT-{serial}")),
                        }
                        .into(),
                    );
                    if rng.chance(50) {
                        let sold = rng.chance(40);
                        asset.push(
                            5 + rng.below(30) as i64,
                            Retired {
                                reason: if sold {
                                    RetireReason::Sold
                                } else {
                                    RetireReason::Recycled
                                },
                                resale_value: sold
                                    .then(|| money(office.prices[k] / 4, office.currency)),
                                disposal_cost: (!sold)
                                    .then(|| money(office.shipping, office.currency)),
                            }
                            .into(),
                        );
                    }
                } else if outcome >= 95 {
                    asset.push(
                        10,
                        ReportedLost {
                            stolen: rng.chance(50),
                            report_ref: None,
                        }
                        .into(),
                    );
                }
                // else: still pending, overdue once the due date passes
            }
            asset.finish(now, &mut events);
        }
        sink(person, leaves.map(|d| d.date_naive()), events)?;
    }
    Ok(())
}

/// One asset's events, each a number of days after the previous one.
struct AssetPlan {
    tag: String,
    at: DateTime<Utc>,
    events: Vec<(DateTime<Utc>, Event)>,
}

impl AssetPlan {
    fn new(tag: &str, at: DateTime<Utc>) -> Self {
        AssetPlan {
            tag: tag.to_owned(),
            at,
            events: Vec::new(),
        }
    }

    fn push(&mut self, days_later: i64, e: Event) {
        self.at += Duration::days(days_later);
        self.events.push((self.at, e));
    }

    /// Keep what has happened by `now`.
    fn finish(self, now: DateTime<Utc>, out: &mut Vec<NewEvent>) {
        for (at, e) in self.events {
            if at > now {
                break;
            }
            out.push(NewEvent::new(self.tag.as_str(), e).at(at).by("demo"));
        }
    }
}
