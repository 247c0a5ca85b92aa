//! Write queries, run inside the write transaction of a [`super::PgStore`]
//! (which holds the head lock).

use std::collections::HashMap;

use postgres::{Statement, Transaction};

use super::reader::Reader;
use crate::error::{Error, Result};
use crate::ids::{AssetId, AssetRef, PersonId};
use crate::people::Person;
use crate::store::sqlite::StreamCache;
use crate::store::{EventRow, ReadTx, Save, StreamInfo, ViewsAt, WriteTx};
use crate::view::asset::AssetView;
use crate::view::timeline::Timeline;

/// What a committed transaction adds to the writer's caches.
pub(super) struct Staged {
    pub(super) streams: Vec<StreamInfo>,
    pub(super) views: HashMap<i64, AssetView>,
    pub(super) views_cleared: bool,
}

/// Write access inside one transaction; reads see its own writes.
pub(crate) struct Writer<'t> {
    reader: Reader<'t>,
    cache: &'t StreamCache,
    /// The views cached by earlier transactions, when still current.
    views: Option<&'t HashMap<i64, AssetView>>,
    fresh: StreamCache,
    new_streams: Vec<StreamInfo>,
    saved: HashMap<i64, AssetView>,
    views_cleared: bool,
    appended: bool,
}

impl<'t> Writer<'t> {
    /// `head`: the chain head read from the locked head row.
    pub(super) fn new(
        tx: Transaction<'t>,
        head: (u64, Option<i64>, crate::chain::Hash),
        stmts: &'t mut HashMap<String, Statement>,
        cache: &'t StreamCache,
        views: Option<&'t HashMap<i64, AssetView>>,
    ) -> Self {
        let reader = Reader::new(tx, stmts);
        reader.head.set(Some(head));
        Writer {
            reader,
            cache,
            views,
            fresh: StreamCache::default(),
            new_streams: Vec::new(),
            saved: HashMap::new(),
            views_cleared: false,
            appended: false,
        }
    }

    /// The transaction (every pending row sent, followers on `channel`
    /// notified if it appended) and what its commit adds to the caches.
    pub(super) fn finish(self, channel: &str) -> Result<(Transaction<'t>, Staged)> {
        if self.appended {
            self.reader.pending.borrow_mut().notify(channel.to_owned());
        }
        Ok((
            self.reader.finish()?,
            Staged {
                streams: self.new_streams,
                views: self.saved,
                views_cleared: self.views_cleared,
            },
        ))
    }
}

