//! A realistic, deterministic (by seed) multi-country fleet: people in a
//! dozen countries with their own currencies, three years of orders,
//! shipments home, check-ins, patches, repairs, tickets, offboardings
//! (some returns overdue), wipes, retirements and a few lost devices.
//! Monitoring agents report at once; people record a quarter of what they
//! do (receipts, deliveries, returns, repairs...) one to six days late, so
//! "as recorded" answers differ from "as of" ones.

use assetlog::event::{
    Assigned, Condition, Delivered, Observed, Ordered, Patched, Received, Repaired, ReportedLost,
    RetireReason, Retired, ReturnReason, ReturnRequested, Returned, SentForRepair, Shipped,
    TicketClosed, TicketOpened, Wiped,
};
use assetlog::{Event, Money, NewEvent, Person, PersonId};
use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};

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
/// A model a category is bought as: its vendor, its price in percent of the
/// office's price for the category, days from order to receipt, the chance
/// in percent of a support ticket at each check-in, and its platform.
struct Model {
    vendor: &'static str,
    name: &'static str,
    price_pct: u32,
    lead_days: u64,
    failure_pct: u64,
    platform: Platform,
}

#[derive(Clone, Copy)]
enum Platform {
    Windows,
    MacOs,
    Ios,
    Android,
    None,
}

const fn model(
    vendor: &'static str,
    name: &'static str,
    price_pct: u32,
    lead_days: u64,
    failure_pct: u64,
    platform: Platform,
) -> Model {
    Model {
        vendor,
        name,
        price_pct,
        lead_days,
        failure_pct,
        platform,
    }
}

const CATEGORIES: [&str; 3] = ["laptop", "phone", "monitor"];
const MODELS: [&[Model]; 3] = [
    &[
        model("Lenovo", "ThinkPad T14 Gen 5", 100, 4, 6, Platform::Windows),
        model("Dell", "Latitude 7450", 105, 7, 9, Platform::Windows),
        model("Apple", "MacBook Air M3", 115, 10, 4, Platform::MacOs),
    ],
    &[
        model("Apple", "iPhone 15", 100, 3, 3, Platform::Ios),
        model("Samsung", "Galaxy S24", 90, 5, 5, Platform::Android),
    ],
    &[
        model("Dell", "U2723QE", 100, 6, 0, Platform::None),
        model("LG", "27UP850", 90, 9, 0, Platform::None),
    ],
];

/// The OS version a platform reports on a date: versions only go up.
fn os_version(platform: Platform, at: DateTime<Utc>) -> Option<String> {
    let day = at.date_naive();
    let years = day.years_since(NaiveDate::from_ymd_opt(2020, 1, 1)?)?;
    let months = u64::from(years * 12 + day.month0());
    Some(match platform {
        Platform::Windows => format!("10.0.22631.{}", 2000 + months * 90),
        Platform::MacOs => format!("{}.{}", 10 + months / 12, months % 12 / 2),
        Platform::Ios => format!("{}.{}", 13 + months / 12, months % 12 / 2),
        Platform::Android => format!("{}", at.format("%Y-%m-05")),
        Platform::None => return None,
    })
}

fn money(amount: u32, currency: &str) -> Money {
    Money::parse_amount(
        &amount.to_string(),
        currency.parse().expect("demo currencies are ISO codes"),
    )
    .expect("demo amounts fit")
}

/// An event and when the log learns of it (never before it happened, and
/// never before the asset's previous event was recorded).
pub struct Planned {
    pub event: NewEvent,
    pub recorded: DateTime<Utc>,
}

