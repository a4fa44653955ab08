//! Full-text search (`/search?q=…`) over titles, tags, summaries and body text, sharded so a
//! query fetches only the parts of the index it needs.
//!
//! **Terms.** Chinese has no spaces between words, so Chinese text is indexed as overlapping
//! two-character pieces (bigrams: 协同振兴 → 协同, 同振, 振兴) and a query matches the articles
//! holding its pieces; Latin letters and digits form words (in lower case). No segmenter is
//! needed, and any substring of two or more characters can be found.
//!
//! **Relevance** is BM25 (Robertson & Zaragoza): a term weighs its inverse document frequency
//! times a saturating function of how often the article has it, relative to the article's
//! length; title and tags count [`TITLE_BOOST`] times, so a title or tag match ranks above a
//! mention in the text. The per-article part is computed at index time and stored as an
//! *impact* (0–255) with a fixed reference length ([`AVGDL`]) instead of the corpus average, so
//! one new article never changes the impacts of the others; the browser adds the inverse
//! document frequency from `df` and the corpus size.
//!
//! **Sharding.** `yuedu index` writes `search.json` ([`SearchManifest`]: the corpus size and
//! the number of shards) and `search/<n>.json` ([`SearchShard`]): every term lives in shard
//! [`shard_of`]`(term)`, with its document frequency and its [`TOP_K`] best articles by impact
//! (ties: newer first, then id) — a "champion list" (Manning et al., *Introduction to
//! Information Retrieval* §7.1.3), which bounds what a query downloads whatever the corpus
//! size. The browser fetches the manifest and the shards of the query's terms, ranks with
//! [`rank`], then fetches the best articles themselves and shows the matching [`passage`] with
//! the query marked.

use serde::{Deserialize, Serialize};

use crate::error::DecodeError;
use crate::{Article, Block};

/// The `format` of `search.json`.
pub const SEARCH_FORMAT: &str = "yuedu-search/2";
/// The `format` of a shard, `search/<n>.json`.
pub const SHARD_FORMAT: &str = "yuedu-search-shard/1";
/// Articles kept per term in a shard (its champion list).
pub const TOP_K: usize = 200;
/// How much more a term in the title or a tag counts than one in the text.
pub const TITLE_BOOST: u32 = 3;
/// BM25's parameters, and the fixed reference length (in terms) impacts are computed with.
pub const K1: f64 = 1.2;
pub const B: f64 = 0.75;
pub const AVGDL: f64 = 600.0;
/// Results shown for a query; their articles are fetched for the passages.
pub const RESULTS: usize = 10;
/// The most shards a manifest may declare.
pub const MAX_SHARDS: u32 = 1 << 20;

/// `data/search.json`: what a query needs before it knows which shards to fetch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchManifest {
    /// [`SEARCH_FORMAT`].
    pub format: String,
    /// Articles in the index (BM25's N).
    pub docs: u64,
    /// Number of shards, a power of two.
    pub shards: u32,
}

/// `data/search/<n>.json`: the terms whose [`shard_of`] is `n`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchShard {
    /// [`SHARD_FORMAT`].
    pub format: String,
    pub terms: Vec<TermPostings>,
}

/// One term: how many articles have it, and the best [`TOP_K`] of them with their impacts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermPostings {
    pub term: String,
    pub df: u64,
    /// `[article id, impact 1–255]`, best first.
    pub docs: Vec<(String, u8)>,
}

impl SearchManifest {
    /// Decodes and validates from untrusted JSON.
    pub fn from_json(bytes: &[u8]) -> Result<SearchManifest, DecodeError> {
        let m: SearchManifest = crate::json::from_slice(bytes)?;
        if m.format != SEARCH_FORMAT {
            return Err(DecodeError::invalid("format", format!("is `{}`, expected `{SEARCH_FORMAT}`", m.format)));
        }
        // A hostile manifest must not make `shard_of` spread a query over millions of files.
        if !m.shards.is_power_of_two() || m.shards > MAX_SHARDS {
            return Err(DecodeError::invalid("shards", format!("must be a power of two up to {MAX_SHARDS}")));
        }
        Ok(m)
    }
}

