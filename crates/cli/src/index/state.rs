//! The index's state between runs, in `OUT_DIR/.yuedu-index/` (format version [`VERSION`]):
//!
//! - `state.bin` — [`State`]: a magic line, the version (`u32`, little-endian), then frames
//!   (each a little-endian `u64` length and its bincode): a [`Header`] — a fingerprint of the
//!   settings (title, site, page size, static-page renderer) and of the `yuedu` binary, the
//!   names (tags, authors, sources), the search and terms bookkeeping — then the records in
//!   parts of [`PART`] (a `Vec<Doc>` each, decoded in parallel): one [`Doc`] per article,
//!   sorted by id: its file's size, modification time and content hash (FNV-1a), publication
//!   time, title, summary, source, tags, authors, keywords, and where its search terms are in
//!   `terms.bin`.
//! - `journal.bin` — what incremental runs changed since `state.bin` was written, appended
//!   (rewriting a million records for one new article took a second): records of
//!   [`Journal`], each a frame. Read after `state.bin`;
//!   when it outgrows an eighth of it (and 64 KB), the next run writes `state.bin` whole again and
//!   empties it.
//! - `terms.bin` — append-only: each article's search terms and impacts (`term \0 impact`),
//!   read back when the article changes or goes, and for a full build of the search index.
//! - `search/<n>.bin` — bincode of the [`TermState`]s of search shard `n`: each term's
//!   document frequency and its best articles (more than a shard shows, so a removal rarely
//!   needs a rebuild); `search/meta.bin` — the shard count and the postings they show.
//! - `running` — present while a run writes; a state found with it is not trusted.
//!
//! Anything missing, unreadable, of another version or interrupted makes the next run a full
//! rebuild, with a message.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::Write;
use std::os::unix::fs::FileExt;
use std::path::Path;

use bincode::Options;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// The state directory under the output directory.
pub const DIR: &str = ".yuedu-index";
/// Bumped whenever the layout or the meaning of a field changes.
pub const VERSION: u32 = 3;
/// Records per part of `state.bin`.
const PART: usize = 1 << 16;
const MAGIC: &[u8] = b"yuedu-index-state\n";

/// Everything a run needs from the last one.
pub struct State {
    pub version: u32,
    pub fingerprint: u64,
    pub names: Vec<String>,
    pub docs: Vec<Doc>,
    pub search_shards: u32,
    /// Bytes of `terms.bin` the docs refer to (a longer file was cut short by a crash).
    pub forward_len: u64,
}

/// One article, without its body.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Doc {
    pub id: String,
    pub mtime: u64,
    pub size: u64,
    pub hash: u64,
    pub secs: i64,
    pub published: String,
    pub title: String,
    pub summary: Option<String>,
    /// Indexes into the names.
    pub source: u32,
    pub tags: Vec<u32>,
    pub authors: Vec<u32>,
    /// The related keywords (two characters each), concatenated.
    pub keywords: String,
    /// Offset and length of the search terms in `terms.bin`.
    pub fwd: (u64, u32),
}

impl Doc {
    /// The keywords, two characters each.
    pub fn keyword_list(&self) -> impl Iterator<Item = &str> {
        let mut rest = self.keywords.as_str();
        std::iter::from_fn(move || {
            let end = rest.char_indices().nth(2).map_or(rest.len(), |(i, _)| i);
            let (keyword, tail) = rest.split_at(end);
            rest = tail;
            (!keyword.is_empty()).then_some(keyword)
        })
    }

    /// Its related terms as `(is_tag, name)`: the tags (name numbers into `names`), then the
    /// keywords.
    pub fn related_terms<'a>(&'a self, names: &'a [String]) -> impl Iterator<Item = (bool, &'a str)> {
        self.tags.iter().map(|&t| (true, names[t as usize].as_str())).chain(self.keyword_list().map(|k| (false, k)))
    }

    /// Whether every output shows the same of this article as of `other`: the same file content.
    pub fn same_output(&self, other: &Doc) -> bool {
        self.hash == other.hash && self.id == other.id
    }
}

/// Interned names (tags, authors, sources).
#[derive(Default)]
pub struct Names {
    list: Vec<String>,
    ids: HashMap<String, u32>,
}

impl From<Vec<String>> for Names {
    fn from(list: Vec<String>) -> Names {
        let ids = list.iter().enumerate().map(|(i, n)| (n.clone(), i as u32)).collect();
        Names { list, ids }
    }
}

