//! Related articles: candidates found at index time, ranked in the reader's browser.
//!
//! Like Hugo's related content, an article is related to another through shared *terms* —
//! its tags and its keywords — each weighted. Unlike Hugo, weights are not fixed per index:
//! a term's weight is its inverse document frequency, so a rare tag counts a lot and a tag on
//! nearly every article counts nearly nothing (terms on more than half the corpus are dropped,
//! Hugo's "cardinality threshold" without a hand-tuned number). Keywords are CJK character
//! bigrams chosen per article by TF-IDF, so Chinese text needs no word segmenter. Closeness in
//! time adds a small decaying bonus, and every result carries the reason it was chosen.
//!
//! Cost: `yuedu index` uses an inverted index, so finding an article's candidates touches only
//! the postings of its own terms; it writes the best [`CANDIDATES`] per article into
//! `data/related/<id>.json` (a few KB). The browser ranks those with [`rank`] — work that grows
//! with the candidates, not with the corpus.

use std::cell::RefCell;
use std::cmp::Reverse;

use rustc_hash::FxHashMap as HashMap;

use serde::{Deserialize, Serialize};

use crate::error::DecodeError;
use crate::time::Timestamp;
use crate::{Article, Block};

/// Candidates kept per article at index time.
pub const CANDIDATES: usize = 30;
/// Postings read per term at index time: the ones nearest in time to the article. This bounds
/// indexing work per article whatever the corpus size (a tag on 40% of 100,000 articles is
/// not walked in full).
pub const NEAREST_PER_TERM: usize = 300;
/// Keywords kept per article.
pub const KEYWORDS: usize = 12;
/// Related articles shown by default.
pub const SHOWN: usize = 5;

/// Weights of the score's parts.
const TAG_WEIGHT: f64 = 1.0;
const KEYWORD_WEIGHT: f64 = 0.35;
const TIME_WEIGHT: f64 = 0.3;
/// Days after which the time bonus has halved.
const TIME_HALF_LIFE_DAYS: f64 = 180.0;
/// [`TAG_WEIGHT`] and [`KEYWORD_WEIGHT`] in thousandths, for the index's exact integer scores.
const TAG_MILLI: u64 = 1000;
const KEYWORD_MILLI: u64 = 350;
/// Below this score a candidate is not related enough to show.
const THRESHOLD: f64 = 0.5;

/// The `format` of a related file.
pub const RELATED_FORMAT: &str = "yuedu-related/2";

/// `data/related/<id>.json`, format [`RELATED_FORMAT`]: an article's weighted terms and its
/// candidates. (`yuedu-related/1` had no `format` and gave each candidate's tags and shared
/// keywords by name; the app refuses it as any file it cannot read.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelatedFile {
    pub format: String,
    pub id: String,
    pub published: String,
    /// The article's tags with their weights (IDF, in thousandths: integers keep float parsing
    /// out of the wasm).
    pub tags: Vec<(String, u32)>,
    /// The article's keywords with their weights (IDF, in thousandths).
    pub keywords: Vec<(String, u32)>,
    pub candidates: Vec<Candidate>,
}

/// A candidate related article, with what is needed to rank and show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub id: String,
    pub title: String,
    pub published: String,
    /// The terms it shares with the article, strictly increasing: `k` is the file's `tags[k]`
    /// below `tags.len()`, else its `keywords[k - tags.len()]` (names are written once per file,
    /// not once per candidate: a third of the bytes).
    pub shared: Vec<u16>,
}

/// A ranked related article and why it was chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub id: String,
    pub title: String,
    pub published: String,
    pub score: f64,
    /// Shared tags, most weighty first.
    pub shared_tags: Vec<String>,
    /// Shared keywords, most weighty first.
    pub shared_keywords: Vec<String>,
}

impl Related {
    /// Why this article is shown: `同标签：协同振兴` or `相关词：帮扶、建始`.
    pub fn reason(&self) -> String {
        if !self.shared_tags.is_empty() {
            format!("同标签：{}", self.shared_tags.join("、"))
        } else {
            format!("相关词：{}", self.shared_keywords.iter().take(3).cloned().collect::<Vec<_>>().join("、"))
        }
    }
}

impl RelatedFile {
    /// Decodes from untrusted JSON.
    pub fn from_json(bytes: &[u8]) -> Result<RelatedFile, DecodeError> {
        let file: RelatedFile = crate::json::from_slice(bytes)?;
        if file.format != RELATED_FORMAT {
            return Err(DecodeError::invalid("format", format!("is `{}`, expected `{RELATED_FORMAT}`", file.format)));
        }
        for c in &file.candidates {
            let increasing = c.shared.windows(2).all(|w| w[0] < w[1]);
            if !increasing || c.shared.last().is_some_and(|&k| file.term(k).is_none()) {
                let terms = file.tags.len() + file.keywords.len();
                return Err(DecodeError::invalid("shared", format!("must be increasing term numbers below {terms}")));
            }
        }
        Ok(file)
    }

