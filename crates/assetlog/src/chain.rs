//! The hash chain that makes the log tamper-evident.
//!
//! Every stored event carries `hash = SHA-256(previous hash || event)`, where
//! the event is every stored field (position, asset id and tag, version,
//! event id, type, schema version, both times, actor, correlation id,
//! payload) in a fixed, length-prefixed encoding; the first event chains to
//! 32 zero bytes. [`crate::AssetLog::verify`] recomputes the chain and reports
//! the first position where the stored log differs from what was written.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// A link of the chain.
pub type Hash = [u8; 32];

/// The hash before the first event.
pub const GENESIS: Hash = [0; 32];

/// Everything of a stored event that the chain covers.
pub struct Link<'a> {
    /// Global position.
    pub position: u64,
    /// The asset id's 16 bytes.
    pub asset_id: &'a [u8],
    /// The asset tag.
    pub tag: &'a str,
    /// Stream version.
    pub version: u64,
    /// The event id's 16 bytes.
    pub event_id: &'a [u8],
    /// Event type name.
    pub type_name: &'a str,
    /// Payload schema version.
    pub schema_version: u32,
    /// occurred_at, microseconds.
    pub occurred_at: i64,
    /// recorded_at, microseconds.
    pub recorded_at: i64,
    /// Who recorded it.
    pub actor: &'a str,
    /// The correlation id's bytes, if any.
    pub correlation_id: Option<&'a [u8]>,
    /// Payload JSON as stored.
    pub payload: &'a str,
}

fn bytes(h: &mut Sha256, b: &[u8]) {
    h.update((b.len() as u64).to_be_bytes());
    h.update(b);
}

/// The hash of `link` chained to `prev`.
pub fn next(prev: &Hash, link: &Link<'_>) -> Hash {
    let mut h = Sha256::new();
    h.update(prev);
    h.update(link.position.to_be_bytes());
    bytes(&mut h, link.asset_id);
    bytes(&mut h, link.tag.as_bytes());
    h.update(link.version.to_be_bytes());
    bytes(&mut h, link.event_id);
    bytes(&mut h, link.type_name.as_bytes());
    h.update(link.schema_version.to_be_bytes());
    h.update(link.occurred_at.to_be_bytes());
    h.update(link.recorded_at.to_be_bytes());
    bytes(&mut h, link.actor.as_bytes());
    bytes(&mut h, link.correlation_id.unwrap_or_default());
    bytes(&mut h, link.payload.as_bytes());
    h.finalize().into()
}

/// Lower-case hex.
pub fn hex(h: &[u8]) -> String {
    use std::fmt::Write as _;
    h.iter()
        .fold(String::with_capacity(h.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// What [`crate::AssetLog::verify`] found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Verification {
    /// Events checked.
    pub events: u64,
    /// The hash of the last event (hex): keep it elsewhere to detect a
    /// truncated log later.
    pub head: Option<String>,
    /// The first position where the stored log differs from what was written.
    pub first_mismatch: Option<Mismatch>,
}

impl Verification {
    /// True when every event is as written.
    pub fn is_intact(&self) -> bool {
        self.first_mismatch.is_none()
    }
}

/// Where and how the log differs from what was written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mismatch {
    /// The first position that does not verify.
    pub position: u64,
    /// What is wrong there.
    pub reason: String,
}

/// A position of the log and the chain head there, kept outside the log (a
/// file, a ticket, another machine) so that a later
/// [`crate::AssetLog::verify_against`] notices a log cut short at its end
/// or replaced by an older copy, which the chain alone cannot show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checkpoint {
    /// Always [`Checkpoint::FORMAT`].
    pub format: String,
    /// The last position when the checkpoint was taken (0 for an empty log).
    pub position: u64,
    /// The chain hash at that position (hex; empty for an empty log).
    pub head: String,
    /// When it was taken.
    pub written_at: chrono::DateTime<chrono::Utc>,
}

impl Checkpoint {
    /// The format marker of checkpoint files.
    pub const FORMAT: &'static str = "assetlog-checkpoint/1";

    /// Write as a small JSON file (replacing the file atomically).
    pub fn write(&self, path: &std::path::Path) -> crate::Result<()> {
        let text = serde_json::to_string_pretty(self).expect("checkpoints serialize") + "\n";
        let tmp = path.with_extension("tmp");
        let io = |e: std::io::Error| crate::Error::Io {
            reason: format!("{}: {e}", path.display()),
        };
        std::fs::write(&tmp, text).map_err(io)?;
        std::fs::rename(&tmp, path).map_err(io)
    }

    /// Read a checkpoint file.
    pub fn read(path: &std::path::Path) -> crate::Result<Self> {
        let bad = |why: String| crate::Error::invalid("checkpoint", path.display(), why);
        let text = std::fs::read_to_string(path).map_err(|e| crate::Error::Io {
            reason: format!("{}: {e}", path.display()),
        })?;
        let cp: Checkpoint = serde_json::from_str(&text)
            .map_err(|_| bad("not an assetlog checkpoint file".to_owned()))?;
        let hex_ok = cp.head.len() == 64 && cp.head.bytes().all(|b| b.is_ascii_hexdigit());
        if cp.format != Self::FORMAT || !(hex_ok || cp.position == 0 && cp.head.is_empty()) {
            return Err(bad("not an assetlog checkpoint file".to_owned()));
        }
        Ok(cp)
    }
}
