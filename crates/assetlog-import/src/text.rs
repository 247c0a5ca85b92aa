//! Text of files from other tools: which encoding, decoded without loss.
//!
//! A byte order mark decides (UTF-8, UTF-16LE, UTF-16BE); else valid UTF-8
//! is UTF-8; else chardetng guesses the legacy encoding as a browser would
//! (Windows-1252 for Western European text, where bytes 0x80-0x9F are
//! printable characters such as € and ’, not control characters). A caller
//! may name the encoding instead (any WHATWG label: `windows-1252`,
//! `macintosh` for Mac Roman, `iso-8859-1`...). The encoding chosen is
//! reported when it is not UTF-8.

use encoding_rs::{Encoding, UTF_8};

use assetlog::{Error, Result};

/// A file's text and how it was read.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The text, without a byte order mark.
    pub text: String,
    /// The encoding's name ("UTF-8", "windows-1252", "UTF-16LE", ...).
    pub encoding: &'static str,
    /// Said when the file was not plain UTF-8: how it was read.
    pub note: Option<String>,
}

/// The encoding for a label, or a clear error.
pub fn encoding_for(label: &str) -> Result<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| Error::InvalidValue {
        field: "encoding".into(),
        input: label.into(),
        reason: "not an encoding name: use utf-8, windows-1252, macintosh, iso-8859-1, utf-16le..."
            .into(),
    })
}

/// Decode a file's bytes (see the module documentation).
pub fn decode(name: &str, bytes: &[u8], forced: Option<&'static Encoding>) -> Decoded {
    if let Some(enc) = forced {
        let (text, _) = enc.decode_with_bom_removal(bytes);
        return Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
            note: (enc != UTF_8).then(|| format!("{name}: read as {} (as asked)", enc.name())),
        };
    }
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
            note: (enc != UTF_8)
                .then(|| format!("{name}: read as {} (byte order mark)", enc.name())),
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: text.to_owned(),
            encoding: UTF_8.name(),
            note: None,
        };
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, _, _) = enc.decode(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        note: Some(format!(
            "{name} is not UTF-8: read as {} (detected; pass the encoding to choose another)",
            enc.name()
        )),
    }
}

/// A field's text with control characters removed (a stray byte must not
/// cost an asset); `true` when something was removed.
pub fn clean(s: &str) -> (String, bool) {
    if s.chars().any(char::is_control) {
        (s.chars().filter(|c| !c.is_control()).collect(), true)
    } else {
        (s.to_owned(), false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_bytes_read_as_printable_characters() {
        // "Zürich – €" with an en dash (0x96) and a euro sign (0x80)
        let d = decode(
            "a.csv",
            b"Z\xfcrich \x96 \x80 office, M\xfcnchen, caf\xe9, na\xefve",
            None,
        );
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.starts_with("Zürich – € office"), "{}", d.text);
        assert!(d.note.unwrap().contains("windows-1252"));
    }

    #[test]
    fn byte_order_marks_and_utf8() {
        let d = decode("a.csv", b"\xEF\xBB\xBFok", None);
        assert_eq!((d.text.as_str(), d.encoding, d.note), ("ok", "UTF-8", None));
        let d = decode("a.csv", b"\xFF\xFEo\0k\0", None);
        assert_eq!((d.text.as_str(), d.encoding), ("ok", "UTF-16LE"));
        let d = decode("a.csv", "Zürich".as_bytes(), None);
        assert_eq!(d.text, "Zürich");
    }

    #[test]
    fn a_named_encoding_wins() {
        let mac = encoding_for("macintosh").unwrap();
        // Mac Roman: 0x8A is ä
        let d = decode("a.csv", b"B\x8Ar", Some(mac));
        assert_eq!(d.text, "Bär");
        assert_eq!(encoding_for("klingon").unwrap_err().code(), "INVALID_VALUE");
    }

    #[test]
    fn control_characters_are_removed_and_said() {
        assert_eq!(clean("Berlin\u{81} HQ"), ("Berlin HQ".to_owned(), true));
        assert_eq!(clean("Berlin"), ("Berlin".to_owned(), false));
    }
}
