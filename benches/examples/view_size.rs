fn main() {
    let log = assetlog::AssetLog::open_in_memory().unwrap();
    log.append_batch(&assetlog_benches::asset_events(7))
        .unwrap();
    let v = log.asset("LAP-000007", assetlog::At::now()).unwrap();
    let s = serde_json::to_string(&v).unwrap();
    println!("{} bytes\n{s}", s.len());
}
