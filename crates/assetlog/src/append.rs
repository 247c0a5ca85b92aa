//! Appending events: validation, idempotency, optimistic concurrency, the
//! lifecycle check at the event's place in the timeline, and the inline view
//! update, all in one transaction per call.

use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::event::{Appended, Event, EventType, Expected, NewEvent, PAYLOAD_SCHEMA_VERSION};
use crate::ids::{AssetRef, EventId};
use crate::license::LicenseState;
use crate::log::AssetLog;
use crate::store::{EventRow, FoldRow, Save, StreamInfo, WriteTx};
use crate::time::{check_occurred_at, to_micros, truncate_to_micros};
use crate::view::timeline::Timeline;

/// A stream touched by the current batch.
struct Touched {
    info: StreamInfo,
    timeline: Timeline,
    version: u64,
    how: Save,
}

impl AssetLog {
    /// Append one event. See [`AssetLog::append_batch`].
    pub fn append(&self, event: NewEvent) -> Result<Appended> {
        let mut out = self.append_batch(&[event])?;
        Ok(out.pop().expect("one event in, one position out"))
    }

    /// Append events, possibly for many assets, atomically: all are stored
    /// with their views updated, or (on any error) none is.
    ///
    /// - An event whose `event_id` is already stored with the same asset,
    ///   type and payload is a retry: its first position is returned and
    ///   nothing is added. The same id with other content is
    ///   [`Error::EventIdReused`].
    /// - `expected` is checked against the stream version just before the
    ///   event ([`Error::VersionConflict`]).
    /// - The event must be allowed by the lifecycle at its place in the
    ///   asset's timeline; a backdated event is accepted only if every later
    ///   event stays allowed ([`Error::InvalidTransition`]).
    pub fn append_batch(&self, events: &[NewEvent]) -> Result<Vec<Appended>> {
        self.append_with(events, None, false)
    }

