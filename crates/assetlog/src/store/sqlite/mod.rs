//! The embedded SQLite backend: the only module that knows SQLite.
//!
//! [`SqliteStore`] implements [`Backend`]: writes run inside one
//! `BEGIN IMMEDIATE` transaction on the one writer connection (one writer at
//! a time, so global positions follow commit order), reads inside a read
//! snapshot on a pooled reader connection (WAL lets readers work beside the
//! writer). `reader.rs` and `writer.rs` implement [`ReadTx`] and
//! [`WriteTx`]; `views.rs` holds the view tables' SQL, `schema.rs` the
//! schema and its migrations.

mod reader;
mod schema;
mod views;
mod writer;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};
use crate::ids::{AssetId, PersonId};
use crate::store::{Backend, Durability, ReadTx, StreamInfo, WriteTx};
use crate::view::asset::AssetView;

use reader::Reader;
pub use schema::SCHEMA_VERSION;
use writer::Writer;

/// Idle reader connections kept open for reuse.
const MAX_IDLE_READERS: usize = 8;

/// Stream identities never change once committed, so the writer caches them.
#[derive(Default)]
pub(crate) struct StreamCache {
    by_tag: HashMap<String, StreamInfo>,
    by_id: HashMap<AssetId, StreamInfo>,
}

impl StreamCache {
    fn tag_key(tag: &str) -> String {
        tag.to_ascii_lowercase()
    }
    pub(crate) fn by_tag(&self, tag: &str) -> Option<&StreamInfo> {
        self.by_tag.get(&Self::tag_key(tag))
    }
    pub(crate) fn by_id(&self, id: &AssetId) -> Option<&StreamInfo> {
        self.by_id.get(id)
    }
    pub(crate) fn insert(&mut self, s: StreamInfo) {
        self.by_tag.insert(Self::tag_key(&s.tag), s.clone());
        self.by_id.insert(s.asset_id, s);
    }
}

/// Views the writer has read or written, so appends need not decode them
/// again. Valid while no other connection commits: SQLite's
/// `PRAGMA data_version` changes exactly then, and the cache is dropped.
#[derive(Default)]
pub(crate) struct ViewCache {
    views: HashMap<i64, AssetView>,
    data_version: i64,
}

/// Views kept at most; past this the cache starts over (memory stays bounded).
const MAX_CACHED_VIEWS: usize = 200_000;

impl ViewCache {
    pub(crate) fn get(&self, stream_id: i64) -> Option<&AssetView> {
        self.views.get(&stream_id)
    }
}

struct WriterState {
    conn: Connection,
    streams: StreamCache,
    views: ViewCache,
}

/// The SQLite store behind an [`crate::AssetLog`]. `Send + Sync`.
pub(crate) struct SqliteStore {
    writer: Mutex<WriterState>,
    readers: Mutex<Vec<Connection>>,
    /// `None` for an in-memory store, whose only connection serves reads too.
    path: Option<PathBuf>,
}