impl SearchShard {
    /// Decodes and validates from untrusted JSON.
    pub fn from_json(bytes: &[u8]) -> Result<SearchShard, DecodeError> {
        let shard: SearchShard = crate::json::from_slice(bytes)?;
        if shard.format != SHARD_FORMAT {
            return Err(DecodeError::invalid("format", format!("is `{}`, expected `{SHARD_FORMAT}`", shard.format)));
        }
        Ok(shard)
    }
}

/// The shard of `term` among `shards` (a power of two): FNV-1a of its UTF-8 bytes. The same
/// function runs at index time and in the browser.
///
/// ```
/// use yuedu_core::search::shard_of;
/// assert_eq!(shard_of("茶叶", 1), 0);
/// assert!(shard_of("茶叶", 64) < 64);
/// ```
#[inline]
pub fn shard_of(term: &str, shards: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in term.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h & shards.saturating_sub(1)
}

/// A character that takes part in search (letters and digits of any script; ASCII in lower
/// case; Traditional characters folded to Simplified, `zh::fold`, so either script finds the
/// other). Everything else separates terms.
#[inline]
fn normal(c: char) -> Option<char> {
    // The CJK Unified Ideographs first: most of a Chinese text, and `is_alphanumeric` looks
    // them up in Unicode's tables.
    (crate::zh::is_han(c) || c.is_alphanumeric()).then(|| crate::zh::fold(c.to_ascii_lowercase()))
}

/// The terms of `text` as [`terms`] finds them, each passed to `f` with its position (the
/// index of its first character among the text's normalized characters).
#[inline]
fn each_term(text: &str, mut f: impl FnMut(&str, usize)) {
    let mut run = String::new(); // the current run of non-ASCII letters (bigrams)
    let mut run_len = 0usize;
    let mut prev: Option<char> = None;
    let mut word = String::new(); // the current run of ASCII letters and digits (a word)
    let mut pos = 0usize;
    let mut word_at = 0usize;
    let mut buf = [0u8; 8];
    let flush_word = |word: &mut String, at: usize, f: &mut dyn FnMut(&str, usize)| {
        if !word.is_empty() {
            f(word, at);
            word.clear();
        }
    };
    let end_run = |run_len: &mut usize, prev: &mut Option<char>, run: &mut String, pos: usize, f: &mut dyn FnMut(&str, usize)| {
        // A lone character between separators is a term by itself (一 字 queries still work).
        if *run_len == 1 {
            f(run, pos - 1);
        }
        *run_len = 0;
        *prev = None;
        run.clear();
    };
    for c in text.chars() {
        match normal(c) {
            Some(c) if c.is_ascii() => {
                end_run(&mut run_len, &mut prev, &mut run, pos, &mut f);
                if word.is_empty() {
                    word_at = pos;
                }
                word.push(c);
                pos += 1;
            }
            Some(c) => {
                flush_word(&mut word, word_at, &mut f);
                if let Some(p) = prev {
                    let mut pair = [0u8; 8];
                    let a = p.encode_utf8(&mut pair).len();
                    let b = c.encode_utf8(&mut pair[a..]).len();
                    f(std::str::from_utf8(&pair[..a + b]).unwrap_or_default(), pos - 1);
                }
                if run_len == 0 {
                    run.push_str(c.encode_utf8(&mut buf));
                }
                run_len += 1;
                prev = Some(c);
                pos += 1;
            }
            None => {
                flush_word(&mut word, word_at, &mut f);
                end_run(&mut run_len, &mut prev, &mut run, pos, &mut f);
            }
        }
    }
    flush_word(&mut word, word_at, &mut f);
    end_run(&mut run_len, &mut prev, &mut run, pos, &mut f);
}

