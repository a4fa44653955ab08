//! 简/繁: Simplified → Traditional Chinese, phrase by phrase, with OpenCC's tables; and the fold
//! of Traditional characters back to Simplified that search compares (`search.rs`).
//!
//! **Conversion** reads OpenCC's `s2t` tables (`STPhrases` and `STCharacters`, Apache-2.0) as
//! one sorted table, `zh-hant.txt`, which `scripts/zh-data.mjs` writes into the build from the
//! npm package `opencc-js`. The app fetches it only when a reader switches to 繁體 (it is
//! 0.6 MB, 0.2 MB brotli), and converts text as OpenCC does: at each position the longest
//! phrase of the table that starts there, else the character itself (maximum forward
//! matching). So 发展 becomes 發展, 一出戏 一齣戲, but 一出去 stays 一出去 (a phrase of its own that
//! keeps 一出 from matching).
//!
//! The table's format, `yuedu-zh-hant/1`: a first line `#yuedu-zh-hant/1` (anything after a
//! space is a comment), then one entry a line, sorted by key (byte order, each key once): `key`
//! or `key<TAB>value`. A key without a value converts character by character through the
//! one-character entries — 80 % of OpenCC's phrases are written that way and are in the table
//! only so that they match whole. Every value has as many characters as its key, as in OpenCC's
//! `s2t`, so a converted text has the same number of characters as the original.
//!
//! **Fold** ([`fold`]): a Traditional character to its Simplified form (鄉 → 乡), from OpenCC's
//! `TSCharacters`, for the characters that OpenCC's phrases use (1,816 pairs, `zh_fold.txt`,
//! written by `node scripts/zh-data.mjs --fold`). Search folds both the query and the entries,
//! so 鄉村振興 finds 乡村振兴, and a character both scripts write alike matches either way.

use std::ops::Range;

/// The first line of the conversion table, naming its format.
pub const TABLE_FORMAT: &str = "#yuedu-zh-hant/1";

/// A parsed conversion table: the table's text and where each entry's key and value are in it.
#[derive(Debug)]
pub struct Converter {
    data: String,
    entries: Vec<Entry>,
    /// Runs of entries with the same first character, with their longest key in characters.
    groups: Vec<Group>,
    /// The first two characters of every longer key, as [`pair`]s, sorted: at most positions
    /// of a text no phrase starts, and this says so in one search.
    pairs: Vec<u64>,
}

/// Two characters as one number.
fn pair(a: char, b: char) -> u64 {
    (a as u64) << 32 | b as u64
}

#[derive(Debug, Clone)]
struct Entry {
    key: Range<u32>,
    /// `None`: the key converts character by character.
    value: Option<Range<u32>>,
}

#[derive(Debug, Clone)]
struct Group {
    first: char,
    entries: Range<u32>,
    longest: u32,
}

/// Why a conversion table was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableError(pub String);

