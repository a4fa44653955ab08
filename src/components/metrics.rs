//! Metrics in the article view: numbers marked inline (`<mark>` with data attributes), the
//! highlights panel of the most important ones, and a compact money chart drawn as SVG.

use leptos::prelude::*;
use yuedu_core::metrics::display::{decimal, format_metric, highlights};
use yuedu_core::metrics::{Metric, MetricKind, Qualifier};

/// A metric with its article-wide number; the inline mark's id is `metric-<id>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Marked {
    pub id: usize,
    pub metric: Metric,
}

/// How many cards the highlights panel shows.
const CARDS: usize = 6;

/// `text` as text nodes with each metric wrapped in a `<mark>`. Text is never parsed as HTML.
pub fn marked_text(text: &str, marks: &[Marked]) -> Vec<AnyView> {
    let mut out = Vec::with_capacity(marks.len() * 2 + 1);
    let mut at = 0;
    for Marked { id, metric: m } in marks {
        if m.byte_start < at || m.byte_end > text.len() {
            continue; // never happens for marks made from this text; skip rather than panic
        }
        if m.byte_start > at {
            out.push(text[at..m.byte_start].to_owned().into_any());
        }
        let title = match &m.label {
            Some(label) => format!("{}：{}", label, format_metric(m)),
            None => format_metric(m),
        };
        out.push(
            view! {
                <mark
                    id=format!("metric-{id}")
                    class=format!("metric metric-{}", m.kind.as_str())
                    tabindex="-1"
                    title=title
                    data-value=decimal(m.value, 6)
                    data-upper=m.upper.map(|u| decimal(u, 6))
                    data-unit=m.unit.clone()
                    data-kind=m.kind.as_str()
                    data-qualifier=m.qualifier.as_str()
                >
                    {text[m.byte_start..m.byte_end].to_owned()}
                </mark>
            }
            .into_any(),
        );
        at = m.byte_end;
    }
    if at < text.len() {
        out.push(text[at..].to_owned().into_any());
    }
    out
}

/// The highlights panel: the most important metrics as cards that jump to their sentence —
/// links to the mark (`#metric-3`), so they work on a static page without JavaScript too; in
/// the app the router scrolls to it and makes its sentence flash.
#[component]
pub fn MetricsPanel(marks: Vec<Marked>) -> impl IntoView {
    let metrics: Vec<Metric> = marks.iter().map(|m| m.metric.clone()).collect();
    let picked = highlights(&metrics, CARDS);
    if picked.is_empty() {
        return None;
    }
    let cards = picked
        .into_iter()
        .map(|i| {
            let Marked { id, metric } = marks[i].clone();
            let value = format_metric(&metric);
            view! {
                <li>
                    <a class=format!("metric-card metric-{}", metric.kind.as_str()) href=format!("#metric-{id}")>
                        <span class="metric-kind">{metric.kind.info().label(crate::i18n::use_lang())}</span>
                        <span class="metric-value">{value}</span>
                        <span class="metric-label">{metric.label.clone().unwrap_or_default()}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    let money: Vec<Metric> = metrics.iter().filter(|m| m.kind == MetricKind::Money).cloned().collect();
    Some(view! {
        <details class="highlights" open>
            <summary><h2 id="highlights-title" class="highlights-title">{crate::i18n::t().highlights}</h2></summary>
            <ul class="metric-cards" role="list">{cards}</ul>
            <MoneyChart metrics=money/>
        </details>
    })
}

/// Bars comparing the article's money figures; open-ended and ranged figures show their spread.
#[component]
pub fn MoneyChart(metrics: Vec<Metric>) -> impl IntoView {
    let picked = highlights(&metrics, 8);
    if picked.len() < 2 {
        return None;
    }
    let rows: Vec<Metric> = picked.into_iter().map(|i| metrics[i].clone()).collect();
    let max = rows.iter().map(|m| m.upper.unwrap_or(m.value)).fold(0.0f64, f64::max).max(1.0);
    let pct = move |v: f64| (v / max * 100.0).clamp(0.0, 100.0);
    Some(view! {
        <figure class="money-chart">
            <figcaption>{crate::i18n::t().money_chart}</figcaption>
            <ul role="list">
                {rows
                    .into_iter()
                    .map(|m| {
                        let solid = pct(m.value);
                        let spread = m.upper.filter(|_| matches!(m.qualifier, Qualifier::Over | Qualifier::Range)).map(|u| pct(u) - solid);
                        let label = m.label.clone().unwrap_or_else(|| m.text.clone());
                        view! {
                            <li class="chart-row" data-qualifier=m.qualifier.as_str()>
                                <span class="chart-label">{label}</span>
                                <svg class="chart-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                                    <rect class="bar" x="0" y="0" width=decimal(solid, 2) height="10"></rect>
                                    {spread.map(|w| view! {
                                        <rect class="bar-spread" x=decimal(solid, 2) y="0" width=decimal(w.max(0.5), 2) height="10"></rect>
                                    })}
                                </svg>
                                <span class="chart-value">{format_metric(&m)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </figure>
    })
}

/// A body block with the metrics found in each of its text pieces (paragraph: its text; lead:
/// lead and text; verse: each line), numbered in reading order.
#[derive(Debug, Clone)]
pub struct MarkedBlock {
    pub block: yuedu_core::Block,
    pub marks: Vec<Vec<Marked>>,
}

/// Runs the extractor once on a short sample, timed as the `yuedu:metrics:warm-up` measure.
/// The browser compiles a wasm function when it is first called, and for the extractor that
/// first run costs more than extracting the whole seed article afterwards (1.1–1.6 ms against
/// 0.3–0.5 ms, medians on cold loads in Chromium, BENCHMARKS.md). The article page calls this while the article's
/// data is on the network, so the compile is done before the text arrives.
pub fn warm_up() {
    crate::dom::timed("yuedu:metrics:warm-up", || {
        let _ = yuedu_core::metrics::extract("累计投入资金9500万元，提供岗位15000多个，增长3.5%，约两千亩");
    });
}

/// Runs the extractor over the body once, numbering metrics across the article. Timed as the
/// `yuedu:metrics` performance measure, so the browser benchmark can report its cost. With
/// `enabled` false (an embed with `highlights=0`) nothing is marked.
pub fn mark_body(body: Vec<yuedu_core::Block>, enabled: bool) -> (Vec<MarkedBlock>, Vec<Marked>) {
    use yuedu_core::Block;
    if !enabled {
        return (body.into_iter().map(|block| MarkedBlock { block, marks: Vec::new() }).collect(), Vec::new());
    }
    crate::dom::timed("yuedu:metrics", || {
        let mut next = 0usize;
        let mut all = Vec::new();
        let mut mark = |text: &str| -> Vec<Marked> {
            let found: Vec<Marked> = yuedu_core::metrics::extract(text)
                .into_iter()
                .map(|metric| {
                    next += 1;
                    Marked { id: next - 1, metric }
                })
                .collect();
            all.extend(found.iter().cloned());
            found
        };
        let blocks = body
            .into_iter()
            .map(|block| {
                let marks = match &block {
                    Block::Paragraph { text } | Block::Heading { text } => vec![mark(text)],
                    Block::Verse { lines } => lines.iter().map(|l| mark(l)).collect(),
                    Block::Lead { lead, text } => vec![mark(lead), mark(text)],
                    Block::Image { .. } => Vec::new(),
                };
                MarkedBlock { block, marks }
            })
            .collect();
        (blocks, all)
    })
}
