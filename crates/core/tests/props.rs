//! Property tests for the metrics extractor: numerals written every way read back to their value,
//! and `extract` never panics and always returns well-formed, ordered spans.

use proptest::prelude::*;
use yuedu_core::metrics::{extract, parse_number, Metric, MetricKind};

// ---------------------------------------------------------------------------------------------
// Chinese numerals, written independently of the parser.

/// Digit and unit characters of one writing style.
struct Style {
    digits: [&'static str; 10],
    ten: &'static str,
    hundred: &'static str,
    thousand: &'static str,
    wan: &'static str,
    yi: &'static str,
}

const LOWER: Style = Style {
    digits: ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"],
    ten: "十",
    hundred: "百",
    thousand: "千",
    wan: "万",
    yi: "亿",
};

const UPPER: Style = Style {
    digits: ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"],
    ten: "拾",
    hundred: "佰",
    thousand: "仟",
    wan: "万",
    yi: "亿",
};

/// Traditional-form magnitudes (萬, 億) with 大写 digits.
const UPPER_TRAD: Style = Style { wan: "萬", yi: "億", ..UPPER };

/// Options that vary how a number is written without changing its value.
#[derive(Debug, Clone, Copy)]
struct Variant {
    /// 10–19 at the very start written 十X (true) or 一十X (false).
    bare_ten: bool,
    /// 二 before 百/千 written 两 (and, see `with_liang_before_big`, a leading 二 before 万/亿).
    liang: bool,
}

/// `n` in Chinese numerals with the standard 零 rules: one 零 for any run of zero places between
/// non-zero ones (一千零一, 一万零一, 一亿零一万, 十万零一十), none at the end (十万, 一亿).
/// Numbers from 1e8 put the count of 亿 first, itself written with 万 (九万九千九百九十九亿…).
fn to_chinese(n: u64, style: &Style, v: Variant) -> String {
    if n == 0 {
        return style.digits[0].to_owned();
    }
    let mut out = String::new();
    write_cn(n, style, v, true, &mut out);
    out
}

fn write_cn(n: u64, style: &Style, v: Variant, leading: bool, out: &mut String) {
    debug_assert!(n > 0);
    for (big, unit) in [(100_000_000u64, style.yi), (10_000, style.wan)] {
        if n >= big {
            write_cn(n / big, style, v, leading, out);
            out.push_str(unit);
            let rest = n % big;
            if rest > 0 {
                if rest < big / 10 {
                    out.push_str(style.digits[0]);
                }
                write_cn(rest, style, v, false, out);
            }
            return;
        }
    }
    // n < 10_000: the section's places, each non-zero digit with its unit.
    let places = [(1000, style.thousand), (100, style.hundred), (10, style.ten)];
    for (k, (p, unit)) in places.iter().enumerate() {
        if n >= *p {
            let d = (n / p) as usize;
            let rest = n % p;
            if *p == 10 && d == 1 && leading && v.bare_ten {
                // 十五, not 一十五, at the start.
            } else if d == 2 && *p >= 100 && v.liang {
                out.push('两');
            } else {
                out.push_str(style.digits[d]);
            }
            out.push_str(unit);
            if rest > 0 {
                let next_place = places.get(k + 1).map_or(1, |(q, _)| *q);
                if rest < next_place {
                    out.push_str(style.digits[0]);
                }
                write_cn(rest, style, v, false, out);
            }
            return;
        }
    }
    // A lone digit; 两 only stands before a magnitude (两万, 两亿), which the caller appends.
    out.push_str(style.digits[n as usize]);
}

/// A leading 二 directly before 万/亿 written 两 (两万, 两亿零二万; 十二万 stays).
fn with_liang_before_big(s: String, style: &Style) -> String {
    for big in [style.wan, style.yi] {
        if let Some(rest) = s.strip_prefix(&format!("{}{big}", style.digits[2])) {
            return format!("两{big}{rest}");
        }
    }
    s
}

#[test]
fn converter_writes_the_standard_forms() {
    let v = Variant { bare_ten: true, liang: false };
    for (n, s) in [
        (0, "零"),
        (7, "七"),
        (10, "十"),
        (15, "十五"),
        (20, "二十"),
        (101, "一百零一"),
        (110, "一百一十"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (10_001, "一万零一"),
        (10_010, "一万零一十"),
        (100_000, "十万"),
        (100_010, "十万零一十"),
        (110_000, "十一万"),
        (1_000_000, "一百万"),
        (10_000_000, "一千万"),
        (100_000_000, "一亿"),
        (100_010_000, "一亿零一万"),
        (100_001_000, "一亿零一千"),
        (110_000_000, "一亿一千万"),
        (1_000_000_000_000, "一万亿"),
        (1_000_100_000_000, "一万零一亿"),
        (9_999_999_999_999, "九万九千九百九十九亿九千九百九十九万九千九百九十九"),
    ] {
        assert_eq!(to_chinese(n, &LOWER, v), s, "{n}");
    }
    assert_eq!(to_chinese(15, &LOWER, Variant { bare_ten: false, liang: false }), "一十五");
    assert_eq!(to_chinese(2_200, &LOWER, Variant { bare_ten: true, liang: true }), "两千两百");
    assert_eq!(to_chinese(103_453, &UPPER, Variant { bare_ten: false, liang: false }), "壹拾万叁仟肆佰伍拾叁");
    assert_eq!(to_chinese(100_453, &UPPER, Variant { bare_ten: false, liang: false }), "壹拾万零肆佰伍拾叁");
    assert_eq!(with_liang_before_big(to_chinese(20_000, &LOWER, v), &LOWER), "两万");
    assert_eq!(with_liang_before_big(to_chinese(120_000, &LOWER, v), &LOWER), "十二万");
    assert_eq!(with_liang_before_big(to_chinese(200_020_000, &LOWER, v), &LOWER), "两亿零二万");
}

// ---------------------------------------------------------------------------------------------
// Arabic numerals.

fn with_commas(n: u64, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32('０' as u32 + (c as u32 - '0' as u32)).unwrap(),
            other => other,
        })
        .collect()
}

