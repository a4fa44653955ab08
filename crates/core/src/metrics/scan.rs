//! The scanner: finds numerals, then reads what is around them — currency and qualifier before,
//! unit, sub-units, range and qualifier after — and keeps those that form a metric.

use super::numeral::{may_start, numeral_at, Approx, CharSet, Numeral, NUMERAL_START};
use super::units::{currency_before, names_people, qualifier_after, qualifier_before, range_sep_at, strip_inclusive, unit_at, Unit};
use super::{Metric, MetricKind, Qualifier};

/// What may follow a Chinese numeral character in a metric: more numeral, a unit, 多/余/来,
/// 个 (两个亿), 点 (三点五), 成, 百分, range separators, qualifiers, a space or a bracket.
static CAN_FOLLOW: CharSet = NUMERAL_START.union(&super::units::UNIT_START).union(&CharSet::new(&[
    '多', '余', '来', '个', '点', '成', '分', '之', '至', '到', '~', '～', '-', '－', '—', '–', '−', '―', '以', '左', '上', '有', '(',
    '（', ' ', '整', '正', '角', '毛', '钱', '∶',
]));

/// A whole input read as one amount (see [`parse_amount`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Amount {
    pub value: f64,
    pub upper: Option<f64>,
    /// `None` when the input names no unit.
    pub unit: Option<String>,
    pub kind: Option<MetricKind>,
    pub qualifier: Qualifier,
}

/// A match before it becomes a [`Metric`] (byte offsets).
#[derive(Debug)]
struct Found {
    start: usize,
    end: usize,
    value: f64,
    upper: Option<f64>,
    unit: Option<(&'static str, MetricKind)>,
    /// The denominator of a rate (7.5元/升 → 升).
    per: Option<&'static str>,
    qualifier: Qualifier,
}

/// Finds every metric in `text`, in order, with character offsets.
///
/// ```
/// use yuedu_core::metrics::{extract, MetricKind, Qualifier};
/// let m = extract("两区累计投入财政资金9500万元，提供岗位15000多个。");
/// assert_eq!(m[0].text, "9500万元");
/// assert_eq!((m[0].value, m[0].kind), (95_000_000.0, MetricKind::Money));
/// assert_eq!(m[0].label.as_deref(), Some("财政资金"));
/// assert_eq!((m[1].text.as_str(), m[1].qualifier, m[1].upper), ("15000多个", Qualifier::Over, Some(16000.0)));
/// assert!(extract("2021年以来，12月4日，第3次，832平台").is_empty());
/// ```
pub fn extract(text: &str) -> Vec<Metric> {
    // News text carries about one metric per 200 bytes.
    let mut out = Vec::with_capacity(text.len() / 200);
    let (mut counted_bytes, mut counted_chars) = (0usize, 0usize);
    let mut last_end = 0usize;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        // Fast path: decode just enough of each character to test it against a bitmap.
        let b = bytes[i];
        let (code, width) = match b {
            0x00..=0x7F => (u32::from(b), 1),
            0xC0..=0xDF => (0, 2),
            0xE0..=0xEF if i + 2 < bytes.len() => {
                ((u32::from(b & 0x0F) << 12) | (u32::from(bytes[i + 1] & 0x3F) << 6) | u32::from(bytes[i + 2] & 0x3F), 3)
            }
            0xF0..=0xFF => (0, 4),
            _ => (0, 1),
        };
        if !(NUMERAL_START.contains_code(code) || code == '负' as u32) {
            i += width;
            continue;
        }
        // Most Chinese numeral characters are inside ordinary words (一体化, 万一, 千万): a
        // metric needs another numeral, a unit, or an approximation/range word right after.
        if code >= 0x80 && code != '负' as u32 {
            let next = text[i + width..].chars().next().map_or(0, |c| c as u32);
            if !CAN_FOLLOW.contains_code(next) {
                i += width;
                continue;
            }
        }
        match match_at(text, i, false, last_end) {
            Some(found) => {
                counted_chars += text[counted_bytes..found.start].chars().count();
                counted_bytes = found.start;
                let start = counted_chars;
                let span = &text[found.start..found.end];
                let end = start + span.chars().count();
                let (unit, kind) = found.unit.unwrap_or(("", MetricKind::Count));
                let label = super::label::label_for(text, found.start, found.end, kind, unit);
                // 15000多个岗位, 6.2万贫困群众: a general classifier (or none) counting people.
                let people = kind == MetricKind::Count && label.as_deref().is_some_and(names_people);
                let (unit, kind) = match found.per {
                    Some(per) => ([unit, "/", per].concat(), MetricKind::Rate),
                    None => (unit.to_owned(), if people { MetricKind::People } else { kind }),
                };
                out.push(Metric {
                    text: span.to_owned(),
                    start,
                    end,
                    value: found.value,
                    upper: found.upper,
                    unit,
                    kind,
                    qualifier: found.qualifier,
                    label,
                    byte_start: found.start,
                    byte_end: found.end,
                });
                i = found.end;
                last_end = found.end;
            }
            None => i = skip_numeral(text, i),
        }
    }
    out
}