/// The search terms of `text`, in order: bigrams of runs of non-ASCII letters (a lone one is a
/// term by itself), ASCII words in lower case.
///
/// ```
/// use yuedu_core::search::terms;
/// assert_eq!(terms("协同振兴, Tea 2024"), ["协同", "同振", "振兴", "tea", "2024"]);
/// assert_eq!(terms("茶 叶"), ["茶", "叶"]);
/// ```
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_term(text, |t, _| out.push(t.to_owned()));
    out
}

/// An article's search terms with their impacts (1–255), sorted by term: BM25's per-article
/// factor `tf·(k1+1) / (tf + k1·(1 − b + b·len/AVGDL))`, scaled to 255, where `tf` counts
/// the title, tags and summary [`TITLE_BOOST`] times. Collected: see [`each_article_term`].
pub fn article_terms(a: &Article) -> Vec<(String, u8)> {
    let mut out = Vec::new();
    each_article_term(a, |t, w| out.push((t.to_owned(), w)));
    out
}

/// [`article_terms`] passed to `f` one by one, in the same order, without a `String` for each:
/// the index of a million articles counts some 10⁹ terms (most of them CJK bigrams of six
/// bytes, counted as numbers here).
#[inline] // built into the CLI at its opt-level (see `RelatedIndex::new`)
pub fn each_article_term(a: &Article, mut f: impl FnMut(&str, u8)) {
    // A term of at most 8 bytes as one number, its bytes big-endian and zero-padded (a term
    // holds no NUL: it is letters and digits), so that numbers compare as the terms do.
    let packed = |t: &str| -> Option<u64> {
        let mut b = [0u8; 8];
        b.get_mut(..t.len())?.copy_from_slice(t.as_bytes());
        Some(u64::from_be_bytes(b))
    };
    let mut short: rustc_hash::FxHashMap<u64, u32> = Default::default();
    let mut long: rustc_hash::FxHashMap<String, u32> = Default::default();
    let mut len = 0u32;
    let mut add = |text: &str, times: u32| {
        each_term(text, |t, _| {
            len += 1;
            match packed(t) {
                Some(k) => *short.entry(k).or_insert(0) += times,
                None => match long.get_mut(t) {
                    Some(c) => *c += times,
                    None => {
                        long.insert(t.to_owned(), times);
                    }
                },
            }
        })
    };
    add(&a.title, TITLE_BOOST);
    for tag in &a.tags {
        add(tag, TITLE_BOOST);
    }
    if let Some(s) = &a.summary {
        add(s, 1);
    }
    for b in &a.body {
        match b {
            Block::Image { alt, caption, .. } => {
                add(alt, 1);
                if let Some(c) = caption {
                    add(c, 1);
                }
            }
            Block::Paragraph { text } | Block::Heading { text } => add(text, 1),
            _ => add(&b.text(), 1),
        }
    }
    let norm = K1 * (1.0 - B + B * f64::from(len) / AVGDL);
    let impact = |tf: u32| {
        let tf = f64::from(tf);
        (tf * (K1 + 1.0) / (tf + norm) / (K1 + 1.0) * 255.0).round().clamp(1.0, 255.0) as u8
    };
    let mut short: Vec<(u64, u32)> = short.into_iter().collect();
    short.sort_unstable();
    let mut long: Vec<(String, u32)> = long.into_iter().collect();
    long.sort_unstable();
    // The two sorted lists merged.
    let mut long = long.into_iter().peekable();
    for (k, tf) in short {
        let bytes = k.to_be_bytes();
        let n = bytes.iter().position(|&b| b == 0).unwrap_or(8);
        let t = std::str::from_utf8(&bytes[..n]).unwrap_or_default();
        while let Some((l, ltf)) = long.next_if(|(l, _)| l.as_str() < t) {
            f(&l, impact(ltf));
        }
        f(t, impact(tf));
    }
    for (l, tf) in long {
        f(&l, impact(tf));
    }
}