impl WriteTx for Writer<'_> {
    fn read(&self) -> &dyn ReadTx {
        &self.reader
    }

    fn current_view(&self, stream_id: i64) -> Result<Option<AssetView>> {
        if let Some(v) = self.saved.get(&stream_id) {
            return Ok(Some(v.clone()));
        }
        if !self.views_cleared {
            if let Some(v) = self.views.and_then(|m| m.get(&stream_id)) {
                return Ok(Some(v.clone()));
            }
        }
        self.reader.stored_view(stream_id, ViewsAt::Latest)
    }

    fn resolve(&self, asset: &AssetRef) -> Result<Option<StreamInfo>> {
        let known = match asset {
            AssetRef::Tag(t) => self.cache.by_tag(t).or_else(|| self.fresh.by_tag(t)),
            AssetRef::Id(id) => self.cache.by_id(id).or_else(|| self.fresh.by_id(id)),
        };
        if let Some(s) = known {
            return Ok(Some(s.clone()));
        }
        match asset {
            AssetRef::Tag(t) => self.reader.stream_by_tag(t),
            AssetRef::Id(id) => self.reader.stream_by_id(id),
        }
    }

    /// Create a stream: one round trip when the tag and id are free. A
    /// taken one is told apart afterwards (`ON CONFLICT DO NOTHING`, since
    /// a failed statement would abort the whole transaction).
    fn create_stream(&mut self, asset_id: AssetId, tag: &str) -> Result<StreamInfo> {
        let row = self.reader.query_opt(
            "INSERT INTO assets (asset_id, tag, tag_key) VALUES ($1, $2, $3) \
             ON CONFLICT DO NOTHING RETURNING stream_id",
            &[
                &asset_id.0.as_bytes().as_slice(),
                &tag,
                &tag.to_ascii_lowercase(),
            ],
        )?;
        let Some(row) = row else {
            return Err(if self.reader.stream_by_id(&asset_id)?.is_some() {
                Error::invalid("asset_id", asset_id, "another asset already has this id")
            } else {
                Error::DuplicateTag {
                    tag: tag.to_owned(),
                }
            });
        };
        let info = StreamInfo {
            stream_id: row.get(0),
            asset_id,
            tag: tag.to_owned(),
        };
        self.fresh.insert(info.clone());
        self.new_streams.push(info.clone());
        Ok(info)
    }

    fn insert_event(&mut self, e: &EventRow<'_>) -> Result<()> {
        {
            let mut pending = self.reader.pending.borrow_mut();
            pending.event(e);
            pending.head(e.position, e.recorded_at, &e.hash);
        }
        self.reader
            .head
            .set(Some((e.position, Some(e.recorded_at), e.hash)));
        self.appended = true;
        self.reader.flush_if_full()
    }

    fn save_timeline(&mut self, stream_id: i64, t: Timeline, how: Save) -> Result<()> {
        super::views::save_timeline(&self.reader, stream_id, &t, how)?;
        if let Some(v) = t.view {
            self.saved.insert(stream_id, v);
        }
        Ok(())
    }

    fn save_license_state(&mut self, stream_id: i64, state: &str) -> Result<()> {
        self.reader.execute(
            "INSERT INTO license_states (stream_id, state) VALUES ($1, $2) \
             ON CONFLICT (stream_id) DO UPDATE SET state = EXCLUDED.state",
            &[&stream_id, &state],
        )?;
        Ok(())
    }

    fn set_license_key(&mut self, stream_id: i64, key: Option<&str>, now: i64) -> Result<bool> {
        let had = self.reader.execute(
            "DELETE FROM license_keys WHERE stream_id = $1",
            &[&stream_id],
        )? > 0;
        if let Some(key) = key {
            self.reader.execute(
                "INSERT INTO license_keys (stream_id, key, updated_at) VALUES ($1, $2, $3)",
                &[&stream_id, &key, &now],
            )?;
        }
        Ok(had)
    }

    fn raise_latest(&mut self, occurred_at: i64) -> Result<()> {
        self.reader.pending.borrow_mut().raise_latest(occurred_at);
        Ok(())
    }

    fn rebuild_views(&mut self, progress: &mut dyn FnMut(u64)) -> Result<(u64, u64)> {
        self.saved.clear();
        self.views_cleared = true;
        super::views::rebuild(&self.reader, progress)
    }

    fn upsert_person(&mut self, p: &Person, now_micros: i64) -> Result<()> {
        self.reader.execute(
            "INSERT INTO people (person_id, name, email, address, updated_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (person_id) DO UPDATE SET \
             name = EXCLUDED.name, email = EXCLUDED.email, address = EXCLUDED.address, \
             updated_at = EXCLUDED.updated_at",
            &[&p.id.as_str(), &p.name, &p.email, &p.address, &now_micros],
        )?;
        Ok(())
    }

    fn delete_person(&mut self, id: &PersonId) -> Result<bool> {
        Ok(self
            .reader
            .execute("DELETE FROM people WHERE person_id = $1", &[&id.as_str()])?
            > 0)
    }

    fn save_book_rule(&mut self, r: &crate::books::BookRule, now_micros: i64) -> Result<()> {
        let rule = serde_json::to_string(&r.rule).expect("rules serialize");
        self.reader.execute(
            "INSERT INTO book_rules (book, category, country, valid_from, rule, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (book, lower(category), country, valid_from) \
             DO UPDATE SET rule = EXCLUDED.rule, recorded_at = EXCLUDED.recorded_at",
            &[
                &r.book,
                &r.category,
                &r.country.as_ref().map_or("", crate::ids::Country::code),
                &super::views::days(r.from),
                &rule,
                &now_micros,
            ],
        )?;
        Ok(())
    }

    fn set_left(&mut self, id: &PersonId, on: Option<chrono::NaiveDate>) -> Result<()> {
        match on {
            Some(d) => self.reader.execute(
                "INSERT INTO leavers (person_id, left_on) VALUES ($1, $2) \
                 ON CONFLICT (person_id) DO UPDATE SET left_on = EXCLUDED.left_on",
                &[&id.as_str(), &super::views::days(d)],
            )?,
            None => self
                .reader
                .execute("DELETE FROM leavers WHERE person_id = $1", &[&id.as_str()])?,
        };
        Ok(())
    }
}
