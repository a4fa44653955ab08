//! Numerals as Chinese news writes them: Arabic with separators and full-width forms
//! (82，225.00, １．０７５３), Chinese 小写 and 大写 with 两/廿/零 and the elliptical 一百二 / 三万五,
//! mixed forms (3千万, 1.2万, 15k), and approximations: adjacent digits (七八, 三五百, 十五六,
//! 一万六七), 几/数 (几十万, 十几, 数十亿), and 多/余/来 (3500多万, 600余).

/// How a numeral approximates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Approx {
    None,
    /// Adjacent digits or 几/数: `lower`..`upper`.
    Range,
    /// 多/余: at least `lower`, below `upper` (the next step).
    Over,
    /// 来: about `lower`.
    About,
}

/// A numeral found at some byte offset.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Numeral {
    pub start: usize,
    pub end: usize,
    pub lower: f64,
    pub upper: Option<f64>,
    pub approx: Approx,
    /// The magnitude that ends the numeral (三十万 → 1e4, 3百 → 100), 1 when none: a range's
    /// left side borrows it (两到三万 → 2万).
    pub trailing_mag: f64,
    /// Written with an explicit magnitude (万, 亿, 千 after Arabic digits, k, w).
    pub has_mag: bool,
    /// Starts with a magnitude (百万, 千): risky in running text (千家万户).
    pub bare: bool,
    /// Read digit by digit (一七二零, 一三三四五): codes and phone numbers, not quantities.
    pub digit_string: bool,
    /// Has no fractional part as written.
    pub integer: bool,
    /// Just 一/壹: in 一个规划, 一次活动 it is an article, not a count.
    pub lone_one: bool,
    /// Arabic integer digits (for the 730-40 shorthand), 0 for Chinese numerals.
    pub int_digits: usize,
    /// Ends in the informal k/w of salaries and prices (15k, 30w): money when no unit follows.
    pub informal: bool,
}

pub(crate) fn chinese_digit(c: char) -> Option<u8> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' | '幺' => 1,
        '二' | '贰' | '貳' | '两' | '兩' => 2,
        '三' | '叁' | '參' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn small_unit(c: char) -> Option<f64> {
    Some(match c {
        '十' | '拾' => 10.0,
        '百' | '佰' => 100.0,
        '千' | '仟' => 1000.0,
        _ => return None,
    })
}

fn big_unit(c: char) -> Option<f64> {
    Some(match c {
        '万' | '萬' => 1e4,
        '亿' | '億' => 1e8,
        '兆' => 1e12,
        _ => return None,
    })
}

fn arabic_digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => Some((c as u32 - '０' as u32) as u8),
        _ => None,
    }
}

fn is_few(c: char) -> bool {
    matches!(c, '几' | '幾' | '数' | '數')
}

/// A set of BMP characters as a bitmap: membership is one load and a bit test, which is what
/// the scanner's inner loop can afford per character.
pub(crate) struct CharSet(pub(crate) [u64; 1024]);

impl CharSet {
    pub(crate) const fn new(chars: &[char]) -> CharSet {
        let mut bits = [0u64; 1024];
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i] as usize;
            if c < 0x10000 {
                bits[c >> 6] |= 1 << (c & 63);
            }
            i += 1;
        }
        CharSet(bits)
    }

    /// The set of the first (or, with `last`, the final) characters of `words`.
    pub(crate) const fn of_words(words: &[&str], last: bool) -> CharSet {
        let mut bits = [0u64; 1024];
        let mut i = 0;
        while i < words.len() {
            let b = words[i].as_bytes();
            let mut at = 0;
            if last {
                at = b.len() - 1;
                while at > 0 && b[at] & 0xC0 == 0x80 {
                    at -= 1;
                }
            }
            let c = if b[at] < 0x80 {
                b[at] as u32
            } else if b[at] < 0xE0 {
                ((b[at] & 0x1F) as u32) << 6 | (b[at + 1] & 0x3F) as u32
            } else {
                ((b[at] & 0x0F) as u32) << 12 | ((b[at + 1] & 0x3F) as u32) << 6 | (b[at + 2] & 0x3F) as u32
            };
            bits[(c >> 6) as usize] |= 1 << (c & 63);
            i += 1;
        }
        CharSet(bits)
    }

    /// The union of two sets.
    pub(crate) const fn union(&self, other: &CharSet) -> CharSet {
        let mut bits = self.0;
        let mut i = 0;
        while i < bits.len() {
            bits[i] |= other.0[i];
            i += 1;
        }
        CharSet(bits)
    }

    #[inline]
    pub(crate) fn contains_code(&self, c: u32) -> bool {
        c < 0x10000 && self.0[(c >> 6) as usize] & (1 << (c & 63)) != 0
    }

    #[inline]
    pub(crate) fn contains(&self, c: char) -> bool {
        self.contains_code(c as u32)
    }
}

