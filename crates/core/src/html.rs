//! A small, forgiving HTML-to-text pass so `ingest` can read saved HTML pages as well as text.
//!
//! It is not a browser: it only needs the reading order of text and where blocks break. Script,
//! style and comment contents are dropped, block-level tags end lines, whitespace collapses as
//! HTML renders it, and character references are decoded. The result goes through the same
//! line-based reader as scraped text pages.

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "title",
    "figure",
    "figcaption",
    "blockquote",
    "dd",
    "dt",
    "dl",
    "hr",
    "main",
    "pre",
    "form",
];
const SKIPPED_TAGS: &[&str] = &["script", "style", "noscript", "template", "svg", "iframe", "select"];

/// Converts HTML to plain text with one line per block.
///
/// ```
/// use yuedu_core::html::html_to_text;
/// let text = html_to_text("<h1>标题</h1><p>甲&amp;乙<br>第二行</p><script>x()</script>");
/// assert_eq!(text, "标题\n甲&乙\n第二行");
/// ```
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_text(&mut out, &rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String =
            tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
        if !closing && SKIPPED_TAGS.contains(&name.as_str()) {
            let close = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = lower.find(&close).map_or("", |i| &rest[i..]);
            continue;
        }
        if BLOCK_TAGS.contains(&name.as_str()) && !out.ends_with('\n') && !out.is_empty() {
            out.push('\n');
        }
    }
    push_text(&mut out, rest);
    out.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// Appends text with HTML whitespace collapsing and entities decoded.
fn push_text(out: &mut String, raw: &str) {
    let decoded = decode_entities(raw);
    for c in decoded.chars() {
        if c.is_whitespace() && c != '\u{a0}' && c != '\u{3000}' {
            if !out.ends_with([' ', '\n']) && !out.is_empty() {
                out.push(' ');
            }
        } else {
            out.push(if c == '\u{a0}' { ' ' } else { c });
        }
    }
}

/// Decodes the character references news sites use; unknown ones stay as written.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '#')).map(|i| i + 1);
        let decoded = end.filter(|&e| rest[e..].starts_with(';')).and_then(|e| {
            let name = &rest[1..e];
            let c = if let Some(num) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(num, 16).ok().and_then(char::from_u32)
            } else if let Some(num) = name.strip_prefix('#') {
                num.parse().ok().and_then(char::from_u32)
            } else {
                named_entity(name)
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "times" => '×',
        "yen" => '¥',
        "copy" => '©',
        "ensp" | "emsp" | "thinsp" => ' ',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_scripts_styles_comments_case_insensitively() {
        let t = html_to_text("<p>甲</p><SCRIPT>if (a<b) x()</SCRIPT><!-- 注释 --><style>p{}</style><p>乙</p>");
        assert_eq!(t, "甲\n乙");
    }

    #[test]
    fn decodes_numeric_and_named_references() {
        assert_eq!(decode_entities("&#20013;&#x56FD; &ldquo;帮&rdquo; &bogus; & x"), "中国 “帮” &bogus; & x");
    }

    #[test]
    fn survives_truncated_markup() {
        assert_eq!(html_to_text("<p>甲</p><div class=\"x"), "甲");
        assert_eq!(html_to_text("<p>甲<!-- never closed"), "甲");
    }
}