impl Names {
    pub fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        self.list.push(name.to_owned());
        self.ids.insert(name.to_owned(), (self.list.len() - 1) as u32);
        (self.list.len() - 1) as u32
    }

    pub fn list(&self) -> Vec<String> {
        self.list.clone()
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> String + '_ {
    move |e| format!("{}: {e}", path.display())
}

/// Writes `bytes` to `path` through a temporary file and a rename.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let tmp = path.with_extension("tmp");
    fs::write(&tmp, bytes).map_err(io(&tmp))?;
    fs::rename(&tmp, path).map_err(io(path))
}

/// `state.bin`'s first frame: the [`State`] but its version and records.
#[derive(Serialize, Deserialize)]
struct Header {
    fingerprint: u64,
    names: Vec<String>,
    search_shards: u32,
    forward_len: u64,
}

/// Appends `body` to `out` as a frame: its length as a little-endian `u64`, then itself.
fn push_frame(out: &mut Vec<u8>, body: &[u8]) {
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(body);
}

/// The next frame of `bytes` (see [`push_frame`]), or `None` when it is cut short.
fn next_frame<'b>(bytes: &mut &'b [u8]) -> Option<&'b [u8]> {
    let (len, rest) = bytes.split_first_chunk::<8>()?;
    let body = rest.get(..usize::try_from(u64::from_le_bytes(*len)).ok()?)?;
    *bytes = &rest[body.len()..];
    Some(body)
}

