//! Compliance: what is installed (monitoring agents' software inventory,
//! recorded as `software_installed` / `software_removed` on devices)
//! against what is owned (licenses' seats) and assigned (who holds them).
//!
//! Installed programs are matched to licensed products by rules: a
//! product name and a pattern for the program's name (and, optionally, its
//! publisher). Every license brings a default rule (its product name), and
//! callers add their own for names that differ ("Adobe Photoshop 2025" is
//! "Adobe Creative Cloud").

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::event::{Event, LicenseKind};
use crate::ids::{AssetId, PersonId};
use crate::license::{LicenseStatus, LicenseView, SeatHolder};
use crate::lifecycle::Status;
use crate::{AssetLog, At, FleetFilter};

/// A program name (and publisher) that counts as a licensed product.
/// Patterns compare without case; `*` stands for any text; a pattern
/// without `*` matches names that contain it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductRule {
    /// The licensed product (a license's `product`).
    pub product: String,
    /// A pattern for the installed program's name.
    pub name: String,
    /// A pattern for its publisher (any publisher when absent). A program
    /// whose device reports no publisher (macOS `apps` rows have none) is
    /// matched by its name alone.
    pub publisher: Option<String>,
}

impl ProductRule {
    /// Rules from CSV rows `product,name,publisher` (publisher may be empty).
    pub fn from_rows<'a>(rows: impl IntoIterator<Item = [&'a str; 3]>) -> Result<Vec<Self>> {
        let mut out = Vec::new();
        for [product, name, publisher] in rows {
            crate::ids::check_text("product", product, crate::ids::MAX_TEXT_LEN)?;
            crate::ids::check_text("name", name, crate::ids::MAX_TEXT_LEN)?;
            out.push(ProductRule {
                product: product.trim().to_owned(),
                name: name.trim().to_owned(),
                publisher: Some(publisher.trim())
                    .filter(|p| !p.is_empty())
                    .map(str::to_owned),
            });
        }
        Ok(out)
    }

    fn matches(&self, name: &str, publisher: Option<&str>) -> bool {
        matches_pattern(&self.name, name)
            && self
                .publisher
                .as_deref()
                .is_none_or(|p| publisher.is_none_or(|have| matches_pattern(p, have)))
    }
}

/// Case-insensitive match; `*` is any text; no `*` means "contains".
fn matches_pattern(pattern: &str, text: &str) -> bool {
    let (pattern, text) = (pattern.to_lowercase(), text.to_lowercase());
    if !pattern.contains('*') {
        return text.contains(&pattern);
    }
    let parts: Vec<&str> = pattern.split('*').collect();
    let mut rest = text.as_str();
    for (i, part) in parts.iter().enumerate() {
        if part.is_empty() {
            continue;
        }
        if i == 0 {
            match rest.strip_prefix(part) {
                Some(r) => rest = r,
                None => return false,
            }
        } else if i == parts.len() - 1 {
            return rest.ends_with(part);
        } else {
            match rest.find(part) {
                Some(at) => rest = &rest[at + part.len()..],
                None => return false,
            }
        }
    }
    true
}

/// A copy installed where no seat covers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnlicensedCopy {
    /// The device's tag.
    pub device: String,
    /// Who holds the device.
    pub holder: Option<PersonId>,
    /// The program as the device reports it.
    pub program: String,
}

/// One product: owned, assigned, installed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductCompliance {
    /// The licensed product.
    pub product: String,
    /// Its active licenses' tags.
    pub licenses: Vec<String>,
    /// Seats owned by its active licenses; `None`: unlimited.
    pub seats: Option<u32>,
    /// Seats assigned.
    pub seats_assigned: u32,
    /// The entitlements by edition: seats owned and assigned per edition
    /// of the product's active licenses, by edition name (no edition last).
    pub editions: Vec<EditionSeats>,
    /// Devices (in service) with the product installed.
    pub installations: u32,
    /// Installations a seat covers.
    pub licensed: u32,
    /// Installations no seat covers: the devices to act on.
    pub unlicensed: Vec<UnlicensedCopy>,
    /// More installed than licensed (`unlicensed` is not empty).
    pub over_deployed: bool,
    /// Seats paid for with nothing installed under them.
    pub shelfware: u32,
}

/// Seats of one edition of a product.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionSeats {
    /// The edition ("Pro", "Enterprise"); `None`: licenses without one.
    pub edition: Option<String>,
    /// Seats owned; `None`: unlimited.
    pub seats: Option<u32>,
    /// Seats assigned.
    pub seats_assigned: u32,
}

/// The seats owned and assigned per edition of some licenses.
fn editions(active: &[&LicenseView]) -> Vec<EditionSeats> {
    let mut by: BTreeMap<(bool, Option<String>), EditionSeats> = BTreeMap::new();
    for l in active {
        let e = by
            .entry((l.edition.is_none(), l.edition.clone()))
            .or_insert_with(|| EditionSeats {
                edition: l.edition.clone(),
                seats: Some(0),
                seats_assigned: 0,
            });
        e.seats = e.seats.zip(l.seats).map(|(a, b)| a.saturating_add(b));
        e.seats_assigned = e
            .seats_assigned
            .saturating_add(u32::try_from(l.holders.len()).unwrap_or(u32::MAX));
    }
    by.into_values().collect()
}