/// Reads the whole of `text` as one amount: `1万-5万元`, `约4.287亿美元`, `一七二零`, `负零点一`.
/// `None` unless the amount covers the input (trailing 整/正 and spaces allowed).
///
/// ```
/// use yuedu_core::metrics::{parse_amount, Qualifier};
/// let a = parse_amount("从8500到3万港元").unwrap();
/// assert_eq!((a.value, a.upper, a.unit.as_deref(), a.qualifier), (8500.0, Some(30000.0), Some("港元"), Qualifier::Range));
/// ```
pub fn parse_amount(text: &str) -> Option<Amount> {
    let t = text.trim();
    // Leading words that only introduce the amount.
    let start = ["从", "共计", "共"].iter().find_map(|p| t.strip_prefix(p).map(|r| t.len() - r.len())).unwrap_or(0);
    let begin = (start..t.len())
        .find(|&i| t.is_char_boundary(i) && t[i..].chars().next().is_some_and(|c| may_start(c) || c == '负' || c == '-'))?;
    let found = match_at(t, begin, true, 0)?;
    let tail = t[found.end..].trim_matches(|c: char| c.is_whitespace() || matches!(c, '整' | '正' | '。' | '.'));
    if !tail.is_empty() {
        return None;
    }
    // Only qualifier/currency words may come before the amount.
    if found.start > start && qualifier_before(t, begin, true).is_none() && currency_before(t, begin).is_none() {
        return None;
    }
    Some(Amount {
        value: found.value,
        upper: found.upper,
        unit: found.unit.map(|(u, _)| u.to_owned()),
        kind: found.unit.map(|(_, k)| k),
        qualifier: found.qualifier,
    })
}

/// Skips the rest of a numeral run that did not make a metric, so its digits are not retried
/// one by one (a phone number is not twelve metrics).
fn skip_numeral(s: &str, i: usize) -> usize {
    let mut j = i;
    for c in s[i..].chars() {
        if may_start(c) || matches!(c, '.' | '．' | ',' | '，' | '点' | '负') && j > i {
            j += c.len_utf8();
        } else {
            break;
        }
    }
    j.max(i + s[i..].chars().next().map_or(1, char::len_utf8))
}