    /// The name and weight (IDF) of shared term `k` ([`Candidate::shared`]), and whether it
    /// is a tag.
    fn term(&self, k: u16) -> Option<(bool, &str, f64)> {
        let k = usize::from(k);
        let (is_tag, (name, w)) = match k.checked_sub(self.tags.len()) {
            None => (true, self.tags.get(k)?),
            Some(k) => (false, self.keywords.get(k)?),
        };
        Some((is_tag, name.as_str(), f64::from(*w) / 1000.0))
    }
}

fn days(published: &str) -> Option<f64> {
    Timestamp::parse_rfc3339(published).ok().map(|t| t.unix_seconds as f64 / 86_400.0)
}

/// Ranks the candidates of `file`: the top `max`, best first, never the article itself, ties
/// broken by newer first and then by id, so the order is deterministic.
///
/// ```
/// use yuedu_core::related::{rank, Candidate, RelatedFile, RELATED_FORMAT};
/// let c = |id: &str, shared: &[u16]| Candidate {
///     id: id.into(), title: id.into(), published: "2024-01-01T00:00:00Z".into(), shared: shared.to_vec(),
/// };
/// let file = RelatedFile {
///     format: RELATED_FORMAT.into(), id: "a".into(), published: "2024-01-01T00:00:00Z".into(),
///     tags: vec![("rare".into(), 3000), ("common".into(), 100)], keywords: vec![],
///     candidates: vec![c("x", &[1]), c("y", &[0]), c("a", &[0])],
/// };
/// let ids: Vec<String> = rank(&file, 5).into_iter().map(|r| r.id).collect();
/// assert_eq!(ids, ["y"]); // the common tag alone is below the threshold; "a" is the article
/// ```
pub fn rank(file: &RelatedFile, max: usize) -> Vec<Related> {
    // Terms and candidates are a few dozen: linear lookups beat hashing here, and keep the
    // wasm free of a hasher (and of std's sorts: every order below has a total key, see
    // `crate::sort`).
    let own_day = days(&file.published);
    let mut seen: Vec<&str> = Vec::with_capacity(file.candidates.len());
    let mut out: Vec<Related> = file
        .candidates
        .iter()
        .filter(|c| {
            let fresh = c.id != file.id && !seen.contains(&c.id.as_str());
            seen.push(&c.id);
            fresh
        })
        .filter_map(|c| {
            let (mut shared_tags, mut shared_kw) = (Vec::<(&str, f64)>::new(), Vec::<(&str, f64)>::new());
            for (is_tag, name, w) in c.shared.iter().filter_map(|&k| file.term(k)) {
                if is_tag { &mut shared_tags } else { &mut shared_kw }.push((name, w));
            }
            let by_weight = |a: &(&str, f64), b: &(&str, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(b.0));
            crate::sort::sort_by(&mut shared_tags, by_weight);
            crate::sort::sort_by(&mut shared_kw, by_weight);
            let terms =
                TAG_WEIGHT * shared_tags.iter().map(|t| t.1).sum::<f64>() + KEYWORD_WEIGHT * shared_kw.iter().map(|k| k.1).sum::<f64>();
            let time = match (own_day, days(&c.published)) {
                // Rational decay, halving at the half-life (no libm `pow` in the wasm).
                (Some(a), Some(b)) => TIME_WEIGHT / (1.0 + (a - b).abs() / TIME_HALF_LIFE_DAYS),
                _ => 0.0,
            };
            // Time only breaks near-ties: it never makes an unrelated article related.
            (terms >= THRESHOLD).then(|| Related {
                id: c.id.clone(),
                title: c.title.clone(),
                published: c.published.clone(),
                score: terms + time,
                shared_tags: shared_tags.into_iter().map(|t| t.0.to_owned()).collect(),
                shared_keywords: shared_kw.into_iter().map(|k| k.0.to_owned()).collect(),
            })
        })
        .collect();
    // Ids are unique here, so this order is total and the unstable sort deterministic.
    crate::sort::sort_by(&mut out, |a, b| {
        b.score.total_cmp(&a.score).then_with(|| b.published.cmp(&a.published)).then_with(|| a.id.cmp(&b.id))
    });
    out.truncate(max);
    out
}

