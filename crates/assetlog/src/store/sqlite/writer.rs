//! Write queries, run inside the single write transaction of a [`super::SqliteStore`].

use std::collections::HashMap;

use rusqlite::{params, Connection};

use super::reader::Reader;
use super::{StreamCache, ViewCache};
use crate::error::{Error, Result};
use crate::ids::{AssetId, AssetRef, PersonId};
use crate::people::Person;
use crate::store::{EventRow, ReadTx, Save, StreamInfo, ViewsAt, WriteTx};
use crate::view::asset::AssetView;
use crate::view::timeline::Timeline;

/// What a committed transaction adds to the writer's caches.
pub(crate) struct Staged {
    pub(crate) streams: Vec<StreamInfo>,
    pub(crate) views: HashMap<i64, AssetView>,
    pub(crate) views_cleared: bool,
}

/// Write access inside one transaction; reads see the transaction's own writes.
pub(super) struct Writer<'a> {
    reader: Reader<'a>,
    cache: &'a StreamCache,
    views: &'a ViewCache,
    fresh: StreamCache,
    new_streams: Vec<StreamInfo>,
    saved: HashMap<i64, AssetView>,
    views_cleared: bool,
}

impl<'a> Writer<'a> {
    pub(super) fn new(conn: &'a Connection, cache: &'a StreamCache, views: &'a ViewCache) -> Self {
        Writer {
            reader: Reader::new(conn),
            cache,
            views,
            fresh: StreamCache::default(),
            new_streams: Vec::new(),
            saved: HashMap::new(),
            views_cleared: false,
        }
    }

    pub(super) fn into_staged(self) -> Staged {
        Staged {
            streams: self.new_streams,
            views: self.saved,
            views_cleared: self.views_cleared,
        }
    }
}

