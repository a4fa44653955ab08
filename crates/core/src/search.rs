//! Client-side search over titles, tags and summaries (`/search?q=`), Chinese-aware: Chinese
//! has no spaces between words, so a query matches where its text occurs (case-insensitive
//! for Latin letters), and a longer Chinese query that occurs nowhere whole still finds
//! articles sharing most of its two-character pieces (bigrams), ranked lower.
//!
//! `yuedu index` writes the index (`search.json`, one compact entry per article, newest first);
//! the app fetches it once and searches in the browser.

use serde::{Deserialize, Serialize};

use crate::error::DecodeError;
use crate::Article;

/// The search index: one entry per article, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchIndex {
    pub entries: Vec<SearchEntry>,
}

/// What search looks at for one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchEntry {
    pub id: String,
    pub title: String,
    pub published: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
}

/// One result: the entry's position in the index and its score (higher is better).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub index: usize,
    pub score: u32,
}

impl SearchIndex {
    /// The index of `articles` (newest first).
    pub fn build(articles: &[&Article]) -> SearchIndex {
        let entries = articles
            .iter()
            .map(|a| SearchEntry {
                id: a.id.clone(),
                title: a.title.clone(),
                published: a.published.clone(),
                tags: a.tags.clone(),
                summary: Some(crate::page::description(a)),
            })
            .collect();
        SearchIndex { entries }
    }

    /// Decodes an index from untrusted JSON.
    pub fn from_json(bytes: &[u8]) -> Result<SearchIndex, DecodeError> {
        crate::json::from_slice(bytes)
    }

    /// The entries matching `query`, best first (ties: newer first, i.e. index order), at most
    /// `max`. An empty query finds nothing.
    ///
    /// ```
    /// use yuedu_core::search::{SearchEntry, SearchIndex};
    /// let e = |id: &str, title: &str, tags: &[&str]| SearchEntry {
    ///     id: id.into(), title: title.into(), published: String::new(),
    ///     tags: tags.iter().map(|t| t.to_string()).collect(), summary: None,
    /// };
    /// let index = SearchIndex { entries: vec![e("a", "茶叶合作社", &["产业振兴"]), e("b", "帮县带村", &["协同振兴"])] };
    /// let hits = index.search("带村", 10);
    /// assert_eq!(hits.len(), 1);
    /// assert_eq!(index.entries[hits[0].index].id, "b");
    /// assert_eq!(index.search("振兴", 10).len(), 2);
    /// ```
    pub fn search(&self, query: &str, max: usize) -> Vec<Hit> {
        let query = normalize(query);
        if query.is_empty() {
            return Vec::new();
        }
        let grams = bigrams(&query);
        let mut hits: Vec<Hit> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(index, e)| {
                let title = normalize(&e.title);
                let summary = normalize(e.summary.as_deref().unwrap_or(""));
                let tags: Vec<String> = e.tags.iter().map(|t| normalize(t)).collect();
                let mut score = 0;
                if title.contains(&query) {
                    score += 100;
                }
                if tags.iter().any(|t| t == &query) {
                    score += 80;
                } else if tags.iter().any(|t| t.contains(&query)) {
                    score += 50;
                }
                if summary.contains(&query) {
                    score += 30;
                }
                // A long query found nowhere whole: most of its bigrams in the title or summary.
                if score == 0 && grams.len() >= 3 {
                    let found = grams.iter().filter(|g| title.contains(g.as_str()) || summary.contains(g.as_str())).count();
                    if found * 3 >= grams.len() * 2 {
                        score = u32::try_from(found * 10 / grams.len()).unwrap_or(0) + 1;
                    }
                }
                (score > 0).then_some(Hit { index, score })
            })
            .collect();
        crate::sort::sort_by(&mut hits, |a, b| b.score.cmp(&a.score).then(a.index.cmp(&b.index)));
        hits.truncate(max);
        hits
    }
}

/// Without spaces and punctuation, Latin letters in lower case (ASCII only: Chinese has no
/// case, and the Unicode case tables would cost the wasm ~9 KB brotli): what a match compares.
fn normalize(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect()
}

/// The two-character pieces of a normalized query.
fn bigrams(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    chars.windows(2).map(|w| w.iter().collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> SearchIndex {
        let mut a = crate::testing::article("a", 2, &["协同振兴"], "x");
        a.title = "区域协作“帮县带村”带出一片“新天地”".into();
        let mut b = crate::testing::article("b", 1, &["产业振兴"], "y");
        b.title = "Tea cooperative 茶叶合作社".into();
        b.summary = Some("石溪村茶叶合作社帮助村民增收".into());
        SearchIndex::build(&[&a, &b])
    }

    #[test]
    fn finds_by_a_word_of_the_title_tag_or_summary() {
        let idx = index();
        let ids = |q: &str| idx.search(q, 10).iter().map(|h| idx.entries[h.index].id.clone()).collect::<Vec<_>>();
        assert_eq!(ids("帮县带村"), ["a"]);
        assert_eq!(ids("新 天 地"), ["a"], "spaces and punctuation are ignored");
        assert_eq!(ids("TEA"), ["b"], "Latin letters in any case");
        assert_eq!(ids("增收"), ["b"], "summary");
        assert_eq!(ids("振兴"), ["a", "b"], "both tags; newer first on a tie");
        assert_eq!(ids("协同振兴"), ["a"]);
        assert!(ids("").is_empty() && ids("  ").is_empty() && ids("火星").is_empty());
    }

    #[test]
    fn a_long_query_matches_by_most_of_its_bigrams() {
        let idx = index();
        let hits = idx.search("区域协作带出新天地", 10);
        assert_eq!(hits.len(), 1);
        assert!(hits[0].score < 30, "ranked below whole matches");
    }

    #[test]
    fn round_trips_through_json() {
        let idx = index();
        let json = serde_json::to_string(&idx).unwrap();
        assert_eq!(SearchIndex::from_json(json.as_bytes()).unwrap(), idx);
        assert!(SearchIndex::from_json(br#"{"entries":[{"id":1}]}"#).is_err());
    }
}