/// Every character a numeral can start with.
pub(crate) static NUMERAL_START: CharSet = CharSet::new(&[
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '０', '１', '２', '３', '４', '５', '６', '７', '８', '９', '零', '〇', '一', '壹',
    '幺', '二', '贰', '貳', '两', '兩', '三', '叁', '參', '四', '肆', '五', '伍', '六', '陆', '陸', '七', '柒', '八', '捌', '九', '玖',
    '十', '拾', '百', '佰', '千', '仟', '万', '萬', '亿', '億', '兆', '几', '幾', '数', '數', '廿', '卅',
]);

/// Could a numeral start with `c`? The scanner's fast filter.
#[inline]
pub(crate) fn may_start(c: char) -> bool {
    NUMERAL_START.contains(c)
}

/// Unit words that begin with a magnitude character: 千克 is a kilogram, not a thousand 克.
fn starts_unit_word(s: &str) -> bool {
    let mut it = s.chars();
    matches!(
        (it.next(), it.next()),
        (Some('千'), Some('克' | '米' | '瓦' | '卡' | '伏' | '帕' | '赫')) | (Some('百'), Some('分')) | (Some('兆'), Some('瓦' | '赫'))
    )
}

fn next_char(s: &str, i: usize) -> Option<char> {
    s.get(i..)?.chars().next()
}

/// Reads a numeral starting exactly at byte `i` of `s`.
///
/// ```
/// use yuedu_core::metrics::parse_number;
/// assert_eq!(parse_number("一百九十万零三千九百七十一"), Some(1_903_971.0));
/// assert_eq!(parse_number("壹拾万零叁仟肆佰伍拾叁"), Some(103_453.0));
/// assert_eq!(parse_number("233,333，333,434.344"), Some(233_333_333_434.344));
/// assert_eq!(parse_number("3千万亿"), Some(3e15));
/// ```
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    let (negative, rest) = match s.strip_prefix('负').or_else(|| s.strip_prefix('-')) {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let n = numeral_at(rest, 0, true)?;
    (n.end == rest.len() && n.approx == Approx::None).then_some(if negative { -n.lower } else { n.lower })
}

/// Reads the numeral at byte `i`; `whole` allows digit strings (一七二零 = 1720).
pub(crate) fn numeral_at(s: &str, i: usize, whole: bool) -> Option<Numeral> {
    let c = next_char(s, i)?;
    let mut n = if arabic_digit(c).is_some() { arabic(s, i)? } else { chinese(s, i)? };
    if n.digit_string && !whole {
        return Some(n);
    }
    suffixes(s, &mut n);
    Some(n)
}

