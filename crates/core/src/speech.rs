//! 朗读: what read-aloud says. Text is cut into sentences (one utterance each, so the one being
//! read can be highlighted), and figures are written out as a listener hears them: speech
//! engines read `9500万元` digit by digit or as "nine thousand five hundred", so each number
//! becomes Chinese numerals in its context —
//!
//! - amounts and counts: `9500万元` → 九千五百万元, `3500多万元` → 三千五百多万元,
//!   `15000多个` → 一万五千多个, `82,225.00元` → 八万二千二百二十五元, `2000` → 两千;
//! - the metrics extractor's kinds decide signs: `12.7%` → 百分之十二点七, `2/3` → 三分之二,
//!   `2.4∶1` → 二点四比一, `7.5元/升` → 七点五元每升, `1万-5万元` → 一万至五万元;
//! - years and dates digit by digit: `2023年` → 二零二三年, `2023-12-07` → 二零二三年十二月七日;
//!   times: `15:58` → 十五点五十八分;
//! - phone and other long numbers digit by digit, 1 as 幺: `0718-8234567` →
//!   零七幺八，八二三四五六七.

use std::ops::Range;

use crate::metrics::{extract, MetricKind};

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// The sentences of `text`, as ranges in UTF-16 code units (what the DOM's offsets count):
/// cut after 。！？；… (with the closing quotes and brackets that follow), at line breaks, and
/// at a comma when a sentence runs past 80 characters (long utterances are cut short by some
/// speech engines). Ranges without anything to say (only spaces) are left out.
///
/// ```
/// use yuedu_core::speech::sentences;
/// let text = "他说：“好。”然后走了！";
/// let cut: Vec<String> = sentences(text).into_iter().map(|r| String::from_utf16(&text.encode_utf16().collect::<Vec<_>>()[r]).unwrap()).collect();
/// assert_eq!(cut, ["他说：“好。”", "然后走了！"]);
/// ```
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    const ENDS: &[char] = &['。', '！', '？', '!', '?', '；', ';', '…', '\n'];
    const CLOSERS: &[char] = &['”', '’', '」', '』', '）', ')', '】', '》', '"', '\''];
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let (mut start, mut at, mut units) = (0usize, 0usize, 0usize); // start: UTF-16; at: char index
    let mut run = 0usize; // characters since the sentence started
    let mut push = |from: usize, to: usize, chars: &[char]| {
        if chars.iter().any(|c| !c.is_whitespace()) {
            out.push(from..to);
        }
    };
    let mut begin = 0usize; // char index of the sentence's start
    while at < chars.len() {
        let c = chars[at];
        units += c.len_utf16();
        at += 1;
        run += 1;
        let end = ENDS.contains(&c) || (run > 80 && matches!(c, '，' | ','));
        if end {
            while at < chars.len() && (CLOSERS.contains(&chars[at]) || (ENDS.contains(&chars[at]) && chars[at] != '\n')) {
                units += chars[at].len_utf16();
                at += 1;
            }
            push(start, units, &chars[begin..at]);
            start = units;
            begin = at;
            run = 0;
        }
    }
    if begin < chars.len() {
        push(start, units, &chars[begin..]);
    }
    out
}

/// `text` as it should be said: figures written out in words (module docs), everything else as
/// it is.
///
/// ```
/// use yuedu_core::speech::spoken;
/// assert_eq!(spoken("累计投入资金9500万元，增长12.7%"), "累计投入资金九千五百万元，增长百分之十二点七");
/// ```
pub fn spoken(text: &str) -> String {
    let metrics = extract(text);
    let kind_at = |b: usize| metrics.iter().find(|m| m.byte_start <= b && b < m.byte_end).map(|m| m.kind);
    let mut out = String::with_capacity(text.len() * 2);
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let c = rest.chars().next().unwrap_or_default();
        if digit(c).is_some() {
            i += number(text, i, kind_at(i), &mut out);
            continue;
        }
        let kind = kind_at(i);
        let between_digits = prev_char(text, i).is_some_and(|p| digit(p).is_some() || "万亿千百萬億".contains(p))
            && rest[c.len_utf8()..].chars().next().is_some_and(|n| digit(n).is_some());
        match (c, kind) {
            ('-' | '－' | '–' | '—' | '~' | '～', Some(_)) if between_digits => out.push('至'),
            ('-' | '－', Some(_)) if rest[1..].chars().next().and_then(digit).is_some() => out.push('负'),
            ('/' | '／', Some(MetricKind::Rate)) => out.push('每'),
            (':' | '：' | '∶', Some(MetricKind::Ratio)) => out.push('比'),
            _ => out.push(c),
        }
        i += c.len_utf8();
    }
    out
}

