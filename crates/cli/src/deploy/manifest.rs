//! The record a deploy keeps at its destination, so the next deploy knows what is there without
//! listing it: `.yuedu-deploy/manifest.json.gz` (format `yuedu-deploy-manifest/1`, gzip'd JSON)
//! and, while a deploy is changing the site, `.yuedu-deploy/pending.json`.
//!
//! ```text
//! {"format": "yuedu-deploy-manifest/1",
//!  "headers": [["text/html; charset=utf-8", null, "no-cache"], …],
//!  "files": {"index.html": ["<sha-256, first 128 bits, hex>", <size>, <mtime, ns>, <headers index or null>], …}}
//! ```
//!
//! A content-hashed asset the site no longer has stays for a while (a page open since the last
//! deploy may still load its old wasm chunks): its entry has a fifth element saying since when,
//! in seconds since the Unix epoch, and a later deploy deletes it once that is long enough ago.
//!
//! `headers` lists each distinct header set objects were stored with (a directory stores none:
//! `null`), so a file whose rules changed is uploaded again. The size and modification time
//! are those of the local file that was uploaded: a later deploy from the same tree trusts the
//! hash of a file whose size and time are unchanged instead of reading it again (rsync's quick
//! check; `--checksum` reads every file).
//!
//! The pending record (`yuedu-deploy-pending/1`, `{"keys": […]}`) is written before a deploy
//! changes anything and removed after its new manifest is written. If a deploy fails or is
//! killed half-way, the objects it meant to change no longer match the manifest; the next
//! deploy reads the pending keys and uploads (or deletes) them again whatever the manifest says.

use rustc_hash::FxHashMap;
use std::io::{Read, Write};

use serde::{Deserialize, Serialize};

use super::rules::Headers;

/// Where the manifest lives, below the deploy's prefix.
pub const MANIFEST: &str = ".yuedu-deploy/manifest.json.gz";
/// Where the pending record lives.
pub const PENDING: &str = ".yuedu-deploy/pending.json";
/// The directory of both, which a deploy never uploads from the local tree.
pub const DIR: &str = ".yuedu-deploy";

const FORMAT: &str = "yuedu-deploy-manifest/1";
const PENDING_FORMAT: &str = "yuedu-deploy-pending/1";

/// What the destination holds, as the last complete deploy left it.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    format: String,
    headers: Vec<StoredHeaders>,
    /// A hash map: looked up once per file, a million times (a B-tree's string comparisons
    /// were a fifth of a deploy's time), and written in its own order (sorting a million keys
    /// on every deploy bought nothing).
    pub files: FxHashMap<String, Entry>,
}

/// One stored object: the content hash, and the local file's size and modification time.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// SHA-256 of the content, first 128 bits in hex.
    pub hash: String,
    pub size: u64,
    /// Nanoseconds since the Unix epoch.
    pub mtime: i64,
    /// Index into the manifest's header sets; `None` where the destination stores no headers.
    headers: Option<u32>,
    /// When the site stopped having this file (seconds since the Unix epoch); `None` while it
    /// has it.
    pub stale_since: Option<i64>,
}

/// An entry is written as a JSON array, a third of the size of an object with field names (a
/// million files make a 100 MB manifest before gzip rather than 300 MB), with the fifth element
/// only when the object is stale.
impl Serialize for Entry {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.stale_since {
            None => (&self.hash, self.size, self.mtime, self.headers).serialize(serializer),
            Some(since) => (&self.hash, self.size, self.mtime, self.headers, since).serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Row;
        impl<'de> serde::de::Visitor<'de> for Row {
            type Value = Entry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("[hash, size, mtime, headers] or [hash, size, mtime, headers, stale since]")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Entry, A::Error> {
                let missing = |n| serde::de::Error::invalid_length(n, &self);
                let hash = seq.next_element()?.ok_or_else(|| missing(0))?;
                let size = seq.next_element()?.ok_or_else(|| missing(1))?;
                let mtime = seq.next_element()?.ok_or_else(|| missing(2))?;
                let headers = seq.next_element()?.ok_or_else(|| missing(3))?;
                let stale_since = seq.next_element()?;
                if seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
                    return Err(serde::de::Error::invalid_length(6, &self));
                }
                Ok(Entry { hash, size, mtime, headers, stale_since })
            }
        }
        deserializer.deserialize_seq(Row)
    }
}