/// Arabic digits with thousands separators and a decimal part, then a magnitude (万, 3千万, 15k)
/// and composition (1亿2300).
fn arabic(s: &str, start: usize) -> Option<Numeral> {
    let (mut value, mut end, int_digits, integer) = arabic_core(s, start)?;
    let mut n = Numeral {
        start,
        end,
        lower: value,
        upper: None,
        approx: Approx::None,
        trailing_mag: 1.0,
        has_mag: false,
        bare: false,
        digit_string: false,
        integer,
        lone_one: false,
        int_digits,
        informal: false,
    };
    // 多/余 between the digits and the magnitude (3500多万, 200余万); a 多 with no magnitude
    // after it (15000多个) is read by `suffixes`.
    let many_before_mag = many_at(s, end).filter(|&after| magnitude_at(s, after).is_some());
    if let Some(after) = many_before_mag {
        end = after;
    }
    if let Some((mag, after)) = magnitude_at(s, end) {
        n.informal = s[..after].ends_with(['k', 'K', 'w']);
        value *= mag;
        n.trailing_mag = mag;
        n.has_mag = true;
        end = after;
        // 1亿2300, 1兆320万5000: a smaller Arabic group may follow a big magnitude.
        let mut last = mag;
        while last >= 1e4 && many_before_mag.is_none() {
            let Some((v2, e2, _, true)) = next_char(s, end).filter(|c| c.is_ascii_digit()).and_then(|_| arabic_core(s, end)) else { break };
            let (mag2, e3) = magnitude_at(s, e2).unwrap_or((1.0, e2));
            if v2 * mag2 >= last {
                break;
            }
            value += v2 * mag2;
            end = e3;
            last = mag2;
        }
    }
    n.lower = value;
    n.end = end;
    if many_before_mag.is_some() {
        let written = value / n.trailing_mag;
        n.upper = Some((written + step(written)) * n.trailing_mag);
        n.approx = Approx::Over;
    }
    Some(n)
}

/// Digits, separators and decimals: (value, end, integer digit count, is integer).
fn arabic_core(s: &str, start: usize) -> Option<(f64, usize, usize, bool)> {
    let mut int = 0f64;
    let mut digits = 0usize;
    let mut group = 0usize;
    let mut seen_sep = false;
    let mut i = start;
    let mut it = s[start..].char_indices().peekable();
    while let Some(&(off, c)) = it.peek() {
        if let Some(d) = arabic_digit(c) {
            int = int * 10.0 + f64::from(d);
            digits += 1;
            group += 1;
            it.next();
            i = start + off + c.len_utf8();
        } else if matches!(c, ',' | '，') && (group <= 3 && (seen_sep || group > 0)) && (!seen_sep || group == 3) {
            // A thousands separator only when exactly three digits follow.
            let after = start + off + c.len_utf8();
            let next3: Vec<char> = s[after..].chars().take(4).collect();
            let three = next3.len() >= 3 && next3[..3].iter().all(|&c| arabic_digit(c).is_some());
            let fourth_ok = next3.get(3).is_none_or(|&c| arabic_digit(c).is_none());
            if !(three && fourth_ok) {
                break;
            }
            seen_sep = true;
            group = 0;
            it.next();
        } else {
            break;
        }
    }
    // More than 18 integer digits is a code, not a quantity (and would overflow; found by fuzzing).
    if digits == 0 || digits > 18 || (seen_sep && group != 3) {
        return None;
    }
    // Decimal part.
    let mut value = int;
    let mut integer = true;
    if let Some(c) = next_char(s, i).filter(|c| matches!(c, '.' | '．')) {
        let after = i + c.len_utf8();
        let mut frac = Digits::default();
        let mut j = after;
        for c in s[after..].chars() {
            let Some(d) = arabic_digit(c) else { break };
            frac.push(d);
            j += c.len_utf8();
        }
        value = frac.as_fraction_of(int);
        if j > after {
            // 127.0.0.1 is an address, 2016.09.14 a date: not numbers.
            if next_char(s, j).is_some_and(|c| matches!(c, '.' | '．')) && next_char(s, j + 1).is_some_and(|c| arabic_digit(c).is_some()) {
                return None;
            }
            i = j;
            integer = false;
        }
    }
    Some((value, i, digits, integer))
}

/// A magnitude after Arabic digits, allowing one space: 万, 千万, 亿, 3千万亿, k, w.
fn magnitude_at(s: &str, i: usize) -> Option<(f64, usize)> {
    let mut j = i;
    if s[j..].starts_with(' ') {
        j += 1;
    }
    let mut mag = 1.0;
    let mut any = false;
    for c in s[j..].chars() {
        let m = match c {
            _ if starts_unit_word(&s[j..]) => break,
            '百' | '佰' => 100.0,
            '千' | '仟' => 1000.0,
            '万' | '萬' => 1e4,
            '亿' | '億' => 1e8,
            '兆' => 1e12,
            'k' | 'K' | 'w' if !any => {
                if next_char(s, j + 1).is_some_and(|c| c.is_ascii_alphabetic()) {
                    break;
                }
                if c == 'w' {
                    1e4
                } else {
                    1e3
                }
            }
            _ => break,
        };
        mag *= m;
        any = true;
        j += c.len_utf8();
        if matches!(c, 'k' | 'K' | 'w') {
            break;
        }
    }
    any.then_some((mag, j))
}

