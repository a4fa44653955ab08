//! Word tables looked up by their first (or last) character, longest word first: the scanner
//! asks "which unit starts here?" for every numeral, and a linear `starts_with` over a hundred
//! words was most of its time.

use std::sync::OnceLock;

/// Words grouped by one end character.
pub(crate) struct WordIndex {
    /// (key character, word index), sorted by key then by word length descending.
    entries: Vec<(char, usize)>,
}

impl WordIndex {
    /// Indexes `words` by their first character, or by their last with `by_last`.
    pub(crate) fn new(words: &[&str], by_last: bool) -> WordIndex {
        let mut entries: Vec<(char, usize)> = words
            .iter()
            .enumerate()
            .filter_map(|(i, w)| if by_last { w.chars().next_back() } else { w.chars().next() }.map(|c| (c, i)))
            .collect();
        // The key ends in the unique word index: a total order, so the unstable sort is exact.
        crate::sort::sort_by(&mut entries, |a, b| a.0.cmp(&b.0).then(words[b.1].len().cmp(&words[a.1].len())).then(a.1.cmp(&b.1)));
        WordIndex { entries }
    }

    /// Indices of the words keyed by `c`, longest first.
    pub(crate) fn candidates(&self, c: char) -> impl Iterator<Item = usize> + '_ {
        let start = self.entries.partition_point(|e| e.0 < c);
        self.entries[start..].iter().take_while(move |e| e.0 == c).map(|e| e.1)
    }
}

/// A lazily built index, for `static` tables.
pub(crate) struct LazyIndex {
    cell: OnceLock<WordIndex>,
}

impl LazyIndex {
    pub(crate) const fn new() -> LazyIndex {
        LazyIndex { cell: OnceLock::new() }
    }

    pub(crate) fn get(&self, words: &[&str], by_last: bool) -> &WordIndex {
        self.cell.get_or_init(|| WordIndex::new(words, by_last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_first_within_a_key() {
        let words = ["元", "人民币", "人次", "人"];
        let idx = WordIndex::new(&words, false);
        let got: Vec<&str> = idx.candidates('人').map(|i| words[i]).collect();
        assert_eq!(got, ["人民币", "人次", "人"]);
        assert_eq!(idx.candidates('x').count(), 0);
        let by_last = WordIndex::new(&words, true);
        assert_eq!(by_last.candidates('次').map(|i| words[i]).collect::<Vec<_>>(), ["人次"]);
    }
}