/// Content type, encoding, cache control.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct StoredHeaders(String, Option<String>, String);

impl StoredHeaders {
    fn of(h: &Headers) -> Self {
        StoredHeaders(h.content_type.into(), h.content_encoding.map(Into::into), h.cache_control.into())
    }

    fn matches(&self, h: &Headers) -> bool {
        self.0 == h.content_type && self.1.as_deref() == h.content_encoding && self.2 == h.cache_control
    }
}

/// An empty manifest: a destination nothing was deployed to.
impl Default for Manifest {
    fn default() -> Self {
        Manifest { format: FORMAT.into(), headers: Vec::new(), files: FxHashMap::default() }
    }
}

impl Manifest {
    /// Reads a manifest; `Err` says why it cannot be used (another format, corrupt).
    pub fn decode(gzipped: &[u8]) -> Result<Manifest, String> {
        let mut json = Vec::new();
        flate2::read::GzDecoder::new(gzipped).read_to_end(&mut json).map_err(|e| format!("not gzip: {e}"))?;
        let manifest: Manifest = serde_json::from_slice(&json).map_err(|e| format!("not a manifest: {e}"))?;
        if manifest.format != FORMAT {
            return Err(format!("format {:?}, this yuedu reads {FORMAT:?}", manifest.format));
        }
        if manifest.files.values().any(|e| e.headers.is_some_and(|i| i as usize >= manifest.headers.len())) {
            return Err("an entry names a header set that is not listed".into());
        }
        Ok(manifest)
    }

    /// Writes the manifest (gzip at its fastest level: the hashes are most of it and do not
    /// compress, so higher levels cost time for little).
    pub fn encode(&self) -> Vec<u8> {
        // One write of the whole JSON: serde_json's many small writes straight into the
        // encoder made it ~10× slower.
        let json = serde_json::to_vec(self).expect("a manifest serialises");
        let mut gz = flate2::write::GzEncoder::new(Vec::with_capacity(json.len() / 2), flate2::Compression::fast());
        gz.write_all(&json).expect("writing to memory");
        gz.finish().expect("writing to memory")
    }

    /// A manifest of `files`: (key, hash, size, mtime, headers when the destination stores them).
    #[cfg(test)]
    pub fn from_files<'a>(files: impl IntoIterator<Item = (&'a str, &'a str, u64, i64, Option<&'a Headers>)>) -> Manifest {
        let mut manifest = Manifest::default();
        for (key, hash, size, mtime, headers) in files {
            manifest.set(key, hash, size, mtime, headers);
        }
        manifest
    }

    /// Records that `key` now holds this content with these headers (and is not stale).
    pub fn set(&mut self, key: &str, hash: &str, size: u64, mtime: i64, headers: Option<&Headers>) {
        let headers = headers.map(|h| {
            let at = self.headers.iter().position(|known| known.matches(h)).unwrap_or_else(|| {
                self.headers.push(StoredHeaders::of(h));
                self.headers.len() - 1
            });
            at as u32
        });
        let entry = Entry { hash: hash.into(), size, mtime, headers, stale_since: None };
        match self.files.get_mut(key) {
            Some(known) => *known = entry,
            None => {
                self.files.insert(key.into(), entry);
            }
        }
    }

    /// Records a new size and modification time for an unchanged file; whether they differed.
    pub fn touch(&mut self, key: &str, size: u64, mtime: i64) -> bool {
        match self.files.get_mut(key) {
            Some(e) if (e.size, e.mtime) != (size, mtime) => {
                (e.size, e.mtime) = (size, mtime);
                true
            }
            _ => false,
        }
    }

    /// Marks `key` stale since `since` unless it already is; whether it changed.
    pub fn mark_stale(&mut self, key: &str, since: i64) -> bool {
        self.files.get_mut(key).is_some_and(|e| e.stale_since.is_none() && e.stale_since.replace(since).is_none())
    }

    /// Whether the object at `key` was stored with `content` and these headers (`None`: the
    /// destination stores none).
    #[cfg(test)]
    pub fn holds(&self, key: &str, hash: &str, headers: Option<&Headers>) -> bool {
        self.files.get(key).is_some_and(|e| self.stored_as(e, hash, headers))
    }

    /// Whether `entry` (of this manifest) is an object of the site with this content and these
    /// headers.
    pub fn stored_as(&self, entry: &Entry, hash: &str, headers: Option<&Headers>) -> bool {
        entry.hash == hash
            && entry.stale_since.is_none()
            && match (entry.headers, headers) {
                (Some(i), Some(h)) => self.headers[i as usize].matches(h),
                (None, None) => true,
                _ => false,
            }
    }
}

