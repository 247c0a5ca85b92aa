//! The schema, its version, and migrations.
//!
//! A log file is marked by SQLite's `application_id` and carries its schema
//! version in `user_version`. Opening checks both before anything is
//! written: a foreign database or a newer schema is refused untouched.

use rusqlite::Connection;

use crate::error::{Error, Result};

/// `application_id` of every assetlog file ("ASLG").
pub const APPLICATION_ID: i64 = 0x4153_4c47;

/// One migration step: SQL, or Rust for what SQL cannot compute.
enum Step {
    Sql(&'static str),
    Rust(fn(&rusqlite::Transaction<'_>) -> Result<()>),
}

/// Migrations, in order; migration `i` brings the schema to version `i + 1`.
const MIGRATIONS: &[&[Step]] = &[
    // 1: the log, the asset identities, the asset views and the people table.
    &[Step::Sql(
        "
    CREATE TABLE assets (
        stream_id INTEGER PRIMARY KEY,
        asset_id  BLOB NOT NULL UNIQUE,
        tag       TEXT NOT NULL UNIQUE COLLATE NOCASE
    ) STRICT;

    CREATE TABLE events (
        position       INTEGER PRIMARY KEY,
        stream_id      INTEGER NOT NULL,
        version        INTEGER NOT NULL,
        event_id       BLOB NOT NULL,
        type           TEXT NOT NULL,
        schema_version INTEGER NOT NULL,
        occurred_at    INTEGER NOT NULL,
        recorded_at    INTEGER NOT NULL,
        actor          TEXT NOT NULL,
        correlation_id BLOB,
        payload        TEXT NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX events_stream_version ON events(stream_id, version);
    CREATE UNIQUE INDEX events_event_id ON events(event_id);

    CREATE TABLE asset_views (
        stream_id INTEGER PRIMARY KEY,
        status    TEXT NOT NULL,
        holder    TEXT,
        country   TEXT,
        state     TEXT NOT NULL
    ) STRICT;
    CREATE INDEX asset_views_holder ON asset_views(holder) WHERE holder IS NOT NULL;

    CREATE TABLE people (
        person_id  TEXT PRIMARY KEY,
        name       TEXT,
        email      TEXT,
        address    TEXT,
        updated_at INTEGER NOT NULL
    ) STRICT;
    ",
    )],
    // 2: the hash chain; existing events are chained in position order.
    &[
        Step::Sql("ALTER TABLE events ADD COLUMN hash BLOB"),
        Step::Rust(backfill_hashes),
    ],
    // 3: compact events (type as a small integer) and views in typed
    // columns: asset facts on `assets`, states as intervals of valid time,
    // money as cost rows; the views are folded again from the log.
    &[
        Step::Rust(compact_events),
        Step::Sql(VIEW_TABLES),
        Step::Rust(refold_views),
    ],
    // 4: the status changes of every asset in their own covering index, so
    // lead times and recovery read about a third of the intervals, in order.
    &[Step::Sql(
        "CREATE INDEX view_status_changes ON view_intervals(stream_id, valid_from, status, \
         country, return_due, condition, carrier, repairer) WHERE status_since = valid_from",
    )],
    // 5: each license's latest state (derived from the log, like the views),
    // so an in-order event applies to it instead of folding the license again;
    // and license keys, secrets kept outside the log like personal data.
    &[Step::Sql(
        "CREATE TABLE license_states (
            stream_id INTEGER PRIMARY KEY,
            state     TEXT NOT NULL
        ) STRICT;
        CREATE TABLE license_keys (
            stream_id  INTEGER PRIMARY KEY,
            key        TEXT NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;",
    )],
];

/// The view tables of schema 3 (all derived from the log; see docs/store.md).
const VIEW_TABLES: &str = "
    DROP TABLE asset_views;
    ALTER TABLE assets ADD COLUMN category TEXT;
    ALTER TABLE assets ADD COLUMN vendor TEXT;
    ALTER TABLE assets ADD COLUMN model TEXT;
    ALTER TABLE assets ADD COLUMN order_ref TEXT;
    ALTER TABLE assets ADD COLUMN ordered_on INTEGER;
    ALTER TABLE assets ADD COLUMN unit_cost INTEGER;
    ALTER TABLE assets ADD COLUMN currency TEXT;
    ALTER TABLE assets ADD COLUMN warranty_end INTEGER;
    ALTER TABLE assets ADD COLUMN first_event_at INTEGER;

    CREATE TABLE view_intervals (
        stream_id           INTEGER NOT NULL,
        valid_from          INTEGER NOT NULL,
        valid_to            INTEGER NOT NULL,
        version             INTEGER NOT NULL,
        status              INTEGER NOT NULL,
        status_since        INTEGER NOT NULL,
        holder              TEXT,
        department          TEXT,
        cost_centre         TEXT,
        location            TEXT,
        country             TEXT,
        destination         TEXT,
        destination_country TEXT,
        serial              TEXT,
        last_seen           INTEGER,
        os_version          TEXT,
        firmware_version    TEXT,
        patch_at            INTEGER,
        patch_component     TEXT,
        patch_version       TEXT,
        open_tickets        TEXT,
        return_due          INTEGER,
        return_reason       TEXT,
        condition           TEXT,
        wiped               INTEGER NOT NULL,
        retired_reason      TEXT,
        carrier             TEXT,
        repairer            TEXT
    ) STRICT;
    -- A rowid table with a separate key: rows are ~200 bytes, and new
    -- intervals then go to the end of the table instead of between others.
    CREATE UNIQUE INDEX view_intervals_key ON view_intervals(stream_id, valid_from);
    CREATE INDEX views_now ON view_intervals(status, country)
        WHERE valid_to = 9223372036854775807;
    CREATE INDEX views_now_holder ON view_intervals(holder)
        WHERE valid_to = 9223372036854775807;
    -- Serials compared trimmed and without ASCII case (the duplicate check).
    CREATE INDEX views_now_serial ON view_intervals(upper(trim(serial)))
        WHERE valid_to = 9223372036854775807 AND serial IS NOT NULL;

    CREATE TABLE costs (
        stream_id   INTEGER NOT NULL,
        position    INTEGER NOT NULL,
        slot        INTEGER NOT NULL,
        occurred_at INTEGER NOT NULL,
        currency    TEXT NOT NULL,
        amount      INTEGER NOT NULL,
        holder      TEXT,
        department  TEXT,
        cost_centre TEXT,
        location    TEXT,
        country     TEXT,
        PRIMARY KEY (stream_id, position, slot)
    ) STRICT, WITHOUT ROWID;

    -- Depreciation books: dated rules per category (and country: '' for any).
    CREATE TABLE book_rules (
        book        TEXT NOT NULL,
        category    TEXT NOT NULL COLLATE NOCASE,
        country     TEXT NOT NULL,
        valid_from  INTEGER NOT NULL,
        rule        TEXT NOT NULL,
        recorded_at INTEGER NOT NULL,
        PRIMARY KEY (book, category, country, valid_from)
    ) STRICT;

    -- Who has left and when: not personal data (an opaque id and a date), so
    -- it stays when a person's record is erased.
    CREATE TABLE leavers (
        person_id TEXT PRIMARY KEY,
        left_on   INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE log_head (
        id                 INTEGER PRIMARY KEY CHECK (id = 1),
        latest_occurred_at INTEGER NOT NULL
    ) STRICT;
    INSERT INTO log_head VALUES (1, coalesce((SELECT max(occurred_at) FROM events), 0));
";

/// Rewrite the events table with the type as its code (schema 3).
fn compact_events(tx: &rusqlite::Transaction<'_>) -> Result<()> {
    let mut cases = String::new();
    for t in crate::event::EventType::ALL {
        cases.push_str(" WHEN '");
        cases.push_str(t.name());
        cases.push_str("' THEN ");
        cases.push_str(&t.code().to_string());
    }
    tx.execute_batch(&format!(
        "CREATE TABLE events_v3 (
            position       INTEGER PRIMARY KEY,
            stream_id      INTEGER NOT NULL,
            version        INTEGER NOT NULL,
            type           INTEGER NOT NULL,
            occurred_at    INTEGER NOT NULL,
            recorded_at    INTEGER NOT NULL,
            schema_version INTEGER NOT NULL,
            event_id       BLOB NOT NULL,
            actor          TEXT NOT NULL,
            correlation_id BLOB,
            payload        TEXT NOT NULL,
            hash           BLOB
        ) STRICT;
        INSERT INTO events_v3 SELECT position, stream_id, version, CASE type{cases} END,
            occurred_at, recorded_at, schema_version, event_id, actor, correlation_id, payload, hash
            FROM events ORDER BY position;
        DROP TABLE events;
        ALTER TABLE events_v3 RENAME TO events;
        CREATE UNIQUE INDEX events_stream_version ON events(stream_id, version);
        CREATE UNIQUE INDEX events_event_id ON events(event_id);"
    ))?;
    Ok(())
}

/// Fold every view again into the schema-3 tables.
fn refold_views(tx: &rusqlite::Transaction<'_>) -> Result<()> {
    super::views::rebuild(tx, &mut |_| {})?;
    Ok(())
}

/// Chain every existing event, in position order.
fn backfill_hashes(tx: &rusqlite::Transaction<'_>) -> Result<()> {
    let mut prev = crate::chain::GENESIS;
    // Schema 2 stores the type by name.
    let mut read = tx.prepare(
        "SELECT e.position, a.asset_id, a.tag, e.version, e.event_id, e.type, e.schema_version, \
         e.occurred_at, e.recorded_at, e.actor, e.correlation_id, e.payload \
         FROM events e JOIN assets a ON a.stream_id = e.stream_id ORDER BY e.position",
    )?;
    let mut write = tx.prepare("UPDATE events SET hash = ?2 WHERE position = ?1")?;
    let mut rows = read.query([])?;
    while let Some(r) = rows.next()? {
        let name = r.get_ref(5)?.as_str().map_err(rusqlite::Error::from)?;
        let ty = crate::event::EventType::from_name(name)?;
        let link = super::reader::chain_link(r, ty)?;
        prev = crate::chain::next(&prev, &link);
        write.execute(rusqlite::params![link.position as i64, &prev[..]])?;
    }
    Ok(())
}

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Check that `conn` is an assetlog file this build can use, then create or
/// migrate the schema. Nothing is written unless the checks pass.
pub fn prepare(conn: &mut Connection, path: &str) -> Result<()> {
    let not_ours = || Error::NotAnAssetLog {
        path: path.to_owned(),
    };
    let header = |e: rusqlite::Error| match e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
            not_ours()
        }
        other => Error::from(other),
    };
    let app_id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(header)?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if app_id == 0 {
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        if tables > 0 {
            return Err(not_ours());
        }
    } else if app_id != APPLICATION_ID {
        return Err(not_ours());
    }
    if version > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            path: path.to_owned(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if version == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // Another process may have migrated while we waited for the lock.
    let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (i, steps) in MIGRATIONS.iter().enumerate().skip(current.max(0) as usize) {
        for step in *steps {
            match step {
                Step::Sql(sql) => tx.execute_batch(sql)?,
                Step::Rust(f) => f(&tx)?,
            }
        }
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()?;
    Ok(())
}