/// Names of well-known products as devices report them: the start of the
/// normalisation table (callers add theirs in front of it).
pub fn known_products() -> Vec<ProductRule> {
    let rule = |product: &str, name: &str, publisher: &str| ProductRule {
        product: product.to_owned(),
        name: name.to_owned(),
        publisher: Some(publisher.to_owned()),
    };
    vec![
        rule("Microsoft 365 E3", "Microsoft 365 Apps*", "Microsoft*"),
        rule("Microsoft 365 E3", "Microsoft Office*", "Microsoft*"),
        rule("Adobe Creative Cloud", "Adobe Photoshop*", "Adobe*"),
        rule("Adobe Creative Cloud", "Adobe Illustrator*", "Adobe*"),
        rule("Adobe Creative Cloud", "Adobe InDesign*", "Adobe*"),
        rule("AutoCAD", "AutoCAD*", "Autodesk*"),
        rule("GlobalProtect VPN", "GlobalProtect*", "Palo Alto Networks*"),
    ]
}

impl AssetLog {
    /// The compliance report as of a moment: per licensed product, the
    /// seats owned and assigned against the installations found, the
    /// devices with unlicensed copies, and the seats paid for that nothing
    /// uses. Programs are matched by `rules` first, then by
    /// [`known_products`], then by each license's product name.
    pub fn compliance(&self, at: At, rules: &[ProductRule]) -> Result<Vec<ProductCompliance>> {
        let licenses: Vec<LicenseView> = self.licenses(at)?;
        let mut all_rules: Vec<ProductRule> = rules.to_vec();
        all_rules.extend(known_products());
        for l in &licenses {
            all_rules.push(ProductRule {
                product: l.product.clone(),
                name: l.product.clone(),
                publisher: None,
            });
        }
        // what each device has installed at that moment
        let mut installed: HashMap<AssetId, BTreeMap<String, Option<String>>> = HashMap::new();
        self.store.read(|r| {
            let cut = crate::log::cutoff(r, at)?;
            r.software_events(cut, &mut |id, row| {
                let programs = installed.entry(id).or_default();
                match row.event {
                    Event::SoftwareInstalled(s) => {
                        programs.insert(s.name, s.publisher);
                    }
                    Event::SoftwareRemoved(s) => {
                        programs.remove(&s.name);
                    }
                    _ => {}
                }
                Ok(())
            })
        })?;
        let devices = self.fleet(&FleetFilter::default(), at)?;
        // product -> installations (device tag, holder, program)
        let mut found: BTreeMap<String, Vec<(String, Option<PersonId>, String)>> = BTreeMap::new();
        for d in devices.iter().filter(|d| d.status != Status::Retired) {
            let Some(programs) = installed.get(&d.asset_id) else {
                continue;
            };
            let mut products_here: BTreeMap<&str, &str> = BTreeMap::new();
            for (name, publisher) in programs {
                if let Some(rule) = all_rules
                    .iter()
                    .find(|r| r.matches(name, publisher.as_deref()))
                {
                    products_here
                        .entry(rule.product.as_str())
                        .or_insert(name.as_str());
                }
            }
            for (product, program) in products_here {
                found.entry(product.to_owned()).or_default().push((
                    d.tag.clone(),
                    d.holder.clone(),
                    program.to_owned(),
                ));
            }
        }
        let mut products: Vec<String> = licenses.iter().map(|l| l.product.clone()).collect();
        products.extend(found.keys().cloned());
        products.sort();
        products.dedup();
        let mut out = Vec::new();
        for product in products {
            let active: Vec<&LicenseView> = licenses
                .iter()
                .filter(|l| l.product == product && l.status == LicenseStatus::Active)
                .collect();
            let seats = active
                .iter()
                .try_fold(0u32, |sum, l| l.seats.map(|s| sum.saturating_add(s)));
            let seats = if active.is_empty() { Some(0) } else { seats };
            let seats_assigned = active
                .iter()
                .map(|l| u32::try_from(l.holders.len()).unwrap_or(u32::MAX))
                .sum();
            let copies = found.remove(&product).unwrap_or_default();
            let mut licensed = 0u32;
            let mut unlicensed = Vec::new();
            let mut shared = 0u32;
            for (device, holder, program) in copies.iter().cloned() {
                let covered = active.iter().any(|l| match l.kind {
                    LicenseKind::PerUser => holder
                        .as_ref()
                        .is_some_and(|p| l.holds(&SeatHolder::Person(p.clone()))),
                    LicenseKind::PerDevice => l.holds(&SeatHolder::Device(device.clone())),
                    LicenseKind::Site => true,
                    LicenseKind::Concurrent => l.seats.is_none_or(|s| {
                        let ok = shared < s;
                        if ok {
                            shared += 1;
                        }
                        ok
                    }),
                });
                if covered {
                    licensed += 1;
                } else {
                    unlicensed.push(UnlicensedCopy {
                        device,
                        holder,
                        program,
                    });
                }
            }
            let installations = u32::try_from(copies.len()).unwrap_or(u32::MAX);
            out.push(ProductCompliance {
                product,
                licenses: active.iter().map(|l| l.tag.clone()).collect(),
                seats,
                seats_assigned,
                editions: editions(&active),
                installations,
                licensed,
                over_deployed: !unlicensed.is_empty(),
                unlicensed,
                shelfware: seats.map_or(0, |s| s.saturating_sub(licensed)),
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compare_without_case_and_with_stars() {
        assert!(matches_pattern(
            "Microsoft 365",
            "Microsoft 365 Apps for enterprise"
        ));
        assert!(matches_pattern("adobe photoshop*", "Adobe Photoshop 2025"));
        assert!(matches_pattern("*cad*", "Autodesk AutoCAD 2025"));
        assert!(!matches_pattern("photoshop*", "Adobe Photoshop"));
        assert!(matches_pattern("*2025", "AutoCAD 2025"));
    }
}