/// 多/余 at `i`, returning the offset after it.
fn many_at(s: &str, i: usize) -> Option<usize> {
    next_char(s, i).filter(|c| matches!(c, '多' | '余')).map(|c| i + c.len_utf8())
}

/// The step that 多/余 adds: 3000多 → 1000, 3500多 → 100, 十多 → 10.
pub(crate) fn step(n: f64) -> f64 {
    if !(1.0..1e18).contains(&n) || n.fract() != 0.0 {
        return 1.0;
    }
    // Integer arithmetic: f64 `%` would pull libm's fmod into the wasm.
    let mut rest = n as u64;
    let mut step = 1u64;
    while rest >= 10 && rest % 10 == 0 {
        rest /= 10;
        step *= 10;
    }
    step as f64
}

/// Fraction digits, kept as written so `int.frac` is parsed with correct rounding
/// (summing 0.1-steps in floating point gives 1720.1339999…).
#[derive(Default)]
struct Digits {
    buf: [u8; 32],
    len: usize,
}

impl Digits {
    fn push(&mut self, d: u8) {
        if self.len < self.buf.len() {
            self.buf[self.len] = b'0' + d;
            self.len += 1;
        }
    }

    /// `int.digits`, computed as one integer over a power of ten so the result is correctly
    /// rounded (and without `str::parse::<f64>`, which costs ~10 KB of wasm).
    fn as_fraction_of(&self, int: f64) -> f64 {
        if self.len == 0 {
            return int;
        }
        let frac = self.buf[..self.len].iter().fold(0f64, |v, d| v * 10.0 + f64::from(d - b'0'));
        let scale = 10f64.powi(self.len as i32);
        let whole = int * scale + frac;
        if whole < 9_007_199_254_740_992.0 && self.len <= 22 {
            whole / scale
        } else {
            int + frac / scale
        }
    }
}

/// A numeral token. Units are powers of ten by exponent (十 = 1, 万 = 4) to keep the token two
/// bytes: the scanner builds token lists for every 一 in a text.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    Digit(u8),
    Pair(u8, u8),
    Few,
    Small(u8),
    Big(u8),
}

fn pow10(e: u8) -> f64 {
    10f64.powi(i32::from(e))
}

/// A fixed-capacity token list: numerals are short, and the scanner must not allocate for
/// every 一 in a text.
struct Toks {
    buf: [Tok; 40],
    len: usize,
}

impl Toks {
    fn new() -> Self {
        Toks { buf: [Tok::Few; 40], len: 0 }
    }

    /// Appends; `false` when full (a 40-token numeral is not one).
    fn push(&mut self, t: Tok) -> bool {
        if self.len == self.buf.len() {
            return false;
        }
        self.buf[self.len] = t;
        self.len += 1;
        true
    }

    fn last(&self) -> Option<&Tok> {
        self.as_slice().last()
    }

    fn as_slice(&self) -> &[Tok] {
        &self.buf[..self.len]
    }
}