    /// [`AssetLog::append_batch`], or with `recorded` (micros, one per
    /// event, never decreasing and not before the log's head): restoring
    /// events exactly as another log recorded them (a copy, a restore), so
    /// their chain hashes and "as recorded" answers are the same. With
    /// `into_empty`, the batch is refused unless the log is empty when its
    /// transaction starts (checked under the writers' lock, so no other
    /// writer can slip in between the check and the batch).
    pub(crate) fn append_with(
        &self,
        events: &[NewEvent],
        recorded: Option<&[i64]>,
        into_empty: bool,
    ) -> Result<Vec<Appended>> {
        if events.is_empty() {
            return Ok(Vec::new());
        }
        let now = self.now();
        let mut occurred = Vec::with_capacity(events.len());
        let mut payloads = Vec::with_capacity(events.len());
        for (i, e) in events.iter().enumerate() {
            let checked = e.validate().and_then(|()| {
                let t = e.occurred_at.map_or(now, truncate_to_micros);
                check_occurred_at(t, now)?;
                Ok(t)
            });
            let t = checked.map_err(|err| in_batch(events, i, err))?;
            occurred.push(to_micros(t));
            payloads.push(e.event.payload_json());
        }
        // the event being appended, to name it if it is refused
        let current = std::cell::Cell::new(None::<usize>);
        self.store
            .write(|w| {
                let (mut position, last_recorded, mut prev_hash) = w.read().chain_head()?;
                if into_empty && position > 0 {
                    return Err(Error::invalid(
                        "to",
                        format!("a log of {position} events"),
                        "a copy or restore goes into an empty log (a new file, or an empty PostgreSQL schema)",
                    ));
                }
                // recorded_at never goes backwards along positions, even if the clock does.
                let batch_recorded =
                    last_recorded.map_or(to_micros(now), |r| r.max(to_micros(now)));
                let mut restored_before = last_recorded.unwrap_or(i64::MIN);
                let mut touched: HashMap<i64, Touched> = HashMap::new();
                // licenses' states touched by this batch, saved at its end
                let mut licenses: HashMap<i64, LicenseState> = HashMap::new();
                let mut latest = i64::MIN;
                // serials given earlier in this batch (not in the views yet)
                let mut serials: HashMap<String, (i64, String)> = HashMap::new();
                let mut out = Vec::with_capacity(events.len());
                for (i, e) in events.iter().enumerate() {
                    current.set(Some(i));
                    let recorded_at = match recorded {
                        None => batch_recorded,
                        Some(r) => {
                            let at = r[i];
                            if at < restored_before {
                                return Err(Error::invalid(
                                    "recorded_at",
                                    crate::time::format_instant(crate::time::from_micros(at)),
                                    "restored events are recorded in position order: this one is before the one ahead of it",
                                ));
                            }
                            restored_before = at;
                            at
                        }
                    };
                    if let Some(id) = e.event_id {
                        if let Some(first) = retry_of(w, e, id, &payloads[i])? {
                            out.push(first);
                            continue;
                        }
                    }
                    let (info, created) = stream_for(w, e)?;
                    if e.event.event_type().is_license() {
                        position += 1;
                        let at = occurred[i];
                        latest = latest.max(at);
                        let version =
                            license_step(w, &mut licenses, e, &info, created, at, position)?;
                        let event_id = write_event(
                            w,
                            e,
                            &info,
                            &mut prev_hash,
                            Written {
                                position,
                                version,
                                at,
                                recorded_at,
                                payload: &payloads[i],
                            },
                        )?;
                        out.push(Appended {
                            position,
                            asset_id: info.asset_id,
                            tag: info.tag,
                            version,
                            event_id,
                        });
                        continue;
                    }
                    let t = match touched.entry(info.stream_id) {
                        std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
                        std::collections::hash_map::Entry::Vacant(v) => v.insert(if created {
                            fresh(info)
                        } else {
                            stored(w, info)?
                        }),
                    };
                    check_expected(e, t)?;
                    check_serial(w, e, &t.info, &mut serials)?;
                    let version = t.version + 1;
                    let at = occurred[i];
                    position += 1;
                    latest = latest.max(at);
                    let in_order = t
                        .timeline
                        .view
                        .as_ref()
                        .is_none_or(|v| at >= to_micros(v.last_event_at));
                    if in_order {
                        let info = &t.info;
                        t.timeline.apply(
                            info.asset_id,
                            &info.tag,
                            &e.event,
                            at,
                            version,
                            position,
                        )?;
                    } else {
                        t.timeline = refold_with(w, &t.info, &e.event, at, version, position)?;
                        t.how = Save::Replace;
                    }
                    t.version = version;
                    let event_id = write_event(
                        w,
                        e,
                        &t.info,
                        &mut prev_hash,
                        Written {
                            position,
                            version,
                            at,
                            recorded_at,
                            payload: &payloads[i],
                        },
                    )?;
                    out.push(Appended {
                        position,
                        asset_id: t.info.asset_id,
                        tag: t.info.tag.clone(),
                        version,
                        event_id,
                    });
                }
                current.set(None);
                for (stream_id, t) in touched {
                    w.save_timeline(stream_id, t.timeline, t.how)?;
                }
                for (stream_id, state) in licenses {
                    let json = serde_json::to_string(&state).expect("license states serialize");
                    w.save_license_state(stream_id, &json)?;
                }
                if latest > i64::MIN {
                    w.raise_latest(latest)?;
                }
                Ok(out)
            })
            .map_err(|err| match current.get() {
                Some(i) => in_batch(events, i, err),
                None => err,
            })
    }
}

/// A refusal of one event of a batch of several, naming it; a batch of one
/// keeps its error as it is.
fn in_batch(events: &[NewEvent], index: usize, error: Error) -> Error {
    if events.len() < 2
        || matches!(
            error,
            Error::Busy
                | Error::Storage(_)
                | Error::Io { .. }
                | Error::ServerUnavailable { .. }
                | Error::PermissionDenied { .. }
        )
    {
        return error;
    }
    let e = &events[index];
    Error::InBatch {
        index,
        batch: events.len(),
        event: e.event.event_type().name().to_owned(),
        asset: e.asset.to_string(),
        error: Box::new(error),
    }
}

/// If `id` is stored already: the first append's result when this is the
/// same event (a retry), or [`Error::EventIdReused`] when it is not.
fn retry_of(w: &dyn WriteTx, e: &NewEvent, id: EventId, payload: &str) -> Result<Option<Appended>> {
    let Some(first) = w.read().find_event(&id)? else {
        return Ok(None);
    };
    let same_stream = w
        .resolve(&e.asset)?
        .filter(|s| s.stream_id == first.stream_id);
    match same_stream {
        // A retry carries the same type, payload and actor, and the same
        // time if it names one (without one, each attempt would say "now").
        Some(info)
            if first.event_type == e.event.event_type()
                && first.payload == payload
                && first.actor == e.actor
                && e.occurred_at
                    .is_none_or(|t| to_micros(truncate_to_micros(t)) == first.occurred_at) =>
        {
            Ok(Some(Appended {
                position: first.position,
                asset_id: info.asset_id,
                tag: info.tag,
                version: first.version,
                event_id: id,
            }))
        }
        _ => Err(Error::EventIdReused {
            event_id: id.to_string(),
        }),
    }
}

