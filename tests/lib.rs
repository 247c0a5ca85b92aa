//! Helpers shared by the integration tests: scenario fixtures and builders.

use std::path::PathBuf;

use serde_json::Value;

/// The folder of the scenario fixtures shared by Rust, Python and Node.
pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Every fixture file, sorted by name.
pub fn fixture_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// Check that every key of `expected` is in `actual` with an equal value
/// (objects compare recursively by their expected keys, arrays exactly).
/// Returns the path of the first difference.
pub fn subset_diff(expected: &Value, actual: &Value, path: &str) -> Option<String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => e.iter().find_map(|(k, ev)| {
            let p = format!("{path}.{k}");
            match a.get(k) {
                Some(av) => subset_diff(ev, av, &p),
                None if ev.is_null() => None,
                None => Some(format!("{p}: missing, expected {ev}")),
            }
        }),
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                return Some(format!(
                    "{path}: expected {} items, got {}: {actual}",
                    e.len(),
                    a.len()
                ));
            }
            e.iter()
                .zip(a)
                .enumerate()
                .find_map(|(i, (ev, av))| subset_diff(ev, av, &format!("{path}[{i}]")))
        }
        (e, a) if e == a => None,
        (e, a) => Some(format!("{path}: expected {e}, got {a}")),
    }
}