/// Chinese numerals: tokens, then evaluated once for the lower and once for the upper bound.
fn chinese(s: &str, start: usize) -> Option<Numeral> {
    let mut toks = Toks::new();
    let mut i = start;
    for c in s[start..].chars() {
        let prev_digit = matches!(toks.last(), Some(Tok::Digit(d)) if *d != 0);
        // 百分 after a digit is a place and a fraction (四百分之一 = 1/400), not 百分之 (percent).
        let hundredths = c == '百' && !toks.as_slice().is_empty() && s[i..].starts_with("百分之");
        let tok = if starts_unit_word(&s[i..]) && !hundredths {
            break;
        } else if matches!(c, '两' | '兩') && prev_digit {
            break; // 二两: the 两 is a unit of weight
        } else if let Some(d) = chinese_digit(c) {
            Tok::Digit(d)
        } else if let Some(u) = small_unit(c) {
            Tok::Small(exponent(u))
        } else if let Some(u) = big_unit(c) {
            Tok::Big(exponent(u))
        } else if matches!(c, '廿' | '卅') {
            if !toks.push(Tok::Digit(if c == '廿' { 2 } else { 3 })) {
                return None;
            }
            Tok::Small(1)
        } else if is_few(c) {
            // 几/数 are numerals only next to a unit: 几十, 十几, 数百 (not 数据, 几乎).
            let next_unit = s[i + c.len_utf8()..].chars().next().is_some_and(|n| small_unit(n).is_some() || big_unit(n).is_some());
            let after_small = matches!(toks.last(), Some(Tok::Small(_)));
            if !(next_unit || (after_small && matches!(c, '几' | '幾'))) {
                break;
            }
            Tok::Few
        } else {
            break;
        };
        if !toks.push(tok) {
            return None;
        }
        i += c.len_utf8();
    }
    let toks = toks.as_slice();
    if toks.is_empty() {
        return None;
    }
    let first_is_mag = matches!(toks[0], Tok::Big(_)) || matches!(toks[0], Tok::Small(e) if e >= 2);
    let yao = s[start..i].contains('幺');

    // Runs of adjacent digits: a zero gap (一千零一), a pair (七八), or a digit string (一七二零).
    let mut digit_string = false;
    let mut k = 0;
    let mut merged = Toks::new();
    while k < toks.len() {
        let run = toks[k..].iter().take_while(|t| matches!(t, Tok::Digit(_))).count();
        let digit = |t: &Tok| if let Tok::Digit(d) = t { *d } else { 0 };
        if run >= 2 {
            let (a, b) = (digit(&toks[k]), digit(&toks[k + 1]));
            if run == 2 && a != 0 && (b == a + 1 || (a, b) == (3, 5)) && !yao {
                merged.push(Tok::Pair(a, b));
            } else {
                // A zero gap (一千零一) stays as digits; so does a digit string (一七二零).
                digit_string |= !(run == 2 && a == 0);
                toks[k..k + run].iter().for_each(|t| {
                    merged.push(*t);
                });
            }
            k += run;
        } else {
            merged.push(toks[k]);
            k += 1;
        }
    }
    let merged = merged.as_slice();
    let has_units = merged.iter().any(|t| matches!(t, Tok::Small(_) | Tok::Big(_)));
    if (digit_string && has_units) || (yao && !digit_string) {
        return None;
    }

    let mut n = Numeral {
        start,
        end: i,
        lower: 0.0,
        upper: None,
        approx: Approx::None,
        trailing_mag: trailing_mag(merged),
        has_mag: matches!(merged.last(), Some(Tok::Big(_))),
        bare: first_is_mag,
        digit_string,
        integer: true,
        lone_one: merged == [Tok::Digit(1)] && !s[start..].starts_with('壹'),
        int_digits: 0,
        informal: false,
    };
    if digit_string {
        n.lower = merged.iter().fold(0.0, |v, t| if let Tok::Digit(d) = t { v * 10.0 + f64::from(*d) } else { v });
    } else {
        n.lower = eval(merged, false);
        if merged.iter().any(|t| matches!(t, Tok::Pair(..) | Tok::Few)) {
            n.upper = Some(eval(merged, true));
            n.approx = Approx::Range;
        }
    }
    // Decimal part: 三十四点五二一, 二十点一万. Not after approximations, and 127点0点0点1 is an address.
    if n.approx == Approx::None {
        if let Some(after) = s[n.end..].strip_prefix('点') {
            let frac: Vec<u8> = after.chars().map_while(chinese_digit).collect();
            if !frac.is_empty() {
                let frac_end = n.end + '点'.len_utf8() + frac.len() * 3;
                if s[frac_end..].starts_with('点') {
                    return None;
                }
                let mut digits = Digits::default();
                frac.iter().for_each(|&d| digits.push(d));
                n.lower = digits.as_fraction_of(n.lower);
                n.integer = false;
                n.lone_one = false;
                n.end = frac_end;
                if !digit_string {
                    if let Some(c) = next_char(s, n.end) {
                        if let Some(u) = big_unit(c) {
                            n.lower *= u;
                            n.trailing_mag = u;
                            n.has_mag = true;
                            n.end += c.len_utf8();
                        }
                    }
                }
            }
        }
    }
    Some(n)
}

