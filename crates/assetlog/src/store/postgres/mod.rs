//! The PostgreSQL backend: the only module that knows PostgreSQL.
//!
//! [`PgStore`] implements [`Backend`] with the synchronous `postgres`
//! client. Writes run in one transaction that first locks the log's head
//! row (`UPDATE log_head ... RETURNING`), so one writer at a time, across
//! every process and host, numbers its events: positions are gapless and
//! follow commit order, and the hash chain continues from the head the
//! writer holds. The transaction ends with a `NOTIFY` that wakes followers.
//! Reads run in a `REPEATABLE READ READ ONLY` transaction: one snapshot.
//!
//! Everything lives in one schema (`assetlog` unless the URL says
//! `schema=NAME`), marked by the `assetlog_meta` table. `reader.rs` and
//! `writer.rs` implement [`ReadTx`] and [`WriteTx`], `views.rs` the view
//! tables' SQL, `schema.rs` the schema and its migrations.

mod pending;
mod reader;
mod schema;
mod views;
mod writer;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use postgres::error::SqlState;
use postgres::fallible_iterator::FallibleIterator;
use postgres::{Client, IsolationLevel, NoTls, Statement};

use crate::error::{Error, Result};
use crate::ids::PersonId;
use crate::store::sqlite::StreamCache;
use crate::store::{Backend, ReadTx, WriteTx};
use crate::view::asset::AssetView;

use reader::Reader;
use writer::Writer;

pub use schema::PG_SCHEMA_VERSION;

/// Views a writer keeps between transactions at most; past this its cache
/// starts over (memory stays bounded).
const MAX_CACHED_VIEWS: usize = 20_000;

/// Idle reader connections kept open for reuse.
const MAX_IDLE_READERS: usize = 8;

/// How long connecting may take before [`Error::ServerUnavailable`].
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A connection and the statements prepared on it.
struct Conn {
    client: Client,
    stmts: HashMap<String, Statement>,
}

struct WriterState {
    conn: Option<Conn>,
    streams: StreamCache,
    views: HashMap<i64, AssetView>,
    /// `log_head.writes` after this writer's last commit: when the next
    /// write transaction finds one more than that, nobody else wrote in
    /// between and the cached views are current.
    writes: i64,
}

/// The PostgreSQL store behind an [`crate::AssetLog`]. `Send + Sync`.
pub(crate) struct PgStore {
    config: postgres::Config,
    schema: String,
    /// The server and database, without credentials (for messages).
    target: String,
    busy_timeout: Duration,
    writer: Mutex<WriterState>,
    readers: Mutex<Vec<Conn>>,
    /// Idle connections listening on the log's channel; each waiting
    /// follower takes one of its own, so a long wait never holds up a
    /// short one.
    listeners: Mutex<Vec<Client>>,
}

/// The URL without the `schema=` parameter (ours, not libpq's), and the schema.
fn split_schema(url: &str) -> Result<(String, String)> {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, q),
        None => (url, ""),
    };
    let mut schema = "assetlog".to_owned();
    let mut rest = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.split_once('=') {
            Some(("schema", name)) => name.clone_into(&mut schema),
            _ => rest.push(pair),
        }
    }
    let valid = !schema.is_empty()
        && schema.len() <= 63
        && schema.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && schema
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !valid {
        return Err(Error::invalid(
            "schema",
            &schema,
            "a schema name of lowercase letters, digits and _ (at most 63), starting with a letter or _",
        ));
    }
    let url = if rest.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", rest.join("&"))
    };
    Ok((url, schema))
}

/// "host/dbname" of a config, for messages (never the password).
fn describe(config: &postgres::Config) -> String {
    let host = config
        .get_hosts()
        .first()
        .map_or_else(String::new, |h| match h {
            postgres::config::Host::Tcp(name) => name.clone(),
            #[cfg(unix)]
            postgres::config::Host::Unix(path) => path.display().to_string(),
        });
    format!(
        "postgresql://{}@{host}/{}",
        config.get_user().unwrap_or(""),
        config.get_dbname().unwrap_or("")
    )
}

