//! Synthetic corpora for scale tests and benchmarks: deterministic, clearly marked articles
//! with a long-tailed tag distribution (a few tags on many articles, most on few), lengths
//! from a short notice to a long feature, dates over five years, and the kinds of figures the
//! metrics extractor looks for.

use crate::model::{Article, Block, Editor, Source};
use crate::time::{Timestamp, SHANGHAI_OFFSET_MINUTES};

/// The source name every synthetic article carries.
pub const SYNTHETIC_SOURCE: &str = "yuedu 合成数据（synthetic）";

const TAG_HEADS: &[&str] = &["产业", "文旅", "数字", "生态", "人才", "消费", "劳务", "乡村", "协同", "基层"];
const TAG_TAILS: &[&str] = &["振兴", "融合", "帮扶", "治理", "协作", "发展", "建设", "服务", "创新", "示范"];
const PLACES: &[&str] = &["青岚", "云岭", "滨海", "临江", "石门", "桃源", "凤鸣", "白沙", "松溪", "龙泉", "清河", "金坪"];
const SUBJECTS: &[&str] = &["茶叶合作社", "食用菌产业园", "乡村旅游", "电商直播", "劳务协作站", "农田水利", "人居环境", "技能培训"];
const ACTIONS: &[&str] = &["带动群众增收", "打开销路", "稳岗就业", "焕发新活力", "补齐短板", "走出新路子"];
const UNITS: &[&str] = &["万元", "亿元", "个村", "家企业", "户", "人次", "亩", "吨"];

/// A small deterministic generator (SplitMix64), so a corpus is the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }

    /// A rank from a Zipf-like distribution over `n` items (rank 0 most likely).
    fn zipf(&mut self, n: usize) -> usize {
        // Inverse of the continuous approximation of a 1/k law.
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        let x = ((n as f64 + 1.0).ln() * u).exp() - 1.0;
        (x as usize).min(n - 1)
    }
}

/// Article `i` of a synthetic corpus (ids `syn-000001` …).
pub fn synthetic_article(i: usize) -> Article {
    let mut rng = Rng(0x5EED ^ (i as u64).wrapping_mul(0x1000_0000_01B3));
    let tag = |k: usize| format!("{}{}", TAG_HEADS[k / TAG_TAILS.len() % TAG_HEADS.len()], TAG_TAILS[k % TAG_TAILS.len()]);
    let mut tags: Vec<String> = Vec::new();
    for _ in 0..1 + rng.below(3) {
        let t = tag(rng.zipf(TAG_HEADS.len() * TAG_TAILS.len()));
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    let place = rng.pick(PLACES);
    let subject = rng.pick(SUBJECTS);
    // Five years of days, from 2020-01-01.
    let day = rng.below(5 * 365) as i64;
    let seconds = 1_577_808_000 + day * 86_400 + rng.below(12 * 3600) as i64 + 8 * 3600;
    let published = Timestamp { unix_seconds: seconds, offset_minutes: SHANGHAI_OFFSET_MINUTES }.to_string();
    // Mostly short, a few long: 2–5 paragraphs usually, up to 24.
    let paragraphs = 2 + rng.below(4) + if rng.below(10) == 0 { rng.below(20) } else { 0 };
    let mut body = Vec::with_capacity(paragraphs + 1);
    for p in 0..paragraphs {
        let mut text = String::new();
        for _ in 0..2 + rng.below(4) {
            let n = 1 + rng.below(9_999);
            let unit = rng.pick(UNITS);
            text.push_str(&format!(
                "{}县{}{}，{}年以来累计投入{}{}，{}。",
                rng.pick(PLACES),
                rng.pick(SUBJECTS),
                rng.pick(ACTIONS),
                2020 + rng.below(5),
                n,
                unit,
                rng.pick(ACTIONS)
            ));
        }
        if p == 1 && paragraphs > 3 {
            body.push(Block::Heading { text: format!("{}{}", rng.pick(SUBJECTS), rng.pick(ACTIONS)) });
        }
        body.push(Block::Paragraph { text });
    }
    Article {
        id: format!("syn-{:06}", i + 1),
        title: format!("{place}县{subject}{}（合成{}）", rng.pick(ACTIONS), i + 1),
        published,
        source: Source { name: SYNTHETIC_SOURCE.to_owned(), url: None },
        authors: vec![format!("合成作者{}", 1 + rng.below(50))],
        tags,
        editors: vec![Editor { role: "责任编辑".into(), name: format!("合成编辑{}", 1 + rng.below(20)) }],
        body,
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_valid_deterministic_and_marked() {
        for i in 0..200 {
            let a = synthetic_article(i);
            Article::from_json(a.to_json_pretty().as_bytes()).unwrap_or_else(|e| panic!("{i}: {e}"));
            assert_eq!(a, synthetic_article(i));
            assert_eq!(a.source.name, SYNTHETIC_SOURCE);
            assert!(a.title.contains("合成"));
        }
    }

    #[test]
    fn tags_have_a_long_tail() {
        let mut counts = std::collections::HashMap::new();
        for i in 0..5000 {
            for t in synthetic_article(i).tags {
                *counts.entry(t).or_insert(0usize) += 1;
            }
        }
        let mut c: Vec<usize> = counts.into_values().collect();
        c.sort_unstable_by(|a, b| b.cmp(a));
        assert!(c[0] > 10 * c[c.len() / 2], "head {} vs median {}", c[0], c[c.len() / 2]);
        assert!(c.len() > 50, "{} tags", c.len());
    }
}