/// Tries to read a metric whose numeral (or 负/百分之) starts at byte `i`.
/// `floor` is where the previous metric ended: words before the number (a currency, 约, 上)
/// are only read back to there, so two metrics never share a word (3人民币5元, 万元以上万元).
fn match_at(s: &str, i: usize, whole: bool, floor: usize) -> Option<Found> {
    let before = s[..i].chars().next_back();
    let currency = currency_before(s, i).filter(|&(_, start)| start >= floor);
    if !whole
        && currency.is_none()
        && before.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '第' | '.' | '#' | '_' | '/' | '@' | '序'))
    {
        return None;
    }
    let mut j = i;
    let negative = if let Some(r) = s[j..].strip_prefix("负的").or_else(|| s[j..].strip_prefix('负')) {
        j = s.len() - r.len();
        true
    } else if whole && s[j..].starts_with('-') {
        j += 1;
        true
    } else {
        false
    };
    let percent_prefix = percent_prefix_at(s, j);
    if let Some(after) = percent_prefix {
        j = after;
    }
    let n1 = numeral_at(s, j, whole)?;
    if n1.digit_string && !whole {
        return None;
    }

    // The first unit, with money sub-units (123元1角1分); or a fraction or ratio.
    let mut pos = n1.end;
    let mut value = n1.lower;
    let mut upper = n1.upper;
    let mut unit: Option<Unit> = None;
    let mut start = i;
    let quotient = if percent_prefix.is_some() { None } else { fraction_at(s, &n1, whole).or_else(|| ratio_at(s, &n1, whole)) };
    if negative && percent_prefix.is_none() && quotient.is_none_or(|(u, ..)| u.kind != MetricKind::Fraction) && !whole {
        return None; // 负 in running text is mostly 负责, 负担; 负十二分之七 is a number
    }
    if percent_prefix.is_some() {
        unit = Some(PERCENT);
    } else if let Some((u, q, end)) = quotient {
        unit = Some(u);
        value = q;
        pos = end;
    } else if let Some((u, end)) = unit_at(s, pos) {
        unit = Some(u);
        pos = end;
        if u.yuan {
            let (cents, end) = sub_units(s, pos);
            value += cents;
            pos = end;
        }
        if u.name == "番" {
            // 翻一番 = ×2, 翻两番 = ×4; 三番五次 is not a figure.
            let verb = ["翻了", "翻"].into_iter().find(|w| s[..i].ends_with(w))?;
            start = i - verb.len();
            // Whole doublings only, by shifting: `powf` would link libm's pow into the wasm.
            let doubled = |n: f64| (n.fract() == 0.0 && (1.0..=16.0).contains(&n)).then(|| f64::from(1u32 << n as u32));
            value = doubled(value)?;
            upper = match upper {
                Some(u) => Some(doubled(u)?),
                None => None,
            };
            unit = Some(Unit { name: "倍", ..u });
        }
    } else if let Some(end) = cheng_at(s, pos, &n1) {
        // 三成 = 30%.
        value *= 10.0;
        upper = upper.map(|u| u * 10.0);
        unit = Some(PERCENT);
        pos = end;
    }

    // A range: N1 [unit] [(含)] sep N2 [unit].
    let mut qualifier = None;
    let (_, incl) = strip_inclusive(&s[pos..]);
    let single = quotient.is_some() || unit.is_some_and(|u| u.kind == MetricKind::Multiple && start < i);
    if let Some(sep_end) = range_sep_at(s, pos + incl).filter(|_| !single) {
        if let Some((n2, u2, end2)) = range_right(s, sep_end, percent_prefix.is_some(), whole) {
            let unit_ok = match (unit, u2) {
                (Some(a), Some(b)) => a.name == b.name,
                (None, Some(_)) => true,
                (Some(a), None) => a.kind == MetricKind::Percent,
                (None, None) => whole || currency.is_some() || (n1.informal && n2.informal),
            };
            let dash = matches!(&s[pos + incl..sep_end].trim(), &("-" | "－" | "−"));
            let (lo, hi) = range_bounds(&n1, &n2, dash);
            if unit_ok && hi >= lo && !n2.digit_string {
                value = lo;
                upper = Some(hi);
                unit = unit.or(u2);
                qualifier = Some(Qualifier::Range);
                pos = end2;
                if u2.is_some_and(|u| u.yuan) {
                    pos = sub_units(s, pos).1;
                }
            }
        }
    }

    // Currency written before the number, or a second currency after 元 (三万元欧元).
    let currency = currency.map(|(name, cstart)| {
        start = cstart;
        name
    });
    if unit.is_some_and(|u| u.kind == MetricKind::Money) {
        // 三万元欧元, 9000元日币, 数十亿元人民币: a second currency word names the currency.
        if let Some((u2, end)) = unit_at(s, pos).filter(|(u, _)| u.kind == MetricKind::Money) {
            unit = Some(u2);
            pos = end;
        }
    }
    let unit_name: Option<(&'static str, MetricKind)> = match (unit, currency) {
        (Some(u), Some(c)) if u.kind == MetricKind::Money && u.name == "元" => Some((c, MetricKind::Money)),
        (Some(u), _) => Some((u.name, u.kind)),
        (None, Some(c)) => Some((c, MetricKind::Money)),
        // 10k~15k: the informal k/w of salaries and prices.
        (None, None) if n1.informal => Some(("元", MetricKind::Money)),
        (None, None) if whole => None,
        // 6.2万建档立卡贫困群众: 万/亿 before the noun counted.
        (None, None) if counts_noun_after(s, &n1, pos) => Some(("", MetricKind::Count)),
        (None, None) => return None,
    };
    // A rate: 7.5元/升, 389.7公斤/亩, 1200元每吨.
    let mut per = None;
    if unit.is_some_and(|u| u.kind.counts() || u.kind == MetricKind::Money || u.kind == MetricKind::Measure) {
        if let Some((den, end)) = per_after(s, pos) {
            per = Some(den);
            pos = end;
        }
    }

    // Qualifiers after and before.
    let mut after_q = None;
    if let Some((q, end)) = qualifier_after(s, pos) {
        // 以上/以下 after a bare number without a unit are about the number (三年以上 has no unit).
        after_q = Some(q);
        pos = end;
    }
    let mut before_q = None;
    if let Some((q, qstart)) = qualifier_before(s, start, n1.bare).filter(|&(_, qs)| qs >= floor) {
        before_q = Some(q);
        start = qstart;
    } else if !whole && s[..start].ends_with('从') && qualifier == Some(Qualifier::Range) {
        start -= '从'.len_utf8();
    } else if unit_name.is_some_and(|(_, k)| k == MetricKind::Percent || k == MetricKind::Fraction) {
        // 不到世界9%的耕地, 近全国三分之一: the qualifier before the whole of which this is a share.
        before_q = qualifier_across(s, start, floor);
    }
    // 亩产389.7公斤, 每吨1200元: the denominator written before the number.
    if per.is_none() && unit.is_some_and(|u| u.kind == MetricKind::Money || u.kind == MetricKind::Measure) {
        per = per_before(&s[floor..start]);
    }

    // What makes a numeral with a unit still not a metric.
    if !whole {
        let (_, kind) = unit_name?;
        let counted = unit.is_some_and(|u| u.whole);
        if counted && value.fract() != 0.0 && !n1.has_mag {
            return None; // 2.2本 is a section number, not 2.2 books
        }
        // 一个规划, 一次活动, 每一块茶园, 一度, 一两个: 一 as an article or in a word, not a count.
        let word_like = unit
            .is_some_and(|u| u.whole || matches!(u.name, "度" | "两") || s[n1.end..].starts_with("块") && !s[n1.end..].starts_with("块钱"));
        if n1.lone_one && word_like && before_q.is_none() && qualifier.is_none() {
            return None;
        }
        if n1.bare && (kind.counts() || kind == MetricKind::Measure) && before_q.is_none() {
            return None; // 千家万户
        }
        if unit.is_some_and(|u| u.yuan) && glued_into_word(s, &n1, pos) && qualifier.is_none() && before_q.is_none() && after_q.is_none() {
            return None; // 粮经饲三元结构, 二元经济
        }
    }

    let qualifier = qualifier.unwrap_or(match n1.approx {
        Approx::Over => Qualifier::Over,
        Approx::Range => Qualifier::Range,
        _ => after_q.or(before_q).unwrap_or(if n1.approx == Approx::About { Qualifier::About } else { Qualifier::Exact }),
    });
    // -13%: a minus sign written before a percentage (not a range dash: nothing numeric before it).
    let mut dash_negative = false;
    if !whole && !negative && unit_name.is_some_and(|(_, k)| k == MetricKind::Percent || k == MetricKind::Fraction) && start == i {
        if let Some(dash) = ['-', '－', '−'].into_iter().find(|d| s[..i].ends_with(*d)) {
            let before_dash = s[..i - dash.len_utf8()].chars().next_back();
            if before_dash.is_none_or(|c| !(c.is_alphanumeric() && (c.is_ascii() || may_start(c)))) {
                dash_negative = true;
                start -= dash.len_utf8();
            }
        }
    }
    // A negated range keeps `value` as its lower bound: 负百分之三到五 is -5 … -3 (and no -0.0).
    let (value, upper) = if negative || dash_negative {
        match upper {
            Some(u) => (-u + 0.0, Some(-value + 0.0)),
            None => (-value + 0.0, None),
        }
    } else {
        (value, upper)
    };
    if !value.is_finite() || upper.is_some_and(|u| !u.is_finite()) {
        return None;
    }
    Some(Found { start, end: pos, value, upper, unit: unit_name, per, qualifier })
}