impl std::fmt::Display for TableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Converter {
    /// Reads a `yuedu-zh-hant/1` table (module docs). Refuses another format, an unsorted or
    /// repeated key, an empty key and a value whose length differs from its key's.
    ///
    /// ```
    /// use yuedu_core::zh::Converter;
    /// let table = "#yuedu-zh-hant/1\n一出\t一齣\n一出去\n发\t發\n展\n戏\t戲\n";
    /// let c = Converter::parse(table.to_owned()).unwrap();
    /// assert_eq!(c.convert("一出戏，一出去发展"), "一齣戲，一出去發展");
    /// ```
    pub fn parse(data: String) -> Result<Converter, TableError> {
        let mut lines = data.split('\n');
        let header = lines.next().unwrap_or("");
        if header.split(' ').next() != Some(TABLE_FORMAT) {
            return Err(TableError(format!(
                "not a {TABLE_FORMAT} table: it starts with {:?}",
                header.chars().take(40).collect::<String>()
            )));
        }
        // One pass: the entries, their runs by first character and the pairs of first two
        // characters. Keys are strictly increasing in byte order, which for UTF-8 is the order
        // of the characters, so the pairs come out sorted too (repeats are next to each other).
        let mut entries: Vec<Entry> = Vec::new();
        let mut groups: Vec<Group> = Vec::new();
        let mut pairs: Vec<u64> = Vec::new();
        let mut at = header.len() + 1;
        let mut previous = "";
        for (n, line) in lines.enumerate() {
            let start = at;
            at += line.len() + 1;
            if line.is_empty() {
                continue;
            }
            let (key, value) = match line.split_once('\t') {
                Some((k, v)) => (k, Some(v)),
                None => (line, None),
            };
            let line_no = n + 2;
            if key.is_empty() || key <= previous {
                return Err(TableError(format!("line {line_no}: key {key:?} is empty, repeated or out of order")));
            }
            let len = key.chars().count();
            if value.is_some_and(|v| v.chars().count() != len) {
                return Err(TableError(format!("line {line_no}: the value of {key:?} has another length")));
            }
            previous = key;
            let i = entries.len() as u32;
            let offset = |s: &str, base: usize| base as u32..(base + s.len()) as u32;
            entries.push(Entry { key: offset(key, start), value: value.map(|v| offset(v, start + key.len() + 1)) });
            let mut cs = key.chars();
            let first = cs.next().unwrap_or_default();
            match groups.last_mut() {
                Some(g) if g.first == first => {
                    g.entries.end = i + 1;
                    g.longest = g.longest.max(len as u32);
                }
                _ => groups.push(Group { first, entries: i..i + 1, longest: len as u32 }),
            }
            if let Some(second) = cs.next() {
                let p = pair(first, second);
                if pairs.last() != Some(&p) {
                    pairs.push(p);
                }
            }
        }
        debug_assert!(pairs.windows(2).all(|w| w[0] < w[1]));
        Ok(Converter { data, entries, groups, pairs })
    }

    /// How many entries the table has.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the table has no entries (it then converts nothing).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn key(&self, e: &Entry) -> &str {
        &self.data[e.key.start as usize..e.key.end as usize]
    }

    fn group(&self, c: char) -> Option<&Group> {
        self.groups.binary_search_by(|g| g.first.cmp(&c)).ok().map(|i| &self.groups[i])
    }

    /// The longest entry of `group` that `rest` starts with, and its end in `rest`. The entries
    /// whose key starts with the first k characters are a run of the sorted entries, and the
    /// run for k + 1 lies within the run for k: each step narrows it, and most positions stop at
    /// the second character (no phrase goes on that way).
    fn longest_match(&self, group: &Group, rest: &str) -> Option<(&Entry, usize)> {
        let mut run = &self.entries[group.entries.start as usize..group.entries.end as usize];
        let mut cs = rest.chars();
        let (first, second) = (cs.next()?, cs.next());
        if second.is_none_or(|second| self.pairs.binary_search(&pair(first, second)).is_err()) {
            // No phrase starts here: the character's own entry, first of its run if any.
            let e = run.first().filter(|e| self.key(e).len() == first.len_utf8())?;
            return Some((e, first.len_utf8()));
        }
        let mut best = None;
        for (n, (i, ch)) in rest.char_indices().enumerate() {
            if n as u32 >= group.longest {
                break;
            }
            let prefix = &rest[..i + ch.len_utf8()];
            run = &run[run.partition_point(|e| self.key(e) < prefix)..];
            run = &run[..run.partition_point(|e| self.key(e).starts_with(prefix))];
            match run.first() {
                None => break,
                Some(e) if self.key(e) == prefix => best = Some((e, prefix.len())),
                Some(_) => {}
            }
        }
        best
    }

    /// `c` in Traditional characters (itself when the table has no entry for it).
    fn char_of(&self, c: char, out: &mut String) {
        let single =
            self.group(c).and_then(|g| self.entries.get(g.entries.start as usize)).filter(|e| self.key(e).chars().nth(1).is_none());
        match single.and_then(|e| e.value.clone()) {
            Some(v) => out.push_str(&self.data[v.start as usize..v.end as usize]),
            None => out.push(c),
        }
    }

    /// `text` in Traditional characters: the longest phrase of the table at each position, else
    /// the character (module docs). Characters the table lacks (punctuation, Latin, digits) are
    /// kept, so the result has as many characters as `text`.
    pub fn convert(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        // No key starts below the table's first character (ASCII, Latin, most punctuation):
        // such runs are copied whole, without a lookup a character. (A page's inline style and
        // scripts are text nodes too: tens of thousands of such characters.)
        let lowest = self.groups.first().map_or(char::MAX, |g| g.first);
        let mut rest = text;
        loop {
            let plain = rest.find(|c: char| c >= lowest).unwrap_or(rest.len());
            out.push_str(&rest[..plain]);
            rest = &rest[plain..];
            let Some(c) = rest.chars().next() else { break };
            let matched = self.group(c).and_then(|g| self.longest_match(g, rest));
            match matched {
                Some((e, end)) => {
                    match &e.value {
                        Some(v) => out.push_str(&self.data[v.start as usize..v.end as usize]),
                        None => rest[..end].chars().for_each(|ch| self.char_of(ch, &mut out)),
                    }
                    rest = &rest[end..];
                }
                None => {
                    out.push(c);
                    rest = &rest[c.len_utf8()..];
                }
            }
        }
        out
    }
}

