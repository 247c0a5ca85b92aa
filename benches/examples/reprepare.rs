use rusqlite::{Connection, StatementStatus};
fn main() {
    let p = assetlog_benches::temp_db("r.db");
    drop(assetlog::AssetLog::open(&p).unwrap());
    let c = Connection::open(&p).unwrap();
    for sql in [
        "SELECT stream_id, asset_id, tag FROM assets WHERE tag = ?1",
        "SELECT state FROM asset_views WHERE stream_id = ?1",
        "SELECT position, stream_id, version, type, payload, occurred_at FROM events WHERE event_id = ?1",
        "SELECT version, type, occurred_at, payload, position FROM events WHERE stream_id = ?1 ORDER BY occurred_at, version",
    ] {
        let mut st = c.prepare(sql).unwrap();
        for i in 0..10 { let _ = st.query_row([format!("x{i}")], |_| Ok(())); }
        println!("{} -> {}", st.get_status(StatementStatus::RePrepare), &sql[..40]);
    }
}