/// Characters that make a bigram a poor keyword: particles, pronouns, common verbs.
fn is_stop(c: char) -> bool {
    matches!(
        c,
        '的' | '了'
            | '和'
            | '是'
            | '在'
            | '与'
            | '及'
            | '等'
            | '为'
            | '对'
            | '将'
            | '把'
            | '从'
            | '由'
            | '以'
            | '这'
            | '那'
            | '其'
            | '也'
            | '都'
            | '有'
            | '中'
            | '上'
            | '下'
            | '个'
            | '年'
            | '月'
            | '日'
            | '我'
            | '你'
            | '他'
            | '们'
            | '就'
            | '而'
            | '并'
            | '或'
            | '于'
            | '被'
            | '让'
            | '向'
            | '到'
            | '说'
            | '要'
            | '会'
            | '能'
            | '可'
            | '之'
            | '一'
            | '二'
            | '三'
            | '多'
            | '来'
    )
}

/// The keywords of an article: its [`KEYWORDS`] most frequent CJK character bigrams (title
/// counted three times, stop characters left out), ties by the bigram, so the choice depends on
/// the article alone. (Choosing by TF-IDF would make every article's keywords depend on the
/// whole corpus, and one new article could change the related files of all the others; the
/// corpus still decides how much a keyword *weighs*, see [`weight`].)
///
/// ```
/// let mut a = yuedu_core::synthetic::synthetic_article(0);
/// a.title = "茶叶合作社".into();
/// let k = yuedu_core::related::keywords(&a);
/// assert!(k.len() <= yuedu_core::related::KEYWORDS && k.contains(&"茶叶".to_string()));
/// ```
#[inline]
pub fn keywords(a: &Article) -> Vec<String> {
    let mut counts: HashMap<[char; 2], u32> = HashMap::default();
    let mut add = |text: &str, times: u32| {
        let mut prev: Option<char> = None;
        for c in text.chars() {
            if let Some(p) = prev {
                if crate::zh::is_han(p) && crate::zh::is_han(c) && !is_stop(p) && !is_stop(c) {
                    *counts.entry([p, c]).or_insert(0) += times;
                }
            }
            prev = Some(c);
        }
    };
    add(&a.title, 3);
    for b in &a.body {
        match b {
            Block::Image { .. } => {}
            Block::Paragraph { text } | Block::Heading { text } => add(text, 1),
            _ => add(&b.text(), 1),
        }
    }
    let mut scored: Vec<([char; 2], u32)> = counts.into_iter().collect();
    scored.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.into_iter().take(KEYWORDS).map(|(k, _)| k.iter().collect()).collect()
}

/// `⌊2·log2 x⌋` for `x ≥ 1`, exactly (integer arithmetic): the half-octave a count falls in.
fn half_octave(x: usize) -> i64 {
    let sq = (x.max(1) as u128) * (x.max(1) as u128);
    127 - i64::from(sq.leading_zeros())
}

/// The weight of a term carried by `df` of `n` articles: its inverse document frequency
/// `ln(n / df)`, with both counts rounded down to a half-octave (a power of √2). Rounding keeps
/// the weights stable: one more article changes a weight only when a count crosses a power of
/// √2, so an incremental index rewrites the related files of the articles with that term only
/// then, not on every run. A term on more than about half the corpus weighs nothing, as before.
///
/// ```
/// use yuedu_core::related::weight;
/// assert_eq!(weight(1, 1), 0.0);
/// assert!(weight(1, 1000) > weight(100, 1000));
/// assert_eq!(weight(600, 1000), 0.0); // on more than half the corpus
/// assert_eq!(weight(100, 1000), weight(101, 1001)); // small changes leave it alone
/// ```
pub fn weight(df: usize, n: usize) -> f64 {
    let steps = (half_octave(n) - half_octave(df)).max(0);
    // A term on more than half the corpus (same or next half-octave) relates nothing.
    if steps <= 1 {
        return 0.0;
    }
    steps as f64 * std::f64::consts::LN_2 / 2.0
}

/// What related ranking needs of one article, borrowed from wherever the index keeps it.
#[derive(Debug, Clone)]
pub struct RelDoc<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub published: &'a str,
    pub tags: Vec<&'a str>,
    pub keywords: Vec<&'a str>,
}

impl<'a> RelDoc<'a> {
    /// What ranking needs of article `a` whose related keywords are `keywords`.
    pub fn of(a: &'a Article, keywords: &'a [String]) -> RelDoc<'a> {
        RelDoc {
            id: &a.id,
            title: &a.title,
            published: &a.published,
            tags: a.tags.iter().map(String::as_str).collect(),
            keywords: keywords.iter().map(String::as_str).collect(),
        }
    }
}

/// Day number of an RFC 3339 time (0 when it cannot be read; the decoder has validated it).
pub fn day_of(published: &str) -> i64 {
    days(published).map_or(0, |d| d.floor() as i64)
}