/// Generate `people` people and their devices over three years up to `now`,
/// handing each person, the day they left (if they did), and their devices'
/// events (each asset's in time order) to `sink` as soon as they are made:
/// memory holds one person's.
pub fn generate<E>(
    people: usize,
    seed: u64,
    now: DateTime<Utc>,
    sink: &mut dyn FnMut(Person, Option<NaiveDate>, Vec<Planned>) -> Result<(), E>,
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
        // one in fifty joins in the coming weeks: devices ordered or on their way today
        let hired = if rng.chance(2) {
            now + Duration::days(rng.below(20) as i64) + Duration::hours(9)
        } else {
            start + Duration::days(rng.below(span.saturating_sub(30)) as i64) + Duration::hours(9)
        };
        // a fifth of the people leave, at least half a year after joining
        let leaves = rng
            .chance(20)
            .then(|| hired + Duration::days(180 + rng.below(700) as i64))
            .filter(|d| *d < now - Duration::days(2));
        for (k, category) in CATEGORIES.iter().enumerate() {
            if k == 1 && !rng.chance(60) || k == 2 && !rng.chance(30) {
                continue;
            }
            serial += 1;
            let models = MODELS[k];
            let m = &models[rng.below(models.len() as u64) as usize];
            let vendor = m.vendor;
            let tag = format!("{}-{:06}", ["LAP", "PHN", "MON"][k], serial);
            let ordered_at = hired - Duration::days(14);
            let mut asset = AssetPlan::new(&tag, ordered_at);
            // one asset in two hundred carries a serial already used, as
            // another tool's export would: the duplicates report finds it
            let reused = serial > 1 && rng.chance(1) && rng.chance(50);
            let serial_no = if reused { serial - 1 } else { serial };
            let warranty_end = ordered_at
                .date_naive()
                .checked_add_months(Months::new([12, 24, 36][rng.below(3) as usize]));
            let unit = office.prices[k] * m.price_pct / 100;
            asset.push(
                0,
                Ordered {
                    category: (*category).into(),
                    vendor: vendor.into(),
                    model: m.name.into(),
                    serial: Some(format!("SN{:09}", serial_no * 7919 % 1_000_000_007)),
                    unit_cost: money(unit, office.currency),
                    order_ref: Some(format!("PO-{}-{}", office.country, serial / 40)),
                    warranty_end,
                }
                .into(),
            );
            let warehouse = format!("{} warehouse", office.city);
            asset.push(
                (m.lead_days + rng.below(m.lead_days / 2 + 1)) as i64,
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
                            os_version: os_version(m.platform, t),
                            firmware_version: None,
                            source: Some("intune".into()),
                        }
                        .into(),
                    );
                }
                if rng.chance(70) {
                    if let Some(version) = os_version(m.platform, t + Duration::days(1)) {
                        asset.push(
                            1,
                            Patched {
                                component: "os".into(),
                                version,
                            }
                            .into(),
                        );
                    }
                }
                if rng.chance(m.failure_pct) {
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
                        let back = asset.at + Duration::days(5 + rng.below(10) as i64);
                        // under warranty, the vendor repairs it for free
                        let covered = warranty_end.is_some_and(|w| back.date_naive() <= w);
                        asset.push(
                            (back - asset.at).num_days(),
                            Repaired {
                                cost: (!covered).then(|| money(unit / 10, office.currency)),
                                vendor: Some(format!("{vendor} depot")),
                                under_warranty: covered,
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
                        // half of the devices that come back go to someone else
                        asset.push(
                            10 + rng.below(30) as i64,
                            Assigned {
                                person: PersonId::new(format!(
                                    "emp-{:05}",
                                    10_000 + rng.below(people as u64)
                                ))
                                .expect("demo ids are valid"),
                                department: Some(
                                    DEPARTMENTS[rng.below(DEPARTMENTS.len() as u64) as usize]
                                        .into(),
                                ),
                                cost_centre: Some(format!("CC-{}", 1000 + k * 100)),
                            }
                            .into(),
                        );
                    } else {
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
            asset.finish(now, &mut rng, &mut events);
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

    /// Keep what has happened by `now`, each with when it is recorded.
    fn finish(self, now: DateTime<Utc>, rng: &mut Rng, out: &mut Vec<Planned>) {
        let mut recorded = DateTime::<Utc>::MIN_UTC;
        for (at, e) in self.events {
            if at > now {
                break;
            }
            // agents report at once; people sometimes days later
            let by_agent = matches!(e, Event::Observed(_) | Event::Patched(_));
            let late = if !by_agent && rng.chance(25) {
                Duration::days(1 + rng.below(6) as i64)
            } else {
                Duration::zero()
            };
            recorded = recorded.max(at + late).min(now);
            let mut e = NewEvent::new(self.tag.as_str(), e).at(at).by("demo");
            // a reused serial is meant (another tool's export carries such):
            // whichever of the two assets the log learns of second, it is
            // accepted, and the duplicates report lists both
            e.allow_duplicate_serial = true;
            out.push(Planned { event: e, recorded });
        }
    }
}
