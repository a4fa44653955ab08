//! Reading time. Chinese is counted in characters, other text in words, at the speeds Firefox
//! Reader View uses (toolkit/components/reader, `getReadingSpeedForLanguage`): 255 ± 29 Chinese
//! characters per minute and 228 ± 30 English words per minute. The result is a range, as in
//! Reader View, because readers differ.

use crate::{Article, Block};

/// Chinese characters per minute, mean and spread.
pub const CJK_PER_MINUTE: (u32, u32) = (255, 29);
/// Latin-script words per minute, mean and spread.
pub const WORDS_PER_MINUTE: (u32, u32) = (228, 30);

/// How long an article takes to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadingTime {
    /// Han characters (and other CJK ideographs) in the text.
    pub cjk_chars: u32,
    /// Words of Latin or other space-separated script.
    pub words: u32,
    /// Minutes for a fast reader, at least 1.
    pub min_minutes: u32,
    /// Minutes for a slow reader, at least `min_minutes`.
    pub max_minutes: u32,
}

/// The reading time of `a`'s body (headings, paragraphs, verse, lead-ins; not image captions).
///
/// ```
/// use yuedu_core::reading::reading_time;
/// let json = format!(
///     r#"{{"format":"yuedu-article/1","id":"a","title":"t","published":"2024-01-01T08:00:00+08:00",
///         "source":{{"name":"s"}},"body":[{{"type":"paragraph","text":"{}"}}]}}"#,
///     "字".repeat(2550)
/// );
/// let t = reading_time(&yuedu_core::Article::from_json(json.as_bytes()).unwrap());
/// assert_eq!((t.cjk_chars, t.min_minutes, t.max_minutes), (2550, 9, 12));
/// ```
pub fn reading_time(a: &Article) -> ReadingTime {
    let (mut cjk, mut words) = (0u32, 0u32);
    for block in &a.body {
        if matches!(block, Block::Image { .. }) {
            continue;
        }
        let (c, w) = count(&block.text());
        cjk = cjk.saturating_add(c);
        words = words.saturating_add(w);
    }
    // Minutes = cjk / cpm + words / wpm, at the fast and the slow end, rounded to whole minutes.
    let minutes = |cpm: u32, wpm: u32| -> u32 {
        let seconds = u64::from(cjk) * 60 / u64::from(cpm) + u64::from(words) * 60 / u64::from(wpm);
        u32::try_from(seconds.div_ceil(60)).unwrap_or(u32::MAX).max(1)
    };
    let min = minutes(CJK_PER_MINUTE.0 + CJK_PER_MINUTE.1, WORDS_PER_MINUTE.0 + WORDS_PER_MINUTE.1);
    let max = minutes(CJK_PER_MINUTE.0 - CJK_PER_MINUTE.1, WORDS_PER_MINUTE.0 - WORDS_PER_MINUTE.1).max(min);
    ReadingTime { cjk_chars: cjk, words, min_minutes: min, max_minutes: max }
}

/// (CJK ideographs, words of other scripts) in `text`. A word is a run of letters and digits
/// with at least one letter: a bare number in Chinese text (`9500万元`) is read with the
/// characters around it, not as a word.
fn count(text: &str) -> (u32, u32) {
    let (mut cjk, mut words, mut letters) = (0u32, 0u32, false);
    let mut end_word = |letters: &mut bool| {
        if std::mem::take(letters) {
            words += 1;
        }
    };
    for c in text.chars() {
        if is_cjk(c) {
            cjk += 1;
            end_word(&mut letters);
        } else if c.is_alphabetic() {
            letters = true;
        } else if !c.is_numeric() {
            end_word(&mut letters);
        }
    }
    end_word(&mut letters);
    (cjk, words)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_and_words_apart() {
        assert_eq!(count("区域协作 helps 3500 villages，共建共享。"), (8, 2));
        assert_eq!(count(""), (0, 0));
        assert_eq!(count("COVID-19 and 5G"), (0, 3));
        assert_eq!(count("投入9500万元，带动15000多个岗位"), (10, 0));
    }

    #[test]
    fn the_seed_article_reads_in_a_few_minutes() {
        let json = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/articles/c6c151299a20712a.json")).unwrap();
        let t = reading_time(&Article::from_json(&json).unwrap());
        assert!(t.cjk_chars > 1500 && t.cjk_chars < 3000, "{t:?}");
        assert!(t.min_minutes >= 5 && t.max_minutes <= 12 && t.min_minutes < t.max_minutes, "{t:?}");
    }

    #[test]
    fn a_short_text_takes_a_minute() {
        let a = crate::testing::article("a", 1, &[], "短文");
        let t = reading_time(&a);
        assert_eq!((t.min_minutes, t.max_minutes), (1, 1));
    }
}