impl WriteTx for Writer<'_> {
    fn read(&self) -> &dyn ReadTx {
        &self.reader
    }

    /// The current view of a stream: from the writer's cache when it is
    /// known to be current, else from the table.
    fn current_view(&self, stream_id: i64) -> Result<Option<AssetView>> {
        if let Some(v) = self.saved.get(&stream_id) {
            return Ok(Some(v.clone()));
        }
        if !self.views_cleared {
            if let Some(v) = self.views.get(stream_id) {
                return Ok(Some(v.clone()));
            }
        }
        self.reader.stored_view(stream_id, ViewsAt::Latest)
    }

    /// Find a stream by tag or id: cached, created in this transaction, or stored.
    fn resolve(&self, asset: &AssetRef) -> Result<Option<StreamInfo>> {
        let cached = match asset {
            AssetRef::Tag(t) => self.cache.by_tag(t),
            AssetRef::Id(id) => self.cache.by_id(id),
        };
        if let Some(s) = cached {
            return Ok(Some(s.clone()));
        }
        let fresh = match asset {
            AssetRef::Tag(t) => self.fresh.by_tag(t),
            AssetRef::Id(id) => self.fresh.by_id(id),
        };
        if let Some(s) = fresh {
            return Ok(Some(s.clone()));
        }
        match asset {
            AssetRef::Tag(t) => self.reader.stream_by_tag(t),
            AssetRef::Id(id) => self.reader.stream_by_id(id),
        }
    }

    /// Create a stream for a new asset.
    fn create_stream(&mut self, asset_id: AssetId, tag: &str) -> Result<StreamInfo> {
        let mut st = self
            .reader
            .conn
            .prepare_cached("INSERT INTO assets (asset_id, tag) VALUES (?1, ?2)")?;
        match st.execute(params![asset_id.0.as_bytes(), tag]) {
            Ok(_) => {}
            Err(rusqlite::Error::SqliteFailure(f, msg))
                if f.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                let msg = msg.unwrap_or_default();
                return Err(if msg.contains("asset_id") {
                    Error::invalid("asset_id", asset_id, "another asset already has this id")
                } else {
                    Error::DuplicateTag {
                        tag: tag.to_owned(),
                    }
                });
            }
            Err(e) => return Err(e.into()),
        }
        let info = StreamInfo {
            stream_id: self.reader.conn.last_insert_rowid(),
            asset_id,
            tag: tag.to_owned(),
        };
        self.fresh.insert(info.clone());
        self.new_streams.push(info.clone());
        Ok(info)
    }

    /// Insert one event row.
    fn insert_event(&mut self, e: &EventRow<'_>) -> Result<()> {
        let mut st = self.reader.conn.prepare_cached(
            "INSERT INTO events (position, stream_id, version, event_id, type, schema_version, \
             occurred_at, recorded_at, actor, correlation_id, payload, hash) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        st.execute(params![
            e.position as i64,
            e.stream_id,
            e.version as i64,
            &e.event_id[..],
            e.event_type.code(),
            e.schema_version,
            e.occurred_at,
            e.recorded_at,
            e.actor,
            e.correlation_id.as_ref().map(|b| &b[..]),
            e.payload,
            &e.hash[..],
        ])?;
        Ok(())
    }

    /// Store an asset's timeline (see [`Save`]) and remember its view for
    /// later appends.
    fn set_license_key(&mut self, stream_id: i64, key: Option<&str>, now: i64) -> Result<bool> {
        let had = self
            .reader
            .conn
            .prepare_cached("DELETE FROM license_keys WHERE stream_id = ?1")?
            .execute([stream_id])?
            > 0;
        if let Some(key) = key {
            self.reader
                .conn
                .prepare_cached(
                    "INSERT INTO license_keys (stream_id, key, updated_at) VALUES (?1, ?2, ?3)",
                )?
                .execute(rusqlite::params![stream_id, key, now])?;
        }
        Ok(had)
    }

    fn save_license_state(&mut self, stream_id: i64, state: &str) -> Result<()> {
        self.reader
            .conn
            .prepare_cached(
                "INSERT OR REPLACE INTO license_states (stream_id, state) VALUES (?1, ?2)",
            )?
            .execute(rusqlite::params![stream_id, state])?;
        Ok(())
    }

    fn save_timeline(&mut self, stream_id: i64, t: Timeline, how: Save) -> Result<()> {
        super::views::save_timeline(self.reader.conn, stream_id, &t, how)?;
        if let Some(v) = t.view {
            self.saved.insert(stream_id, v);
        }
        Ok(())
    }

    /// Raise the latest occurred_at of the log.
    fn raise_latest(&mut self, occurred_at: i64) -> Result<()> {
        super::views::raise_latest(self.reader.conn, occurred_at)
    }

    /// Throw every view away and fold them again from the log.
    fn rebuild_views(&mut self, progress: &mut dyn FnMut(u64)) -> Result<(u64, u64)> {
        self.saved.clear();
        self.views_cleared = true;
        super::views::rebuild(self.reader.conn, progress)
    }

    /// Insert or replace a person's record.
    fn upsert_person(&mut self, p: &Person, now_micros: i64) -> Result<()> {
        let mut st = self.reader.conn.prepare_cached(
            "INSERT INTO people (person_id, name, email, address, updated_at) VALUES (?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT(person_id) DO UPDATE SET name = ?2, email = ?3, address = ?4, updated_at = ?5",
        )?;
        st.execute(params![
            p.id.as_str(),
            p.name,
            p.email,
            p.address,
            now_micros
        ])?;
        Ok(())
    }

    fn save_book_rule(&mut self, r: &crate::books::BookRule, now_micros: i64) -> Result<()> {
        let rule = serde_json::to_string(&r.rule).expect("rules serialize");
        self.reader
            .conn
            .prepare_cached(
                "INSERT INTO book_rules (book, category, country, valid_from, rule, recorded_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(book, category, country, valid_from) \
                 DO UPDATE SET rule = ?5, recorded_at = ?6",
            )?
            .execute(params![
                r.book,
                r.category,
                r.country.as_ref().map_or("", crate::ids::Country::code),
                super::views::days(r.from),
                rule,
                now_micros
            ])?;
        Ok(())
    }

    fn set_left(&mut self, id: &PersonId, on: Option<chrono::NaiveDate>) -> Result<()> {
        let conn = self.reader.conn;
        match on {
            Some(d) => conn
                .prepare_cached(
                    "INSERT INTO leavers (person_id, left_on) VALUES (?1, ?2) \
                     ON CONFLICT(person_id) DO UPDATE SET left_on = ?2",
                )?
                .execute(params![id.as_str(), super::views::days(d)])?,
            None => conn
                .prepare_cached("DELETE FROM leavers WHERE person_id = ?1")?
                .execute([id.as_str()])?,
        };
        Ok(())
    }

    /// Delete a person's record; true if there was one.
    fn delete_person(&mut self, id: &PersonId) -> Result<bool> {
        let n = self
            .reader
            .conn
            .execute("DELETE FROM people WHERE person_id = ?1", [id.as_str()])?;
        Ok(n > 0)
    }
}
