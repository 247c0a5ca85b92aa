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
];

/// Chain every existing event, in position order.
fn backfill_hashes(tx: &rusqlite::Transaction<'_>) -> Result<()> {
    let mut prev = crate::chain::GENESIS;
    let mut read = tx.prepare(
        "SELECT e.position, a.asset_id, a.tag, e.version, e.event_id, e.type, e.schema_version, \
         e.occurred_at, e.recorded_at, e.actor, e.correlation_id, e.payload \
         FROM events e JOIN assets a ON a.stream_id = e.stream_id ORDER BY e.position",
    )?;
    let mut write = tx.prepare("UPDATE events SET hash = ?2 WHERE position = ?1")?;
    let mut rows = read.query([])?;
    while let Some(r) = rows.next()? {
        let link = super::reader::chain_link(r)?;
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