/// BM25's inverse document frequency of a term in `df` of `n` articles (never negative).
pub fn idf(df: u64, n: u64) -> f64 {
    let (df, n) = (df as f64, n.max(df) as f64);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// The distinct terms of a query, in order. Spaces and punctuation between Chinese
/// characters are dropped first (新 天 地 is 新天地), while Latin words stay apart.
///
/// ```
/// use yuedu_core::search::query_terms;
/// assert_eq!(query_terms("新 天 地"), ["新天", "天地"]);
/// assert_eq!(query_terms("tea tea 茶叶"), ["tea", "茶叶"]);
/// ```
pub fn query_terms(query: &str) -> Vec<String> {
    let mut joined = String::new();
    let mut gap = false;
    for c in query.chars() {
        match normal(c) {
            Some(c) => {
                // A gap between two Chinese characters closes; any other stays a space.
                let last_cjk = joined.chars().last().is_some_and(|l| !l.is_ascii());
                if gap && (c.is_ascii() || !last_cjk) {
                    joined.push(' ');
                }
                joined.push(c);
                gap = false;
            }
            None => gap = !joined.is_empty(),
        }
    }
    let mut out: Vec<String> = Vec::new();
    for t in terms(&joined) {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// One ranked result: the article and its score (higher is better).
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: String,
    pub score: f64,
}

/// Ranks the articles of the shards' postings for `query`: BM25 summed over the query's
/// terms. An article must have every term of a one- or two-term query, and two thirds of a
/// longer one (a long query that occurs nowhere whole still finds the articles sharing most
/// of its pieces). Ties: the article nearer the head of its lists (newer), then the id.
///
/// ```
/// use yuedu_core::search::{rank, SearchShard, TermPostings, SHARD_FORMAT};
/// let t = |term: &str, df, docs: &[(&str, u8)]| TermPostings {
///     term: term.into(), df, docs: docs.iter().map(|(i, w)| (i.to_string(), *w)).collect(),
/// };
/// let shard = SearchShard { format: SHARD_FORMAT.into(), terms: vec![
///     t("茶叶", 2, &[("a", 200), ("b", 100)]), t("叶合", 1, &[("a", 90)]), t("合作", 3, &[("b", 50), ("a", 10)]),
/// ]};
/// let hits = rank("茶叶", 10, &[&shard], 10);
/// assert_eq!(hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["a", "b"]);
/// assert_eq!(rank("茶叶合", 10, &[&shard], 10).len(), 1); // both pieces: only a
/// ```
pub fn rank(query: &str, docs: u64, shards: &[&SearchShard], max: usize) -> Vec<Hit> {
    let wanted = query_terms(query);
    if wanted.is_empty() {
        return Vec::new();
    }
    let need = if wanted.len() <= 2 { wanted.len() } else { (wanted.len() * 2).div_ceil(3) };
    // (id, score, terms matched, best position in a list)
    let mut acc: Vec<(&str, f64, usize, usize)> = Vec::new();
    for term in &wanted {
        let Some(p) = shards.iter().flat_map(|s| &s.terms).find(|p| &p.term == term) else { continue };
        let w = idf(p.df, docs) * (K1 + 1.0) / 255.0;
        for (at, (id, impact)) in p.docs.iter().enumerate() {
            let score = w * f64::from(*impact);
            match acc.iter_mut().find(|e| e.0 == id) {
                Some(e) => {
                    e.1 += score;
                    e.2 += 1;
                    e.3 = e.3.min(at);
                }
                None => acc.push((id, score, 1, at)),
            }
        }
    }
    let mut hits: Vec<(&str, f64, usize)> = acc.into_iter().filter(|e| e.2 >= need).map(|e| (e.0, e.1, e.3)).collect();
    crate::sort::sort_by(&mut hits, |a, b| b.1.total_cmp(&a.1).then(a.2.cmp(&b.2)).then(a.0.cmp(b.0)));
    hits.truncate(max);
    hits.into_iter().map(|(id, score, _)| Hit { id: id.to_owned(), score }).collect()
}

/// A piece of an article's text with the query marked: `marks` are character ranges of
/// `text` (start inclusive, end exclusive, in order, not overlapping). Rendered as text and
/// `<mark>` elements, never as HTML.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Passage {
    pub text: String,
    pub marks: Vec<(usize, usize)>,
}

/// Characters of context a passage keeps before its first mark, and its length at most.
const BEFORE: usize = 24;
const PASSAGE_CHARS: usize = 110;

/// The passage of `a` that best matches `query`: the block holding the whole query (spaces,
/// punctuation and Latin case ignored), else the block holding most of its terms; cut to
/// about [`PASSAGE_CHARS`] characters around the first match. Empty when nothing matches.
///
/// ```
/// let mut a = yuedu_core::synthetic::synthetic_article(0);
/// a.body = vec![yuedu_core::Block::Paragraph { text: "东西部协作，帮县带村。".into() }];
/// let p = yuedu_core::search::passage(&a, "帮县 带村");
/// assert_eq!(p.text, "东西部协作，帮县带村。");
/// assert_eq!(p.marks, [(6, 10)]);
/// ```
pub fn passage(a: &Article, query: &str) -> Passage {
    let q: Vec<char> = query.chars().filter_map(normal).collect();
    let wanted = query_terms(query);
    if q.is_empty() {
        return Passage::default();
    }
    let texts: Vec<String> = std::iter::once(a.summary.clone().unwrap_or_default())
        .chain(a.body.iter().filter(|b| !matches!(b, Block::Image { .. })).map(Block::text))
        .collect();
    let mut best: Option<(usize, Passage)> = None;
    for text in &texts {
        let chars: Vec<char> = text.chars().collect();
        // Normalized characters and where each came from.
        let (norm, from): (Vec<char>, Vec<usize>) = chars.iter().enumerate().filter_map(|(i, &c)| normal(c).map(|n| (n, i))).unzip();
        let mut marks: Vec<(usize, usize)> = Vec::new();
        let mut whole = false;
        let mut k = 0;
        while k + q.len() <= norm.len() {
            if norm[k..k + q.len()] == q[..] {
                marks.push((from[k], from[k + q.len() - 1] + 1));
                whole = true;
                k += q.len();
            } else {
                k += 1;
            }
        }
        let mut found = 0;
        if !whole {
            let mut seen: Vec<&str> = Vec::new();
            let normalized: String = norm.iter().collect();
            each_term(&normalized, |t, at| {
                if let Some(w) = wanted.iter().find(|w| w.as_str() == t) {
                    let n = t.chars().count();
                    marks.push((from[at], from[at + n - 1] + 1));
                    if !seen.contains(&w.as_str()) {
                        seen.push(w);
                    }
                }
            });
            found = seen.len();
            marks.sort_unstable();
            let mut merged: Vec<(usize, usize)> = Vec::new();
            for m in marks {
                match merged.last_mut() {
                    Some(last) if m.0 <= last.1 => last.1 = last.1.max(m.1),
                    _ => merged.push(m),
                }
            }
            marks = merged;
        }
        if marks.is_empty() {
            continue;
        }
        let score = if whole { usize::MAX } else { found };
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, cut(&chars, &marks)));
        }
        if whole {
            break;
        }
    }
    best.map(|(_, p)| p).unwrap_or_default()
}