/// The magnitude a range's left side borrows: the last big unit, or a final small unit.
fn trailing_mag(toks: &[Tok]) -> f64 {
    if let Some(Tok::Big(e)) = toks.iter().rev().find(|t| matches!(t, Tok::Big(_))) {
        return pow10(*e);
    }
    match toks.last() {
        Some(Tok::Small(e)) => pow10(*e),
        _ => 1.0,
    }
}

/// 10 → 1, 1e4 → 4 (units are exact powers of ten).
fn exponent(unit: f64) -> u8 {
    let mut e = 0;
    let mut v = unit;
    while v >= 10.0 {
        v /= 10.0;
        e += 1;
    }
    e
}

/// Evaluates tokens; `high` picks the upper reading of pairs and 几.
fn eval(toks: &[Tok], high: bool) -> f64 {
    let (mut total, mut section) = (0.0f64, 0.0f64);
    let mut number: Option<f64> = None;
    let mut last_unit = 1.0;
    let mut after_unit = false; // the token before the pending number was a unit
    let mut zero_gap = false;
    let mut prev_unit = false;
    for (k, tok) in toks.iter().enumerate() {
        match *tok {
            Tok::Digit(0) => {
                zero_gap = true;
                number = None;
            }
            Tok::Digit(d) => {
                number = Some(f64::from(d));
                after_unit = prev_unit;
            }
            Tok::Pair(a, b) => {
                number = Some(f64::from(if high { b } else { a }));
                after_unit = prev_unit;
            }
            Tok::Few => {
                let next_unit = matches!(toks.get(k + 1), Some(Tok::Small(_) | Tok::Big(_)));
                number = Some(if high {
                    10.0
                } else if next_unit {
                    1.0
                } else {
                    0.0
                });
                after_unit = prev_unit;
            }
            Tok::Small(e) => {
                let u = pow10(e);
                section += number.take().unwrap_or(1.0) * u;
                last_unit = u;
                zero_gap = false;
            }
            Tok::Big(e) => {
                let u = pow10(e);
                let bare = section == 0.0 && total == 0.0 && number.is_none();
                let part = section + number.take().unwrap_or(if bare { 1.0 } else { 0.0 });
                if u >= 1e8 {
                    total = (total + part) * u;
                } else {
                    total += part * u;
                }
                section = 0.0;
                last_unit = u;
                zero_gap = false;
            }
        }
        prev_unit = matches!(tok, Tok::Small(_) | Tok::Big(_));
    }
    if let Some(mut n) = number {
        // 一百二 = 120, 三万五 = 35000, 十五 = 15: a final digit right after a unit counts in
        // the next lower place.
        if after_unit && !zero_gap && last_unit >= 10.0 {
            n *= last_unit / 10.0;
        }
        section += n;
    }
    total + section
}

