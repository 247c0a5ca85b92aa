//! The README shows code that runs: its Rust quickstart is the example
//! `crates/assetlog/examples/quickstart.rs`, which runs here.

mod quickstart {
    #![allow(clippy::pedantic)]
    include!("../../crates/assetlog/examples/quickstart.rs");
    pub fn run() -> Result<(), assetlog::Error> {
        main()
    }
}

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap()
}

fn code_after_marker(text: &str, marker: &str) -> String {
    let start = text
        .find(marker)
        .unwrap_or_else(|| panic!("README has no {marker}"));
    let rest = &text[start..];
    let open = rest.find("```").unwrap();
    let body = &rest[open..];
    let body = &body[body.find('\n').unwrap() + 1..];
    body[..body.find("```").unwrap()].to_owned()
}

#[test]
fn readme_rust_quickstart_is_the_tested_example() {
    quickstart::run().unwrap();
    let example = include_str!("../../crates/assetlog/examples/quickstart.rs");
    let shown = code_after_marker(&readme(), "<!-- quickstart: rust -->");
    assert!(
        example.contains(shown.trim()),
        "README's Rust quickstart differs from crates/assetlog/examples/quickstart.rs"
    );
}
