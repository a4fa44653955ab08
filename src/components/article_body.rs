//! The article body: typed blocks rendered as text nodes with metrics marked (never as HTML),
//! and editor credits.

use leptos::either::EitherOf5;
use leptos::prelude::*;
use yuedu_core::{Block, Editor};

use super::metrics::{marked_text, Marked, MarkedBlock};

/// All blocks of an article body, in order. Section headings get the ids `section-1` … that
/// the table of contents links to.
#[component]
pub fn ArticleBody(blocks: Vec<MarkedBlock>) -> impl IntoView {
    let mut sections = 0usize;
    let views = blocks
        .into_iter()
        .map(|b| {
            let id = matches!(b.block, Block::Heading { .. }).then(|| {
                sections += 1;
                format!("section-{sections}")
            });
            block_view(b, id)
        })
        .collect_view();
    view! { <div class="article-body">{views}</div> }
}

/// The table of contents: the section headings as jump links, when there are two or more.
#[component]
pub fn Toc(blocks: Vec<String>) -> impl IntoView {
    (blocks.len() >= 2).then(|| {
        let t = crate::i18n::t();
        view! {
            <nav class="toc" aria-labelledby="toc-title">
                <h2 id="toc-title" class="toc-title">{t.contents}</h2>
                <ol>
                    {blocks
                        .into_iter()
                        .enumerate()
                        .map(|(i, text)| view! { <li><a href=format!("#section-{}", i + 1)>{text}</a></li> })
                        .collect_view()}
                </ol>
            </nav>
        }
    })
}

fn block_view(MarkedBlock { block, marks }: MarkedBlock, id: Option<String>) -> impl IntoView {
    let piece = |k: usize| -> &[Marked] { marks.get(k).map_or(&[], Vec::as_slice) };
    match block {
        Block::Paragraph { text } => EitherOf5::A(view! { <p>{marked_text(&text, piece(0))}</p> }),
        Block::Heading { text } => EitherOf5::B(view! { <h2 id=id tabindex="-1">{marked_text(&text, piece(0))}</h2> }),
        Block::Verse { lines } => EitherOf5::C(view! {
            <blockquote class="verse">
                {lines
                    .iter()
                    .enumerate()
                    .map(|(k, line)| view! { <p class="verse-line">{marked_text(line, piece(k))}</p> })
                    .collect_view()}
            </blockquote>
        }),
        Block::Lead { lead, text } => EitherOf5::D(view! {
            <p class="lead-point">
                <strong class="lead"><span aria-hidden="true">"——"</span>{marked_text(&lead, piece(0))}</strong>
                {marked_text(&text, piece(1))}
            </p>
        }),
        Block::Image { src, alt, caption } => EitherOf5::E(view! {
            <figure class="figure">
                // `src` was vetted by the core decoder: http(s) or relative only.
                <img src=src alt=alt loading="lazy" decoding="async"/>
                {caption.map(|c| view! { <figcaption>{c}</figcaption> })}
            </figure>
        }),
    }
}

/// Editor credits: 总监审 / 监审 / 责任编辑 …
#[component]
pub fn Credits(editors: Vec<Editor>) -> impl IntoView {
    (!editors.is_empty()).then(|| {
        view! {
            <dl class="credits">
                {editors
                    .into_iter()
                    .map(|e| view! {
                        <div class="credit">
                            <dt>{e.role}</dt>
                            <dd>{e.name}</dd>
                        </div>
                    })
                    .collect_view()}
            </dl>
        }
    })
}