const PERCENT: Unit = Unit { name: "%", kind: MetricKind::Percent, whole: false, yuan: false };
const FRACTION: Unit = Unit { name: "", kind: MetricKind::Fraction, whole: false, yuan: false };
const RATIO: Unit = Unit { name: "", kind: MetricKind::Ratio, whole: false, yuan: false };

/// 三分之一, 十六分之三 (the denominator is written first), 2/3, 1 / 2: the quotient and the
/// offset after it. Slashed fractions are small integers with the numerator below the
/// denominator: 12/4 and 2023/12/07 are dates.
fn fraction_at(s: &str, n1: &Numeral, whole: bool) -> Option<(Unit, f64, usize)> {
    if n1.approx != Approx::None || n1.lower == 0.0 {
        return None;
    }
    if let Some(rest) = s[n1.end..].strip_prefix("分之") {
        let n2 = numeral_at(s, s.len() - rest.len(), whole).filter(|n| n.approx == Approx::None && !n.digit_string)?;
        return Some((FRACTION, n2.lower / n1.lower, n2.end));
    }
    if n1.int_digits == 0 || !n1.integer || n1.has_mag {
        return None;
    }
    let rest = s[n1.end..].trim_start_matches(' ').strip_prefix('/')?.trim_start_matches(' ');
    let at = s.len() - rest.len();
    let n2 = rest.starts_with(|c: char| c.is_ascii_digit()).then(|| numeral_at(s, at, whole)).flatten()?;
    let plain = n2.integer && !n2.has_mag && n2.approx == Approx::None && n2.lower > n1.lower && n2.lower <= 1000.0;
    let date = matches!(s[n2.end..].chars().next(), Some('/' | '.' | '-'));
    (plain && !date).then(|| (FRACTION, n1.lower / n2.lower, n2.end))
}

