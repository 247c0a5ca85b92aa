// The README's Rust quickstart (tests/it/readme.rs runs it and checks the
// README shows it verbatim).
use assetlog::event::{Assigned, Ordered, Received};
use assetlog::{AssetLog, At, NewEvent, Policy};

fn main() -> Result<(), assetlog::Error> {
    let log = AssetLog::open_in_memory()?; // or AssetLog::open("fleet.db")?
    log.append_batch(&[
        NewEvent::new(
            "LAP-0042",
            Ordered {
                category: "laptop".into(),
                vendor: "Dell".into(),
                model: "Latitude 7450".into(),
                serial: Some("5CG4321XYZ".into()),
                unit_cost: "1299.00 EUR".parse()?,
                order_ref: Some("PO-2024-118".into()),
                warranty_end: None,
            },
        ),
        NewEvent::new(
            "LAP-0042",
            Received {
                location: "Berlin office".into(),
                country: Some("DE".parse()?),
                serial: None,
            },
        ),
        NewEvent::new(
            "LAP-0042",
            Assigned {
                person: "emp-1042".parse()?,
                department: Some("Engineering".into()),
                cost_centre: None,
            },
        ),
    ])?;
    let laptop = log.asset("LAP-0042", At::now())?;
    println!(
        "{} is {} with {}",
        laptop.tag,
        laptop.status,
        laptop.holder.unwrap()
    );
    let cost = log.cost("LAP-0042", At::now(), &Policy::default())?;
    println!("book value today: {}", cost.book_value_straight_line);
    Ok(())
}
