//! Body lines into typed blocks, by shape: runs of short lyrical lines are verse, a lone short
//! line without sentence punctuation is a section heading, a line opening with "——" is a lead-in
//! sub-point; a photo caption is a paragraph whatever its shape; everything else is a
//! paragraph. Shared by the text and HTML readers.

use yuedu_core::Block;

/// A line of the body as the readers found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    pub text: String,
    /// A photo's caption (next to a `图/…` credit): never a heading or verse.
    pub caption: bool,
}

/// Lines into blocks: repeats dropped (a long paragraph seen before, where a page repeats part
/// of its body, and a line right after itself, as a caption repeated under its photo; short
/// lines such as a song's refrain may otherwise repeat), then typed by [`classify`].
pub(crate) fn to_blocks(lines: Vec<Line>) -> Vec<Block> {
    let mut seen = std::collections::HashSet::new();
    let mut kept: Vec<Line> = Vec::with_capacity(lines.len());
    for line in lines {
        let again = kept.last().is_some_and(|l| l.text == line.text);
        if !again && (line.text.chars().count() < 20 || seen.insert(line.text.clone())) {
            kept.push(line);
        }
    }
    let texts: Vec<&str> = kept.iter().map(|l| l.text.as_str()).collect();
    let captions: Vec<bool> = kept.iter().map(|l| l.caption).collect();
    classify(&texts, &captions)
}

const SENTENCE_END: &[char] = &['。', '！', '？', '!', '?', '；', ';', '，', ',', '：', ':', '…'];
const LYRIC_END: &[char] = &['！', '!', '…', '~', '～', '，', ','];

fn is_short(line: &str) -> bool {
    line.chars().count() <= 25 && !line.contains('。')
}

/// Turns body lines into typed blocks (see the module docs for the rules); `captions[i]` marks
/// line `i` a photo caption (missing entries are not).
pub(crate) fn classify(lines: &[&str], captions: &[bool]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let caption = |k: usize| captions.get(k).copied().unwrap_or(false);
        let run = lines[i..].iter().enumerate().take_while(|&(k, l)| is_short(l) && !is_lead(l) && !caption(i + k)).count();
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
pub(crate) fn summarize(body: &[Block]) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
        let blocks = classify(&lines, &[]);
        assert!(matches!(&blocks[0], Block::Verse { lines } if lines.len() == 3));
        assert!(matches!(&blocks[1], Block::Paragraph { .. }));
        assert_eq!(blocks[2], Block::Heading { text: "搭“连心桥”重在“帮”".into() });
        assert_eq!(blocks[3], Block::Lead { lead: "搭沟通桥,明确怎么“帮”。".into(), text: "洪山--建始开展协作。".into() });
    }

    #[test]
    fn two_headings_in_a_row_are_not_verse() {
        let blocks = classify(&["第一部分", "产业发展"], &[]);
        assert!(blocks.iter().all(|b| matches!(b, Block::Heading { .. })), "{blocks:?}");
    }

    #[test]
    fn captions_are_paragraphs_and_a_repeated_line_is_kept_once() {
        let line = |text: &str, caption: bool| Line { text: text.into(), caption };
        let blocks =
            to_blocks(vec![line("光伏板下的羊群", true), line("光伏板下的羊群", false), line("小标题", false), line("正文。", false)]);
        assert_eq!(
            blocks,
            [
                Block::Paragraph { text: "光伏板下的羊群".into() },
                Block::Heading { text: "小标题".into() },
                Block::Paragraph { text: "正文。".into() }
            ]
        );
    }
}