/// 2.4∶1, and 3:2 or 3：2 after a word for a ratio (比例为3:2; 15:30 is a time, 比分 a score):
/// the quotient and the offset after it.
fn ratio_at(s: &str, n1: &Numeral, whole: bool) -> Option<(Unit, f64, usize)> {
    let sep = s[n1.end..].chars().next().filter(|c| matches!(c, '∶' | ':' | '：'))?;
    if sep != '∶' && !whole {
        let near_start = s[..n1.start].char_indices().rev().nth(7).map_or(0, |(k, _)| k);
        let near = &s[near_start..n1.start];
        // The last 比 before the number, not 比分 or 比赛.
        let word = near.char_indices().rev().find(|&(_, c)| c == '比').map(|(k, _)| near[k + '比'.len_utf8()..].chars().next());
        if !matches!(word, Some(Some(c)) if c != '分' && c != '赛') {
            return None;
        }
    }
    if n1.approx != Approx::None {
        return None;
    }
    let n2 = numeral_at(s, n1.end + sep.len_utf8(), whole).filter(|n| n.approx == Approx::None && !n.digit_string && n.lower > 0.0)?;
    // 1:2:3 proportions and 15:30:00 times are not one ratio.
    if matches!(s[n2.end..].chars().next(), Some('∶' | ':' | '：')) {
        return None;
    }
    Some((RATIO, n1.lower / n2.lower, n2.end))
}

