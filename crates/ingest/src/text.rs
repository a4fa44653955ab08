//! Text pages (the search-engine text of a page, as in `shared/seeds/`), read line by line.
//!
//! The headline is the line above the first metadata line (`时间:…来源:…`, `来源:…`, a date
//! line); a short line above it is the kicker (引题), a `——` line under it the subtitle (副题).
//! Each metadata block starts a copy of the body (scrapes often hold the article twice): the
//! copy runs to the first line that ends a body (related lists, footers, editor and tag
//! credits) and the fullest copy is kept, once. Chrome inside it (widgets, counters, share
//! prompts, disclaimers, photo credits) is dropped wherever it sits.

use crate::blocks::{self, Line};
use crate::meta::{self, Field};
use crate::{clean_line, Gathered, Page};

/// Reads a text page.
pub(crate) fn read(page: &str) -> Page {
    let owned: Vec<String> = page.lines().map(clean_line).collect();
    let lines: Vec<&str> = owned.iter().map(String::as_str).collect();
    read_lines(&lines)
}

/// A metadata line that opens the article's head: it names the time, source or authors, or
/// opens with a date. (Editor and tag credits close the article instead; `引题:`/`副题:` lines
/// sit around the headline.)
fn is_head_meta(line: &str) -> bool {
    meta::is_meta_line(line)
        && (meta::find_date(line).is_some_and(|(start, _)| start == 0)
            || meta::split_labels(line).iter().any(|l| matches!(l.field, Field::Time | Field::Source | Field::Author)))
}

/// A whole line that credits editors or tags: the article is over.
fn is_credit(line: &str) -> bool {
    meta::is_meta_line(line) && !is_head_meta(line) && {
        let labels = meta::split_labels(line);
        labels.iter().any(|l| matches!(l.field, Field::Editor | Field::Tags)) || (labels.is_empty() && meta::bare_credit(line).is_some())
    }
}

/// What each line is, worked out once.
struct Kind {
    /// Not empty, not chrome, not the end of a body.
    plain: bool,
    meta: bool,
    head: bool,
    credit: bool,
    chrome: bool,
    ends: bool,
}

impl Kind {
    fn of(line: &str) -> Kind {
        let meta = meta::is_meta_line(line);
        let head = meta && is_head_meta(line);
        let chrome = meta::is_chrome(line);
        let ends = meta::ends_body(line);
        // 【纠错】 责任编辑：张三: a widget before a credit.
        let credit = is_credit(line) || (chrome && meta::split_labels(line).iter().any(|l| l.field == Field::Editor));
        Kind { plain: !line.is_empty() && !chrome && !ends, meta, head, credit, chrome, ends }
    }
}

/// Reads cleaned lines (also the HTML reader's fallback for pages without metadata tags).
pub(crate) fn read_lines(lines: &[&str]) -> Page {
    let kinds: Vec<Kind> = lines.iter().map(|l| Kind::of(l)).collect();
    let heads: Vec<usize> = (0..lines.len()).filter(|&i| kinds[i].head).collect();
    let first_head = heads.first().copied();
    let mut g = Gathered::default();

    // The headline: the last plain line above the first metadata line; without metadata, the
    // first plain line. When the metadata comes after the story (……。\n来源：人民日报), the line
    // above it is a paragraph, not a headline: the headline is then the first line that looks
    // like one.
    let headline = |i: &usize| kinds[*i].plain && !kinds[*i].meta && is_headline_like(lines[*i]);
    // A government disclosure page puts its metadata table (索引号, 发布机构, 生成日期) first: the
    // headline is then the first one below it.
    let title_at = match first_head {
        Some(first) => (0..first)
            .rev()
            .find(|&i| kinds[i].plain && !kinds[i].meta)
            .filter(headline)
            .or_else(|| (0..first).find(headline))
            .or_else(|| (first..lines.len()).find(headline)),
        None => (0..lines.len()).find(|&i| kinds[i].plain),
    };
    // 引题:/副题: lines around the headline.
    for i in 0..first_head.unwrap_or(0) {
        if kinds[i].meta {
            g.read_line(lines[i]);
        }
    }
    let mut title_at = title_at;
    if let Some(t) = title_at {
        // 标题 / ——副题: a dash line under the headline is its subtitle.
        if let Some(sub) = lines[t].strip_prefix("——").or_else(|| lines[t].strip_prefix('—')) {
            if let Some(above) = (0..t).rev().find(|&i| kinds[i].plain) {
                g.subtitle = Some(sub.trim().to_owned());
                title_at = Some(above);
            }
        }
        if let Some(k) = title_at.and_then(|t| kicker_above(lines, &kinds, t)) {
            g.kicker = Some(lines[k].to_owned());
        }
    }
    let title = title_at.map(|t| lines[t]);

    // The body starts under the headline, and again at each metadata block (a scrape may hold
    // the article twice): each copy runs to a line that ends a body; the fullest is kept.
    let mut best: Vec<&str> = Vec::new();
    // A head inside a metadata run already read starts the same copy again: skipped, so each line
    // is read once (a page of thousands of metadata lines took time quadratic in their number).
    let mut read = vec![false; lines.len()];
    for start in title_at.map(|t| t + 1).into_iter().chain(heads.iter().copied()) {
        if read.get(start).copied().unwrap_or(false) {
            continue;
        }
        let mut i = start;
        while i < lines.len() && (lines[i].is_empty() || kinds[i].chrome || (kinds[i].meta && !kinds[i].credit)) {
            if kinds[i].meta {
                g.read_line(lines[i]);
            }
            read[i] = true;
            i += 1;
        }
        let end =
            (i..lines.len()).find(|&j| kinds[j].ends || kinds[j].credit || kinds[j].head || Some(lines[j]) == title).unwrap_or(lines.len());
        let body: Vec<&str> = (i..end).filter(|&j| !lines[j].is_empty() && !kinds[j].chrome && !kinds[j].meta).map(|j| lines[j]).collect();
        if chars(&body) > chars(&best) {
            best = body;
        }
    }
    // Editor and tag credits, wherever they sit after the head.
    for i in first_head.unwrap_or(lines.len())..lines.len() {
        if kinds[i].credit {
            g.read_line(lines[i]);
        }
    }
    let body = blocks::to_blocks(body_lines(best, &mut g, true));
    g.into_page(title.map(str::to_owned), body)
}

