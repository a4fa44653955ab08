//! What a line of a news page says about the article: labelled metadata (`时间:` `来源:` `作者:`
//! `责任编辑:` `引题:` …, one per line or several glued on one), bare dates, credits (`文/张三`,
//! `（记者 赵紫东）`, `【编辑:梁异】`), and site chrome (breadcrumbs, font-size and print widgets,
//! counters, share prompts, disclaimers, footers).
//!
//! Every label is one row of [`LABELS`]; the readers in `text.rs` and `html.rs` share them.

use std::sync::LazyLock;

use yuedu_core::time::{CivilTime, Timestamp, SHANGHAI_OFFSET_MINUTES};

/// What a label introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Time,
    Source,
    Author,
    /// An editor credit; the role is the label as printed (责任编辑, 总监审, 编辑 …).
    Editor,
    Kicker,
    Subtitle,
    Tags,
    /// Labels whose values are not about the article: 录入 (a clerk), 字体, 阅读量, 栏目 …
    Chrome,
}

/// (label, field), longest first where one label ends another (发布时间 before 时间, 文章来源
/// before 来源, 责任编辑 before 编辑, 总监审 before 监审).
pub(crate) const LABELS: &[(&str, Field)] = &[
    ("发布时间", Field::Time),
    ("发布日期", Field::Time),
    ("更新时间", Field::Time),
    ("发表时间", Field::Time),
    ("发稿时间", Field::Time),
    // Government information-disclosure pages: the document's dates, after the publication's.
    ("生成日期", Field::Time),
    ("发文日期", Field::Time),
    ("成文日期", Field::Time),
    ("时间", Field::Time),
    ("日期", Field::Time),
    ("图片来源", Field::Chrome),
    ("本文来源", Field::Source),
    ("稿件来源", Field::Source),
    ("文章来源", Field::Source),
    ("信息来源", Field::Source),
    ("新闻来源", Field::Source),
    ("来源", Field::Source),
    ("稿源", Field::Source),
    ("发布机构", Field::Source),
    ("出处", Field::Source),
    ("作者", Field::Author),
    ("记者", Field::Author),
    ("通讯员", Field::Author),
    ("撰稿", Field::Author),
    ("值班编辑", Field::Editor),
    ("责任编辑", Field::Editor),
    ("总监审", Field::Editor),
    ("监审", Field::Editor),
    ("终审", Field::Editor),
    ("复审", Field::Editor),
    ("初审", Field::Editor),
    ("审核", Field::Editor),
    ("校对", Field::Editor),
    ("主编", Field::Editor),
    ("责编", Field::Editor),
    ("编审", Field::Editor),
    ("美编", Field::Editor),
    ("编辑", Field::Editor),
    ("引题", Field::Kicker),
    ("副标题", Field::Subtitle),
    ("副题", Field::Subtitle),
    ("关键词", Field::Tags),
    ("关键字", Field::Tags),
    ("标签", Field::Tags),
    ("录入", Field::Chrome),
    ("字体", Field::Chrome),
    ("字号", Field::Chrome),
    ("阅读量", Field::Chrome),
    ("阅读数", Field::Chrome),
    ("阅读", Field::Chrome),
    ("浏览次数", Field::Chrome),
    ("浏览量", Field::Chrome),
    ("浏览", Field::Chrome),
    ("点击数", Field::Chrome),
    ("点击量", Field::Chrome),
    ("点击", Field::Chrome),
    ("访问量", Field::Chrome),
    ("栏目", Field::Chrome),
    ("索引号", Field::Chrome),
    ("主题分类", Field::Chrome),
    ("发文字号", Field::Chrome),
    ("文号", Field::Chrome),
    ("分享到", Field::Chrome),
    ("分享", Field::Chrome),
];

/// Credits written with a slash: `文/张三` names the writer; `图/` `摄影/` `摄/` name the
/// photographer, which the article format has no place for.
const SLASH_CREDITS: &[(&str, bool)] = &[("文", true), ("撰文", true), ("摄影", false), ("图", false), ("摄", false)];

