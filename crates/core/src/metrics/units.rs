//! Units that make a number a metric, currency prefixes, and qualifier words.

use std::sync::OnceLock;

use super::numeral::CharSet;
use super::words::LazyIndex;
use super::{MetricKind, Qualifier};

/// A unit as matched in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unit {
    /// Normalised name (块 → 元, 港币 → 港元).
    pub name: &'static str,
    pub kind: MetricKind,
    /// A classifier that counts whole things (个, 家, 名): the number must be whole.
    pub whole: bool,
    /// 元/块/圆: may be followed by 角/毛/分.
    pub yuan: bool,
}

const M: MetricKind = MetricKind::Money;
const P: MetricKind = MetricKind::Percent;
const C: MetricKind = MetricKind::Count;
const H: MetricKind = MetricKind::People;
const X: MetricKind = MetricKind::Measure;
const T: MetricKind = MetricKind::Multiple;

/// (as written, normalised, kind). Matched longest first.
const UNITS: &[(&str, &str, MetricKind)] = &[
    // Money.
    ("马来西亚令吉", "马来西亚令吉", M),
    ("新加坡元", "新加坡元", M),
    ("瑞士法郎", "瑞士法郎", M),
    ("人民币", "元", M),
    ("新台币", "新台币", M),
    ("越南盾", "越南盾", M),
    ("印尼盾", "印尼盾", M),
    ("块钱", "元", M),
    ("元钱", "元", M),
    ("美元", "美元", M),
    ("美金", "美元", M),
    ("港元", "港元", M),
    ("港币", "港元", M),
    ("日元", "日元", M),
    ("日币", "日元", M),
    ("欧元", "欧元", M),
    ("英镑", "英镑", M),
    ("卢布", "卢布", M),
    ("泰铢", "泰铢", M),
    ("韩元", "韩元", M),
    ("澳元", "澳元", M),
    ("加元", "加元", M),
    ("台币", "新台币", M),
    ("法郎", "法郎", M),
    ("卢比", "卢比", M),
    ("比索", "比索", M),
    ("令吉", "令吉", M),
    ("元", "元", M),
    ("圆", "元", M),
    ("块", "元", M),
    // Percentages.
    ("个百分点", "个百分点", P),
    ("百分点", "个百分点", P),
    ("%", "%", P),
    ("％", "%", P),
    // Measures.
    ("平方公里", "平方公里", X),
    ("平方千米", "平方公里", X),
    ("平方米", "平方米", X),
    ("平米", "平方米", X),
    ("立方米", "立方米", X),
    ("千瓦时", "千瓦时", X),
    ("公顷", "公顷", X),
    ("千瓦", "千瓦", X),
    ("兆瓦", "兆瓦", X),
    ("公斤", "公斤", X),
    ("千克", "公斤", X),
    ("公里", "公里", X),
    ("千米", "公里", X),
    ("厘米", "厘米", X),
    ("毫米", "毫米", X),
    ("毫升", "毫升", X),
    ("摩尔", "摩尔", X),
    ("伏特", "伏特", X),
    ("分钟", "分钟", X),
    ("个小时", "小时", X),
    ("个月", "个月", X),
    ("小时", "小时", X),
    ("亩", "亩", X),
    ("吨", "吨", X),
    ("克", "克", X),
    ("斤", "斤", X),
    ("两", "两", X),
    ("米", "米", X),
    ("升", "升", X),
    ("度", "度", X),
    ("秒", "秒", X),
    ("岁", "岁", X),
    ("℃", "℃", X),
    // Multiples: 增长4.8倍; 翻一番 is read as ×2 by the scanner.
    ("倍", "倍", T),
    ("番", "番", T),
    ("°", "度", X),
    ("km/h", "公里/小时", MetricKind::Rate),
    ("kWh", "千瓦时", X),
    ("kwh", "千瓦时", X),
    ("mol", "摩尔", X),
    ("km", "公里", X),
    ("kg", "公斤", X),
    ("min", "分钟", X),
    ("g", "克", X),
    // Counts: people (classifiers and nouns), then other classifiers.
    ("人次", "人次", H),
    ("批次", "批次", C),
    ("个", "个", C),
    ("人", "人", H),
    ("户", "户", H),
    ("家", "家", C),
    ("场", "场", C),
    ("次", "次", C),
    ("名", "名", H),
    ("批", "批", C),
    ("期", "期", C),
    ("项", "项", C),
    ("所", "所", C),
    ("座", "座", C),
    ("辆", "辆", C),
    ("台", "台", C),
    ("件", "件", C),
    ("头", "头", C),
    ("只", "只", C),
    ("株", "株", C),
    ("棵", "棵", C),
    ("套", "套", C),
    ("间", "间", C),
    ("条", "条", C),
    ("位", "位", H),
    ("篇", "篇", C),
    ("本", "本", C),
    ("张", "张", C),
    ("部", "部", C),
    ("支", "支", C),
    ("栋", "栋", C),
    ("艘", "艘", C),
    ("架", "架", C),
    ("枚", "枚", C),
    ("份", "份", C),
    ("根", "根", C),
    ("起", "起", C),
    ("例", "例", C),
    ("款", "款", C),
    ("处", "处", C),
    ("届", "届", C),
    ("瓶", "瓶", C),
    ("箱", "箱", C),
    ("袋", "袋", C),
    ("类", "类", C),
    ("种", "种", C),
    ("把", "把", C),
    ("贫困户", "贫困户", H),
    ("村民", "村民", H),
    ("农户", "农户", H),
    ("群众", "群众", H),
    ("职工", "职工", H),
    ("工人", "工人", H),
    ("党员", "党员", H),
    ("干部", "干部", H),
    ("学生", "学生", H),
    ("教师", "教师", H),
    ("医生", "医生", H),
    ("岗位", "岗位", H),
    ("人口", "人口", H),
    ("农民", "农民", H),
    ("居民", "居民", H),
    ("游客", "游客", H),
];