impl State {
    /// The state in `dir`: `Err("")` when there is none, `Err(why)` when it cannot be used.
    pub fn load(dir: &Path) -> Result<State, String> {
        let path = dir.join("state.bin");
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(String::new()),
            Err(e) => return Err(format!("cannot read the index state ({e})")),
        };
        if dir.join("running").exists() {
            return Err("the last run of the index was interrupted".into());
        }
        let Some(rest) = bytes.strip_prefix(MAGIC) else { return Err("the index state is not yuedu's".into()) };
        let corrupt = |why: &str| format!("the index state is corrupt ({why})");
        let (version, mut rest) = rest.split_first_chunk::<4>().ok_or_else(|| corrupt("cut short"))?;
        let version = u32::from_le_bytes(*version);
        if version != VERSION {
            return Err(format!("the index state is version {version}, this yuedu writes {VERSION}"));
        }
        let header: Header =
            bincode::deserialize(next_frame(&mut rest).ok_or_else(|| corrupt("cut short"))?).map_err(|e| corrupt(&e.to_string()))?;
        let mut parts: Vec<&[u8]> = Vec::new();
        while !rest.is_empty() {
            parts.push(next_frame(&mut rest).ok_or_else(|| corrupt("cut short"))?);
        }
        // Each part is a bincode `Vec<Doc>`: its length (`u64`), then the records. They are
        // decoded in place into one list (decoding parts into lists of their own and joining
        // them moved and first-touched ~250 MB more at a million articles).
        let mut counts = Vec::with_capacity(parts.len());
        for part in &mut parts {
            let whole: &[u8] = part;
            let (len, records) = whole.split_first_chunk::<8>().ok_or_else(|| corrupt("cut short"))?;
            counts.push(usize::try_from(u64::from_le_bytes(*len)).map_err(|_| corrupt("too many records"))?);
            *part = records;
        }
        let total = counts
            .iter()
            .try_fold(0usize, |a, &c| a.checked_add(c))
            .filter(|&t| t <= bytes.len())
            .ok_or_else(|| corrupt("too many records"))?;
        let mut docs: Vec<Doc> = Vec::new();
        docs.resize_with(total, Doc::default);
        let mut slots: Vec<&mut [Doc]> = Vec::with_capacity(parts.len());
        let mut rest_docs = &mut docs[..];
        for &c in &counts {
            let (part, tail) = rest_docs.split_at_mut(c);
            slots.push(part);
            rest_docs = tail;
        }
        slots.into_par_iter().zip(parts).try_for_each(|(slots, part)| {
            let options = bincode::DefaultOptions::new().with_fixint_encoding().allow_trailing_bytes();
            let mut de = bincode::Deserializer::from_slice(part, options);
            slots.iter_mut().try_for_each(|slot| Doc::deserialize(&mut de).map(|d| *slot = d)).map_err(|e| corrupt(&e.to_string()))
        })?;
        let Header { fingerprint, names, search_shards, forward_len } = header;
        let mut state = State { version, fingerprint, names, docs, search_shards, forward_len };
        match fs::read(dir.join("journal.bin")) {
            Ok(journal) => state.replay(&journal)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("cannot read the index journal ({e})")),
        }
        let terms = fs::metadata(dir.join("terms.bin")).map(|m| m.len()).unwrap_or(0);
        if terms < state.forward_len {
            return Err("the index's terms file is shorter than its state".into());
        }
        let mut ids = state.docs.iter().map(|d| d.id.as_str());
        if let Some(mut prev) = ids.next() {
            for id in ids {
                if id <= prev {
                    return Err("the index state is corrupt (unsorted)".into());
                }
                prev = id;
            }
        }
        if state.docs.iter().any(|d| d.fwd.0 + u64::from(d.fwd.1) > state.forward_len) {
            return Err("the index state is corrupt (terms)".into());
        }
        Ok(state)
    }

    /// Saves the state whole, empties the journal and marks the run finished.
    pub fn save(&self, dir: &Path) -> Result<(), String> {
        fs::create_dir_all(dir).map_err(io(dir))?;
        let header = Header {
            fingerprint: self.fingerprint,
            names: self.names.clone(),
            search_shards: self.search_shards,
            forward_len: self.forward_len,
        };
        let parts: Vec<Vec<u8>> =
            self.docs.par_chunks(PART).map(bincode::serialize).collect::<Result<_, _>>().map_err(|e| e.to_string())?;
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&self.version.to_le_bytes());
        push_frame(&mut bytes, &bincode::serialize(&header).map_err(|e| e.to_string())?);
        for part in &parts {
            push_frame(&mut bytes, part);
        }
        write_atomic(&dir.join("state.bin"), &bytes)?;
        let journal = dir.join("journal.bin");
        if journal.exists() {
            fs::remove_file(&journal).map_err(io(&journal))?;
        }
        let _ = fs::remove_file(dir.join("running"));
        Ok(())
    }

    /// Saves what an incremental run changed — the records of `ids` (the articles read or
    /// gone) — by appending them to the journal, or saves whole when the journal has grown;
    /// then marks the run finished.
    pub fn save_changes<'a>(&self, dir: &Path, ids: impl Iterator<Item = &'a str>) -> Result<(), String> {
        let (base, journal) = (dir.join("state.bin"), dir.join("journal.bin"));
        let size = |p: &Path| fs::metadata(p).map_or(0, |m| m.len());
        if size(&journal) > size(&base) / 8 + 64 * 1024 {
            return self.save(dir);
        }
        let record = |id: &str| (id.to_owned(), self.docs.binary_search_by(|d| d.id.as_str().cmp(id)).ok().map(|i| self.docs[i].clone()));
        let entry = Journal {
            names: self.names.clone(),
            search_shards: self.search_shards,
            forward_len: self.forward_len,
            records: ids.map(record).collect(),
        };
        let body = bincode::serialize(&entry).map_err(|e| e.to_string())?;
        let mut file = fs::OpenOptions::new().create(true).append(true).open(&journal).map_err(io(&journal))?;
        let mut bytes = Vec::new();
        push_frame(&mut bytes, &body);
        file.write_all(&bytes).map_err(io(&journal))?;
        let _ = fs::remove_file(dir.join("running"));
        Ok(())
    }

    /// Applies the journal in `bytes` (see [`State::save_changes`]).
    fn replay(&mut self, mut bytes: &[u8]) -> Result<(), String> {
        let corrupt = |why: &str| format!("the index journal is corrupt ({why})");
        let mut records: BTreeMap<String, Option<Doc>> = BTreeMap::new();
        while !bytes.is_empty() {
            let body = next_frame(&mut bytes).ok_or_else(|| corrupt("cut short"))?;
            let entry: Journal = bincode::deserialize(body).map_err(|e| corrupt(&e.to_string()))?;
            self.names = entry.names;
            self.search_shards = entry.search_shards;
            self.forward_len = entry.forward_len;
            records.extend(entry.records);
        }
        if records.len() <= 16 {
            // A few records: in place (a merge moves every record into a new list).
            for (id, r) in records {
                match (self.docs.binary_search_by(|d| d.id.cmp(&id)), r) {
                    (Ok(i), Some(d)) => self.docs[i] = d,
                    (Ok(i), None) => drop(self.docs.remove(i)),
                    (Err(i), Some(d)) => self.docs.insert(i, d),
                    (Err(_), None) => {}
                }
            }
            return Ok(());
        }
        // One merge of two id-sorted lists.
        let base = std::mem::take(&mut self.docs);
        let mut docs = Vec::with_capacity(base.len() + records.len());
        let mut records = records.into_iter().peekable();
        for d in base {
            while let Some((_, r)) = records.next_if(|(id, _)| *id < d.id) {
                docs.extend(r);
            }
            match records.next_if(|(id, _)| *id == d.id) {
                Some((_, r)) => docs.extend(r),
                None => docs.push(d),
            }
        }
        docs.extend(records.filter_map(|(_, r)| r));
        self.docs = docs;
        Ok(())
    }
}