/// An index over a corpus that finds each article's candidates. Terms are interned as
/// numbers and each article's terms kept sorted, so scoring thousands of candidates per
/// article is a merge of two short sorted lists, without allocation.
pub struct RelatedIndex<'a> {
    docs: Vec<RelDoc<'a>>,
    /// Term names (tags, then keywords, each by first appearance) and whether each is a tag.
    names: Vec<&'a str>,
    is_tag: Vec<bool>,
    /// Articles carrying each term, and its weight ([`weight`]).
    df: Vec<u32>,
    weights: Vec<f64>,
    /// Per article: its terms, sorted by number (CSR: `terms[term_at[i]..term_at[i + 1]]`).
    term_at: Vec<usize>,
    terms: Vec<u32>,
    /// A partial index only: per article, every held term, also those it is only counted for
    /// (CSR like `terms`); a whole index's `terms` are all of them.
    held_at: Vec<usize>,
    held: Vec<u32>,
    /// Days since the epoch of each article's publication.
    days: Vec<i64>,
    /// Term → articles carrying it, in time order (CSR).
    post_at: Vec<usize>,
    postings: Vec<u32>,
    lookup: HashMap<(bool, &'a str), u32>,
    /// Per term: its carriers before the given ones, counted but not given ([`Held`]).
    older: Vec<u32>,
    nearest: usize,
    /// Each article's place in the order newest first (`published` text), then by id.
    order: Vec<u32>,
    /// Position given to [`RelatedIndex::new`] → internal number.
    int: Vec<u32>,
}