/// About [`PASSAGE_CHARS`] characters of `chars` from a little before the first mark, with
/// `…` where text was cut, and the marks that fall inside (moved to the new offsets).
fn cut(chars: &[char], marks: &[(usize, usize)]) -> Passage {
    let start = marks[0].0.saturating_sub(BEFORE);
    let end = (start + PASSAGE_CHARS).min(chars.len()).max(marks[0].1.min(chars.len()));
    let mut text = String::new();
    let shift = if start > 0 {
        text.push('…');
        1
    } else {
        0
    };
    text.extend(&chars[start..end]);
    if end < chars.len() {
        text.push('…');
    }
    let marks = marks.iter().filter(|m| m.0 >= start && m.1 <= end).map(|m| (m.0 - start + shift, m.1 - start + shift)).collect();
    Passage { text, marks }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shard_for(articles: &[Article]) -> (SearchManifest, SearchShard) {
        let mut by_term: std::collections::BTreeMap<String, Vec<(String, u8)>> = Default::default();
        for a in articles {
            for (t, w) in article_terms(a) {
                by_term.entry(t).or_default().push((a.id.clone(), w));
            }
        }
        let terms = by_term
            .into_iter()
            .map(|(term, mut docs)| {
                docs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                TermPostings { term, df: docs.len() as u64, docs }
            })
            .collect();
        (
            SearchManifest { format: SEARCH_FORMAT.into(), docs: articles.len() as u64, shards: 1 },
            SearchShard { format: SHARD_FORMAT.into(), terms },
        )
    }

    fn corpus() -> Vec<Article> {
        let mut a = crate::testing::article("a", 2, &["协同振兴"], "东西部协作让建始县的茶叶走出大山。");
        a.title = "区域协作“帮县带村”带出一片“新天地”".into();
        let mut b = crate::testing::article("b", 1, &["产业振兴"], "合作社的茶园今年丰收。");
        b.title = "Tea cooperative 茶叶合作社".into();
        b.summary = Some("石溪村茶叶合作社帮助村民增收".into());
        let c = crate::testing::article("c", 3, &["生态宜居"], "河道治理之后，村里的茶叶也卖得更好。茶叶！");
        vec![a, b, c]
    }

    fn ids(q: &str) -> Vec<String> {
        let c = corpus();
        let (m, s) = shard_for(&c);
        rank(q, m.docs, &[&s], 10).into_iter().map(|h| h.id).collect()
    }

    #[test]
    fn finds_title_tag_summary_and_body_text() {
        assert_eq!(ids("帮县带村"), ["a"]);
        assert_eq!(ids("新 天 地"), ["a"], "spaces and punctuation are ignored");
        assert_eq!(ids("TEA"), ["b"], "Latin letters in any case");
        assert_eq!(ids("增收"), ["b"], "summary");
        assert_eq!(ids("走出大山"), ["a"], "a phrase from the body");
        assert_eq!(ids("协同振兴"), ["a"], "a tag");
        assert!(ids("").is_empty() && ids("  ").is_empty() && ids("火星").is_empty());
    }

    #[test]
    fn a_title_match_outranks_a_mention_in_the_text() {
        // b has 茶叶 in its title; c says it twice in a short text; a once.
        assert_eq!(ids("茶叶"), ["b", "c", "a"]);
        assert_eq!(ids("振兴")[..], ["a", "b"][..], "both tags");
    }

    #[test]
    fn a_long_query_matches_by_most_of_its_pieces() {
        assert_eq!(ids("区域协作带出新天地"), ["a"]);
    }

    #[test]
    fn either_script_finds_the_other() {
        assert_eq!(query_terms("協同振興"), query_terms("协同振兴"), "a Traditional query is the Simplified one");
        assert_eq!(terms("數字鄉村"), terms("数字乡村"), "Traditional text is indexed as Simplified");
    }

    #[test]
    fn passages_mark_the_query_in_the_text() {
        let c = corpus();
        let p = passage(&c[0], "建始县的茶叶");
        assert_eq!(p.text, "东西部协作让建始县的茶叶走出大山。");
        assert_eq!(p.marks, [(6, 12)]);
        let p = passage(&c[2], "茶叶");
        assert_eq!(p.marks, [(10, 12), (18, 20)], "every occurrence");
        let p = passage(&c[1], "石溪 丰收");
        assert_eq!(p.text, "石溪村茶叶合作社帮助村民增收", "the block with most of the terms");
        assert_eq!(p.marks, [(0, 2)]);
        let long = crate::testing::article("l", 1, &[], &format!("{}关键词{}", "前".repeat(200), "后".repeat(200)));
        let p = passage(&long, "关键词");
        assert!(p.text.starts_with('…') && p.text.ends_with('…'));
        let (s, e) = p.marks[0];
        assert_eq!(p.text.chars().skip(s).take(e - s).collect::<String>(), "关键词");
        assert!(passage(&long, "火星").text.is_empty());
    }

    #[test]
    fn impacts_are_per_article_and_bounded() {
        let c = corpus();
        let t = article_terms(&c[2]);
        let chaye = t.iter().find(|(t, _)| t == "茶叶").unwrap().1;
        let other = t.iter().find(|(t, _)| t == "河道").unwrap().1;
        assert!(chaye > other && other >= 1);
        assert!(t.windows(2).all(|w| w[0].0 < w[1].0), "sorted, distinct");
    }

    #[test]
    fn the_ideographs_taken_first_are_letters() {
        assert!((char::MIN..=char::MAX).filter(|&c| crate::zh::is_han(c)).all(char::is_alphanumeric));
    }

    #[test]
    fn article_terms_equal_a_plain_count_of_every_term() {
        // Terms of up to 8 bytes are counted as numbers, longer ones as strings: both kinds,
        // in one sorted list, weighted as a plain count would weigh them.
        let mut a = crate::testing::article(
            "t",
            1,
            &["乡村振兴", "internationalization"],
            "茶叶 tea 2024 茶叶合作社 internationalization internationalisation ab abcdefgh abcdefghi 𠀾𠀾 一",
        );
        a.summary = Some("茶叶增收 Tea".into());
        let mut counts: std::collections::BTreeMap<String, u32> = Default::default();
        let mut len = 0u32;
        let mut add = |text: &str, times: u32| {
            for t in terms(text) {
                len += 1;
                *counts.entry(t).or_default() += times;
            }
        };
        add(&a.title, TITLE_BOOST);
        for tag in &a.tags {
            add(tag, TITLE_BOOST);
        }
        add(a.summary.as_deref().unwrap_or_default(), 1);
        for b in &a.body {
            add(&b.text(), 1);
        }
        let norm = K1 * (1.0 - B + B * f64::from(len) / AVGDL);
        let want: Vec<(String, u8)> = counts
            .into_iter()
            .map(|(t, tf)| {
                let tf = f64::from(tf);
                (t, (tf * (K1 + 1.0) / (tf + norm) / (K1 + 1.0) * 255.0).round().clamp(1.0, 255.0) as u8)
            })
            .collect();
        let got = article_terms(&a);
        assert!(got.iter().any(|(t, _)| t == "internationalization") && got.iter().any(|(t, _)| t == "abcdefgh"));
        assert_eq!(got, want);
    }

    #[test]
    fn manifests_and_shards_round_trip_and_are_checked() {
        let (m, s) = shard_for(&corpus());
        assert_eq!(SearchManifest::from_json(serde_json::to_string(&m).unwrap().as_bytes()).unwrap(), m);
        assert_eq!(SearchShard::from_json(serde_json::to_string(&s).unwrap().as_bytes()).unwrap(), s);
        assert!(SearchManifest::from_json(br#"{"format":"yuedu-search/2","docs":3,"shards":3}"#).is_err());
        assert!(SearchManifest::from_json(br#"{"entries":[]}"#).is_err(), "the first format is refused");
        assert!(SearchShard::from_json(br#"{"format":"yuedu-search-shard/1","terms":[{"term":"x","df":1,"docs":[["a",256]]}]}"#).is_err());
    }
}
