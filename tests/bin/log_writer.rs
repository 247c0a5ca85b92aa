//! A writer process for the crash and concurrency tests (tests/it/crash.rs).
//!
//! `log_writer batches DB FIRST`: appends batches of 5 events (one new
//! asset each: ordered, received, then three notes), numbered from FIRST,
//! and after each commit prints `ack N` on stdout, until killed.
//!
//! `log_writer race DB WRITER ROUNDS`: appends notes to the shared assets
//! R0..R3 with the version it last read as the expected version; prints
//! `ok TAG VERSION` or `conflict TAG`, then `done`.

use std::io::Write;

use assetlog::event::{Note, Ordered, Received};
use assetlog::{AssetLog, At, Expected, NewEvent};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let log = AssetLog::open(&args[2]).expect("open the log");
    let out = std::io::stdout();
    match args[1].as_str() {
        "batches" => {
            let mut n: u64 = args[3].parse().expect("first batch number");
            loop {
                let tag = format!("CRASH-{n:06}");
                let mut batch = vec![
                    NewEvent::new(
                        tag.as_str(),
                        Ordered {
                            category: "laptop".into(),
                            vendor: "V".into(),
                            model: "M".into(),
                            serial: None,
                            unit_cost: "10.00 EUR".parse().unwrap(),
                            order_ref: None,
                            warranty_end: None,
                        },
                    ),
                    NewEvent::new(
                        tag.as_str(),
                        Received {
                            location: "Depot".into(),
                            country: None,
                            serial: None,
                        },
                    ),
                ];
                for i in 0..3 {
                    batch.push(NewEvent::new(
                        tag.as_str(),
                        Note {
                            text: format!("{n}/{i}"),
                        },
                    ));
                }
                log.append_batch(&batch).expect("append");
                let mut o = out.lock();
                writeln!(o, "ack {n}").unwrap();
                o.flush().unwrap();
                n += 1;
            }
        }
        "race" => {
            let writer = &args[3];
            let rounds: usize = args[4].parse().unwrap();
            for i in 0..rounds {
                let tag = format!("R{}", i % 4);
                let version = log.asset(tag.as_str(), At::now()).expect("asset").version;
                let e = NewEvent::new(
                    tag.as_str(),
                    Note {
                        text: format!("{writer}/{i}"),
                    },
                )
                .expect(Expected::Exact(version));
                let mut o = out.lock();
                match log.append(e) {
                    Ok(a) => writeln!(o, "ok {} {}", a.tag, a.version).unwrap(),
                    Err(e) if e.code() == "VERSION_CONFLICT" => {
                        writeln!(o, "conflict {tag}").unwrap();
                    }
                    Err(e) => writeln!(o, "error {}", e.code()).unwrap(),
                }
            }
            writeln!(out.lock(), "done").unwrap();
        }
        other => panic!("unknown mode {other}"),
    }
}