/// One incremental run's changes: the names and search and terms bookkeeping after it, and
/// the new record of each article it read or removed (`None`: gone).
#[derive(Serialize, Deserialize)]
struct Journal {
    names: Vec<String>,
    search_shards: u32,
    forward_len: u64,
    records: Vec<(String, Option<Doc>)>,
}

/// Marks a run as started: until [`State::save`], the state on disk is not trusted.
pub fn begin(dir: &Path) -> Result<(), String> {
    fs::create_dir_all(dir).map_err(io(dir))?;
    fs::write(dir.join("running"), b"").map_err(io(dir))
}

/// The append-only terms file.
pub struct Forward {
    file: fs::File,
    len: u64,
    buf: Vec<u8>,
    path: std::path::PathBuf,
}

impl Forward {
    /// Opens `dir/terms.bin`, cut back to `keep` bytes (all of it for a full build).
    pub fn open(dir: &Path, keep: Option<u64>, full: bool) -> Result<Forward, String> {
        fs::create_dir_all(dir).map_err(io(dir))?;
        begin(dir)?;
        let path = dir.join("terms.bin");
        let file = fs::OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path).map_err(io(&path))?;
        let len = if full { 0 } else { keep.unwrap_or(0) };
        file.set_len(len).map_err(io(&path))?;
        Ok(Forward { file, len, buf: Vec::new(), path })
    }

    /// Appends one article's terms; returns where they are.
    pub fn append(&mut self, terms: &[u8]) -> Result<(u64, u32), String> {
        let at = self.len + self.buf.len() as u64;
        self.buf.extend_from_slice(terms);
        if self.buf.len() > 8 << 20 {
            self.flush()?;
        }
        Ok((at, terms.len() as u32))
    }

    fn flush(&mut self) -> Result<(), String> {
        self.file.write_all_at(&self.buf, self.len).map_err(io(&self.path))?;
        self.len += self.buf.len() as u64;
        self.buf.clear();
        Ok(())
    }

    /// One article's terms.
    pub fn read(&self, (at, len): (u64, u32)) -> Result<Vec<u8>, String> {
        let mut out = vec![0u8; len as usize];
        if at >= self.len {
            let start = (at - self.len) as usize;
            out.copy_from_slice(&self.buf[start..start + len as usize]);
        } else {
            self.file.read_exact_at(&mut out, at).map_err(io(&self.path))?;
        }
        Ok(out)
    }

    /// Writes what is buffered; returns the file's length.
    pub fn finish(&mut self) -> Result<u64, String> {
        self.flush()?;
        self.file.flush().map_err(io(&self.path))?;
        Ok(self.len)
    }

    /// Makes everything appended so far readable from other threads' [`Forward::read`].
    pub fn sync(&mut self) -> Result<(), String> {
        self.flush()
    }
}

/// The `(term, impact)` pairs of an article's terms blob.
pub fn terms(blob: &[u8]) -> impl Iterator<Item = (&str, u8)> {
    let mut rest = blob;
    std::iter::from_fn(move || {
        let end = rest.iter().position(|&b| b == 0)?;
        let term = std::str::from_utf8(&rest[..end]).ok()?;
        let w = *rest.get(end + 1)?;
        rest = &rest[end + 2..];
        Some((term, w))
    })
}

/// A search term: how many articles have it, and the best of them as `(impact, time, id)`,
/// best first. The list is always exactly the best `list.len()` articles of the term (all of
/// them when `list.len() == df`), which is what makes updating it without the others safe.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TermState {
    pub term: String,
    pub df: u64,
    pub list: Vec<(u8, i64, String)>,
}

fn better(a: &(u8, i64, String), b: &(u8, i64, String)) -> std::cmp::Ordering {
    b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then_with(|| a.2.cmp(&b.2))
}

impl TermState {
    /// The articles `ids` no longer have the term.
    pub fn remove(&mut self, ids: &[String]) {
        for id in ids {
            self.df = self.df.saturating_sub(1);
            self.list.retain(|e| &e.2 != id);
        }
    }