const MAX: u64 = 9_999_999_999_999;

/// Integers spread over every magnitude, with round numbers (many zeros) well represented.
fn integer() -> impl Strategy<Value = u64> {
    prop_oneof![
        0..=MAX,
        0u64..100_000,
        // d × 10^k and d × 10^k + small: the 零 rules' edge cases.
        (1u64..100, 0u32..12, 0u64..20).prop_map(|(d, k, small)| (d * 10u64.pow(k) + small).min(MAX)),
        // Sparse digits: each 4-digit group 0, a single digit at some place, or anything.
        prop::collection::vec(prop_oneof![Just(0u64), (1u64..10, 0u32..4).prop_map(|(d, p)| d * 10u64.pow(p)), 0u64..10_000], 4)
            .prop_map(|g| (g[0] % 10) * 1_000_000_000_000 + g[1] * 100_000_000 + g[2] * 10_000 + g[3]),
    ]
}

// ---------------------------------------------------------------------------------------------
// Invariants of `extract`.

/// The contract of every metric `extract` returns: a non-empty span that is exactly `text` by
/// characters and by bytes, after the previous one (no overlap), finite numbers, and `value` as
/// the lower bound (`upper >= value`, negative ranges included).
fn check_metrics(text: &str, found: &[Metric]) -> Result<(), TestCaseError> {
    let chars: Vec<char> = text.chars().collect();
    let mut prev_end = 0;
    for m in found {
        prop_assert!(m.start < m.end, "empty span {m:?} in {text:?}");
        prop_assert!(m.end <= chars.len(), "span past the end {m:?} in {text:?}");
        let by_chars: String = chars[m.start..m.end].iter().collect();
        prop_assert_eq!(&by_chars, &m.text, "char span of {:?} in {:?}", m, text);
        prop_assert_eq!(text.get(m.byte_start..m.byte_end), Some(m.text.as_str()), "byte span of {:?} in {:?}", m, text);
        prop_assert!(m.start >= prev_end, "overlapping or out of order at {m:?} in {text:?}");
        prev_end = m.end;
        prop_assert!(m.value.is_finite(), "non-finite value {m:?} in {text:?}");
        if let Some(upper) = m.upper {
            prop_assert!(upper.is_finite(), "non-finite upper {m:?} in {text:?}");
            prop_assert!(upper >= m.value, "upper below value {m:?} in {text:?}");
        }
    }
    Ok(())
}

/// Pieces that numerals, units, qualifiers and ranges are made of.
const PIECES: &[&str] = &[
    "零",
    "〇",
    "一",
    "二",
    "两",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "十",
    "百",
    "千",
    "万",
    "亿",
    "兆",
    "壹",
    "贰",
    "叁",
    "肆",
    "伍",
    "陆",
    "柒",
    "捌",
    "玖",
    "拾",
    "佰",
    "仟",
    "萬",
    "億",
    "幺",
    "廿",
    "卅",
    "几",
    "数",
    "多",
    "余",
    "来",
    "点",
    "负",
    "第",
    "成",
    "0",
    "1",
    "2",
    "3",
    "5",
    "7",
    "9",
    "０",
    "１",
    "５",
    "９",
    ".",
    "．",
    ",",
    "，",
    "。",
    "、",
    "-",
    "－",
    "—",
    "~",
    "～",
    "至",
    "到",
    "从",
    "元",
    "块",
    "角",
    "毛",
    "分",
    "钱",
    "整",
    "万元",
    "亿元",
    "美元",
    "人民币",
    "港币",
    "￥",
    "$",
    "RMB",
    "CNY",
    "个",
    "人",
    "次",
    "人次",
    "(次)",
    "（含）",
    "(含)",
    "家",
    "名",
    "%",
    "％",
    "分之",
    "∶",
    ":",
    "倍",
    "翻",
    "番",
    "每",
    "/升",
    "百分之",
    "百分",
    "个百分点",
    "千克",
    "千米",
    "平方米",
    "亩",
    "吨",
    "k",
    "w",
    "K",
    " ",
    "约",
    "近",
    "超过",
    "不到",
    "以上",
    "以下",
    "左右",
    "上",
    "年",
    "月",
    "日",
    "投入",
    "资金",
    "岗位",
    "企业",
    "提供",
    "共",
    "a",
    "#",
    "/",
    "_",
    "\n",
];