fn is_colon(c: char) -> bool {
    matches!(c, ':' | '：')
}

/// One labelled value found in a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Labelled<'a> {
    pub field: Field,
    pub label: &'static str,
    pub value: &'a str,
}

/// The labels in `line` and their values: `时间:…来源:…作者:…`, `发布时间:2024-01-01 08:00 来源:中国网
/// 阅读量:5309`, `作者:常利民 文章来源:…`. A label counts when a colon follows it (spaces
/// allowed between: `监 审:`); a value runs to the next label or a separator (`|`, `丨`, `【`).
pub(crate) fn split_labels(line: &str) -> Vec<Labelled<'_>> {
    let mut marks: Vec<(usize, usize, Field, &'static str)> = Vec::new(); // (label start, value start, …)
    let mut pos = 0;
    while pos < line.len() {
        let rest = &line[pos..];
        let hit = label_at(rest).map(|(label, field, len)| (pos, pos + len, field, label));
        match hit {
            Some(mark) => {
                pos = mark.1;
                marks.push(mark);
            }
            None => pos += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    marks
        .iter()
        .enumerate()
        .map(|(k, &(_, value_start, field, label))| {
            let end = marks.get(k + 1).map_or(line.len(), |m| m.0);
            let value = &line[value_start..end];
            let value = value.split(['|', '丨', '｜', '【', '】', '[', ']']).next().unwrap_or("");
            Labelled { field, label, value: value.trim_matches(|c: char| c.is_whitespace() || matches!(c, '　' | '/' | '，' | ',')) }
        })
        .collect()
}

/// The first characters of [`LABELS`], sorted and once each.
static LABEL_STARTS: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut starts: Vec<char> = LABELS.iter().filter_map(|(label, _)| label.chars().next()).collect();
    starts.sort_unstable();
    starts.dedup();
    starts
});

/// The label at the start of `s` with its colon: (label, field, bytes up to the value). Spaces
/// inside the label (`监 审`) and before the colon are allowed.
fn label_at(s: &str) -> Option<(&'static str, Field, usize)> {
    // Most places in a line start no label: one lookup rejects them before any label is tried.
    let first = s.trim_start_matches(' ').chars().next()?;
    LABEL_STARTS.binary_search(&first).ok()?;
    LABELS.iter().find_map(|&(label, field)| {
        let mut rest = s;
        for want in label.chars() {
            rest = rest.trim_start_matches(' ');
            rest = rest.strip_prefix(want)?;
        }
        let after = rest.trim_start_matches(' ');
        let colon = after.chars().next().filter(|&c| is_colon(c))?;
        Some((label, field, s.len() - after.len() + colon.len_utf8()))
    })
}

/// Does the line open with a label (`来源:`, `责任编辑朱峰` for editors and tags without a colon),
/// or with a date (`2018年12月11日 11:31:45 | 来源:常州日报`, `2020-10-09新闻 编辑: huazhu`)?
pub(crate) fn is_meta_line(line: &str) -> bool {
    let line = line.trim_start_matches(['【', '[', '(', '（']);
    if line.chars().count() > 160 {
        return false;
    }
    label_at(line).is_some() || bare_credit(line).is_some() || dated_meta(line)
}

/// A short line that starts with a full date and otherwise holds labels or a column name.
fn dated_meta(line: &str) -> bool {
    let Some((0, end)) = find_date(line) else { return false };
    if line.chars().count() > 80 {
        return false;
    }
    let rest = line[end..].trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '丨' | '｜' | '　'));
    // What comes before the first label (a column name such as 新闻) must be short and plain.
    let first_label = (0..rest.len()).filter(|&i| rest.is_char_boundary(i)).find(|&i| label_at(&rest[i..]).is_some());
    let head = &rest[..first_label.unwrap_or(rest.len())];
    head.chars().count() <= 8 && !head.contains(['，', ',', '。', '；'])
}