impl SqliteStore {
    /// Open (or create) a log file.
    pub fn open(path: &Path, durability: Durability, busy_timeout: Duration) -> Result<Self> {
        let shown = path.display().to_string();
        // SQLite says only "unable to open database file": name the cause
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !dir.is_dir() {
                return Err(Error::Io {
                    reason: format!("{shown}: the folder {} does not exist", dir.display()),
                });
            }
        }
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(busy_timeout)?;
        schema::prepare(&mut conn, &shown)?;
        configure(&conn, durability, true)?;
        shrink_wal(&conn, path)?;
        Ok(SqliteStore::with(conn, Some(path.to_path_buf())))
    }

    /// A log that lives in memory only (tests, scratch work).
    pub fn open_in_memory() -> Result<Self> {
        let mut conn = Connection::open_in_memory()?;
        schema::prepare(&mut conn, ":memory:")?;
        configure(&conn, Durability::Process, false)?;
        Ok(SqliteStore::with(conn, None))
    }

    fn with(conn: Connection, path: Option<PathBuf>) -> Self {
        SqliteStore {
            writer: Mutex::new(WriterState {
                conn,
                streams: StreamCache::default(),
                views: ViewCache::default(),
            }),
            readers: Mutex::new(Vec::new()),
            path,
        }
    }

    /// Run `f` in one write transaction: committed if it returns `Ok`,
    /// rolled back (nothing written) if it returns `Err`.
    fn write<R>(&self, f: impl FnOnce(&mut Writer<'_>) -> Result<R>) -> Result<R> {
        let mut guard = self
            .writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let state = &mut *guard;
        let conn = &state.conn;
        conn.prepare_cached("BEGIN IMMEDIATE")?.execute([])?;
        let run = || -> Result<(R, writer::Staged)> {
            let version: i64 = conn
                .prepare_cached("PRAGMA data_version")?
                .query_row([], |r| r.get(0))?;
            if version != state.views.data_version {
                state.views.views.clear();
                state.views.data_version = version;
            }
            let mut w = Writer::new(conn, &state.streams, &state.views);
            let out = f(&mut w)?;
            Ok((out, w.into_staged()))
        };
        match run() {
            Ok((out, staged)) => {
                if let Err(e) = conn.prepare_cached("COMMIT")?.execute([]) {
                    let _ = conn.execute_batch("ROLLBACK");
                    return Err(e.into());
                }
                for s in staged.streams {
                    state.streams.insert(s);
                }
                if staged.views_cleared || state.views.views.len() > MAX_CACHED_VIEWS {
                    state.views.views.clear();
                }
                state.views.views.extend(staged.views);
                Ok(out)
            }
            Err(e) => {
                // Rolling back can only fail if the transaction is already gone.
                let _ = conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Run `f` on one consistent snapshot of the log.
    fn read<R>(&self, f: impl FnOnce(&Reader<'_>) -> Result<R>) -> Result<R> {
        let Some(path) = &self.path else {
            let guard = self
                .writer
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            return snapshot(&guard.conn, f);
        };
        let pooled = self
            .readers
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .pop();
        let conn = match pooled {
            Some(c) => c,
            None => open_reader(path)?,
        };
        let out = snapshot(&conn, f);
        let mut pool = self
            .readers
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if pool.len() < MAX_IDLE_READERS {
            pool.push(conn);
        }
        out
    }
}

impl Backend for SqliteStore {
    fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn read_tx(&self, f: &mut dyn FnMut(&dyn ReadTx) -> Result<()>) -> Result<()> {
        self.read(|r| f(r))
    }

    fn write_tx(&self, f: &mut dyn FnMut(&mut dyn WriteTx) -> Result<()>) -> Result<()> {
        self.write(|w| f(w))
    }

    /// Deleted with `secure_delete` on (freed bytes are overwritten), then
    /// the WAL is checkpointed and truncated, so the data is gone from the file.
    fn erase_person(&self, id: &PersonId) -> Result<bool> {
        let maintenance = |f: &dyn Fn(&Connection) -> Result<()>| {
            let guard = self
                .writer
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            f(&guard.conn)
        };
        maintenance(&|c| Ok(c.pragma_update(None, "secure_delete", "ON")?))?;
        let existed = self.write(|w| w.delete_person(id));
        let restore = maintenance(&|c| {
            c.pragma_update(None, "secure_delete", "OFF")?;
            if self.path.is_some() {
                c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
            }
            Ok(())
        });
        let existed = existed?;
        restore?;
        Ok(existed)
    }
}

fn snapshot<R>(conn: &Connection, f: impl FnOnce(&Reader<'_>) -> Result<R>) -> Result<R> {
    conn.execute_batch("BEGIN DEFERRED")?;
    let out = f(&Reader::new(conn));
    // A read transaction has nothing to keep; end it whatever happened.
    let end = conn.execute_batch("COMMIT");
    let out = out?;
    end?;
    Ok(out)
}

fn open_reader(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI,
    )?;
    conn.busy_timeout(Duration::from_millis(crate::store::BUSY_TIMEOUT_MS))?;
    stable_plans(&conn)?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(conn)
}

/// A WAL larger than this on opening is checkpointed and truncated, and a
/// WAL is cut back to it after every checkpoint (`journal_size_limit`).
pub const WAL_LIMIT_BYTES: u64 = 64 * 1024 * 1024;

/// Writers killed before their checkpoint leave the WAL growing; readers
/// then search it on every page read. Whoever opens the log next folds it
/// back into the database (a checkpoint never loses a committed write).
fn shrink_wal(conn: &Connection, path: &Path) -> Result<()> {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let size = std::fs::metadata(PathBuf::from(wal)).map_or(0, |m| m.len());
    if size > WAL_LIMIT_BYTES {
        // Busy readers may keep part of it; that is fine, the next open tries again.
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    }
    Ok(())
}

/// Plans that do not depend on bound values. Without this, SQLite (built
/// with STAT4) marks statements to be prepared again whenever a parameter
/// is bound anew, and rusqlite's statement cache clears bindings each time a
/// statement is reused: reading one asset view cost 50 µs instead of 5.
fn stable_plans(conn: &Connection) -> Result<()> {
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    Ok(())
}

fn configure(conn: &Connection, durability: Durability, file: bool) -> Result<()> {
    stable_plans(conn)?;
    if file {
        let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::storage(rusqlite::Error::InvalidQuery));
        }
    }
    let sync = match durability {
        Durability::Process => "NORMAL",
        Durability::PowerLoss => "FULL",
    };
    conn.pragma_update(None, "synchronous", sync)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.pragma_update(None, "cache_size", -32_000)?;
    // Checkpoint every ~16 MiB of WAL instead of 4 MiB: fewer fsyncs, same durability.
    conn.pragma_update(None, "wal_autocheckpoint", 4000)?;
    conn.pragma_update(None, "journal_size_limit", WAL_LIMIT_BYTES as i64)?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(())
}