fn pieces_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|p| p.concat())
}

/// Arbitrary chars weighted towards the ones the scanner cares about.
fn mixed_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(PIECES).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..48).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn chinese_lowercase_reads_back(n in integer(), bare_ten: bool, liang: bool) {
        let s = to_chinese(n, &LOWER, Variant { bare_ten, liang });
        let s = if liang { with_liang_before_big(s, &LOWER) } else { s };
        prop_assert_eq!(parse_number(&s), Some(n as f64), "{}", s);
    }

    #[test]
    fn chinese_uppercase_reads_back(n in integer(), bare_ten: bool, trad: bool) {
        let style = if trad { &UPPER_TRAD } else { &UPPER };
        let s = to_chinese(n, style, Variant { bare_ten, liang: false });
        prop_assert_eq!(parse_number(&s), Some(n as f64), "{}", s);
    }

    #[test]
    fn arabic_with_separators_reads_back(n in integer(), sep in prop::sample::select(vec![',', '，']), fw: bool, grouped: bool) {
        let s = if grouped { with_commas(n, sep) } else { n.to_string() };
        let s = if fw { full_width(&s) } else { s };
        prop_assert_eq!(parse_number(&s), Some(n as f64), "{}", s);
    }

    #[test]
    fn wan_yuan_in_a_sentence(x in 1u64..=99_999) {
        let text = format!("投入资金{x}万元。");
        let found = extract(&text);
        prop_assert_eq!(found.len(), 1, "{:?}", found);
        let m = &found[0];
        prop_assert_eq!(m.value, (x * 10_000) as f64);
        prop_assert_eq!(m.unit.as_str(), "元");
        prop_assert_eq!(m.kind, MetricKind::Money);
        prop_assert_eq!(&m.text, &format!("{x}万元"));
    }

    /// Issue 17: a fraction is the same figure written 十六分之三 and 3/16 (slashed denominators
    /// go up to 1000).
    #[test]
    fn fractions_read_the_same_in_chinese_and_arabic(n in 1u64..=499, extra in 1u64..=500) {
        let d = n + extra;
        let v = Variant { bare_ten: true, liang: false };
        let zh = format!("占{}分之{}的农户", to_chinese(d, &LOWER, v), to_chinese(n, &LOWER, v));
        let ar = format!("占{n}/{d}的农户");
        for text in [&zh, &ar] {
            let found = extract(text);
            prop_assert_eq!(found.len(), 1, "{}: {:?}", text, found);
            prop_assert_eq!(found[0].kind, MetricKind::Fraction);
            prop_assert_eq!(found[0].value, n as f64 / d as f64, "{}", text);
        }
    }

    #[test]
    fn extract_is_well_formed_on_numeral_text(text in pieces_text()) {
        check_metrics(&text, &extract(&text))?;
    }

    #[test]
    fn extract_is_well_formed_on_mixed_text(text in mixed_text()) {
        check_metrics(&text, &extract(&text))?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn extract_is_well_formed_on_any_string(text in any::<String>()) {
        check_metrics(&text, &extract(&text))?;
    }
}

/// Regression (minimised by the properties above, fixed in 86a5822): the currency word or 上 that
/// ends one metric (3人民币 — 人民币 read as the unit; 万元以上) was read again as the prefix of
/// the next (人民币5元; 上万元), so the spans overlapped.
#[test]
fn metrics_do_not_overlap() {
    for text in ["零人民币零", "3人民币5元", "万元以上万元", "收入3000元以上万元户", "$零以上$百"] {
        let found = extract(text);
        for w in found.windows(2) {
            assert!(w[0].end <= w[1].start, "{text}: {:?} overlaps {:?}", w[0].text, w[1].text);
        }
    }
}

/// Regression (fixed in 86a5822): 负 flipped the sign of both bounds without swapping them, so a
/// negative range had `upper < value` (负百分之三到五 → -3, upper -5), and 负百分之几 (before
/// 百分…, where 几 stands alone) gave value -0.0 with upper -10.
#[test]
fn negated_ranges_keep_value_as_the_lower_bound() {
    for text in ["负百分之几百分之", "负百分之三到五", "负百分之三到百分之五", "负百分之七八"] {
        let m = &extract(text)[0];
        assert!(m.upper.is_some_and(|u| u >= m.value), "{text}: {m:?}");
    }
}
