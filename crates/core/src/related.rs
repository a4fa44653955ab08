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

use std::collections::HashMap;

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
/// Below this score a candidate is not related enough to show.
const THRESHOLD: f64 = 0.5;

/// `data/related/<id>.json`: an article's weighted terms and its candidates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelatedFile {
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
    pub tags: Vec<String>,
    /// The keywords it shares with the article.
    pub keywords: Vec<String>,
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
        crate::json::from_slice(bytes)
    }
}

fn days(published: &str) -> Option<f64> {
    Timestamp::parse_rfc3339(published).ok().map(|t| t.unix_seconds as f64 / 86_400.0)
}

/// Ranks the candidates of `file`: the top `max`, best first, never the article itself, ties
/// broken by newer first and then by id, so the order is deterministic.
///
/// ```
/// use yuedu_core::related::{rank, Candidate, RelatedFile};
/// let c = |id: &str, tags: &[&str]| Candidate {
///     id: id.into(), title: id.into(), published: "2024-01-01T00:00:00Z".into(),
///     tags: tags.iter().map(|t| t.to_string()).collect(), keywords: vec![],
/// };
/// let file = RelatedFile {
///     id: "a".into(), published: "2024-01-01T00:00:00Z".into(),
///     tags: vec![("rare".into(), 3000), ("common".into(), 100)], keywords: vec![],
///     candidates: vec![c("x", &["common"]), c("y", &["rare"]), c("a", &["rare"])],
/// };
/// let ids: Vec<String> = rank(&file, 5).into_iter().map(|r| r.id).collect();
/// assert_eq!(ids, ["y"]); // the common tag alone is below the threshold; "a" is the article
/// ```
pub fn rank(file: &RelatedFile, max: usize) -> Vec<Related> {
    // Terms and candidates are a few dozen: linear lookups beat hashing here, and keep the
    // wasm free of a hasher (and of std's sorts: every order below has a total key, see
    // `crate::sort`).
    let weight = |terms: &[(String, u32)], t: &str| terms.iter().find(|(name, _)| name == t).map(|(_, w)| f64::from(*w) / 1000.0);
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
            let mut shared_tags: Vec<(&str, f64)> = c.tags.iter().filter_map(|t| weight(&file.tags, t).map(|w| (t.as_str(), w))).collect();
            let mut shared_kw: Vec<(&str, f64)> =
                c.keywords.iter().filter_map(|k| weight(&file.keywords, k).map(|w| (k.as_str(), w))).collect();
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

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Term frequencies of the CJK bigrams of an article (title counted three times).
fn bigram_counts(a: &Article) -> HashMap<String, u32> {
    let mut counts = HashMap::new();
    let mut add = |text: &str, times: u32| {
        let chars: Vec<char> = text.chars().collect();
        for w in chars.windows(2) {
            if is_han(w[0]) && is_han(w[1]) && !is_stop(w[0]) && !is_stop(w[1]) {
                *counts.entry(w.iter().collect::<String>()).or_insert(0) += times;
            }
        }
    };
    add(&a.title, 3);
    for b in &a.body {
        if !matches!(b, Block::Image { .. }) {
            add(&b.text(), 1);
        }
    }
    counts
}

/// An index over a corpus that finds each article's candidates. Terms are interned as
/// numbers, so scoring thousands of candidates per article allocates nothing.
pub struct RelatedIndex<'a> {
    articles: &'a [Article],
    /// Term names (`t:` tag or `k:` keyword) and weights (IDF), by term number.
    names: Vec<String>,
    idf: Vec<f64>,
    /// Per article: its tag and keyword terms (keywords best first).
    tags: Vec<Vec<u32>>,
    keywords: Vec<Vec<u32>>,
    /// Days since the epoch of each article's publication.
    days: Vec<i64>,
    /// Term number → articles carrying it, in time order; empty for terms on more than half
    /// the corpus.
    postings: Vec<Vec<u32>>,
}