/// Where and when an event is written.
#[derive(Clone, Copy)]
struct Written<'a> {
    position: u64,
    version: u64,
    at: i64,
    recorded_at: i64,
    payload: &'a str,
}

/// Chain an event onto the log and store it; its event id.
fn write_event(
    w: &mut dyn WriteTx,
    e: &NewEvent,
    info: &StreamInfo,
    prev_hash: &mut [u8; 32],
    x: Written<'_>,
) -> Result<EventId> {
    let event_id = e.event_id.unwrap_or_default();
    let correlation_id = e.correlation_id.map(|u| *u.as_bytes());
    *prev_hash = crate::chain::next(
        prev_hash,
        &crate::chain::Link {
            position: x.position,
            asset_id: info.asset_id.0.as_bytes(),
            tag: &info.tag,
            version: x.version,
            event_id: event_id.0.as_bytes(),
            type_name: e.event.event_type().name(),
            schema_version: PAYLOAD_SCHEMA_VERSION,
            occurred_at: x.at,
            recorded_at: x.recorded_at,
            actor: &e.actor,
            correlation_id: correlation_id.as_ref().map(|b| &b[..]),
            payload: x.payload,
        },
    );
    w.insert_event(&EventRow {
        position: x.position,
        stream_id: info.stream_id,
        version: x.version,
        event_id: *event_id.0.as_bytes(),
        event_type: e.event.event_type(),
        schema_version: PAYLOAD_SCHEMA_VERSION,
        occurred_at: x.at,
        recorded_at: x.recorded_at,
        actor: &e.actor,
        correlation_id,
        payload: x.payload,
        hash: *prev_hash,
    })?;
    Ok(event_id)
}

/// Check a license's event and keep the license's new state in `states`
/// (saved at the end of the batch): applied to the latest state when it
/// comes in time order, else the license folded again with it in its place
/// in time, every step checked. Its version.
fn license_step(
    w: &dyn WriteTx,
    states: &mut HashMap<i64, LicenseState>,
    e: &NewEvent,
    info: &StreamInfo,
    created: bool,
    at: i64,
    position: u64,
) -> Result<u64> {
    let r = w.read();
    let mut device = |tag: &str, when: i64| crate::log::device_status(r, tag, when);
    let latest = match states.remove(&info.stream_id) {
        Some(s) => Some(s),
        None if created => None,
        None => crate::license::stored_state(r, info.stream_id)?,
    };
    let state = match latest {
        Some(s) if at >= to_micros(s.view.last_event_at) => {
            let version = s.view.version;
            check_version(e, info, version)?;
            let mut state = Some(s);
            crate::license::step(
                info,
                &mut state,
                &FoldRow {
                    position,
                    version: version + 1,
                    occurred_at: at,
                    event: e.event.clone(),
                },
                &mut device,
            )?;
            state
        }
        _ => {
            let mut rows = if created {
                Vec::new()
            } else {
                r.fold_rows(info.stream_id)?
            };
            if rows
                .first()
                .is_some_and(|f| !f.event.event_type().is_license())
            {
                return Err(Error::invalid(
                    "asset",
                    &info.tag,
                    "is a device: a license's events go to a license (its license_purchased tag)",
                ));
            }
            let version = rows.iter().map(|f| f.version).max().unwrap_or(0);
            check_version(e, info, version)?;
            rows.push(FoldRow {
                position,
                version: version + 1,
                occurred_at: at,
                event: e.event.clone(),
            });
            rows.sort_by_key(|f| (f.occurred_at, f.version));
            crate::license::fold(info, &rows, &mut device)
                .map_err(|err| backdated(err, &e.event, at))?
        }
    };
    let state = state.expect("a license's stream starts with its purchase");
    let version = state.view.version;
    states.insert(info.stream_id, state);
    Ok(version)
}

fn check_version(e: &NewEvent, info: &StreamInfo, version: u64) -> Result<()> {
    let ok = match e.expected {
        Expected::Any => true,
        Expected::NoStream => version == 0,
        Expected::Exact(n) => version == n,
    };
    if ok {
        Ok(())
    } else {
        Err(Error::VersionConflict {
            asset: info.tag.clone(),
            expected: e.expected.to_string(),
            actual: version,
        })
    }
}

/// A refusal of a later, stored event is a backdated event's doing: name
/// the backdated one, and the later one it would make illegal.
fn backdated(err: Error, event: &Event, occurred_at: i64) -> Error {
    let at = crate::time::format_instant(crate::time::from_micros(occurred_at));
    let name = event.event_type().name();
    match err {
        Error::InvalidTransition {
            asset,
            status,
            event: refused,
            at: refused_at,
            later: None,
        } if refused != name || refused_at != at => Error::InvalidTransition {
            asset,
            status,
            event: name.to_owned(),
            at,
            later: Some(format!("{refused} at {refused_at}")),
        },
        other => other,
    }
}