fn digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => Some((c as u32 - '０' as u32) as u8),
        _ => None,
    }
}

fn prev_char(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

/// The digits of a run starting at byte `i`, and the byte just after it.
fn run(text: &str, i: usize) -> (String, usize) {
    let mut digits = String::new();
    let mut end = i;
    for c in text[i..].chars() {
        match digit(c) {
            Some(d) => digits.push((b'0' + d) as char),
            None => break,
        }
        end += c.len_utf8();
    }
    (digits, end)
}

/// Reads the number that starts at byte `i` (a digit) into `out`; returns the bytes consumed.
fn number(text: &str, i: usize, kind: Option<MetricKind>, out: &mut String) -> usize {
    let (first, mut end) = run(text, i);
    let next = |at: usize| text[at..].chars().next();
    let after = |at: usize, c: char| at + c.len_utf8();
    // A date: 2023-12-07, 2023/12/07, 2023.12.07.
    if first.len() == 4 && kind.is_none() {
        if let Some(sep @ ('-' | '/' | '.')) = next(end) {
            let (month, m_end) = run(text, end + 1);
            if (1..=2).contains(&month.len()) && next(m_end) == Some(sep) {
                let (day, d_end) = run(text, m_end + 1);
                if (1..=2).contains(&day.len()) {
                    out.push_str(&read_digits(&first, false));
                    out.push('年');
                    out.push_str(&read_integer(&month, false));
                    out.push('月');
                    out.push_str(&read_integer(&day, false));
                    out.push('日');
                    return d_end - i;
                }
            }
        }
    }
    // A time of day: 15:58.
    if (1..=2).contains(&first.len()) && kind != Some(MetricKind::Ratio) {
        if let Some(colon @ (':' | '：')) = next(end) {
            let (minutes, m_end) = run(text, after(end, colon));
            if minutes.len() == 2 {
                out.push_str(&read_integer(&first, false));
                out.push('点');
                if minutes != "00" {
                    if minutes.starts_with('0') {
                        out.push('零');
                    }
                    out.push_str(&read_integer(&minutes, false));
                    out.push('分');
                }
                return m_end - i;
            }
        }
    }
    // A phone number or another long number outside any figure: digit by digit, groups apart.
    if kind.is_none() && next(end) != Some('.') {
        let mut groups = vec![first.clone()];
        let mut g_end = end;
        while let Some('-' | '－') = next(g_end) {
            let (more, m_end) = run(text, g_end + next(g_end).map_or(1, char::len_utf8));
            if more.is_empty() {
                break;
            }
            groups.push(more);
            g_end = m_end;
        }
        let total: usize = groups.iter().map(String::len).sum();
        if total >= 7 || (first.len() >= 3 && first.starts_with('0')) {
            let said: Vec<String> = groups.iter().map(|g| read_digits(g, true)).collect();
            out.push_str(&said.join("，"));
            return g_end - i;
        }
    }
    // A year: 2023年.
    if first.len() == 4 && next(end) == Some('年') {
        out.push_str(&read_digits(&first, false));
        return end - i;
    }
    // Thousands separators (82,225) and a decimal part (12.7).
    let mut integer = first;
    while let Some(',' | '，') = next(end) {
        let sep = next(end).map_or(1, char::len_utf8);
        let (group, g_end) = run(text, end + sep);
        let in_figure = kind.is_some() || next(end) == Some(',');
        if group.len() != 3 || !in_figure || next(g_end).and_then(digit).is_some() {
            break;
        }
        integer.push_str(&group);
        end = g_end;
    }
    let mut fraction = String::new();
    if let Some('.' | '．') = next(end) {
        let (decimals, f_end) = run(text, end + next(end).map_or(1, char::len_utf8));
        if !decimals.is_empty() {
            fraction = decimals;
            end = f_end;
        }
    }
    // 15k, 3w (thousands and 万 in Latin letters, read by the extractor): the number they mean.
    if let (Some(_), Some(m @ ('k' | 'K' | 'w' | 'W'))) = (kind, next(end)) {
        let point = integer.len() + if matches!(m, 'k' | 'K') { 3 } else { 4 };
        let mut all = format!("{integer}{fraction}");
        while all.len() < point {
            all.push('0');
        }
        fraction = all[point..].trim_end_matches('0').to_owned();
        all.truncate(point);
        integer = all;
        end += 1;
    }
    // A fraction written with a slash: 2/3 → 三分之二.
    if kind == Some(MetricKind::Fraction) && fraction.is_empty() {
        if let Some('/' | '／') = next(end) {
            let (denominator, d_end) = run(text, end + next(end).map_or(1, char::len_utf8));
            if !denominator.is_empty() {
                out.push_str(&read_integer(&denominator, false));
                out.push_str("分之");
                out.push_str(&read_integer(&integer, false));
                return d_end - i;
            }
        }
    }
    let percent = match next(end) {
        Some('%' | '％') => Some("百分之"),
        Some('‰') => Some("千分之"),
        _ => None,
    };
    if let Some(words) = percent {
        out.push_str(words);
    }
    // 两 before a magnitude: 2万 → 两万, 2千 → 两千.
    let before_magnitude = percent.is_none() && next(end).is_some_and(|c| "千万亿萬億".contains(c));
    if integer.trim_start_matches('0') == "2" && fraction.is_empty() && before_magnitude {
        out.push('两');
    } else {
        out.push_str(&read_decimal(&integer, &fraction));
    }
    if percent.is_some() {
        end += next(end).map_or(1, char::len_utf8);
    }
    end - i
}

/// Digit by digit (二零二三); with `yao`, 1 is read 幺, as in phone numbers.
fn read_digits(digits: &str, yao: bool) -> String {
    digits.bytes().map(|b| if yao && b == b'1' { '幺' } else { DIGITS[(b - b'0') as usize] }).collect()
}

/// An integer and its decimal digits (both ASCII digits) in words: 十二点七; a decimal part of
/// zeros only (82225.00) is not said.
fn read_decimal(integer: &str, fraction: &str) -> String {
    let mut out = read_integer(integer, true);
    if fraction.bytes().any(|b| b != b'0') {
        out.push('点');
        out.push_str(&read_digits(fraction, false));
    }
    out
}

/// An integer (ASCII digits) in words, as Chinese counts: by 万 and 亿, zeros inside said once
/// (一千零五), 十 alone at the start (十二), and with `liang` a leading 2 in the thousands or
/// before 万/亿 said 两 (两千五百, 两万). Past 16 digits, digit by digit.
fn read_integer(digits: &str, liang: bool) -> String {
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return "零".to_owned();
    }
    if digits.len() > 16 {
        return read_digits(digits, false);
    }
    let bytes: Vec<u8> = digits.bytes().map(|b| b - b'0').collect();
    // Groups of four from the right; the first (leftmost) may be shorter.
    let n_groups = bytes.len().div_ceil(4);
    let head = bytes.len() - (n_groups - 1) * 4;
    let mut out = String::new();
    let mut zero_pending = false;
    for g in 0..n_groups {
        let (from, to) = if g == 0 { (0, head) } else { (head + (g - 1) * 4, head + g * 4) };
        let group = &bytes[from..to];
        let unit = ["", "万", "亿", "万亿"][n_groups - 1 - g];
        if group.iter().all(|&d| d == 0) {
            zero_pending = true;
            continue;
        }
        if g > 0 && (zero_pending || group[0] == 0) {
            out.push('零');
        }
        zero_pending = false;
        let places = ["千", "百", "十", ""];
        let offset = 4 - group.len();
        let mut inner_zero = false;
        let mut started = false;
        for (k, &d) in group.iter().enumerate() {
            let place = places[offset + k];
            if d == 0 {
                inner_zero = started;
                continue;
            }
            if inner_zero {
                out.push('零');
                inner_zero = false;
            }
            let leading = g == 0 && !started;
            if leading && d == 1 && place == "十" {
                // 十二, not 一十二 (only at the very start).
            } else if leading && d == 2 && liang && (place == "千" || (place.is_empty() && !unit.is_empty())) {
                out.push('两');
            } else {
                out.push(DIGITS[d as usize]);
            }
            out.push_str(place);
            started = true;
        }
        out.push_str(unit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_as_a_listener_understands_them() {
        for (text, said) in [
            ("9500万元", "九千五百万元"),
            ("3500多万元", "三千五百多万元"),
            ("12.7%", "百分之十二点七"),
            ("15000多个", "一万五千多个"),
            ("累计投入财政资金9500万元", "累计投入财政资金九千五百万元"),
            ("提供就业岗位15000多个", "提供就业岗位一万五千多个"),
            ("82,225.00元", "八万二千二百二十五元"),
            ("2000至5000元", "两千至五千元"),
            ("1万-5万元", "一万至五万元"),
            ("三分之一和2/3", "三分之一和三分之二"),
            ("比例为2.4∶1", "比例为二点四比一"),
            ("油价7.5元/升", "油价七点五元每升"),
            ("增长4.8倍", "增长四点八倍"),
            ("0.3个百分点", "零点三个百分点"),
            ("15k", "一万五千"),
            ("600人次", "六百人次"),
            ("105户", "一百零五户"),
            ("1005吨", "一千零五吨"),
            ("10050元", "一万零五十元"),
            ("110人", "一百一十人"),
            ("2.35亿元", "二点三五亿元"),
            ("2万人", "两万人"),
            ("2500名", "两千五百名"),
            ("1200000元", "一百二十万元"),
            ("300000000元", "三亿元"),
            ("100010人", "十万零一十人"),
        ] {
            assert_eq!(spoken(text), said, "{text}");
        }
    }

    #[test]
    fn years_dates_and_times() {
        assert_eq!(spoken("2023年12月7日 15:58"), "二零二三年十二月七日 十五点五十八分");
        assert_eq!(spoken("2021年以来"), "二零二一年以来");
        assert_eq!(spoken("发布于2023-12-07"), "发布于二零二三年十二月七日");
        assert_eq!(spoken("2023/12/07"), "二零二三年十二月七日");
        assert_eq!(spoken("9:05开始，10:00结束"), "九点零五分开始，十点结束");
        assert_eq!(spoken("第3次"), "第三次");
    }

    #[test]
    fn phone_numbers_digit_by_digit() {
        assert_eq!(spoken("电话：0718-8234567"), "电话：零七幺八，八二三四五六七");
        assert_eq!(spoken("拨打13812345678咨询"), "拨打幺三八幺二三四五六七八咨询");
        assert_eq!(spoken("400-810-8888"), "四零零，八幺零，八八八八");
    }

    #[test]
    fn full_width_digits_and_signs() {
        assert_eq!(spoken("１２．５％"), "百分之十二点五");
        assert_eq!(spoken("２０２３年"), "二零二三年");
    }

    #[test]
    fn text_without_figures_is_unchanged() {
        for text in ["区域协作“帮县带村”带出一片“新天地”", "Hello, world.", "", "九千五百万元"] {
            assert_eq!(spoken(text), text);
        }
    }

    #[test]
    fn integers_in_words() {
        for (n, w) in [
            ("0", "零"),
            ("7", "七"),
            ("10", "十"),
            ("12", "十二"),
            ("20", "二十"),
            ("101", "一百零一"),
            ("1000", "一千"),
            ("1001", "一千零一"),
            ("2000", "两千"),
            ("10000", "一万"),
            ("12000", "一万二千"),
            ("100000001", "一亿零一"),
            ("1000000000000", "一万亿"),
        ] {
            assert_eq!(read_integer(n, true), w, "{n}");
        }
        assert_eq!(read_integer("12345678901234567", true), "一二三四五六七八九零一二三四五六七");
    }

    #[test]
    fn sentences_cut_at_ends_and_long_clauses() {
        let text = "第一句。第二句！“第三句？”\n  \n最后";
        let units: Vec<u16> = text.encode_utf16().collect();
        let said: Vec<String> = sentences(text).into_iter().map(|r| String::from_utf16(&units[r]).unwrap()).collect();
        assert_eq!(said, ["第一句。", "第二句！", "“第三句？”", "最后"]);
        let long = format!("{}，{}。", "长".repeat(90), "短");
        assert_eq!(sentences(&long).len(), 2, "a comma past 80 characters cuts");
        assert!(sentences("   ").is_empty());
        // UTF-16 offsets: a character outside the BMP counts two.
        assert_eq!(sentences("𠀾。好"), vec![0..3, 3..4]);
    }
}