/// Whether `c` is a CJK Unified Ideograph of the basic block (U+4E00–U+9FFF): nearly every
/// character of a Chinese news text.
#[inline]
pub fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// The fold table: pairs of (Traditional, Simplified) characters, sorted by the Traditional
/// one, every character three bytes of UTF-8 (U+0800–U+FFFF; checked by a test).
const FOLD: &str = include_str!("zh_fold.txt");

/// `c` in Simplified characters when it is a Traditional character that OpenCC's phrases use
/// (鄉 → 乡, 發 → 发), else `c` itself. What search compares, so that either script finds the
/// other.
///
/// ```
/// use yuedu_core::zh::fold;
/// assert_eq!(fold('鄉'), '乡');
/// assert_eq!(fold('乡'), '乡');
/// assert_eq!(fold('a'), 'a');
/// ```
pub fn fold(c: char) -> char {
    // Every folded character is a three-byte (U+0800–U+FFFF) one: skip ASCII at once.
    let n = c as u32;
    if !(0x800..=0xFFFF).contains(&n) {
        return c;
    }
    // Search indexing folds every character of a million articles: most are not in the table,
    // and one bit says so.
    let table = fold_table();
    if table.bits.get((n >> 6) as usize).is_none_or(|w| w & (1 << (n & 63)) == 0) {
        return c;
    }
    match table.pairs.binary_search_by_key(&n, |p| p.0) {
        Ok(i) => char::from_u32(table.pairs[i].1).unwrap_or(c),
        Err(_) => c,
    }
}

/// [`FOLD`] read once: its pairs as numbers, and a bit for each character of U+0000–U+FFFF
/// that has a pair.
struct FoldTable {
    bits: Vec<u64>,
    pairs: Vec<(u32, u32)>,
}