/// Does `noun` name people (贫困群众, 负责人, 就业岗位)? Then a count of it counts people, even
/// with a general classifier (15000多个岗位). Single-character classifiers other than 人 are
/// left out: 单位 is not a 位 of people.
pub(crate) fn names_people(noun: &str) -> bool {
    let Some(last) = noun.chars().next_back() else { return false };
    // Only the unit words ending in the noun's last character are compared.
    static BY_LAST: LazyIndex = LazyIndex::new();
    last == '人'
        || BY_LAST.get(unit_words(), true).candidates(last).any(|k| {
            let (w, _, kind) = UNITS[k];
            kind == MetricKind::People && w.len() > last.len_utf8() && noun.ends_with(w)
        })
}

/// The written form of every unit, in table order (for the word indexes).
fn unit_words() -> &'static [&'static str] {
    static WORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| UNITS.iter().map(|u| u.0).collect())
}

/// Characters after which a unit character starts another word: 元旦, 一元化, 人民, 个性.
/// (unit, the characters that block it). A table rather than a `match`: half the code in the wasm.
const BLOCKED: &[(char, &str)] = &[
    ('元', "化旦素宵首件气老帅凶器年"),
    ('人', "民口类员才士物生们大工"),
    ('个', "性体别案"),
    ('度', "过假的"),
    ('家', "庭乡长人园族具"),
    ('场', "所景地馆"),
    ('次', "日要序"),
    ('期', "间待望工项"),
    ('台', "湾风阶"),
    ('两', "地区岸者"),
    ('米', "饭粉"),
    ('斤', "斤"),
    ('起', "来到步点"),
    ('本', "地身质届项次期计村县市"),
    ('部', "门分署长队"),
    ('处', "理于置长"),
    ('名', "誉单称义牌片"),
    ('条', "件例"),
    ('支', "持付出"),
    ('头', "条部"),
    ('类', "型别似"),
    ('种', "子类"),
    ('把', "手握关"),
];

fn blocked(unit: &str, next: Option<char>) -> bool {
    // Every blocked unit is one character: compare characters, not strings (the scanner asks
    // this for every unit it meets, and `==` on strings is a memcmp call).
    let mut chars = unit.chars();
    let (Some(u), None, Some(n)) = (chars.next(), chars.next(), next) else { return false };
    BLOCKED.iter().any(|&(b, after)| b == u && after.chars().any(|c| c == n))
}