/// The stream an event goes to, and whether this event creates it
/// (`ordered` a device, `license_purchased` a license).
fn stream_for(w: &mut dyn WriteTx, e: &NewEvent) -> Result<(StreamInfo, bool)> {
    let creates = matches!(
        e.event.event_type(),
        EventType::Ordered | EventType::LicensePurchased
    );
    let found = w.resolve(&e.asset)?;
    match (found, creates, &e.asset) {
        (Some(info), true, _) => {
            if e.expected == Expected::NoStream {
                return Err(Error::VersionConflict {
                    asset: info.tag,
                    expected: Expected::NoStream.to_string(),
                    actual: current_version(w, info.stream_id)?,
                });
            }
            Err(Error::DuplicateTag { tag: info.tag })
        }
        (Some(info), false, _) => Ok((info, false)),
        (None, true, AssetRef::Tag(tag)) => {
            let id = e.asset_id.unwrap_or_default();
            Ok((w.create_stream(id, tag)?, true))
        }
        (None, true, AssetRef::Id(id)) => Err(Error::invalid(
            "asset",
            id,
            "a new asset is named by its tag; pass the id as asset_id",
        )),
        (None, false, asset) => Err(Error::UnknownAsset {
            asset: crate::error::truncate_for_message(&asset.to_string()),
            at: None,
        }),
    }
}

fn current_version(w: &dyn WriteTx, stream_id: i64) -> Result<u64> {
    Ok(w.current_view(stream_id)?.map_or(0, |v| v.version))
}

/// A stream this batch creates.
fn fresh(info: StreamInfo) -> Touched {
    Touched {
        info,
        timeline: Timeline::default(),
        version: 0,
        how: Save::Fresh,
    }
}

/// A stored stream, continuing from its stored view; or, if the view is
/// missing (an interrupted manual edit; the fold is the truth), folded again.
fn stored(w: &dyn WriteTx, info: StreamInfo) -> Result<Touched> {
    let (timeline, how) = match w.current_view(info.stream_id)? {
        Some(v) => {
            let open_from = to_micros(v.last_event_at);
            (Timeline::continuing(Some(v)), Save::After(open_from))
        }
        None => (
            Timeline::fold(&info, &w.read().fold_rows(info.stream_id)?)?,
            Save::Replace,
        ),
    };
    let version = timeline.view.as_ref().map_or(0, |v| v.version);
    Ok(Touched {
        info,
        timeline,
        version,
        how,
    })
}

/// The serial an `ordered` or `received` event gives, unless another asset
/// has it already (in the views, or earlier in this batch) and the event
/// does not say the duplicate is intended.
fn check_serial(
    w: &dyn WriteTx,
    e: &NewEvent,
    info: &StreamInfo,
    batch: &mut HashMap<String, (i64, String)>,
) -> Result<()> {
    let serial = match &e.event {
        Event::Ordered(o) => o.serial.as_deref(),
        Event::Received(r) => r.serial.as_deref(),
        _ => None,
    };
    let Some(serial) = serial.filter(|s| !s.trim_matches(' ').is_empty()) else {
        return Ok(());
    };
    let key = serial.trim_matches(' ').to_ascii_uppercase();
    if !e.allow_duplicate_serial {
        let earlier = batch
            .get(&key)
            .filter(|(sid, _)| *sid != info.stream_id)
            .map(|(_, tag)| tag.clone());
        let other = match earlier {
            Some(tag) => Some(tag),
            None => w.read().serial_holder(serial, info.stream_id)?,
        };
        if let Some(other) = other {
            return Err(Error::DuplicateSerial {
                serial: crate::error::truncate_for_message(serial),
                tag: info.tag.clone(),
                other,
            });
        }
    }
    batch.insert(key, (info.stream_id, info.tag.clone()));
    Ok(())
}

fn check_expected(e: &NewEvent, t: &Touched) -> Result<()> {
    check_version(e, &t.info, t.version)
}

/// Fold a stream again with a backdated event in its place in the timeline.
fn refold_with(
    w: &dyn WriteTx,
    info: &StreamInfo,
    event: &Event,
    occurred_at: i64,
    version: u64,
    position: u64,
) -> Result<Timeline> {
    let mut rows = w.read().fold_rows(info.stream_id)?;
    rows.push(FoldRow {
        position,
        version,
        occurred_at,
        event: event.clone(),
    });
    rows.sort_by_key(|r| (r.occurred_at, r.version));
    Timeline::fold(info, &rows).map_err(|err| backdated(err, event, occurred_at))
}