/// Could the line be a headline: not long, and not a sentence of the story.
fn is_headline_like(line: &str) -> bool {
    line.chars().count() <= 64 && !line.ends_with(['。', '；', '，'])
}

/// 引题: a short plain line right above the headline that is the first plain line of the page
/// (only chrome or nothing above it) and appears once (a slogan repeated in the page header is
/// not a kicker).
fn kicker_above(lines: &[&str], kinds: &[Kind], title_at: usize) -> Option<usize> {
    let k = (0..title_at).rev().find(|&i| !lines[i].is_empty())?;
    let line = lines[k];
    let short = line.chars().count() <= 40 && !line.ends_with(['。', '！', '？', '；', '，', ':', '：']);
    let once = lines.iter().filter(|l| **l == line).count() == 1;
    let first = (0..k).all(|i| lines[i].is_empty() || kinds[i].chrome);
    (short && once && first && !kinds[k].chrome && !kinds[k].meta).then_some(k)
}

/// Body lines with credits taken out: `文/张三`, `本报记者 周南` and dateline reporters (in the
/// first line, when `at_start`) are authors, `【编辑:梁异】` at a paragraph's end is an editor, and widgets after
/// it (`【纠错】`) go. A `图/…` or `摄影/…` credit is dropped and marks the short line above it
/// (else the one below it) as its photo's caption.
pub(crate) fn body_lines(lines: Vec<&str>, g: &mut Gathered, at_start: bool) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut caption_next = false;
    for line in lines {
        if let Some((names, writer)) = meta::slash_credit(line) {
            caption_next = false;
            if writer {
                g.add_authors(&meta::split_names(names));
            } else if let Some(prev) = out.last_mut().filter(|l| is_caption_like(&l.text)) {
                prev.caption = true; // the caption above its credit
            } else {
                caption_next = true; // the credit above its caption
            }
            continue;
        }
        if let Some(names) = meta::reporter_line(line) {
            g.add_authors(&names);
            continue;
        }
        let mut text = meta::strip_widgets(line);
        if let Some((before, role, names)) = meta::trailing_editor(text) {
            g.add_editors(role, names);
            text = meta::strip_widgets(before);
        }
        if at_start && out.is_empty() && g.authors.is_empty() {
            let reporters = meta::dateline_reporters(text);
            g.add_authors(&reporters);
            // A line that is only the credit: （记者 赵紫东）.
            if !reporters.is_empty() && text.chars().count() <= 30 && text.starts_with(['（', '(']) {
                continue;
            }
        }
        if !text.is_empty() {
            out.push(Line { text: text.to_owned(), caption: caption_next && is_caption_like(text) });
        }
        caption_next = false;
    }
    out
}

/// Short enough to caption a photo, and not a sentence of the story.
fn is_caption_like(text: &str) -> bool {
    text.chars().count() <= 80 && !text.ends_with(['。', '！', '？', '”'])
}

fn chars(lines: &[&str]) -> usize {
    lines.iter().map(|l| l.chars().count()).sum()
}