/// `责任编辑朱峰`, `总监审姚卜成`, `标签协同振兴`: an editor or tag credit without a colon, as a whole
/// short line. Returns the label and the value.
pub(crate) fn bare_credit(line: &str) -> Option<(&'static str, Field, &str)> {
    let squeezed_len = line.chars().filter(|c| !c.is_whitespace()).count();
    if squeezed_len > 40 {
        return None;
    }
    LABELS.iter().filter(|(_, f)| matches!(f, Field::Editor | Field::Tags)).find_map(|&(label, field)| {
        let mut rest = line;
        for want in label.chars() {
            rest = rest.trim_start_matches(' ').strip_prefix(want)?;
        }
        let value = rest.trim_start_matches([' ', ':', '：']).trim();
        // 编辑部的同志们说…: a sentence, not a credit.
        let plain = !value.is_empty() && !value.contains(['，', ',', '。', '的']) && value.chars().count() <= 24;
        plain.then_some((label, field, value))
    })
}

/// A credit line such as `文/张三`, `摄影/刘有志`, `图/新华社`: (names, is the writer).
pub(crate) fn slash_credit(line: &str) -> Option<(&str, bool)> {
    if line.chars().count() > 30 {
        return None;
    }
    SLASH_CREDITS.iter().find_map(|&(word, writer)| {
        let rest = line.strip_prefix(word)?.trim_start().strip_prefix(['/', '／'])?;
        Some((rest.trim(), writer))
    })
}

/// Reporters named in a dateline's brackets: `新华社北京1月2日电（记者 赵紫东）`, `本报讯（记者 张三
/// 通讯员 李四）`, or a line that is only such a credit.
pub(crate) fn dateline_reporters(text: &str) -> Vec<String> {
    let head: String = text.chars().take(60).collect();
    let mut names = Vec::new();
    for open in ['（', '('] {
        let Some(start) = head.find(open) else { continue };
        let inner = &head[start + open.len_utf8()..];
        let Some(end) = inner.find(['）', ')']) else { continue };
        let inner = &inner[..end];
        let mut take = false;
        for word in inner.split(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ',')) {
            let word = word.trim_matches(|c: char| is_colon(c));
            if matches!(word, "记者" | "通讯员" | "本报记者" | "特约记者" | "实习生") {
                take = true;
            } else if let Some(rest) = ["本报记者", "记者", "通讯员"].iter().find_map(|w| word.strip_prefix(w)) {
                take = true;
                push_name(&mut names, rest);
            } else if take {
                push_name(&mut names, word);
            }
        }
    }
    names
}

/// A line that only credits reporters: `本报记者 周南 刘北`, `记者 张三 通讯员 李四`.
pub(crate) fn reporter_line(line: &str) -> Option<Vec<String>> {
    const ROLES: &[&str] = &["本报记者", "本报特约记者", "特约记者", "本报通讯员", "记者", "通讯员", "实习生"];
    let starts = ROLES.iter().any(|r| line.starts_with(r));
    let plain = line.chars().count() <= 30 && !line.contains(['，', ',', '。', '：', ':', '、']);
    let names: Vec<String> = split_names(line).into_iter().filter(|n| !ROLES.contains(&n.as_str())).collect();
    (starts && plain && !names.is_empty() && names.iter().all(|n| n.chars().count() <= 4)).then_some(names)
}

fn push_name(names: &mut Vec<String>, name: &str) {
    let name = name.trim_matches(|c: char| c.is_whitespace() || is_colon(c));
    if is_name(name) && !names.iter().any(|n| n == name) {
        names.push(name.to_owned());
    }
}

/// A person's name as credits give it: short, no sentence punctuation or digits.
fn is_name(name: &str) -> bool {
    let n = name.chars().count();
    (1..=16).contains(&n) && !name.contains(|c: char| c.is_ascii_digit() || matches!(c, '，' | '。' | ':' | '：' | '(' | '（'))
}