/// Characters a unit can start with: most numerals are followed by none of them, and this
/// rejects them before the table is searched.
pub(crate) static UNIT_START: CharSet = {
    let mut words = [""; UNITS.len()];
    let mut i = 0;
    while i < UNITS.len() {
        words[i] = UNITS[i].0;
        i += 1;
    }
    let mut set = CharSet::of_words(&words, false);
    set.0[0] |= 1 << (b' ' as u32); // the space before a Latin unit
    set
};

/// The unit at byte `i` (one ASCII space allowed before a Latin unit), with the offset after it.
pub(crate) fn unit_at(s: &str, i: usize) -> Option<(Unit, usize)> {
    let rest = &s[i..];
    if !rest.chars().next().is_some_and(|c| UNIT_START.contains(c)) {
        return None;
    }
    let (rest, skipped) = match rest.strip_prefix(' ') {
        Some(r) if r.starts_with(|c: char| c.is_ascii_alphabetic()) => (r, 1),
        _ => (rest, 0),
    };
    static BY_FIRST: LazyIndex = LazyIndex::new();
    let words = unit_words();
    let first = rest.chars().next()?;
    let (written, name, kind) = BY_FIRST.get(words, false).candidates(first).map(|k| &UNITS[k]).find(|(w, ..)| rest.starts_with(w))?;
    let next = rest[written.len()..].chars().next();
    if written.is_ascii() && next.is_some_and(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    if blocked(name, next) || blocked(written, next) {
        return None;
    }
    let whole = kind.counts();
    let yuan = matches!(*written, "元" | "块" | "圆");
    let mut end = i + skipped + written.len();
    let mut name = *name;
    // 600余人(次): people counted per visit, written with the 次 in brackets.
    if name == "人" {
        if let Some(marker) = ["(次)", "（次）"].iter().find(|m| s[end..].starts_with(**m)) {
            name = "人次";
            end += marker.len();
        }
    }
    Some((Unit { name, kind: *kind, whole, yuan }, end))
}

/// A currency written before the number (人民币1000元, 港币两千九百六十元, ￥1.25, CNY 1.25):
/// its normalised name and where it starts.
pub(crate) fn currency_before(s: &str, i: usize) -> Option<(&'static str, usize)> {
    const PREFIXES: &[(&str, &str)] = &[
        ("人民币", "元"),
        ("港币", "港元"),
        ("新台币", "新台币"),
        ("台币", "新台币"),
        ("美金", "美元"),
        ("US$", "美元"),
        ("￥", "元"),
        ("¥", "元"),
        ("$", "美元"),
        ("€", "欧元"),
        ("£", "英镑"),
        ("CNY", "元"),
        ("RMB", "元"),
        ("USD", "美元"),
        ("HKD", "港元"),
        ("EUR", "欧元"),
        ("GBP", "英镑"),
        ("JPY", "日元"),
        ("TWD", "新台币"),
        ("₽", "卢布"),
        ("RM", "马来西亚令吉"),
    ];
    let head = s[..i].strip_suffix(' ').unwrap_or(&s[..i]);
    // Every prefix ends in one of these: skip the table for the other 99.9% of positions.
    if !head.ends_with(['币', '金', '$', '￥', '¥', '€', '£', '₽', 'Y', 'B', 'D', 'R', 'P', 'M']) {
        return None;
    }
    PREFIXES.iter().find_map(|(p, name)| {
        let start = head.strip_suffix(p).map(str::len)?;
        // CNY/RMB must not be the tail of a longer word.
        let clean = !p.is_ascii() || !s[..start].ends_with(|c: char| c.is_ascii_alphanumeric());
        clean.then_some((*name, start))
    })
}

/// Qualifier words written before a number, longest first.
const PREFIX_QUALIFIERS: &[(&str, Qualifier)] = &[
    ("大约", Qualifier::About),
    ("大概", Qualifier::About),
    ("大致", Qualifier::About),
    ("将近", Qualifier::Under),
    ("接近", Qualifier::Under),
    ("不到", Qualifier::Under),
    ("不足", Qualifier::Under),
    ("小于", Qualifier::Under),
    ("低于", Qualifier::Under),
    ("少于", Qualifier::Under),
    ("未满", Qualifier::Under),
    ("超过", Qualifier::Over),
    ("突破", Qualifier::Over),
    ("至少", Qualifier::Over),
    ("最少", Qualifier::Over),
    ("最多", Qualifier::Under),
    ("至多", Qualifier::Under),
    ("多于", Qualifier::Over),
    ("高于", Qualifier::Over),
    ("大于", Qualifier::Over),
    ("约", Qualifier::About),
    ("近", Qualifier::Under),
    ("超", Qualifier::Over),
    ("逾", Qualifier::Over),
    ("过", Qualifier::Over),
];

/// The qualifier word ending at byte `i`, with where it starts. `bare` numerals (千, 百万) may
/// also take 上 (上千名).
pub(crate) fn qualifier_before(s: &str, i: usize, bare: bool) -> Option<(Qualifier, usize)> {
    let head = &s[..i];
    if !head.ends_with(['约', '概', '致', '近', '到', '足', '于', '满', '过', '破', '少', '多', '超', '逾', '上']) {
        return None;
    }
    if bare && head.ends_with('上') {
        return Some((Qualifier::Over, i - '上'.len_utf8()));
    }
    PREFIX_QUALIFIERS.iter().find_map(|(w, q)| {
        let start = head.strip_suffix(w).map(str::len)?;
        // 最近, 附近 are not "nearly"; 不过, 经过, 超过 handled by the longer entry.
        let before = s[..start].chars().next_back();
        let ok = match *w {
            "近" => !matches!(before, Some('最' | '附' | '邻' | '靠' | '将' | '接')),
            "过" => !matches!(before, Some('不' | '经' | '通' | '超' | '度' | '过' | '去' | '错' | '走')),
            "超" => !matches!(before, Some('高')),
            _ => true,
        };
        if !ok {
            return None;
        }
        // A negated comparison turns around: 不少于10户 is at least 10, 不超过/未超过 at most.
        let compares = w.ends_with('于') || *w == "超过";
        match before.filter(|&c| compares && matches!(c, '不' | '未')) {
            Some(c) => Some((if *q == Qualifier::Over { Qualifier::Under } else { Qualifier::Over }, start - c.len_utf8())),
            None => Some((*q, start)),
        }
    })
}

/// Qualifier words written after a metric: 左右, 以上, 以下 …
pub(crate) fn qualifier_after(s: &str, i: usize) -> Option<(Qualifier, usize)> {
    const SUFFIXES: &[(&str, Qualifier)] = &[
        ("左右", Qualifier::About),
        ("上下", Qualifier::About),
        ("以上", Qualifier::Over),
        ("之上", Qualifier::Over),
        ("有余", Qualifier::Over),
        ("以下", Qualifier::Under),
        ("以内", Qualifier::Under),
        ("之内", Qualifier::Under),
    ];
    let (rest, skip) = strip_inclusive(&s[i..]);
    SUFFIXES.iter().find_map(|(w, q)| rest.starts_with(w).then(|| (*q, i + skip + w.len())))
}

/// Skips a "(含)" inclusion marker: 50万元（含）以上, 1万(含)-5万元.
pub(crate) fn strip_inclusive(rest: &str) -> (&str, usize) {
    for marker in ["(含)", "（含）"] {
        if let Some(r) = rest.strip_prefix(marker) {
            return (r, marker.len());
        }
    }
    (rest, 0)
}

/// A range separator at byte `i`: 至, 到, ~, -, —, ——, --; returns the offset after it.
pub(crate) fn range_sep_at(s: &str, i: usize) -> Option<usize> {
    const SEPS: &[&str] = &["——", "--", "－－", "至", "到", "~", "～", "-", "－", "—", "–", "−", "―"];
    static FIRST: CharSet = CharSet::of_words(SEPS, false);
    let rest = s[i..].trim_start_matches(' ');
    if !rest.chars().next().is_some_and(|c| FIRST.contains(c)) {
        return None;
    }
    let skipped = s.len() - i - rest.len();
    let sep = SEPS.iter().find(|sep| rest.starts_with(**sep))?;
    let after = &rest[sep.len()..];
    let after_trim = after.trim_start_matches(' ');
    Some(i + skipped + sep.len() + (after.len() - after_trim.len()))
}