impl<'a> RelatedIndex<'a> {
    /// Builds the postings for `docs` (any order; article `i` is `docs[i]`).
    // #[inline]: the index is built by the CLI, which compiles it at opt-level 3 this way (the
    // core crate itself is built for size, for the wasm).
    #[inline]
    pub fn new(docs: Vec<RelDoc<'a>>) -> RelatedIndex<'a> {
        let n = docs.len();
        Self::build(docs, n, None)
    }

    /// An index over some terms only, for work on a few articles of a large corpus (of
    /// `corpus_len` articles). `held` says which terms are indexed and how ([`Held`]); `docs`
    /// must hold every article of the corpus carrying a held term on or after the term's
    /// `from_day`, with all its terms. Then [`RelatedIndex::df`] is exact for held terms, and
    /// [`RelatedIndex::file`] gives the whole corpus's file for an article whose terms are
    /// all held when [`RelatedIndex::covers`] it.
    #[inline] // see `new`
    pub fn partial(docs: Vec<RelDoc<'a>>, corpus_len: usize, held: HeldBy) -> RelatedIndex<'a> {
        Self::build(docs, corpus_len, Some(held))
    }

    #[inline] // see `new`
    fn build(docs: Vec<RelDoc<'a>>, corpus_len: usize, held: Option<HeldBy>) -> RelatedIndex<'a> {
        let n = docs.len();
        // Internally the articles are numbered in time order, so the postings near a day are
        // neighbours in memory too (the candidate scores are a scatter over them).
        let days_given: Vec<i64> = docs.iter().map(|d| day_of(d.published)).collect();
        let mut ext: Vec<u32> = (0..n as u32).collect();
        ext.sort_unstable_by_key(|&i| (days_given[i as usize], i));
        let mut int = vec![0u32; n];
        for (k, &e) in ext.iter().enumerate() {
            int[e as usize] = k as u32;
        }
        let mut slots: Vec<Option<RelDoc<'a>>> = docs.into_iter().map(Some).collect();
        let docs: Vec<RelDoc<'a>> = ext.iter().filter_map(|&e| slots[e as usize].take()).collect();
        let days: Vec<i64> = ext.iter().map(|&e| days_given[e as usize]).collect();
        let mut lookup: HashMap<(bool, &'a str), u32> = HashMap::default();
        let mut names: Vec<&'a str> = Vec::new();
        let mut is_tag: Vec<bool> = Vec::new();
        let mut df: Vec<u32> = Vec::new();
        let (mut from_day, mut older): (Vec<i64>, Vec<u32>) = (Vec::new(), Vec::new());
        let mut term_at = Vec::with_capacity(n + 1);
        let mut terms: Vec<u32> = Vec::with_capacity(n * 14);
        let (mut held_at, mut held_terms) = (Vec::new(), Vec::new());
        term_at.push(0);
        if held.is_some() {
            held_at.push(0);
        }
        for (d, &day) in docs.iter().zip(&days) {
            let start = terms.len();
            let held_start = held_terms.len();
            let own = d.tags.iter().map(|t| (true, *t)).chain(d.keywords.iter().map(|k| (false, *k)));
            for key in own {
                let t = match lookup.get(&key) {
                    Some(&t) => t,
                    None => {
                        let Some(h) = held.map_or(Some(Held::ALL), |held| held(key.0, key.1)) else { continue };
                        names.push(key.1);
                        is_tag.push(key.0);
                        df.push(0);
                        from_day.push(h.from_day);
                        older.push(h.older as u32);
                        lookup.insert(key, (names.len() - 1) as u32);
                        (names.len() - 1) as u32
                    }
                };
                if day >= from_day[t as usize] {
                    terms.push(t);
                }
                if held.is_some() {
                    held_terms.push(t);
                }
            }
            sort_dedup_from(&mut terms, start);
            if held.is_some() {
                sort_dedup_from(&mut held_terms, held_start);
                held_at.push(held_terms.len());
            }
            for &t in &terms[start..] {
                df[t as usize] += 1;
            }
            term_at.push(terms.len());
        }
        // Postings by counting sort: offsets from the counts, then fill in time order.
        let mut post_at = vec![0usize; names.len() + 1];
        for (t, &d) in df.iter().enumerate() {
            post_at[t + 1] = post_at[t] + d as usize;
        }
        for (d, &o) in df.iter_mut().zip(&older) {
            *d += o;
        }
        let weights: Vec<f64> = df.iter().map(|&d| weight(d as usize, corpus_len)).collect();
        let mut fill = post_at.clone();
        let mut postings = vec![0u32; post_at[names.len()]];
        for i in 0..n as u32 {
            for &t in &terms[term_at[i as usize]..term_at[i as usize + 1]] {
                postings[fill[t as usize]] = i;
                fill[t as usize] += 1;
            }
        }
        // Sorted on the first 32 bytes of the text as two numbers (a whole RFC 3339 time),
        // then the text and the id: string comparisons were most of building at a million.
        let prefix = |s: &str| {
            let mut k = [0u8; 32];
            let n = s.len().min(32);
            k[..n].copy_from_slice(&s.as_bytes()[..n]);
            let (hi, lo) = k.split_at(16);
            (u128::from_be_bytes(hi.try_into().unwrap_or_default()), u128::from_be_bytes(lo.try_into().unwrap_or_default()))
        };
        let mut by_time: Vec<((u128, u128), u32)> = docs.iter().enumerate().map(|(i, d)| (prefix(d.published), i as u32)).collect();
        by_time.sort_unstable_by(|(ka, a), (kb, b)| {
            let (a, b) = (&docs[*a as usize], &docs[*b as usize]);
            kb.cmp(ka).then_with(|| b.published.cmp(a.published)).then_with(|| a.id.cmp(b.id))
        });
        let mut order = vec![0u32; n];
        for (rank, &(_, i)) in by_time.iter().enumerate() {
            order[i as usize] = rank as u32;
        }
        RelatedIndex {
            docs,
            names,
            is_tag,
            df,
            weights,
            term_at,
            terms,
            held_at,
            held: held_terms,
            days,
            post_at,
            postings,
            lookup,
            older,
            nearest: NEAREST_PER_TERM,
            order,
            int,
        }
    }

    /// Reads `nearest` postings per term instead of [`NEAREST_PER_TERM`] (tests use few).
    pub fn with_nearest(mut self, nearest: usize) -> Self {
        self.nearest = nearest.max(1);
        self
    }

    /// Postings read per term.
    pub fn nearest(&self) -> usize {
        self.nearest
    }

    /// How many articles.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether there is no article.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The term number of a tag (`is_tag`) or keyword, if any article carries it.
    pub fn term(&self, is_tag: bool, name: &str) -> Option<u32> {
        self.lookup.get(&(is_tag, name)).copied()
    }

    /// Articles carrying `term`, in time order (internal numbers).
    fn posting(&self, term: u32) -> &[u32] {
        &self.postings[self.post_at[term as usize]..self.post_at[term as usize + 1]]
    }

    /// Articles carrying `term`, and its weight.
    pub fn df(&self, term: u32) -> (usize, f64) {
        (self.df[term as usize] as usize, self.weights[term as usize])
    }

    /// The terms of internal article `i`, sorted by number.
    fn terms_of(&self, i: usize) -> &[u32] {
        &self.terms[self.term_at[i]..self.term_at[i + 1]]
    }

    /// Every held term of internal article `i`, sorted by number (for a whole index, its terms).
    fn held_terms_of(&self, i: usize) -> &[u32] {
        if self.held_at.is_empty() {
            self.terms_of(i)
        } else {
            &self.held[self.held_at[i]..self.held_at[i + 1]]
        }
    }

    /// The range of a time-ordered posting list read for an article of day `day`: the
    /// [`NEAREST_PER_TERM`] entries nearest in time. `day_at(k)` is the day of entry `k`.
    #[inline] // see `new`
    pub fn window(len: usize, day: i64, nearest: usize, day_at: impl Fn(usize) -> i64) -> std::ops::Range<usize> {
        // partition_point over 0..len by day_at(k) < day
        let (mut lo, mut hi) = (0, len);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if day_at(mid) < day {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let half = nearest / 2;
        let start = lo.saturating_sub(half).min(len.saturating_sub(nearest));
        start..(start + nearest).min(len)
    }

    /// The range of `term`'s whole posting list (the `older` entries first) read for internal
    /// article `i` ([`RelatedIndex::window`]), and how many entries are older.
    fn window_of(&self, term: u32, i: usize) -> (usize, std::ops::Range<usize>) {
        let list = self.posting(term);
        let off = self.older[term as usize] as usize;
        let day_at = |k: usize| if k < off { i64::MIN } else { self.days[list[k - off] as usize] };
        (off, Self::window(off + list.len(), self.days[i], self.nearest, day_at))
    }

    /// Whether the file of article `i` reads only postings that are given (always, unless
    /// the index is [`RelatedIndex::partial`]).
    pub fn covers(&self, i: usize) -> bool {
        let i = self.int[i] as usize;
        self.terms_of(i).iter().filter(|&&t| self.weights[t as usize] > 0.0).all(|&t| {
            let (off, w) = self.window_of(t, i);
            w.start >= off
        })
    }

    /// The related file of article `i`: its weighted terms and its best [`CANDIDATES`]. A
    /// candidate's score here is the weight of the terms through whose nearest postings it
    /// was found (the browser then ranks the candidates by every term they share): one pass
    /// over the postings read, whatever the corpus size.
    #[inline] // see `new`
    pub fn file(&self, i: usize) -> RelatedFile {
        let i = self.int[i] as usize;
        let a = &self.docs[i];
        let own = self.terms_of(i);
        // Integer scores (weights in thousandths, as the file gives them): the sum is exact in
        // any order, so the ranking cannot depend on how terms happen to be numbered.
        // Ties: newer first (by the `published` text), then the id — precomputed as one number,
        // carried with the score so that ranking compares plain numbers.
        let mut scored: Vec<(Reverse<u64>, u32, u32)> = SCRATCH.with_borrow_mut(|score| {
            if score.len() < self.docs.len() {
                score.resize(self.docs.len(), 0);
            }
            let mut touched: Vec<u32> = Vec::new();
            for &term in own.iter().filter(|&&t| self.weights[t as usize] > 0.0) {
                let t = term as usize;
                let w = u64::from(milli(self.weights[t])) * if self.is_tag[t] { TAG_MILLI } else { KEYWORD_MILLI };
                let (off, read) = self.window_of(term, i);
                for &j in &self.posting(term)[read.start.max(off) - off..read.end.max(off) - off] {
                    if j as usize == i {
                        continue;
                    }
                    if score[j as usize] == 0 {
                        touched.push(j);
                    }
                    score[j as usize] += w;
                }
            }
            let out = touched.iter().map(|&j| (Reverse(score[j as usize]), self.order[j as usize], j)).collect();
            for &j in &touched {
                score[j as usize] = 0;
            }
            out
        });
        if scored.len() > CANDIDATES {
            scored.select_nth_unstable(CANDIDATES - 1);
            scored.truncate(CANDIDATES);
        }
        scored.sort_unstable();
        let active = |t: &u32| self.weights[*t as usize] > 0.0;
        // Each name once (an article may repeat a tag; a candidate shares it once).
        let weighted = |names: &[&'a str], is_tag: bool| -> Vec<(&'a str, u32, u32)> {
            let mut out: Vec<(&'a str, u32, u32)> = Vec::with_capacity(names.len());
            for &name in names {
                let Some(t) = self.term(is_tag, name) else { continue };
                if active(&t) && !out.iter().any(|&(_, _, u)| u == t) {
                    out.push((name, milli(self.weights[t as usize]), t));
                }
            }
            out
        };
        let (tags, keywords) = (weighted(&a.tags, true), weighted(&a.keywords, false));
        // A candidate's shared terms, in the file's order (tags, then keywords).
        let shared = |j: usize| -> Vec<u16> {
            let has = self.held_terms_of(j);
            let at = tags.iter().chain(&keywords).enumerate().filter(|(_, &(_, _, t))| has.binary_search(&t).is_ok());
            at.map_while(|(k, _)| u16::try_from(k).ok()).collect()
        };
        let candidates = scored
            .into_iter()
            .map(|(_, _, j)| {
                let c = &self.docs[j as usize];
                let shared = shared(j as usize);
                Candidate { id: c.id.to_owned(), title: c.title.to_owned(), published: c.published.to_owned(), shared }
            })
            .collect();
        let owned = |terms: Vec<(&str, u32, u32)>| terms.into_iter().map(|(name, w, _)| (name.to_owned(), w)).collect();
        RelatedFile {
            format: RELATED_FORMAT.to_owned(),
            id: a.id.to_owned(),
            published: a.published.to_owned(),
            tags: owned(tags),
            keywords: owned(keywords),
            candidates,
        }
    }

    /// The name of term `t`.
    pub fn name(&self, t: u32) -> &str {
        self.names[t as usize]
    }
}

/// Sorts `v[start..]` and drops its repeats.
#[inline] // see `RelatedIndex::new`
fn sort_dedup_from(v: &mut Vec<u32>, start: usize) {
    let mine = &mut v[start..];
    mine.sort_unstable();
    let mut len = 0;
    for k in 0..mine.len() {
        if k == 0 || mine[k] != mine[k - 1] {
            mine[len] = mine[k];
            len += 1;
        }
    }
    v.truncate(start + len);
}

/// How a [`RelatedIndex::partial`] holds a term: its carriers published on `from_day` or
/// later are given; the `older` ones, all published before, are only counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Held {
    pub from_day: i64,
    pub older: usize,
}

/// How a partial index holds each term (`is_tag`, name): `None` for a term it leaves out.
pub type HeldBy<'h> = &'h dyn Fn(bool, &str) -> Option<Held>;

impl Held {
    /// Every carrier given.
    pub const ALL: Held = Held { from_day: i64::MIN, older: 0 };
}

thread_local! {
    /// Per thread: a score per article, zero between calls of [`RelatedIndex::file`].
    static SCRATCH: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

fn milli(x: f64) -> u32 {
    (x * 1000.0).round().max(0.0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::article;

    fn docs<'a>(c: &'a [Article], kw: &'a [Vec<String>]) -> Vec<RelDoc<'a>> {
        c.iter().zip(kw).map(|(a, k)| RelDoc::of(a, k)).collect()
    }

    fn corpus() -> Vec<Article> {
        vec![
            article("a", 10, &["协同振兴", "乡村"], "东西部协作帮扶建始县茶叶产业。"),
            article("b", 11, &["协同振兴", "乡村"], "东西部协作帮扶另一个县。"),
            article("c", 12, &["乡村"], "茶叶产业带动增收，建始县茶叶远销。"),
            article("d", 1, &["协同振兴", "乡村"], "协作会议召开。"),
            article("e", 20, &["乡村"], "天气晴朗。"),
            article("f", 21, &["乡村"], "天气多云。"),
        ]
    }

    #[test]
    fn a_repeated_tag_is_written_and_counted_once() {
        let mut c = corpus();
        let kw: Vec<_> = c.iter().map(keywords).collect();
        let once = rank(&RelatedIndex::new(docs(&c, &kw)).file(0), 5);
        c[0].tags.push("协同振兴".into());
        let file = RelatedIndex::new(docs(&c, &kw)).file(0);
        assert_eq!(file.tags.iter().filter(|(t, _)| t == "协同振兴").count(), 1, "{:?}", file.tags);
        assert_eq!(rank(&file, 5), once);
    }

    #[test]
    fn never_the_article_itself_and_rare_terms_win() {
        let c = corpus();
        let kw: Vec<_> = c.iter().map(keywords).collect();
        let idx = RelatedIndex::new(docs(&c, &kw));
        let file = idx.file(0);
        assert!(file.candidates.iter().all(|x| x.id != "a"));
        let ranked = rank(&file, 5);
        assert!(!ranked.is_empty());
        assert!(ranked.iter().all(|r| r.id != "a"));
        // 乡村 is on every article: it weighs nothing and alone relates nothing (e, f).
        assert!(ranked.iter().all(|r| r.id != "e" && r.id != "f"), "{ranked:?}");
        // b shares the rare tag, c the text's topic (建始, 茶叶): both rank, with their reasons.
        let b = ranked.iter().find(|r| r.id == "b").expect("b shares the rare tag");
        assert!(b.reason().starts_with("同标签：协同振兴"), "{b:?}");
        let c = ranked.iter().find(|r| r.id == "c").expect("c shares the keywords");
        assert!(c.shared_keywords.iter().any(|k| k == "建始"), "{c:?}");
        assert!(ranked.iter().position(|r| r.id == "d") > ranked.iter().position(|r| r.id == "b"), "d shares less, and is older");
    }

    #[test]
    fn keywords_relate_articles_without_shared_tags() {
        let c = corpus();
        let kw: Vec<_> = c.iter().map(keywords).collect();
        let ranked = rank(&RelatedIndex::new(docs(&c, &kw)).file(2), 5);
        let a = ranked.iter().find(|r| r.id == "a").expect("茶叶/建始 relate c to a");
        assert!(a.shared_keywords.iter().any(|k| k == "茶叶"), "{a:?}");
    }

    #[test]
    fn equal_scores_list_the_newer_candidate_first_then_by_id() {
        // Three candidates with the same terms as "x": equal scores, so the order is the
        // publication time's text, newest first (the texts differ only after 32 bytes), then
        // the id.
        let doc = |id: &'static str, published: &'static str| RelDoc { id, title: id, published, tags: vec!["茶"], keywords: vec![] };
        let docs = vec![
            doc("x", "2026-11-30T08:00:00.0000000000000+08:00"),
            doc("old", "2026-11-30T08:00:00.0000000000001+08:00"),
            doc("new", "2026-11-30T08:00:00.0000000000009+08:00"),
            doc("b-same", "2026-11-30T08:00:00.0000000000001+08:00"),
            doc("other", "2020-01-01T00:00:00+08:00"),
        ];
        // Twenty articles without the tag make it rare enough to weigh something.
        let mut all = docs;
        all.extend((0..20).map(|_| RelDoc {
            id: "zz",
            title: "zz",
            published: "2021-01-01T00:00:00+08:00",
            tags: vec!["别的"],
            keywords: vec![],
        }));
        let file = RelatedIndex::new(all).file(0);
        let ids: Vec<&str> = file.candidates.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["new", "b-same", "old", "other"]);
    }

    #[test]
    fn a_partial_index_gives_the_whole_corpus_s_file_for_the_articles_it_covers() {
        let mut c = corpus();
        c.push(article("g", 5, &["城市"], "地铁开通，城市交通更方便。"));
        c.push(article("h", 6, &["城市"], "公交开通。"));
        c.push(article("i", 13, &["乡村", "城市"], "茶叶地铁。"));
        for (a, title) in c.iter_mut().zip("甲乙丙丁戊己庚辛壬".chars()) {
            a.title = title.into(); // no keyword shared by every title
        }
        let kw: Vec<_> = c.iter().map(keywords).collect();
        let terms: Vec<Vec<(bool, &str)>> = (0..c.len())
            .map(|j| c[j].tags.iter().map(|t| (true, t.as_str())).chain(kw[j].iter().map(|k| (false, k.as_str()))).collect())
            .collect();
        let days: Vec<i64> = c.iter().map(|a| day_of(&a.published)).collect();
        let day = |j: usize| days[j];
        let nearest = 2;
        let whole = RelatedIndex::new(docs(&c, &kw)).with_nearest(nearest);
        let (mut covered, mut cut, mut subsets) = (0, 0, 0);
        for i in 0..c.len() {
            // The terms of article i, held from day `from` (which i is not older than): the
            // carriers of day `from` or later given, the others counted.
            for from in (days.iter().min().unwrap() - 1..=day(i)).rev() {
                let own = &terms[i];
                let held = |is_tag: bool, name: &str| {
                    own.contains(&(is_tag, name)).then(|| Held {
                        from_day: from,
                        older: (0..c.len()).filter(|&j| day(j) < from && terms[j].contains(&(is_tag, name))).count(),
                    })
                };
                let given: Vec<usize> = (0..c.len()).filter(|&j| day(j) >= from && terms[j].iter().any(|t| own.contains(t))).collect();
                subsets += usize::from(given.len() < c.len());
                let sub: Vec<RelDoc> = given.iter().map(|&j| RelDoc::of(&c[j], &kw[j])).collect();
                let partial = RelatedIndex::partial(sub, c.len(), &held).with_nearest(nearest);
                let at = given.iter().position(|&j| j == i).unwrap();
                for t in own {
                    let df = |x: &RelatedIndex| x.term(t.0, t.1).map(|t| x.df(t));
                    assert_eq!(df(&partial), df(&whole), "{t:?}");
                }
                if partial.covers(at) {
                    assert_eq!(partial.file(at), whole.file(i), "article {} from day {from}", c[i].id);
                    covered += 1;
                    cut += usize::from(partial.older.iter().any(|&o| o > 0));
                }
            }
        }
        assert!(subsets >= 2 && cut >= 2, "some partial indexes leave articles out ({subsets}) and cut terms ({cut})");
        assert!(covered > cut, "{covered}");
        // A cut that reads postings not given is not covered.
        let held = |is_tag: bool, name: &str| (is_tag && name == "协同振兴").then_some(Held { from_day: 11, older: 2 });
        let partial = RelatedIndex::partial(docs(&c, &kw)[1..2].to_vec(), c.len(), &held).with_nearest(nearest);
        assert!(!partial.covers(0), "b's window of 协同振兴 reads a (day 10)");
    }

    #[test]
    fn ranking_is_deterministic_and_round_trips() {
        let c = corpus();
        let kw: Vec<_> = c.iter().map(keywords).collect();
        let idx = RelatedIndex::new(docs(&c, &kw));
        let file = idx.file(0);
        let json = serde_json::to_string(&file).unwrap();
        let back = RelatedFile::from_json(json.as_bytes()).unwrap();
        assert_eq!(rank(&back, 5), rank(&file, 5));
        let mut shuffled = file.clone();
        shuffled.candidates.reverse();
        assert_eq!(rank(&shuffled, 5), rank(&file, 5));
    }
}