/// 多/余/来 and a magnitude after a Chinese or Arabic numeral: 十多, 3000多, 三千五百多万,
/// 两个亿, 十来个.
fn suffixes(s: &str, n: &mut Numeral) {
    if n.approx != Approx::None {
        return;
    }
    if let Some(c) = next_char(s, n.end) {
        match c {
            '多' | '余' => {
                let written = n.lower;
                let step = step(written);
                let mut end = n.end + c.len_utf8();
                let mut mag = 1.0;
                if let Some(m) = next_char(s, end).and_then(big_unit) {
                    mag = m;
                    end += 3;
                }
                n.lower = written * mag;
                n.upper = Some((written + step) * mag);
                n.approx = Approx::Over;
                n.end = end;
                if mag > 1.0 {
                    n.trailing_mag = mag;
                    n.has_mag = true;
                }
                n.lone_one = false;
            }
            '来' if n.int_digits == 0 || n.lower >= 10.0 => {
                n.approx = Approx::About;
                n.end += c.len_utf8();
            }
            '个' => {
                // 两个亿: a classifier before a magnitude.
                if let Some(m) = next_char(s, n.end + 3).and_then(big_unit) {
                    n.lower *= m;
                    n.trailing_mag = m;
                    n.has_mag = true;
                    n.end += 6;
                    n.lone_one = false;
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> (f64, Option<f64>) {
        let n = numeral_at(s, 0, true).unwrap_or_else(|| panic!("{s} should parse"));
        assert_eq!(n.end, s.len(), "{s}: stopped at {}", n.end);
        (n.lower, n.upper)
    }

    #[test]
    fn chinese_integers() {
        for (s, v) in [
            ("零", 0.0),
            ("十", 10.0),
            ("十一", 11.0),
            ("一十一", 11.0),
            ("一百零一", 101.0),
            ("一千零十", 1010.0),
            ("一千一十", 1010.0),
            ("一万零百一十一", 10111.0),
            ("三万五", 35000.0),
            ("一百二十万三", 1_203_000.0),
            ("一亿五千万零六千三百五十五", 150_006_355.0),
            ("廿二", 22.0),
            ("兩千六", 2600.0),
            ("十万零一千", 101_000.0),
            ("一千一百一十一万一千一百一十一亿一千一百一十一万一千一百一十一", 1_111_111_111_111_111.0),
        ] {
            assert_eq!(num(s), (v, None), "{s}");
        }
    }

    #[test]
    fn approximations() {
        assert_eq!(num("七八"), (7.0, Some(8.0)));
        assert_eq!(num("三五百"), (300.0, Some(500.0)));
        assert_eq!(num("七百三四十"), (730.0, Some(740.0)));
        assert_eq!(num("一万六七"), (16000.0, Some(17000.0)));
        assert_eq!(num("六十三四万"), (630_000.0, Some(640_000.0)));
        assert_eq!(num("几十万"), (100_000.0, Some(1_000_000.0)));
        assert_eq!(num("十几"), (10.0, Some(20.0)));
        assert_eq!(num("数十亿"), (1e9, Some(1e10)));
        assert_eq!(num("3500多万"), (35_000_000.0, Some(36_000_000.0)));
        assert_eq!(num("200余万"), (2_000_000.0, Some(3_000_000.0)));
        assert_eq!(num("15000多"), (15000.0, Some(16000.0)));
    }

    #[test]
    fn digit_strings_and_decimals() {
        assert_eq!(num("一七二零点一三四"), (1720.134, None));
        assert!(numeral_at("一三三四五", 0, false).unwrap().digit_string);
        assert!((num("零点零零零零零零零零零零零零零一").0 - 1e-14).abs() < 1e-20);
        assert_eq!(num("二十点一万"), (201_000.0, None));
        assert_eq!(numeral_at("幺二七点零点零点幺", 0, true), None);
        assert_eq!(numeral_at("127.0.0.1", 0, true), None);
    }

    #[test]
    fn arabic_forms() {
        assert_eq!(num("82，225.00"), (82225.0, None));
        assert_eq!(num("１．０７５３"), (1.0753, None));
        assert_eq!(num("1.2万"), (12000.0, None));
        assert_eq!(num("3千万亿"), (3e15, None));
        assert_eq!(num("15k"), (15000.0, None));
        assert_eq!(num("1 万"), (10000.0, None));
        assert_eq!(num("1亿2300"), (100_002_300.0, None));
        assert_eq!(num("1兆320万5000"), (1_000_003_205_000.0, None));
        // "10000，其中": a comma not followed by three digits ends the number.
        assert_eq!(numeral_at("10000，其中", 0, false).unwrap().end, 5);
    }

    #[test]
    fn unit_words_are_not_magnitudes() {
        assert_eq!(numeral_at("一千克", 0, false).unwrap().end, 3);
        assert_eq!(numeral_at("1千米", 0, false).unwrap().end, 1);
        assert_eq!(numeral_at("二两", 0, false).unwrap().end, 3);
    }

    #[test]
    fn step_is_the_last_significant_place() {
        assert_eq!(step(3000.0), 1000.0);
        assert_eq!(step(3500.0), 100.0);
        assert_eq!(step(10.0), 10.0);
        assert_eq!(step(7.0), 1.0);
    }
}