/// Names in a credit value: `申万萍 严金菊 黄江南`, `张三、李四`, `本报记者 张三`.
pub(crate) fn split_names(value: &str) -> Vec<String> {
    let mut names = Vec::new();
    for word in value.split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；' | '　')) {
        let word = ["本报记者", "特约记者", "本报通讯员", "记者", "通讯员"].iter().find_map(|w| word.strip_prefix(w)).unwrap_or(word);
        push_name(&mut names, word);
    }
    names
}

/// A source name without a trailing remark: `中国乡村发现网(作者授权发布)` → `中国乡村发现网`.
pub(crate) fn clean_source(value: &str) -> Option<String> {
    let mut v = value.trim();
    if let Some(i) = v.find(['(', '（']).filter(|&i| i > 0) {
        v = &v[..i];
    }
    let v = v.trim_matches(|c: char| c.is_whitespace() || matches!(c, '　' | '-' | '—' | '，' | ','));
    (!v.is_empty() && v.chars().count() <= 40).then(|| v.to_owned())
}

/// The first full date in `s`, with a time if one follows: `2023-12-07 15:58:54`, `2023/12/07`,
/// `2023.12.07`, `2023年12月7日 15:58`, `2024-01-01T08:00`. Byte range.
pub(crate) fn find_date(s: &str) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        let year = b[i..i + 4].iter().all(u8::is_ascii_digit) && (i == 0 || !b[i - 1].is_ascii_digit());
        if year {
            if let Some(end) = date_after_year(s, i + 4) {
                return Some((i, end));
            }
        }
        i += 1;
    }
    None
}

