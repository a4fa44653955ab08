//! The article body: typed blocks rendered as text nodes with metrics marked (never as HTML),
//! and editor credits.

use leptos::either::EitherOf5;
use leptos::prelude::*;
use yuedu_core::{Block, Editor};

use super::metrics::{marked_text, Marked, MarkedBlock};

/// All blocks of an article body, in order.
#[component]
pub fn ArticleBody(blocks: Vec<MarkedBlock>) -> impl IntoView {
    view! { <div class="article-body">{blocks.into_iter().map(block_view).collect_view()}</div> }
}

fn block_view(MarkedBlock { block, marks }: MarkedBlock) -> impl IntoView {
    let piece = |k: usize| -> &[Marked] { marks.get(k).map_or(&[], Vec::as_slice) };
    match block {
        Block::Paragraph { text } => EitherOf5::A(view! { <p>{marked_text(&text, piece(0))}</p> }),
        Block::Heading { text } => EitherOf5::B(view! { <h2>{marked_text(&text, piece(0))}</h2> }),
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