fn fold_table() -> &'static FoldTable {
    static TABLE: std::sync::OnceLock<FoldTable> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let chars: Vec<char> = FOLD.trim_end().chars().collect();
        let pairs: Vec<(u32, u32)> = chars.chunks_exact(2).map(|p| (p[0] as u32, p[1] as u32)).collect();
        let mut bits = vec![0u64; 1 << 10];
        for &(t, _) in &pairs {
            if let Some(w) = bits.get_mut((t >> 6) as usize) {
                *w |= 1 << (t & 63);
            }
        }
        FoldTable { bits, pairs }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(lines: &[&str]) -> String {
        let mut s = format!("{TABLE_FORMAT} test\n");
        for l in lines {
            s.push_str(l);
            s.push('\n');
        }
        s
    }

    #[test]
    fn converts_the_longest_phrase_first() {
        // OpenCC's own example of segmentation: 一出 alone is a 齣 (a play), 一出去 is not.
        let c = Converter::parse(table(&["一出\t一齣", "一出去", "乡\t鄉", "发\t發", "头发\t頭髮", "戏\t戲"])).unwrap();
        assert_eq!(c.convert("一出戏"), "一齣戲");
        assert_eq!(c.convert("一出去"), "一出去");
        assert_eq!(c.convert("头发发乡"), "頭髮發鄉", "a phrase value beats the characters' own");
        assert_eq!(c.convert("Hello, 乡村 2023!"), "Hello, 鄉村 2023!", "what the table lacks is kept");
        assert_eq!(c.convert(""), "");
    }

    #[test]
    fn runs_below_the_first_key_are_copied_and_what_follows_converted() {
        let c = Converter::parse(table(&["乡\t鄉", "发\t發"])).unwrap();
        assert_eq!(c.convert("body{font:1rem}café—乡 a发"), "body{font:1rem}café—鄉 a發");
        assert_eq!(c.convert("乡"), "鄉");
        assert_eq!(c.convert("plain"), "plain");
    }

    #[test]
    fn a_key_without_value_converts_character_by_character() {
        let c = Converter::parse(table(&["乡\t鄉", "乡村振兴", "兴\t興", "振"])).unwrap();
        assert_eq!(c.convert("乡村振兴"), "鄉村振興");
    }

    #[test]
    fn keeps_the_character_count() {
        let c = Converter::parse(table(&["万\t萬", "个\t個", "亿\t億"])).unwrap();
        for text in ["9500万元", "15000多个岗位", "𠀾 emoji 🎉 and 亿"] {
            assert_eq!(c.convert(text).chars().count(), text.chars().count(), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_table() {
        assert!(Converter::parse("乡\t鄉\n".into()).unwrap_err().0.contains("not a #yuedu-zh-hant/1 table"));
        assert!(Converter::parse(table(&["乡\t鄉", "乡\t鄉"])).unwrap_err().0.contains("line 3"));
        assert!(Converter::parse(table(&["发\t發", "乡\t鄉"])).is_err(), "out of order");
        assert!(Converter::parse(table(&["乡\t鄉鄉"])).unwrap_err().0.contains("another length"));
        assert!(Converter::parse(table(&[])).unwrap().is_empty());
    }

    #[test]
    fn the_fold_table_is_sorted_pairs_of_three_byte_characters() {
        let table = FOLD.trim_end();
        assert_eq!(table.len() % 6, 0);
        let chars: Vec<char> = table.chars().collect();
        assert!(chars.iter().all(|c| c.len_utf8() == 3));
        let pairs: Vec<(char, char)> = chars.chunks(2).map(|p| (p[0], p[1])).collect();
        assert!(pairs.len() > 1500, "{} pairs", pairs.len());
        assert!(pairs.windows(2).all(|w| w[0].0 < w[1].0), "sorted by the Traditional character, each once");
        assert!(pairs.iter().all(|(t, s)| t != s));
        let map: std::collections::HashMap<char, char> = pairs.iter().copied().collect();
        for (t, s) in pairs {
            assert_eq!(fold(t), s);
        }
        // Every other character is itself (the bitmap's neighbours of a pair among them).
        for c in (0..=0x2FFFF).filter_map(char::from_u32) {
            assert_eq!(fold(c), map.get(&c).copied().unwrap_or(c), "{c:?}");
        }
    }

    #[test]
    fn folds_traditional_news_words_to_simplified() {
        let folded: String = "鄉村振興 發展產業 億萬農戶".chars().map(fold).collect();
        assert_eq!(folded, "乡村振兴 发展产业 亿万农户");
        let same: String = "乡村振兴 2023 GDP".chars().map(fold).collect();
        assert_eq!(same, "乡村振兴 2023 GDP");
    }
}