/// Reads `-MM-DD`, `/M/D`, `.MM.DD`, `年M月D日` and an optional time after a year.
fn date_after_year(s: &str, at: usize) -> Option<usize> {
    let rest = &s[at..];
    let (sep1, sep2, close): (&str, &str, &str) = if rest.starts_with('年') {
        ("年", "月", "日")
    } else {
        let c = rest.chars().next()?;
        match c {
            '-' => ("-", "-", ""),
            '/' => ("/", "/", ""),
            '.' => (".", ".", ""),
            _ => return None,
        }
    };
    let mut pos = at + sep1.len();
    let month = digits(s, pos, 2)?;
    pos += month;
    pos += s[pos..].starts_with(sep2).then_some(sep2.len())?;
    let day = digits(s, pos, 2)?;
    pos += day;
    if !close.is_empty() {
        pos += s[pos..].starts_with(close).then_some(close.len())?;
    } else if s[pos..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // A time: ` 15:58:54`, `T08:00`, ` 15时58分`.
    let after = s[pos..].trim_start_matches([' ', 'T', '　']);
    let t = s.len() - after.len();
    if let Some(h) = digits(s, t, 2) {
        if s[t + h..].starts_with([':', '：']) {
            let mut end = t + h + 1 + if s[t + h..].starts_with('：') { 2 } else { 0 };
            let m = digits(s, end, 2)?;
            end += m;
            if s[end..].starts_with(':') {
                if let Some(sec) = digits(s, end + 1, 2) {
                    end += 1 + sec;
                }
            }
            return Some(end);
        }
    }
    Some(pos)
}

/// 1 to `max` ASCII digits at `at`: how many.
fn digits(s: &str, at: usize, max: usize) -> Option<usize> {
    let n = s.get(at..)?.bytes().take_while(u8::is_ascii_digit).count();
    (1..=max).contains(&n).then_some(n)
}

/// Reads a date as publishers write it — `2023-12-07 15:58:54`, `2023/12/07 15:58`, `2023年12月7日
/// 15:58`, date only — as Beijing time; or an RFC 3339 time with its own offset (from `<meta>`
/// and JSON-LD), kept as written.
///
/// ```
/// use yuedu_ingest::parse_cn_datetime;
/// assert_eq!(parse_cn_datetime("2023年12月7日 15:58").unwrap().to_string(), "2023-12-07T15:58:00+08:00");
/// assert_eq!(parse_cn_datetime("2023-12-07T07:58:00Z").unwrap().to_string(), "2023-12-07T07:58:00Z");
/// assert!(parse_cn_datetime("昨天").is_none());
/// ```
pub fn parse_cn_datetime(s: &str) -> Option<Timestamp> {
    let s = s.trim();
    if let Ok(t) = Timestamp::parse_rfc3339(s) {
        return Some(t);
    }
    let (start, end) = find_date(s)?;
    let s = &s[start..end];
    let nums: Vec<u32> = s.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let get = |i: usize| nums.get(i).copied();
    if !(3..=6).contains(&nums.len()) || !(1900..=2999).contains(&get(0)?) {
        return None;
    }
    let civil = CivilTime {
        year: get(0)? as i32,
        month: get(1)?,
        day: get(2)?,
        hour: get(3).unwrap_or(0),
        minute: get(4).unwrap_or(0),
        second: get(5).unwrap_or(0),
    };
    Timestamp::from_civil(civil, SHANGHAI_OFFSET_MINUTES)
}

/// Lines that are site chrome wherever they sit: breadcrumbs, font-size and print widgets,
/// counters, share prompts, disclaimers, bracketed widgets (`【纠错】【打印】`).
pub(crate) fn is_chrome(line: &str) -> bool {
    let n = line.chars().count();
    let trimmed = line.trim_start_matches(['【', '[', '(', '（', ' ']);
    if ["免责声明", "版权声明", "声明:", "声明：", "特别声明"].iter().any(|p| trimmed.starts_with(p)) {
        return true;
    }
    if ["您的位置", "您现在的位置", "当前位置", "所在位置", "你的位置", "您所在的位置"].iter().any(|p| trimmed.starts_with(p))
    {
        return true;
    }
    if n <= 80
        && (line.contains(" > ") || line.contains('>') || line.contains('＞') || line.contains('»'))
        && (line.contains("首页") || line.contains("正文"))
    {
        return true;
    }
    if n <= 40 {
        const WIDGETS: &[&str] = &[
            "字号",
            "字体",
            "打印本页",
            "打印此页",
            "关闭窗口",
            "【打印】",
            "【关闭】",
            "【纠错】",
            "收藏本页",
            "点击右上角",
            "微信好友",
            "朋友圈",
            "分享到",
            "扫一扫",
            "扫描二维码",
            "阅读量",
            "浏览次数",
            "浏览量",
            "点击数",
            "点击量",
            "访问量",
            "【大 中 小】",
            "【大中小】",
            "返回顶部",
            "上一篇",
            "下一篇",
        ];
        if WIDGETS.iter().any(|w| line.contains(w)) {
            return true;
        }
        // 【纠错】【打印】【关闭】: only bracketed words.
        if line.starts_with('【') && line.ends_with('】') && !line.contains(['，', '。']) {
            return true;
        }
    }
    // Navigation: 网站首页 | 新闻中心 | 专题报道.
    let separators = line.matches(['|', '丨', '｜', '·']).count();
    let nav = separators >= 2 || trimmed.starts_with("首页") || trimmed.starts_with("网站首页");
    if n <= 60 && nav && !line.contains(['，', '。']) && !is_meta_line(line) {
        return true;
    }
    // Contact footers: 投诉电话:(010)59195820, 邮编:100028, 传真, E-mail.
    if n <= 60
        && ["电话", "联系电话", "投诉电话", "举报电话", "传真", "邮编", "E-mail", "Email", "邮箱"].iter().any(|p| trimmed.starts_with(p))
    {
        return true;
    }
    // A lone counter or page number ("0", "3").
    n <= 6 && line.bytes().all(|b| b.is_ascii_digit())
}

/// Lines that end the body: related lists, footers, copyright and licence lines.
pub(crate) fn ends_body(line: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "推荐阅读",
        "相关文章",
        "相关阅读",
        "相关新闻",
        "相关链接",
        "相关推荐",
        "延伸阅读",
        "热点推荐",
        "热门推荐",
        "猜你喜欢",
        "专题专栏",
        "联系我们",
        "版权所有",
        "主管:",
        "主管：",
        "主办:",
        "主办：",
        "主办单位",
        "承办:",
        "地址:",
        "地址：",
        "网站声明",
        "网站地图",
        "关于我们",
        "Copyright",
        "copyright",
        "©",
    ];
    PREFIXES.iter().any(|p| line.starts_with(p)) || line.contains("ICP备") || line.contains("公网安备") || line.contains("ICP证")
}