    /// These articles have the term now; at most `keep` are kept.
    pub fn insert(&mut self, entries: &[(u8, i64, String)], keep: usize) {
        for e in entries {
            let complete = self.list.len() as u64 == self.df;
            self.df += 1;
            let at = self.list.partition_point(|x| better(x, e).is_lt());
            // Past the end of an incomplete list, an unknown article may rank before it.
            if complete || at < self.list.len() {
                self.list.insert(at, e.clone());
                self.list.truncate(keep);
            }
        }
    }
}

/// Removes the search state (before a full build of the search index).
pub fn clear_search(dir: &Path) -> Result<(), String> {
    let s = dir.join("search");
    let _ = fs::remove_dir_all(&s);
    fs::create_dir_all(&s).map_err(io(&s))
}

pub fn save_shard(dir: &Path, shard: u32, terms: &[TermState]) -> Result<(), String> {
    let path = dir.join("search").join(format!("{shard}.bin"));
    if terms.is_empty() {
        let _ = fs::remove_file(&path);
        return Ok(());
    }
    write_atomic(&path, &bincode::serialize(terms).map_err(|e| e.to_string())?)
}

pub fn load_shard(dir: &Path, shard: u32) -> Result<Vec<TermState>, String> {
    let path = dir.join("search").join(format!("{shard}.bin"));
    match fs::read(&path) {
        Ok(b) => bincode::deserialize(&b).map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// The shard count and the postings the shards show.
pub fn save_meta(dir: &Path, shards: u32, entries: u64) -> Result<(), String> {
    write_atomic(&dir.join("search").join("meta.bin"), &bincode::serialize(&(shards, entries)).map_err(|e| e.to_string())?)
}

pub fn load_meta(dir: &Path) -> Result<(u32, u64), String> {
    let path = dir.join("search").join("meta.bin");
    let b = fs::read(&path).map_err(io(&path))?;
    bincode::deserialize(&b).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(w: u8, t: i64, id: &str) -> (u8, i64, String) {
        (w, t, id.to_owned())
    }

    #[test]
    fn kept_lists_stay_exact_prefixes() {
        // All articles of a term: a, b (100), c (50), d (10); keep 2.
        let mut t = TermState { term: "x".into(), df: 0, list: vec![] };
        t.insert(&[e(100, 1, "a"), e(50, 1, "c"), e(100, 1, "b")], 2);
        assert_eq!(t.list, [e(100, 1, "a"), e(100, 1, "b")]);
        t.insert(&[e(10, 1, "d")], 2);
        assert_eq!((t.df, t.list.len()), (4, 2), "d ranks after what is kept: unknown order, not kept");
        t.remove(&["a".into()]);
        assert_eq!(t.list, [e(100, 1, "b")]);
        t.insert(&[e(60, 1, "e")], 2);
        assert_eq!(t.list, [e(100, 1, "b")], "an article the list does not hold may rank before e: not kept");
        t.insert(&[e(200, 9, "f")], 2);
        assert_eq!(t.list, [e(200, 9, "f"), e(100, 1, "b")]);
        assert_eq!(t.df, 5);
    }

    #[test]
    fn terms_blobs_round_trip() {
        let blob = b"ab\0\x05\xe8\x8c\xb6\xe5\x8f\xb6\0\xff";
        assert_eq!(terms(blob).collect::<Vec<_>>(), [("ab", 5), ("茶叶", 255)]);
    }

    fn doc(id: &str, hash: u64) -> Doc {
        Doc {
            id: id.into(),
            mtime: 0,
            size: 0,
            hash,
            secs: 0,
            published: String::new(),
            title: String::new(),
            summary: None,
            source: 0,
            tags: vec![],
            authors: vec![],
            keywords: String::new(),
            fwd: (0, 0),
        }
    }

    #[test]
    fn the_journal_replays_onto_the_saved_state() {
        let dir = std::env::temp_dir().join(format!("yuedu-state-journal-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let ids = |s: &State| s.docs.iter().map(|d| (d.id.clone(), d.hash)).collect::<Vec<_>>();
        let mut state = State {
            version: VERSION,
            fingerprint: 7,
            names: vec!["甲".into()],
            docs: ["b", "d", "f"].iter().map(|id| doc(id, 1)).collect(),
            search_shards: 4,
            forward_len: 0,
        };
        state.save(&dir).unwrap();
        // A first run adds "a" and "e", changes "d" and removes "f"; a second adds "c" and
        // "f" again, removes "a".
        state.docs = vec![doc("a", 1), doc("b", 1), doc("d", 2), doc("e", 1)];
        state.names.push("乙".into());
        state.save_changes(&dir, ["a", "d", "e", "f"].into_iter()).unwrap();
        assert_eq!(State::load(&dir).ok().map(|s| ids(&s)), Some(ids(&state)), "after one run");
        state.docs = vec![doc("b", 1), doc("c", 1), doc("d", 2), doc("e", 1), doc("f", 3)];
        state.search_shards = 8;
        state.save_changes(&dir, ["a", "c", "f"].into_iter()).unwrap();
        assert!(dir.join("journal.bin").exists());
        let Ok(loaded) = State::load(&dir) else { panic!("the state loads") };
        assert_eq!(ids(&loaded), ids(&state));
        assert_eq!((loaded.names.len(), loaded.search_shards), (2, 8));
        // Many records (a journal of more than a few is merged, not applied in place).
        let more: Vec<String> = (0..20).map(|i| format!("g{i:02}")).collect();
        state.docs.extend(more.iter().map(|id| doc(id, 5)));
        state.docs.remove(0);
        state.save_changes(&dir, more.iter().map(String::as_str).chain(["b"])).unwrap();
        let Ok(loaded) = State::load(&dir) else { panic!("the state loads") };
        assert_eq!(ids(&loaded), ids(&state));
        // Cut short, it is not trusted.
        let journal = fs::read(dir.join("journal.bin")).unwrap();
        fs::write(dir.join("journal.bin"), &journal[..journal.len() - 3]).unwrap();
        assert!(State::load(&dir).err().is_some_and(|e| e.contains("journal is corrupt")));
        // Saved whole, the journal is gone.
        state.save(&dir).unwrap();
        assert!(!dir.join("journal.bin").exists());
        assert_eq!(State::load(&dir).ok().map(|s| ids(&s)), Some(ids(&state)));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_state_of_several_parts_comes_back_whole_and_a_cut_one_is_refused() {
        let dir = std::env::temp_dir().join(format!("yuedu-state-parts-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let docs: Vec<Doc> = (0..PART * 2 + 5).map(|i| doc(&format!("a{i:07}"), i as u64)).collect();
        let state = State { version: VERSION, fingerprint: 9, names: vec!["甲".into()], docs, search_shards: 2, forward_len: 0 };
        state.save(&dir).unwrap();
        let Ok(loaded) = State::load(&dir) else { panic!("the state loads") };
        let hashes = |s: &State| s.docs.iter().map(|d| (d.id.clone(), d.hash)).collect::<Vec<_>>();
        assert_eq!(hashes(&loaded), hashes(&state));
        assert_eq!((loaded.fingerprint, loaded.search_shards, loaded.names.len()), (9, 2, 1));
        let bytes = fs::read(dir.join("state.bin")).unwrap();
        fs::write(dir.join("state.bin"), &bytes[..bytes.len() - 10]).unwrap();
        assert!(State::load(&dir).err().is_some_and(|e| e.contains("corrupt")));
        // A part claiming more records than the file could hold: refused, nothing allocated.
        let header_at = MAGIC.len() + 4;
        let header_len = u64::from_le_bytes(bytes[header_at..header_at + 8].try_into().unwrap()) as usize;
        let count_at = header_at + 8 + header_len + 8;
        let mut huge = bytes.clone();
        huge[count_at..count_at + 8].copy_from_slice(&(u64::MAX / 4).to_le_bytes());
        fs::write(dir.join("state.bin"), &huge).unwrap();
        assert!(State::load(&dir).err().is_some_and(|e| e.contains("too many records")));
        // The state of another version: named as such.
        let mut older = bytes.clone();
        older[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&2u32.to_le_bytes());
        fs::write(dir.join("state.bin"), &older).unwrap();
        assert!(State::load(&dir).err().is_some_and(|e| e.contains("version 2")));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn keywords_come_back_two_characters_at_a_time() {
        let d = Doc { keywords: "茶叶合作".into(), ..doc("a", 0) };
        assert_eq!(d.keyword_list().collect::<Vec<_>>(), ["茶叶", "合作"]);
        let odd = Doc { keywords: "茶叶合".into(), ..doc("b", 0) };
        assert_eq!(odd.keyword_list().collect::<Vec<_>>(), ["茶叶", "合"]);
        let empty = Doc { keywords: String::new(), ..d };
        assert_eq!(empty.keyword_list().count(), 0);
    }
}