impl<'a> RelatedIndex<'a> {
    /// Builds keywords and postings for `articles`.
    pub fn new(articles: &'a [Article]) -> RelatedIndex<'a> {
        let n = articles.len().max(1) as f64;
        let idf = |df: usize| (n / df as f64).ln();
        let counts: Vec<HashMap<String, u32>> = articles.iter().map(bigram_counts).collect();
        let mut df: HashMap<&str, usize> = HashMap::new();
        for c in &counts {
            for k in c.keys() {
                *df.entry(k.as_str()).or_insert(0) += 1;
            }
        }
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut names: Vec<String> = Vec::new();
        let mut weights: Vec<f64> = Vec::new();
        let mut intern = |name: String, w: f64| -> u32 {
            *ids.entry(name).or_insert_with_key(|name| {
                names.push(name.clone());
                weights.push(w);
                (names.len() - 1) as u32
            })
        };
        let mut tag_df: HashMap<&str, usize> = HashMap::new();
        for a in articles {
            for t in &a.tags {
                *tag_df.entry(t.as_str()).or_insert(0) += 1;
            }
        }
        let tags: Vec<Vec<u32>> =
            articles.iter().map(|a| a.tags.iter().map(|t| intern(format!("t:{t}"), idf(tag_df[t.as_str()]))).collect()).collect();
        let keywords: Vec<Vec<u32>> = counts
            .iter()
            .map(|c| {
                let mut scored: Vec<(&str, f64)> = c
                    .iter()
                    .filter(|(k, _)| df[k.as_str()] >= 2 && (df[k.as_str()] as f64) <= n / 2.0)
                    .map(|(k, &tf)| (k.as_str(), f64::from(tf) * idf(df[k.as_str()])))
                    .collect();
                scored.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
                scored.into_iter().take(KEYWORDS).map(|(k, _)| intern(format!("k:{k}"), idf(df[k]))).collect()
            })
            .collect();
        let days: Vec<i64> = articles.iter().map(|a| days(&a.published).map_or(0, |d| d.floor() as i64)).collect();
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); names.len()];
        for (i, terms) in tags.iter().zip(&keywords).map(|(t, k)| t.iter().chain(k)).enumerate() {
            for &term in terms {
                postings[term as usize].push(i as u32);
            }
        }
        for (term, list) in postings.iter_mut().enumerate() {
            if names[term].starts_with("t:") && list.len() as f64 > n / 2.0 && n >= 4.0 {
                list.clear(); // on most articles: relates nothing
            }
            list.sort_unstable_by_key(|&j| (days[j as usize], j));
        }
        RelatedIndex { articles, names, idf: weights, tags, keywords, days, postings }
    }

    /// The `NEAREST_PER_TERM` entries of a time-ordered posting list closest in time to `day`.
    fn nearest<'p>(&self, list: &'p [u32], day: i64) -> &'p [u32] {
        let at = list.partition_point(|&j| self.days[j as usize] < day);
        let half = NEAREST_PER_TERM / 2;
        let start = at.saturating_sub(half).min(list.len().saturating_sub(NEAREST_PER_TERM));
        &list[start..(start + NEAREST_PER_TERM).min(list.len())]
    }

    /// The related file of article `i`: its weighted terms and its best [`CANDIDATES`].
    pub fn file(&self, i: usize) -> RelatedFile {
        let a = &self.articles[i];
        let own_tags = &self.tags[i];
        let own_kw = &self.keywords[i];
        let mut touched: Vec<u32> = Vec::new();
        for &term in own_tags.iter().chain(own_kw) {
            touched.extend(self.nearest(&self.postings[term as usize], self.days[i]));
        }
        touched.sort_unstable();
        touched.dedup();
        touched.retain(|&j| j as usize != i);
        // The term score the browser uses (it adds the threshold and the time bonus).
        let score = |j: u32| -> f64 {
            let shared =
                |own: &[u32], theirs: &[u32]| own.iter().filter(|t| theirs.contains(t)).map(|&t| self.idf[t as usize]).sum::<f64>();
            TAG_WEIGHT * shared(own_tags, &self.tags[j as usize]) + KEYWORD_WEIGHT * shared(own_kw, &self.keywords[j as usize])
        };
        let mut scored: Vec<(f64, u32)> = touched.into_iter().map(|j| (score(j), j)).collect();
        let by_rank = |x: &(f64, u32), y: &(f64, u32)| {
            let (ax, ay) = (&self.articles[x.1 as usize], &self.articles[y.1 as usize]);
            y.0.total_cmp(&x.0).then_with(|| ay.published.cmp(&ax.published)).then_with(|| ax.id.cmp(&ay.id))
        };
        if scored.len() > CANDIDATES {
            scored.select_nth_unstable_by(CANDIDATES - 1, by_rank);
            scored.truncate(CANDIDATES);
        }
        scored.sort_unstable_by(by_rank);
        let name = |t: u32| self.names[t as usize][2..].to_owned();
        let candidates = scored
            .into_iter()
            .map(|(_, j)| {
                let c = &self.articles[j as usize];
                Candidate {
                    id: c.id.clone(),
                    title: c.title.clone(),
                    published: c.published.clone(),
                    tags: c.tags.clone(),
                    keywords: self.keywords[j as usize].iter().filter(|k| own_kw.contains(k)).map(|&k| name(k)).collect(),
                }
            })
            .collect();
        RelatedFile {
            id: a.id.clone(),
            published: a.published.clone(),
            tags: own_tags.iter().map(|&t| (name(t), milli(self.idf[t as usize]))).collect(),
            keywords: own_kw.iter().map(|&k| (name(k), milli(self.idf[k as usize]))).collect(),
            candidates,
        }
    }
}

fn milli(x: f64) -> u32 {
    (x * 1000.0).round().max(0.0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::article;

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
    fn never_the_article_itself_and_rare_terms_win() {
        let c = corpus();
        let idx = RelatedIndex::new(&c);
        let file = idx.file(0);
        assert!(file.candidates.iter().all(|x| x.id != "a"));
        let ranked = rank(&file, 5);
        assert!(!ranked.is_empty());
        assert!(ranked.iter().all(|r| r.id != "a"));
        // 乡村 is on every article: it weighs nothing and alone relates nothing (e, f).
        assert!(ranked.iter().all(|r| r.id != "e" && r.id != "f"), "{ranked:?}");
        assert_eq!(ranked[0].id, "b", "shared rare tag and keywords, and close in time: {ranked:?}");
        assert!(ranked[0].reason().starts_with("同标签：协同振兴"));
    }

    #[test]
    fn keywords_relate_articles_without_shared_tags() {
        let c = corpus();
        let ranked = rank(&RelatedIndex::new(&c).file(2), 5);
        let a = ranked.iter().find(|r| r.id == "a").expect("茶叶/建始 relate c to a");
        assert!(a.shared_keywords.iter().any(|k| k == "茶叶"), "{a:?}");
    }

    #[test]
    fn ranking_is_deterministic_and_round_trips() {
        let c = corpus();
        let idx = RelatedIndex::new(&c);
        let file = idx.file(0);
        let json = serde_json::to_string(&file).unwrap();
        let back = RelatedFile::from_json(json.as_bytes()).unwrap();
        assert_eq!(rank(&back, 5), rank(&file, 5));
        let mut shuffled = file.clone();
        shuffled.candidates.reverse();
        assert_eq!(rank(&shuffled, 5), rank(&file, 5));
    }
}
