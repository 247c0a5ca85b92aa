//! Moving a log between stores without losing its history: every event
//! with the same position, ids, occurred_at and recorded_at (so the same
//! chain head, and the same answers "as recorded at" any moment), then
//! what lives beside the log: people's records, leavers, depreciation
//! books and license keys.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::event::{NewEvent, RecordedEvent};
use crate::ids::AssetRef;
use crate::log::AssetLog;
use crate::time::to_micros;

/// Events copied per transaction (a page of the source's feed).
const PAGE: usize = 5_000;

/// What a copy moved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct CopyStats {
    /// Events, at the same positions.
    pub events: u64,
    /// People's records.
    pub people: u64,
    /// People marked as having left.
    pub leavers: u64,
    /// Depreciation book rules.
    pub book_rules: u64,
    /// License keys.
    pub license_keys: u64,
    /// The chain head both logs now share (hex; `None` for an empty log).
    pub head: Option<String>,
}

impl NewEvent {
    /// The event to append so that another log records `e` as it is: the
    /// same asset (tag and id), event id, time, actor and correlation.
    pub(crate) fn restoring(e: RecordedEvent) -> NewEvent {
        NewEvent {
            asset: AssetRef::Tag(e.tag),
            event: e.event,
            occurred_at: Some(e.occurred_at),
            actor: e.actor,
            event_id: Some(e.event_id),
            correlation_id: e.correlation_id,
            expected: crate::event::Expected::Any,
            asset_id: Some(e.asset_id),
            // the source accepted it once; its serial is let through again
            allow_duplicate_serial: true,
        }
    }
}

impl AssetLog {
    /// Copy this whole log into `to`, which must be empty: events page by
    /// page (memory holds a page, never the log) with their positions,
    /// ids and recorded_at, then people, leavers, book rules and license
    /// keys. Ends by checking that both logs have the same chain head.
    /// `progress` hears the events copied so far after each page.
    pub fn copy_to(&self, to: &AssetLog, progress: &mut dyn FnMut(u64)) -> Result<CopyStats> {
        if to.stats()?.events > 0 {
            return Err(Error::invalid(
                "to",
                to.location(),
                "a copy goes into an empty log (a new file, or an empty PostgreSQL schema)",
            ));
        }
        let mut copied = 0u64;
        let mut after = 0u64;
        loop {
            let page = self.feed(after, PAGE)?;
            let Some(last) = page.last() else { break };
            after = last.position;
            let recorded: Vec<i64> = page.iter().map(|e| to_micros(e.recorded_at)).collect();
            let n = page.len() as u64;
            let events: Vec<NewEvent> = page.into_iter().map(NewEvent::restoring).collect();
            to.append_with(&events, Some(&recorded), copied == 0)?;
            copied += n;
            progress(copied);
        }
        let mut people = Vec::new();
        let leavers = self.store.read(|r| {
            r.people(&mut |p| {
                people.push(p);
                Ok(())
            })?;
            r.leavers()
        })?;
        let now = to_micros(to.now());
        to.store.write(|w| {
            for p in &people {
                w.upsert_person(p, now)?;
            }
            for (id, day) in &leavers {
                w.set_left(id, Some(*day))?;
            }
            Ok(())
        })?;
        let rules = self.book_rules(None)?;
        for rule in &rules {
            to.set_book_rule(rule)?;
        }
        let mut keys = 0u64;
        for l in self.licenses(crate::At::now())? {
            if let Some(key) = self.license_key(l.license_id)? {
                to.set_license_key(l.license_id, &key)?;
                keys += 1;
            }
        }
        let (from_head, to_head) = (self.verify()?, to.verify()?);
        if from_head.head != to_head.head || to_head.first_mismatch.is_some() {
            return Err(Error::Internal {
                reason: format!(
                    "the copy's chain head {:?} differs from the source's {:?}",
                    to_head.head, from_head.head
                ),
            });
        }
        Ok(CopyStats {
            events: copied,
            people: people.len() as u64,
            leavers: leavers.len() as u64,
            book_rules: rules.len() as u64,
            license_keys: keys,
            head: to_head.head,
        })
    }
}
