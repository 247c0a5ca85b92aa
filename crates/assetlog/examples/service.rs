//! A small HTTP service over one assetlog, on std threads only: how to
//! share the log (open once, one clone per worker) and map its errors to
//! HTTP statuses by kind. `cargo test --examples` runs its test.
//!
//! ```sh
//! cargo run --example service -- fleet.db 127.0.0.1:8080
//! curl -X POST localhost:8080/events -d '[{"asset":"LAP-1","type":"ordered",
//!   "data":{"category":"laptop","vendor":"Dell","model":"XPS","unit_cost":"1299.00 EUR"}}]'
//! curl localhost:8080/assets/LAP-1
//! curl 'localhost:8080/fleet?country=DE&limit=100'        # then &after=<next>
//! curl 'localhost:8080/counts?by=department'
//! ```
//!
//! Routes:
//! - `POST /events`: a JSON array of events (or one event) appended
//!   atomically; 201 with where they landed.
//! - `GET /assets/{tag}`: the asset's view.
//! - `GET /fleet?status=&country=&location=&holder=&category=&department=&limit=&after=`:
//!   one page of views and the cursor of the next.
//! - `GET /counts?by=department[,country]&...filters`: counts per group in one query.
//!
//! With an async runtime the same handlers run under
//! `tokio::task::spawn_blocking`: every assetlog call does blocking I/O.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};

use assetlog::view::fleet::Dimension;
use assetlog::{AssetLog, At, Error, ErrorKind, FleetFilter, NewEvent};
use serde_json::{json, Value};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "assetlog.db".into());
    let addr = args.next().unwrap_or_else(|| "127.0.0.1:8080".into());
    let log = AssetLog::open(&path)?;
    let listener = TcpListener::bind(&addr)?;
    println!("serving {path} on http://{}", listener.local_addr()?);
    serve(&listener, &log);
    Ok(())
}

/// Answer every connection on its own thread, each with a clone of the log.
fn serve(listener: &TcpListener, log: &AssetLog) {
    for stream in listener.incoming().flatten() {
        let log = log.clone();
        std::thread::spawn(move || {
            let _ = handle(stream, &log);
        });
    }
}

struct Request {
    method: String,
    path: String,
    query: Vec<(String, String)>,
    body: Vec<u8>,
}

fn read_request(stream: &TcpStream) -> std::io::Result<Request> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let target = parts.next().unwrap_or("/").to_owned();
    let mut length = 0;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let query = query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect();
    Ok(Request {
        method,
        path: path.to_owned(),
        query,
        body,
    })
}

/// `%XX` and `+` in a query string.
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn handle(mut stream: TcpStream, log: &AssetLog) -> std::io::Result<()> {
    let req = read_request(&stream)?;
    let (status, body) = match route(&req, log) {
        Ok(answer) => answer,
        Err(e) => error_response(&e),
    };
    let text = body.to_string();
    write!(
        stream,
        "HTTP/1.1 {status} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
        reason(status),
        text.len()
    )?;
    stream.flush()
}

fn route(req: &Request, log: &AssetLog) -> Result<(u16, Value), Error> {
    let segments: Vec<&str> = req.path.trim_matches('/').split('/').collect();
    match (req.method.as_str(), segments.as_slice()) {
        ("POST", ["events"]) => {
            // NewEvent is also Deserialize (serde_json::from_slice::<Vec<NewEvent>>);
            // reading through list_from_json keeps the coded error of a bad event
            let body: Value =
                serde_json::from_slice(&req.body).map_err(|e| Error::InvalidEvent {
                    reason: e.to_string(),
                })?;
            let events: Vec<NewEvent> = match body {
                Value::Array(_) => NewEvent::list_from_json(&body.to_string())?,
                one => vec![NewEvent::from_json_value(&one)?],
            };
            let appended = log.append_batch(&events)?;
            Ok((201, json!(appended)))
        }
        ("GET", ["assets", tag]) => Ok((200, json!(log.asset(*tag, At::now())?))),
        ("GET", ["fleet"]) => {
            let mut filter = FleetFilter::default();
            let (mut limit, mut after) = (100, None);
            for (k, v) in &req.query {
                match k.as_str() {
                    "limit" => {
                        limit = v.parse().map_err(|_| Error::InvalidValue {
                            field: "limit".into(),
                            input: v.clone(),
                            reason: "a whole number".into(),
                        })?;
                    }
                    "after" => after = Some(v.parse()?),
                    _ => filter.set(k, v)?,
                }
            }
            let page = log.fleet_page(&filter, At::now(), after, limit)?;
            Ok((200, json!(page)))
        }
        ("GET", ["counts"]) => {
            let mut filter = FleetFilter::default();
            let mut by = Vec::new();
            for (k, v) in &req.query {
                if k == "by" {
                    for d in v.split(',') {
                        by.push(Dimension::from_name(d)?);
                    }
                } else {
                    filter.set(k, v)?;
                }
            }
            Ok((200, json!(log.counts_by(&by, &filter, At::now())?)))
        }
        _ => Ok((
            404,
            json!({"code": "NOT_FOUND", "message": "no such route"}),
        )),
    }
}

