//! Ingest: turning a scraped news page (text, as in `shared/seeds/`) into an [`Article`].
//!
//! Scraped pages carry site chrome (slogans, "推荐阅读", footers with ICP and phone numbers) and
//! often the article body twice. Ingest finds the metadata line (`时间:…来源:…作者:…`), takes the
//! title from the line before it, reads each copy of the body up to the first trailer line, keeps
//! the fullest copy once, and reads editors and tags from the trailer. Body lines become typed
//! blocks by shape: runs of short lyrical lines are verse, a lone short line without sentence
//! punctuation is a section heading, a line opening with "——" is a lead-in sub-point.

use crate::model::{validate_id, Article, Block, Editor, Source, ARTICLE_FORMAT};
use crate::time::{CivilTime, Timestamp, SHANGHAI_OFFSET_MINUTES};

/// Why a page could not be turned into an article; each names what is missing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IngestError {
    #[error("no metadata line found: expected a line like `时间:2023-12-07 15:58:54来源:…作者:…`")]
    MissingMetadata,
    #[error("no title: expected the headline on the line before `时间:…`")]
    MissingTitle,
    #[error("the time `{0}` is not a date like 2023-12-07 15:58:54")]
    BadTime(String),
    #[error("no source: expected `来源:…` in the metadata")]
    MissingSource,
    #[error("no article body between the metadata and the trailer")]
    MissingBody,
    #[error("invalid article id `{id}`: {reason}")]
    BadId { id: String, reason: &'static str },
}

/// Options for [`ingest_page`].
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// The article id; when `None` one is derived from the title and time (stable across runs).
    pub id: Option<String>,
}

/// Editor roles as Chinese news sites print them, longest first so 总监审 wins over 监审.
const EDITOR_ROLES: &[&str] = &["值班编辑", "责任编辑", "总监审", "监审", "终审", "复审", "初审", "审核", "校对", "主编", "编辑", "美编"];

/// Lines that mark the end of the article body: site chrome after the article.
const CHROME_PREFIXES: &[&str] = &[
    "推荐阅读",
    "相关文章",
    "相关阅读",
    "相关新闻",
    "专题专栏",
    "上一篇",
    "下一篇",
    "分享到",
    "联系我们",
    "版权所有",
    "主管:",
    "主管：",
    "主办:",
    "主办：",
    "地址:",
    "地址：",
    "京ICP",
    "网站声明",
    "扫一扫",
];