/// A paragraph without the widgets scraped onto its end: `……规模。【纠错】【打印】`.
pub(crate) fn strip_widgets(line: &str) -> &str {
    const WIDGETS: &[&str] = &["纠错", "打印", "关闭", "关闭窗口", "打印本页", "收藏", "分享", "返回顶部", "大", "中", "小"];
    let mut text = line;
    while let Some(inner) = text.strip_suffix('】') {
        let Some(open) = inner.rfind('【') else { break };
        if !WIDGETS.contains(&inner[open + '【'.len_utf8()..].trim()) {
            break;
        }
        text = inner[..open].trim_end();
    }
    text
}

/// `……。【编辑:梁异】`, `（责任编辑：王五）` at the end of a paragraph: the text before it and the
/// credit (role, names).
pub(crate) fn trailing_editor(line: &str) -> Option<(&str, &'static str, &str)> {
    let (close, open) = if line.ends_with('】') {
        ('】', '【')
    } else if line.ends_with('）') {
        ('）', '（')
    } else if line.ends_with(')') {
        (')', '(')
    } else {
        return None;
    };
    let start = line.rfind(open)?;
    let inner = &line[start + open.len_utf8()..line.len() - close.len_utf8()];
    let l = split_labels(inner);
    // The credit opens the brackets: 【编辑:梁异】, not （大意如此，编辑:…）.
    let first = l.first().filter(|l| l.field == Field::Editor && inner.trim_start().starts_with(|c| l.label.starts_with(c)))?;
    Some((line[..start].trim_end(), first.label, first.value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(line: &str) -> Vec<(Field, &str)> {
        split_labels(line).into_iter().map(|l| (l.field, l.value)).collect()
    }

    #[test]
    fn splits_glued_and_spaced_labels() {
        assert_eq!(
            fields("时间:2023-12-07 15:58:54来源:中国乡村振兴网作者:申万萍 严金菊 黄江南"),
            [(Field::Time, "2023-12-07 15:58:54"), (Field::Source, "中国乡村振兴网"), (Field::Author, "申万萍 严金菊 黄江南")]
        );
        assert_eq!(
            fields("发布时间:2024-01-01 08:00 来源:中国网 阅读量:5309"),
            [(Field::Time, "2024-01-01 08:00"), (Field::Source, "中国网"), (Field::Chrome, "5309")]
        );
        assert_eq!(
            fields("作者:常利民 文章来源:中国乡村发现网(作者授权发布) 更新时间:2009-11-18 录入:武夷青竹"),
            [
                (Field::Author, "常利民"),
                (Field::Source, "中国乡村发现网(作者授权发布)"),
                (Field::Time, "2009-11-18"),
                (Field::Chrome, "武夷青竹")
            ]
        );
        assert_eq!(fields("监 审：韩世雄"), [(Field::Editor, "韩世雄")]);
        assert_eq!(fields("2018年12月11日 11:31:45 | 来源:常州日报"), [(Field::Source, "常州日报")]);
        assert_eq!(fields("作者:"), [(Field::Author, "")]);
    }

    #[test]
    fn meta_lines_and_body_lines() {
        for meta in [
            "来源:人民日报2022-09-21 09:38",
            "字体:",
            "2020-10-09新闻 编辑: huazhu",
            "2018年12月11日 11:31:45 | 来源:常州日报",
            "总监审姚卜成",
            "2023-12-07",
        ] {
            assert!(is_meta_line(meta), "{meta}");
        }
        for body in ["2023年12月4日，在湖北省建始县三里乡，群众欢快地唱着。", "编辑部的同志们说，这几年变化太大了。", "时间过得真快。"]
        {
            assert!(!is_meta_line(body), "{body}");
        }
    }

    #[test]
    fn finds_dates_in_their_forms() {
        fn date(s: &str) -> Option<&str> {
            find_date(s).map(|(a, b)| &s[a..b])
        }
        assert_eq!(date("来源:人民日报2022-09-21 09:38"), Some("2022-09-21 09:38"));
        assert_eq!(date("2018年12月11日 11:31:45 | 来源"), Some("2018年12月11日 11:31:45"));
        assert_eq!(date("2023/12/07"), Some("2023/12/07"));
        assert_eq!(date("2024-01-01T08:00:00+08:00"), Some("2024-01-01T08:00:00"));
        assert_eq!(date("自2021年以来"), None);
        assert_eq!(date("电话010-64035547"), None);
        let t = |s: &str| parse_cn_datetime(s).map(|t| t.to_string());
        assert_eq!(t("2009-11-18").as_deref(), Some("2009-11-18T00:00:00+08:00"));
        assert_eq!(t("2023/2/30"), None);
    }

    #[test]
    fn credits_and_datelines() {
        assert_eq!(slash_credit("摄影/刘有志"), Some(("刘有志", false)));
        assert_eq!(slash_credit("文/张三"), Some(("张三", true)));
        assert_eq!(dateline_reporters("新华社北京1月2日电（记者 赵紫东）今天，…"), ["赵紫东"]);
        assert_eq!(dateline_reporters("本报讯（记者 张三 李四 通讯员 王五）近日，…"), ["张三", "李四", "王五"]);
        assert!(dateline_reporters("（图为村民在采茶）").is_empty());
        assert_eq!(trailing_editor("全文完。【编辑:梁异】"), Some(("全文完。", "编辑", "梁异")));
        assert_eq!(trailing_editor("全文完。（责任编辑：王五）"), Some(("全文完。", "责任编辑", "王五")));
        assert_eq!(trailing_editor("他说（大意如此）"), None);
        assert_eq!(bare_credit("责任编辑朱峰"), Some(("责任编辑", Field::Editor, "朱峰")));
        assert_eq!(bare_credit("编辑部的同志们说，这几年变化太大了。"), None);
        assert_eq!(split_names("本报记者 张三、李四"), ["张三", "李四"]);
        assert_eq!(reporter_line("本报记者 周南 刘北"), Some(vec!["周南".to_owned(), "刘北".to_owned()]));
        assert_eq!(reporter_line("记者 张三 通讯员 李四"), Some(vec!["张三".to_owned(), "李四".to_owned()]));
        assert_eq!(reporter_line("记者来到了村里，看到了变化。"), None);
        assert_eq!(clean_source("中国乡村发现网(作者授权发布)").as_deref(), Some("中国乡村发现网"));
    }

    #[test]
    fn chrome_wherever_it_sits() {
        for chrome in [
            "首页 > 新闻 > > 正文",
            "您现在的位置: 乡村发现 > 首页 > 常利民:农村机制创新与三农统筹发展",
            "当前位置：首页 > 要闻",
            "字号变大| 字号变小",
            "字体:大 中 小",
            "【打印本页】【关闭窗口】",
            "阅读量:5309",
            "点击右上角分享给微信好友或朋友圈",
            "声明:免责声明:此文内容为本网站转载企业宣传资讯，仅代表作者个人观点，与本网无关。",
            "【纠错】",
            "投诉电话:(010)59195820",
            "邮编：100028 传真：010-12345678",
            "网站首页 | 新闻中心 | 专题报道",
            "0",
        ] {
            assert!(is_chrome(chrome), "{chrome}");
        }
        for body in ["首页开通了新的栏目，正文里有更多内容。", "字里行间都是对家乡的热爱，读来令人动容，这是一篇好文章。"]
        {
            assert!(!is_chrome(body), "{body}");
        }
        assert!(ends_body("京ICP备2022015544号-1") && ends_body("推荐阅读") && !ends_body("相关部门正在推进"));
    }
}