/// The HTTP status follows from the error's kind.
fn error_response(e: &Error) -> (u16, Value) {
    let status = match e.kind() {
        ErrorKind::BadInput => 400,
        ErrorKind::NotFound => 404,
        ErrorKind::Conflict => 409,
        ErrorKind::Environment => 503,
        _ => 500,
    };
    let body = json!({
        "code": e.code(),
        "kind": e.kind().name(),
        "message": e.to_string(),
        "details": e.details(),
    });
    (status, body)
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        400 => "Bad Request",
        404 => "Not Found",
        409 => "Conflict",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(addr: std::net::SocketAddr, method: &str, target: &str, body: &str) -> (u16, Value) {
        let mut s = TcpStream::connect(addr).unwrap();
        write!(
            s,
            "{method} {target} HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut text = String::new();
        s.read_to_string(&mut text).unwrap();
        let status = text[9..12].parse().unwrap();
        let json = text.split_once("\r\n\r\n").unwrap().1;
        (status, serde_json::from_str(json).unwrap())
    }

    #[test]
    fn the_service_appends_answers_pages_and_maps_errors_to_statuses() {
        let log = AssetLog::open_in_memory().unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let server = log.clone();
        std::thread::spawn(move || serve(&listener, &server));

        let mut batch = Vec::new();
        for i in 0..5 {
            batch.push(json!({"asset": format!("LAP-{i}"), "type": "ordered",
                "occurred_at": "2024-01-01T00:00:00Z",
                "data": {"category": "laptop", "vendor": "Dell", "model": "XPS", "unit_cost": "1299.00 EUR"}}));
            batch.push(json!({"asset": format!("LAP-{i}"), "type": "received",
                "occurred_at": "2024-01-02T00:00:00Z",
                "data": {"location": "Berlin", "country": if i < 3 { "DE" } else { "FR" }}}));
        }
        let (status, appended) = call(addr, "POST", "/events", &Value::Array(batch).to_string());
        assert_eq!(status, 201, "{appended}");
        assert_eq!(appended.as_array().unwrap().len(), 10);

        let (status, view) = call(addr, "GET", "/assets/LAP-1", "");
        assert_eq!((status, view["status"].as_str()), (200, Some("in_stock")));

        let (status, page) = call(addr, "GET", "/fleet?country=DE&limit=2", "");
        assert_eq!(status, 200);
        assert_eq!(page["views"].as_array().unwrap().len(), 2);
        let next = page["next"].as_str().unwrap().to_owned();
        let (_, last) = call(
            addr,
            "GET",
            &format!("/fleet?country=DE&limit=2&after={next}"),
            "",
        );
        assert_eq!(last["views"][0]["tag"], "LAP-2");
        assert!(last["next"].is_null());

        let (status, counts) = call(addr, "GET", "/counts?by=country", "");
        assert_eq!(status, 200);
        assert_eq!(counts.as_array().unwrap().len(), 2);

        // errors: the HTTP status follows from the kind, the body is the coded error
        let (status, e) = call(addr, "GET", "/assets/NOPE", "");
        assert_eq!((status, e["code"].as_str()), (404, Some("UNKNOWN_ASSET")));
        let bad = r#"{"asset":"LAP-1","type":"assigned","data":{"person":"emp-1"},"occurred_at":"2023-01-01T00:00:00Z"}"#;
        let (status, e) = call(addr, "POST", "/events", bad);
        assert_eq!(
            (status, e["code"].as_str()),
            (409, Some("INVALID_TRANSITION"))
        );
        let (status, e) = call(addr, "GET", "/fleet?contry=DE", "");
        assert_eq!((status, e["code"].as_str()), (400, Some("INVALID_VALUE")));
        assert_eq!(
            log.stats().unwrap().events,
            10,
            "refused requests wrote nothing"
        );
    }
}