/// Metadata labels; longer labels first so 发布时间 is not read as 时间.
const META_LABELS: &[(&str, MetaField)] = &[
    ("发布时间", MetaField::Time),
    ("时间", MetaField::Time),
    ("日期", MetaField::Time),
    ("来源", MetaField::Source),
    ("作者", MetaField::Author),
    ("记者", MetaField::Author),
    ("通讯员", MetaField::Author),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MetaField {
    Time,
    Source,
    Author,
}

/// Turns a scraped page into an article. The page may be plain text or HTML.
///
/// ```
/// use yuedu_core::ingest::{ingest_page, IngestOptions};
/// let page = "口号\n标题在此\n时间:2023-12-07 15:58:54来源:示例网作者:甲 乙\n第一段正文。\n责任编辑朱峰\n标签协同振兴\n推荐阅读";
/// let a = ingest_page(page, &IngestOptions::default()).unwrap();
/// assert_eq!(a.title, "标题在此");
/// assert_eq!(a.published, "2023-12-07T15:58:54+08:00");
/// assert_eq!(a.authors, ["甲", "乙"]);
/// assert_eq!(a.tags, ["协同振兴"]);
/// assert_eq!(a.body.len(), 1);
/// ```
pub fn ingest_page(page: &str, options: &IngestOptions) -> Result<Article, IngestError> {
    let text;
    let page = if looks_like_html(page) {
        text = crate::html::html_to_text(page);
        text.as_str()
    } else {
        page
    };
    let owned: Vec<String> = page.lines().map(clean_line).collect();
    let lines: Vec<&str> = owned.iter().map(String::as_str).collect();

    let meta_starts: Vec<usize> = (0..lines.len()).filter(|&i| is_meta_line(lines[i])).collect();
    let first_meta = *meta_starts.first().ok_or(IngestError::MissingMetadata)?;
    let title = lines[..first_meta].iter().rev().find(|l| !l.is_empty()).ok_or(IngestError::MissingTitle)?;
    let title = (*title).to_owned();

    let mut meta = Meta::default();
    let mut best_body: Vec<&str> = Vec::new();
    for &start in &meta_starts {
        let mut i = start;
        while i < lines.len() && (lines[i].is_empty() || is_meta_line(lines[i])) {
            meta.read_line(lines[i]);
            i += 1;
        }
        let body: Vec<&str> = lines[i..]
            .iter()
            .copied()
            .take_while(|l| !is_trailer_line(l) && *l != title && !is_meta_line(l))
            .filter(|l| !l.is_empty() && !is_counter(l))
            .collect();
        if chars(&body) > chars(&best_body) {
            best_body = body;
        }
    }
    if best_body.is_empty() {
        return Err(IngestError::MissingBody);
    }

    let time = meta.time.ok_or(IngestError::MissingMetadata)?;
    let published = parse_cn_datetime(&time).ok_or(IngestError::BadTime(time))?.to_string();
    let source = meta.source.filter(|s| !s.is_empty()).ok_or(IngestError::MissingSource)?;
    let (editors, tags) = read_trailer(&lines[first_meta..]);
    let body = classify(&dedupe_paragraphs(best_body));
    let id = match &options.id {
        Some(id) => id.clone(),
        None => derive_id(&title, &published),
    };
    validate_id(&id).map_err(|reason| IngestError::BadId { id: id.clone(), reason })?;

    Ok(Article {
        format: ARTICLE_FORMAT.to_owned(),
        id,
        summary: summarize(&body),
        title,
        published,
        source: Source { name: source, url: None },
        authors: meta.authors,
        tags,
        editors,
        body,
    })
}

/// A stable 16-hex-digit id from the title and publication time (FNV-1a, 64 bit).
pub fn derive_id(title: &str, published: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in published.bytes().chain([0]).chain(title.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[derive(Default)]
struct Meta {
    time: Option<String>,
    source: Option<String>,
    authors: Vec<String>,
}

impl Meta {
    fn read_line(&mut self, line: &str) {
        for (field, value) in split_meta(line) {
            let value = value.trim();
            match field {
                MetaField::Time if self.time.is_none() && !value.is_empty() => self.time = Some(value.to_owned()),
                MetaField::Source if self.source.is_none() && !value.is_empty() => self.source = Some(value.to_owned()),
                MetaField::Author => {
                    for name in split_names(value) {
                        if !self.authors.iter().any(|a| a == name) {
                            self.authors.push(name.to_owned());
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// Splits `时间:…来源:…作者:…` into labelled values.
fn split_meta(line: &str) -> Vec<(MetaField, &str)> {
    let mut marks: Vec<(usize, usize, MetaField)> = Vec::new(); // (label start, value start, field)
    let mut pos = 0;
    while pos < line.len() {
        let rest = &line[pos..];
        let hit = META_LABELS.iter().find_map(|(label, field)| {
            let after = rest.strip_prefix(label)?;
            let colon = after.chars().next().filter(|c| matches!(c, ':' | '：'))?;
            Some((pos, pos + label.len() + colon.len_utf8(), *field))
        });
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
        .map(|(k, &(_, value_start, field))| {
            let end = marks.get(k + 1).map_or(line.len(), |m| m.0);
            (field, &line[value_start..end])
        })
        .collect()
}

fn is_meta_line(line: &str) -> bool {
    split_meta(line).first().is_some_and(|_| META_LABELS.iter().any(|(label, _)| line.starts_with(label)))
}

fn split_names(value: &str) -> impl Iterator<Item = &str> {
    value.split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；')).filter(|s| !s.is_empty())
}

/// Editor credit (`责任编辑朱峰`, `监 审:韩世雄`), returning role and names.
fn editor_line(line: &str) -> Option<(&'static str, String)> {
    let squeezed: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    if squeezed.chars().count() > 24 {
        return None;
    }
    let role = EDITOR_ROLES.iter().find(|r| squeezed.starts_with(**r))?;
    let rest = squeezed[role.len()..].trim_start_matches([':', '：']);
    // Names keep their inner spaces from the original line when there are several.
    let names = line.split_once([':', '：']).map(|x| x.1).map_or(rest.to_owned(), |s| s.trim().to_owned());
    (!names.is_empty()).then_some((role, names))
}

fn tag_line(line: &str) -> Option<Vec<String>> {
    let rest = line.strip_prefix("标签")?.trim_start_matches([':', '：']);
    if line.chars().count() > 80 {
        return None;
    }
    Some(split_names(rest).map(str::to_owned).collect())
}

fn is_trailer_line(line: &str) -> bool {
    editor_line(line).is_some() || tag_line(line).is_some() || CHROME_PREFIXES.iter().any(|p| line.starts_with(p)) || line.contains("ICP备")
}

fn read_trailer(lines: &[&str]) -> (Vec<Editor>, Vec<String>) {
    let mut editors: Vec<Editor> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    for line in lines {
        if let Some((role, names)) = editor_line(line) {
            for name in split_names(&names) {
                if !editors.iter().any(|e| e.role == role && e.name == name) {
                    editors.push(Editor { role: role.to_owned(), name: name.to_owned() });
                }
            }
        } else if let Some(found) = tag_line(line) {
            // Only tags that can name a file and a URL segment (not a/b, .hidden, 50%).
            for tag in found.into_iter().filter(|t| crate::model::validate_tag(t).is_ok()) {
                if !tags.contains(&tag) {
                    tags.push(tag);
                }
            }
        }
    }
    (editors, tags)
}

/// Comment and share counters scraped as lone numbers ("0").
fn is_counter(line: &str) -> bool {
    line.len() <= 6 && line.bytes().all(|b| b.is_ascii_digit())
}

fn chars(lines: &[&str]) -> usize {
    lines.iter().map(|l| l.chars().count()).sum()
}

/// Drops a long paragraph seen before (a page that repeats part of its body); short lines such
/// as a song's refrain may legitimately repeat.
fn dedupe_paragraphs(lines: Vec<&str>) -> Vec<&str> {
    let mut seen = std::collections::HashSet::new();
    lines.into_iter().filter(|l| l.chars().count() < 20 || seen.insert(*l)).collect()
}

const SENTENCE_END: &[char] = &['。', '！', '？', '!', '?', '；', ';', '，', ',', '：', ':', '…'];
const LYRIC_END: &[char] = &['！', '!', '…', '~', '～', '，', ','];

fn is_short(line: &str) -> bool {
    line.chars().count() <= 25 && !line.contains('。')
}

/// Turns body lines into typed blocks (see the module docs for the rules).
fn classify(lines: &[&str]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let run = lines[i..].iter().take_while(|l| is_short(l) && !is_lead(l)).count();
        let lyrical = lines[i..i + run].iter().any(|l| l.ends_with(LYRIC_END));
        if run >= 2 && lyrical {
            blocks.push(Block::Verse { lines: lines[i..i + run].iter().map(|l| (*l).to_owned()).collect() });
            i += run;
            continue;
        }
        let line = lines[i];
        blocks.push(if run >= 1 && !line.ends_with(SENTENCE_END) {
            Block::Heading { text: line.to_owned() }
        } else if let Some((lead, text)) = split_lead(line) {
            Block::Lead { lead, text }
        } else {
            Block::Paragraph { text: line.to_owned() }
        });
        i += 1;
    }
    blocks
}

fn is_lead(line: &str) -> bool {
    line.starts_with("——") || line.starts_with("--")
}

/// `——搭沟通桥,明确怎么“帮”。洪山…` → (`搭沟通桥,明确怎么“帮”。`, `洪山…`).
fn split_lead(line: &str) -> Option<(String, String)> {
    let rest = line.trim_start_matches(['—', '-']).trim_start();
    if !is_lead(line) || rest.is_empty() {
        return None;
    }
    let end = rest.char_indices().take(40).find(|(_, c)| matches!(c, '。' | '！' | '？' | '!' | '?'));
    match end {
        Some((i, c)) => {
            let cut = i + c.len_utf8();
            Some((rest[..cut].to_owned(), rest[cut..].trim().to_owned()))
        }
        None => Some((rest.to_owned(), String::new())),
    }
}

/// The first paragraph, cut at a sentence end near 120 characters.
fn summarize(body: &[Block]) -> Option<String> {
    let text = body.iter().find_map(|b| match b {
        Block::Paragraph { text } => Some(text.as_str()),
        Block::Lead { text, .. } if !text.is_empty() => Some(text.as_str()),
        _ => None,
    })?;
    const MAX: usize = 120;
    if text.chars().count() <= MAX {
        return Some(text.to_owned());
    }
    let head: String = text.chars().take(MAX).collect();
    match head.rfind(['。', '！', '？']) {
        Some(i) if i > 0 => Some(head[..i + head[i..].chars().next().map_or(0, char::len_utf8)].to_owned()),
        _ => Some(format!("{head}…")),
    }
}

/// Reads `2023-12-07 15:58:54`, `2023/12/07 15:58`, `2023年12月7日 15:58` as Beijing time.
pub fn parse_cn_datetime(s: &str) -> Option<Timestamp> {
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

/// Trims a line and folds runs of spaces (including no-break spaces, which scrapes carry as
/// layout residue) into one space, as the HTML path does.
fn clean_line(line: &str) -> String {
    let trimmed = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}');
    let mut out = String::with_capacity(trimmed.len());
    for c in trimmed.chars() {
        let c = if c == '\u{a0}' || c == '\t' { ' ' } else { c };
        if !(c == ' ' && out.ends_with(' ')) {
            out.push(c);
        }
    }
    out
}

fn looks_like_html(page: &str) -> bool {
    let head: String = page.trim_start().chars().take(512).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body") || head.contains("<head")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> IngestOptions {
        IngestOptions::default()
    }

    #[test]
    fn splits_a_glued_metadata_line() {
        let got = split_meta("时间:2023-12-07 15:58:54来源:中国乡村振兴网作者:申万萍 严金菊 黄江南");
        assert_eq!(
            got,
            [(MetaField::Time, "2023-12-07 15:58:54"), (MetaField::Source, "中国乡村振兴网"), (MetaField::Author, "申万萍 严金菊 黄江南")]
        );
        assert_eq!(split_meta("发布时间：2023年12月7日")[0], (MetaField::Time, "2023年12月7日"));
    }

    #[test]
    fn reads_editor_lines_with_and_without_colons() {
        assert_eq!(editor_line("总监审姚卜成"), Some(("总监审", "姚卜成".into())));
        assert_eq!(editor_line("监 审韩世雄"), Some(("监审", "韩世雄".into())));
        assert_eq!(editor_line("责任编辑:朱峰"), Some(("责任编辑", "朱峰".into())));
        assert_eq!(editor_line("编辑部的同志们说，这几年变化太大了，村里的路修好了，产业也发展起来了。"), None);
    }

    #[test]
    fn classifies_verse_heading_lead_paragraph() {
        let lines = [
            "黄啊四姐哎!",
            "你喊啥子嘛",
            "我给你送一根丝帕子哎……",
            "正文第一段,说了一件事。",
            "搭“连心桥”重在“帮”",
            "——搭沟通桥,明确怎么“帮”。洪山--建始开展协作。",
        ];
        let blocks = classify(&lines);
        assert!(matches!(&blocks[0], Block::Verse { lines } if lines.len() == 3));
        assert!(matches!(&blocks[1], Block::Paragraph { .. }));
        assert_eq!(blocks[2], Block::Heading { text: "搭“连心桥”重在“帮”".into() });
        assert_eq!(blocks[3], Block::Lead { lead: "搭沟通桥,明确怎么“帮”。".into(), text: "洪山--建始开展协作。".into() });
    }

    #[test]
    fn two_headings_in_a_row_are_not_verse() {
        let blocks = classify(&["第一部分", "产业发展"]);
        assert!(blocks.iter().all(|b| matches!(b, Block::Heading { .. })), "{blocks:?}");
    }

    #[test]
    fn keeps_the_fuller_copy_of_a_duplicated_body() {
        let page = "标题\n时间:2023-01-02 03:04:05来源:甲网\n第一段。\n\n标题\n时间:2023-01-02 03:04:05\n来源:甲网\n第一段。\n第二段。\n责任编辑:乙";
        let a = ingest_page(page, &opts()).unwrap();
        assert_eq!(a.body.len(), 2, "{:?}", a.body);
        assert_eq!(a.editors, [Editor { role: "责任编辑".into(), name: "乙".into() }]);
    }

    #[test]
    fn errors_name_what_is_missing() {
        assert_eq!(ingest_page("只有一行", &opts()), Err(IngestError::MissingMetadata));
        assert_eq!(ingest_page("时间:2023-01-02来源:甲\n正文。", &opts()), Err(IngestError::MissingTitle));
        assert_eq!(ingest_page("题\n时间:2023-01-02来源:甲\n推荐阅读", &opts()), Err(IngestError::MissingBody));
        assert_eq!(ingest_page("题\n时间:2023-01-02\n正文。", &opts()), Err(IngestError::MissingSource));
        assert_eq!(ingest_page("题\n时间:昨天来源:甲\n正文。", &opts()), Err(IngestError::BadTime("昨天".into())));
        let bad_id = IngestOptions { id: Some("a/b".into()) };
        assert!(matches!(ingest_page("题\n时间:2023-01-02来源:甲\n正文。", &bad_id), Err(IngestError::BadId { .. })));
    }

    /// Found by fuzzing: a tag the article format rejects made ingest return an invalid article.
    #[test]
    fn drops_tags_the_format_cannot_hold() {
        let a = ingest_page("标题\n时间:2023-12-07 15:58:54来源:示例网\n正文。\n标签a/b .hidden 50% 协同振兴", &opts()).unwrap();
        assert_eq!(a.tags, ["协同振兴"]);
        a.validate().unwrap();
    }

    #[test]
    fn parses_chinese_datetimes_as_beijing_time() {
        let t = |s| parse_cn_datetime(s).map(|t| t.to_string());
        assert_eq!(t("2023-12-07 15:58:54").as_deref(), Some("2023-12-07T15:58:54+08:00"));
        assert_eq!(t("2023年12月7日 15:58").as_deref(), Some("2023-12-07T15:58:00+08:00"));
        assert_eq!(t("2023/2/30"), None);
        assert_eq!(t("15:58"), None);
    }

    #[test]
    fn derived_ids_are_stable_and_valid() {
        let id = derive_id("标题", "2023-12-07T15:58:54+08:00");
        assert_eq!(id, derive_id("标题", "2023-12-07T15:58:54+08:00"));
        assert_ne!(id, derive_id("标题2", "2023-12-07T15:58:54+08:00"));
        assert!(validate_id(&id).is_ok());
    }
}

#[cfg(test)]
mod seed_tests {
    use super::*;

    const SEED: &str = include_str!("../../../tests/fixtures/pages/000_c6c151299a20712a.txt");

    /// The same page saved as HTML (site chrome in nav/footer, scripts, entities) reads the same.
    #[test]
    fn the_seed_as_html_gives_the_same_article() {
        let escape = |l: &str| l.replace('&', "&amp;").replace('<', "&lt;").replace('“', "&ldquo;");
        let body: String = SEED.lines().map(|l| format!("<p>{}</p>\n", escape(l))).collect();
        let html = format!(
            "<!DOCTYPE html><html><head><title>站点</title><script>var a = '<p>x</p>';</script>\
             <style>p {{ margin: 0 }}</style></head><body><!-- 广告 -->{body}</body></html>"
        );
        let from_text = ingest_page(SEED, &IngestOptions::default()).unwrap();
        let from_html = ingest_page(&html, &IngestOptions::default()).unwrap();
        assert_eq!(from_html, from_text);
    }

    #[test]
    fn the_seed_body_is_read_once_with_its_structure() {
        let a = ingest_page(SEED, &IngestOptions::default()).unwrap();
        let count = |f: fn(&Block) -> bool| a.body.iter().filter(|b| f(b)).count();
        assert_eq!(count(|b| matches!(b, Block::Verse { lines } if lines.len() == 3)), 1);
        assert_eq!(count(|b| matches!(b, Block::Heading { .. })), 3);
        assert_eq!(count(|b| matches!(b, Block::Lead { .. })), 7);
        assert_eq!(a.body_text().matches("帮销土家腊肉").count(), 1);
        assert_eq!(a.editors.len(), 3);
    }
}