impl PgStore {
    /// Connect to a server, check (or create) the log's schema.
    pub fn open(url: &str, busy_timeout: Duration) -> Result<Self> {
        let (url, schema) = split_schema(url)?;
        let mut config: postgres::Config = url.parse().map_err(|e: postgres::Error| {
            Error::invalid(
                "url",
                "postgresql://...",
                format!("not a PostgreSQL URL: {e}"),
            )
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        config.keepalives_idle(Duration::from_secs(30));
        config.application_name("assetlog");
        let target = describe(&config);
        let store = PgStore {
            config,
            schema,
            target,
            busy_timeout,
            writer: Mutex::new(WriterState {
                conn: None,
                streams: StreamCache::default(),
                views: HashMap::new(),
                writes: -1,
            }),
            readers: Mutex::new(Vec::new()),
            listeners: Mutex::new(Vec::new()),
        };
        let mut conn = store.connect_raw()?;
        schema::prepare(&mut conn, &store.schema, &store.target)?;
        store.configure(&mut conn)?;
        store.lock_writer().conn = Some(Conn {
            client: conn,
            stmts: HashMap::new(),
        });
        Ok(store)
    }

    fn lock_writer(&self) -> std::sync::MutexGuard<'_, WriterState> {
        self.writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A new connection, its failures named for people.
    fn connect_raw(&self) -> Result<Client> {
        self.config
            .connect(NoTls)
            .map_err(|e| unavailable(&self.target, &e))
    }

    /// Session settings of every connection: the schema, and how long a
    /// writer waits for the head lock before [`Error::Busy`].
    fn configure(&self, client: &mut Client) -> Result<()> {
        client.batch_execute(&format!(
            "SET search_path TO {}; SET lock_timeout = {}; SET TIME ZONE 'UTC'",
            self.schema,
            self.busy_timeout.as_millis().max(1)
        ))?;
        Ok(())
    }

    fn connect(&self) -> Result<Conn> {
        let mut client = self.connect_raw()?;
        self.configure(&mut client)?;
        Ok(Conn {
            client,
            stmts: HashMap::new(),
        })
    }

    /// The channel followers listen on.
    fn channel(&self) -> String {
        format!("assetlog_{}", self.schema)
    }

    /// Run `f` in one write transaction holding the head lock.
    fn write<R>(&self, f: impl FnOnce(&mut Writer<'_>) -> Result<R>) -> Result<R> {
        let mut guard = self.lock_writer();
        let state = &mut *guard;
        if state.conn.as_ref().is_none_or(|c| c.client.is_closed()) {
            state.conn = None;
            state.conn = Some(self.connect()?);
        }
        let conn = state.conn.as_mut().expect("connected above");
        let result = (|| {
            let mut tx = conn.client.transaction()?;
            // the one-writer lock, held to commit: positions follow commit order
            let lock = tx.query_one(
                "UPDATE log_head SET writes = writes + 1 WHERE id = 1 \
                 RETURNING writes, head_position, head_recorded, head_hash",
                &[],
            )?;
            let writes: i64 = lock.get(0);
            let mut hash = crate::chain::GENESIS;
            if let Some(h) = lock.get::<_, Option<&[u8]>>(3).filter(|h| h.len() == 32) {
                hash.copy_from_slice(h);
            }
            let head = (lock.get::<_, i64>(1) as u64, lock.get(2), hash);
            let views_current = writes == state.writes + 1;
            let mut w = Writer::new(
                tx,
                head,
                &mut conn.stmts,
                &state.streams,
                if views_current {
                    Some(&state.views)
                } else {
                    None
                },
            );
            let out = f(&mut w)?;
            let (tx, staged) = w.finish(&self.channel())?;
            tx.commit().map_err(|e| self.commit_failed(e))?;
            Ok((out, staged, writes, views_current))
        })();
        match result {
            Ok((out, staged, writes, views_current)) => {
                if !views_current || staged.views_cleared || state.views.len() > MAX_CACHED_VIEWS {
                    state.views.clear();
                }
                state.writes = writes;
                for s in staged.streams {
                    state.streams.insert(s);
                }
                state.views.extend(staged.views);
                Ok(out)
            }
            Err(e) => {
                if state.conn.as_ref().is_some_and(|c| c.client.is_closed()) {
                    state.conn = None;
                    // the server went away: the idle connections went with it
                    self.drop_idle();
                }
                Err(e)
            }
        }
    }

    /// A failed COMMIT. If the connection broke, the server may have
    /// committed before it did: say that the outcome is unknown (never
    /// "nothing was written"), so a caller retries with event ids.
    fn commit_failed(&self, e: postgres::Error) -> Error {
        match Error::from(e) {
            Error::ServerUnavailable { reason, .. } => Error::ServerUnavailable {
                target: self.target.clone(),
                reason: format!(
                    "the connection broke while committing ({reason}): the batch may or may not \
                     be stored; look at the feed, or retry with the same event ids (a retry of \
                     a stored event adds nothing)"
                ),
            },
            other => other,
        }
    }

    /// Run `f` on one consistent snapshot.
    fn read<R>(&self, f: impl FnOnce(&Reader<'_>) -> Result<R>) -> Result<R> {
        let pooled = self
            .readers
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .pop();
        let mut conn = match pooled.filter(|c| !c.client.is_closed()) {
            Some(c) => c,
            None => self.connect()?,
        };
        let out = (|| {
            let tx = conn
                .client
                .build_transaction()
                .isolation_level(IsolationLevel::RepeatableRead)
                .read_only(true)
                .start()?;
            let r = Reader::new(tx, &mut conn.stmts);
            let out = f(&r)?;
            r.finish()?.commit()?;
            Ok(out)
        })();
        if conn.client.is_closed() {
            // the server went away: the idle connections went with it, so
            // the next calls connect afresh instead of failing one by one
            self.drop_idle();
        } else {
            let mut pool = self
                .readers
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if pool.len() < MAX_IDLE_READERS {
                pool.push(conn);
            }
        }
        out
    }

    /// Forget the idle reader and listener connections.
    fn drop_idle(&self) {
        self.readers
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clear();
        self.listeners
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clear();
    }
}

impl Backend for PgStore {
    fn path(&self) -> Option<&Path> {
        None
    }

    fn describe(&self) -> String {
        format!("{} (schema {})", self.target, self.schema)
    }

    fn read_tx(&self, f: &mut dyn FnMut(&dyn ReadTx) -> Result<()>) -> Result<()> {
        self.read(|r| f(r))
    }

    fn write_tx(&self, f: &mut dyn FnMut(&mut dyn WriteTx) -> Result<()>) -> Result<()> {
        self.write(|w| f(w))
    }

    /// Deleted, then the people table is vacuumed so the dead row's space
    /// is reclaimed; copies in the write-ahead log, in replicas and in
    /// backups remain until they are recycled (docs/postgres.md).
    fn erase_person(&self, id: &PersonId) -> Result<bool> {
        let existed = self.write(|w| crate::store::WriteTx::delete_person(w, id))?;
        let mut guard = self.lock_writer();
        if let Some(conn) = guard.conn.as_mut() {
            // VACUUM needs the table's owner; a writer role that is not
            // leaves it to autovacuum (the row is already unreadable)
            let _ = conn.client.batch_execute("VACUUM people");
        }
        Ok(existed)
    }

    /// LISTEN on the log's channel: woken by the `NOTIFY` of every commit
    /// that appended, from any process or host.
    fn wait_for_events(&self, after: u64, timeout: Duration) -> Result<Option<bool>> {
        let deadline = Instant::now() + timeout;
        let pooled = self
            .listeners
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .pop();
        let mut listener = if let Some(c) = pooled.filter(|c| !c.is_closed()) {
            c
        } else {
            let mut c = self.connect_raw()?;
            c.batch_execute(&format!("LISTEN {}", self.channel()))?;
            c
        };
        let found = (|| loop {
            // listening before looking: an append between the two still wakes us
            if self.read(|r| r.event_count())? > after {
                return Ok(true);
            }
            let now = Instant::now();
            if now >= deadline {
                return Ok(false);
            }
            let mut notes = listener.notifications();
            // one notification is enough; drain what else arrived
            if notes.timeout_iter(deadline - now).next()?.is_none() {
                return Ok(self.read(|r| r.event_count())? > after);
            }
            while notes.iter().next()?.is_some() {}
        })();
        if !listener.is_closed() {
            let mut pool = self
                .listeners
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if pool.len() < MAX_IDLE_READERS {
                pool.push(listener);
            }
        }
        found.map(Some)
    }
}

/// A failure to connect, in words: down, refused, timed out, or the
/// password.
fn unavailable(target: &str, e: &postgres::Error) -> Error {
    if let Some(db) = e.as_db_error() {
        if *db.code() == SqlState::INVALID_CATALOG_NAME {
            return Error::ServerUnavailable {
                target: target.to_owned(),
                reason: db.message().to_owned(),
            };
        }
    }
    let mut reason = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        reason = format!("{reason}: {s}");
        source = s.source();
    }
    Error::ServerUnavailable {
        target: target.to_owned(),
        reason,
    }
}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Self {
        if let Some(db) = e.as_db_error() {
            let code = db.code();
            if *code == SqlState::INSUFFICIENT_PRIVILEGE {
                return Error::PermissionDenied {
                    reason: db.message().to_owned(),
                };
            }
            if [
                SqlState::LOCK_NOT_AVAILABLE,
                SqlState::T_R_DEADLOCK_DETECTED,
                SqlState::T_R_SERIALIZATION_FAILURE,
            ]
            .contains(code)
            {
                return Error::Busy;
            }
            if [
                SqlState::ADMIN_SHUTDOWN,
                SqlState::CRASH_SHUTDOWN,
                SqlState::CANNOT_CONNECT_NOW,
                SqlState::TOO_MANY_CONNECTIONS,
            ]
            .contains(code)
            {
                return Error::ServerUnavailable {
                    target: "PostgreSQL".into(),
                    reason: db.message().to_owned(),
                };
            }
        }
        if e.is_closed()
            || std::error::Error::source(&e)
                .is_some_and(<dyn std::error::Error + 'static>::is::<std::io::Error>)
        {
            return Error::ServerUnavailable {
                target: "PostgreSQL".into(),
                reason: e.to_string(),
            };
        }
        Error::storage(e)
    }
}