/// Time words that may follow a rate's slash besides the units (3000元/月).
const PER_TIME: &[&str] = &["年", "月", "天", "日", "周"];

/// The denominator of a rate right after its unit: `/升`, `/亩`, `/人`, `/月`, `每吨`.
fn per_after(s: &str, pos: usize) -> Option<(&'static str, usize)> {
    let rest = &s[pos..];
    let after = rest.strip_prefix(|c| matches!(c, '/' | '／' | '每'))?;
    per_unit_at(s, s.len() - after.len())
}

/// A rate's denominator at byte `at`: a unit of measure or count, or a time word.
fn per_unit_at(s: &str, at: usize) -> Option<(&'static str, usize)> {
    if let Some((u, end)) = unit_at(s, at).filter(|(u, _)| u.kind.counts() || u.kind == MetricKind::Measure) {
        return Some((u.name, end));
    }
    PER_TIME.iter().find(|w| s[at..].starts_with(**w)).map(|w| (*w, at + w.len()))
}

/// The denominator written before the number: 亩产/亩均 (per 亩), 每吨, 每公斤, 每年.
fn per_before(head: &str) -> Option<&'static str> {
    if head.ends_with("亩产") || head.ends_with("亩均") {
        return Some("亩");
    }
    let every = head.char_indices().rev().take(6).find(|&(_, c)| c == '每')?.0 + '每'.len_utf8();
    per_unit_at(head, every).filter(|&(_, end)| end == head.len()).map(|(den, _)| den)
}

/// A qualifier a few characters before a share, across the whole it is a share of: 不到
/// *世界*9%, 近*全国*三分之一. The gap is at most four Han characters with no numeral and no
/// verb or function word in it.
fn qualifier_across(s: &str, start: usize, floor: usize) -> Option<Qualifier> {
    use super::label::boundary_at;
    use crate::zh::is_han;
    for (n, (k, c)) in s[floor..start].char_indices().rev().enumerate() {
        if n >= 4 || !is_han(c) || may_start(c) || boundary_at(&s[floor + k..]) {
            return None;
        }
        if let Some((q, qs)) = qualifier_before(s, floor + k, false) {
            return (qs >= floor).then_some(q);
        }
    }
    None
}

/// 万/亿 before the noun they count, with no classifier: 6.2万建档立卡贫困群众, 六千万农民. Not
/// a round 十万/一万 (十万火急), nor before a time (3亿年), a verb or a function word.
fn counts_noun_after(s: &str, n1: &Numeral, pos: usize) -> bool {
    let written = n1.lower / n1.trailing_mag;
    let round = n1.int_digits == 0 && [1.0, 10.0, 100.0, 1000.0].contains(&written);
    let next = s[pos..].chars().next();
    n1.has_mag
        && n1.trailing_mag >= 1e4
        && !n1.informal
        && !round
        && n1.approx == Approx::None
        && next.is_some_and(|c| crate::zh::is_han(c) && !may_start(c) && !matches!(c, '年' | '月' | '日' | '天' | '时' | '周'))
        && !super::label::boundary_at(&s[pos..])
        && qualifier_after(s, pos).is_none()
}

/// A small Chinese numeral and 元 inside a word (粮经饲三元结构, 二元经济, 一元化 is caught
/// by the unit table): the character after 元 starts another word rather than ending the amount.
fn glued_into_word(s: &str, n1: &Numeral, pos: usize) -> bool {
    let small = n1.int_digits == 0 && !n1.has_mag && n1.integer && n1.approx == Approx::None && n1.lower <= 10.0;
    let next = s[pos..].chars().next();
    small && next.is_some_and(|c| crate::zh::is_han(c) && !may_start(c)) && !super::label::boundary_at(&s[pos..])
}

