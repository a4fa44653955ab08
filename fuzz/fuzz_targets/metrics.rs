//! `extract` on arbitrary UTF-8: never panics, and every metric is a well-formed span — non-empty,
//! exactly `text` by characters and by bytes, after the previous one, with finite numbers and
//! `value` as the lower bound.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yuedu_core::metrics::extract;

fuzz_target!(|text: &str| {
    let found = extract(text);
    let chars: Vec<char> = text.chars().collect();
    let mut prev_end = 0;
    for m in &found {
        assert!(m.start < m.end, "empty span {m:?} in {text:?}");
        assert!(m.end <= chars.len(), "span past the end {m:?} in {text:?}");
        let by_chars: String = chars[m.start..m.end].iter().collect();
        assert_eq!(by_chars, m.text, "char span of {m:?} in {text:?}");
        assert_eq!(text.get(m.byte_start..m.byte_end), Some(m.text.as_str()), "byte span of {m:?} in {text:?}");
        assert!(m.start >= prev_end, "overlapping or out of order at {m:?} in {text:?}");
        prev_end = m.end;
        assert!(m.value.is_finite(), "non-finite value {m:?} in {text:?}");
        if let Some(upper) = m.upper {
            assert!(upper.is_finite(), "non-finite upper {m:?} in {text:?}");
            assert!(upper >= m.value, "upper below value {m:?} in {text:?}");
        }
    }
});