#[derive(Serialize, Deserialize)]
struct PendingRecord {
    format: String,
    keys: Vec<String>,
}

/// The pending record: the keys a deploy is about to change.
pub fn encode_pending(keys: &[&str]) -> Vec<u8> {
    let record = PendingRecord { format: PENDING_FORMAT.into(), keys: keys.iter().map(|k| k.to_string()).collect() };
    serde_json::to_vec(&record).expect("a list of strings serialises")
}

/// Reads a pending record.
pub fn decode_pending(json: &[u8]) -> Result<Vec<String>, String> {
    let record: PendingRecord = serde_json::from_slice(json).map_err(|e| format!("not a pending record: {e}"))?;
    if record.format != PENDING_FORMAT {
        return Err(format!("format {:?}, this yuedu reads {PENDING_FORMAT:?}", record.format));
    }
    Ok(record.keys)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deploy::rules::{headers, IMMUTABLE};

    #[test]
    fn round_trips_and_knows_what_it_holds() {
        let html = headers("index.html", None);
        let wasm = headers("app-0123456789abcdef_bg.wasm", None);
        let manifest = Manifest::from_files([
            ("index.html", "aa", 10, 1, Some(&html)),
            ("article/x/index.html", "bb", 20, 2, Some(&html)),
            ("app-0123456789abcdef_bg.wasm", "cc", 30, 3, Some(&wasm)),
        ]);
        assert_eq!(manifest.headers.len(), 2, "each header set once");
        let back = Manifest::decode(&manifest.encode()).unwrap();
        assert_eq!(back, manifest);
        assert!(back.holds("index.html", "aa", Some(&html)));
        assert!(!back.holds("index.html", "ab", Some(&html)), "other content");
        let mut cached = html;
        cached.cache_control = IMMUTABLE;
        assert!(!back.holds("index.html", "aa", Some(&cached)), "other headers");
        assert!(!back.holds("index.html", "aa", None), "stored with headers, asked without");
        assert!(!back.holds("missing.html", "aa", Some(&html)));
        let json = String::from_utf8({
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(&manifest.encode()[..]).read_to_end(&mut out).unwrap();
            out
        })
        .unwrap();
        assert!(json.contains(r#""index.html":["aa",10,1,0]"#), "{json}");
    }

    #[test]
    fn a_kept_entry_is_stale_with_its_headers() {
        let wasm = headers("app-0123456789abcdef_bg.wasm", None);
        let mut new = Manifest::from_files([("app-0123456789abcdef_bg.wasm", "cc", 30, 3, Some(&wasm))]);
        assert!(new.mark_stale("app-0123456789abcdef_bg.wasm", 1_700_000_000));
        assert!(!new.mark_stale("app-0123456789abcdef_bg.wasm", 1_800_000_000), "stale since the first time");
        let back = Manifest::decode(&new.encode()).unwrap();
        let kept = &back.files["app-0123456789abcdef_bg.wasm"];
        assert_eq!(kept.stale_since, Some(1_700_000_000));
        assert!(!back.holds("app-0123456789abcdef_bg.wasm", "cc", Some(&wasm)), "a stale object is not part of the site");
        assert_eq!(back.headers[kept.headers.unwrap() as usize], StoredHeaders::of(&wasm));
    }

    #[test]
    fn refuses_other_formats_and_corrupt_bytes() {
        assert!(Manifest::decode(b"not gzip").unwrap_err().contains("not gzip"));
        let mut other = Manifest::from_files([]);
        other.format = "yuedu-deploy-manifest/2".into();
        assert!(Manifest::decode(&other.encode()).unwrap_err().contains("yuedu-deploy-manifest/2"));
        let mut dangling = Manifest::from_files([("a", "aa", 1, 1, None)]);
        dangling.files.get_mut("a").unwrap().headers = Some(3);
        assert!(Manifest::decode(&dangling.encode()).is_err());
    }

    #[test]
    fn pending_records_round_trip() {
        assert_eq!(decode_pending(&encode_pending(&["a", "b/c"])).unwrap(), ["a", "b/c"]);
        assert!(decode_pending(br#"{"format":"x","keys":[]}"#).is_err());
    }
}
