//! The schema, its version, and migrations.
//!
//! A log file is marked by SQLite's `application_id` and carries its schema
//! version in `user_version`. Opening checks both before anything is
//! written: a foreign database or a newer schema is refused untouched.

use rusqlite::Connection;

use crate::error::{Error, Result};

/// `application_id` of every assetlog file ("ASLG").
pub const APPLICATION_ID: i64 = 0x4153_4c47;

/// Migrations, in order; migration `i` brings the schema to version `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: the log, the asset identities, the asset views and the people table.
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
];

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
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current.max(0) as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()?;
    Ok(())
}