/// 百分之 / 百分 before a numeral (百分之二点一五, 百分三十, 百分百).
fn percent_prefix_at(s: &str, i: usize) -> Option<usize> {
    let rest = &s[i..];
    if let Some(r) = rest.strip_prefix("百分之") {
        return Some(s.len() - r.len());
    }
    let r = rest.strip_prefix("百分")?;
    let next = r.chars().next()?;
    (super::numeral::chinese_digit(next).is_some() || matches!(next, '十' | '百')).then(|| s.len() - r.len())
}

/// 成 as a tenth (三成 = 30%, 七八成), but not 成为, 建成.
fn cheng_at(s: &str, i: usize, n: &Numeral) -> Option<usize> {
    let rest = s[i..].strip_prefix('成')?;
    let small = n.int_digits == 0 && n.lower <= 10.0 && n.upper.is_none_or(|u| u <= 10.0) && !n.lone_one;
    let next = rest.chars().next();
    let word = matches!(
        next,
        Some('为' | '立' | '功' | '本' | '果' | '员' | '交' | '熟' | '长' | '绩' | '型' | '品' | '就' | '效' | '片' | '群' | '了')
    );
    (small && !word).then_some(i + '成'.len_utf8())
}

/// The right side of a range: a numeral (or 百分之 + numeral) and its unit.
fn range_right(s: &str, i: usize, percent: bool, whole: bool) -> Option<(Numeral, Option<Unit>, usize)> {
    let (j, percent_here) = match percent_prefix_at(s, i) {
        Some(after) => (after, true),
        None => (i, false),
    };
    if s[j..].chars().next().is_none_or(|c| !may_start(c)) {
        return None;
    }
    let n2 = numeral_at(s, j, whole)?;
    if percent_here || (percent && unit_at(s, n2.end).is_none()) {
        let end = if s[n2.end..].starts_with(['%', '％']) { n2.end + s[n2.end..].chars().next()?.len_utf8() } else { n2.end };
        return Some((n2, Some(PERCENT), end));
    }
    match unit_at(s, n2.end) {
        Some((u, end)) => Some((n2, Some(u), end)),
        None => Some((n2.clone(), None, n2.end)),
    }
}

/// Bounds of N1–N2: N1 borrows N2's magnitude (两到三万 → 2万–3万, 八到九百亿 → 8亿) when that
/// keeps the order, and 730-40 is shorthand for 730–740.
fn range_bounds(n1: &Numeral, n2: &Numeral, dash: bool) -> (f64, f64) {
    let mut lo = n1.lower;
    let hi = n2.upper.unwrap_or(n2.lower);
    if !n1.has_mag && n2.trailing_mag > 1.0 && lo * n2.trailing_mag <= n2.lower && n1.approx == Approx::None {
        lo *= n2.trailing_mag;
    }
    if dash && hi < lo && n1.int_digits > 0 && n2.int_digits > 0 && n2.int_digits < n1.int_digits && n1.integer && n2.integer {
        let unit = 10f64.powi(n2.int_digits as i32);
        let base = (n1.lower / unit).floor() * unit;
        let written2 = n2.lower / n2.trailing_mag;
        let short = (base / n1.trailing_mag.max(1.0)).max(base) + written2;
        let hi = if n2.has_mag { short * n2.trailing_mag } else { short };
        return (lo, hi);
    }
    (lo, hi)
}

/// 角/毛 and 分 after 元/块, then 钱/整/正: 123元1角1分 → 0.11.
fn sub_units(s: &str, mut pos: usize) -> (f64, usize) {
    let mut cents = 0.0;
    for (marks, scale) in [(&['角', '毛'][..], 0.1), (&['分'][..], 0.01)] {
        let Some(n) = s[pos..].chars().next().filter(|&c| may_start(c)).and_then(|_| numeral_at(s, pos, false)) else { continue };
        let Some(c) = s[n.end..].chars().next().filter(|c| marks.contains(c)) else { continue };
        if n.lower > 9.0 || n.lower.fract() != 0.0 {
            break;
        }
        cents += n.lower * scale;
        pos = n.end + c.len_utf8();
    }
    for tail in ["钱", "整", "正"] {
        if let Some(r) = s[pos..].strip_prefix(tail) {
            pos = s.len() - r.len();
        }
    }
    (cents, pos)
}
