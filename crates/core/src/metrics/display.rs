//! Presenting metrics to readers: formatting (`9,500万元`, `3,500万元以上`) and choosing the
//! most important ones for the highlight cards.
//!
//! Importance: money first (what was invested, sold, earned), then quantities of people and jobs
//! (人, 人次, 名, 户, 岗位 …), then other counts, then percentages, then measures; within a tier,
//! larger first. Repeats of the same figure (the seed says 9500万元 twice) make one card.

use super::{Metric, MetricKind, Qualifier};

/// Units that count people or jobs: the second tier of importance.
const PEOPLE_UNITS: &[&str] = &["人", "人次", "名", "户", "位", "村民", "农户", "群众", "职工", "岗位"];

/// Formats a metric for a card: magnitude in 万/亿 for money and large numbers, thousands
/// separators, and the qualifier in words.
///
/// ```
/// use yuedu_core::metrics::{extract, display::format_metric};
/// let m = &extract("帮销农副产品共3500多万元")[0];
/// assert_eq!(format_metric(m), "3,500万元以上");
/// ```
pub fn format_metric(m: &Metric) -> String {
    let unit = m.unit.as_str();
    match (m.qualifier, m.upper) {
        (Qualifier::Range, Some(upper)) => format!("{}–{}{unit}", amount(m.value, m.kind), amount(upper, m.kind)),
        (Qualifier::Over, _) => format!("{}{unit}以上", amount(m.value, m.kind)),
        (Qualifier::Under, _) => format!("近{}{unit}", amount(m.value, m.kind)),
        (Qualifier::About, _) => format!("约{}{unit}", amount(m.value, m.kind)),
        _ => format!("{}{unit}", amount(m.value, m.kind)),
    }
}

/// A number with 万/亿 where Chinese readers expect them.
fn amount(value: f64, kind: MetricKind) -> String {
    let abs = value.abs();
    let (scaled, suffix) = if abs >= 1e8 {
        (value / 1e8, "亿")
    } else if abs >= 1e4 && (kind == MetricKind::Money || abs >= 1e6) {
        (value / 1e4, "万")
    } else {
        (value, "")
    };
    format!("{}{suffix}", group_thousands(scaled))
}

/// `9500` → `9,500`; `4.287` → `4.29`; at most two decimals, no trailing zeros.
pub fn group_thousands(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let negative = rounded < 0.0;
    let text = format!("{:.2}", rounded.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    let frac = frac.trim_end_matches('0');
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    if negative {
        out.insert(0, '-');
    }
    out
}

/// Tier of importance: lower is more important.
fn tier(m: &Metric) -> u8 {
    match m.kind {
        MetricKind::Money => 0,
        MetricKind::Count if PEOPLE_UNITS.contains(&m.unit.as_str()) || m.label.as_deref().is_some_and(|l| l.contains("岗位")) => 1,
        MetricKind::Count => 2,
        MetricKind::Percent => 3,
        MetricKind::Measure => 4,
    }
}

/// The `max` most important distinct metrics, most important first (ties keep text order).
pub fn highlights(metrics: &[Metric], max: usize) -> Vec<&Metric> {
    let mut picked: Vec<&Metric> = Vec::new();
    for m in metrics {
        let same = |p: &&Metric| p.unit == m.unit && p.value == m.value && p.upper == m.upper && p.kind == m.kind;
        if !picked.iter().any(same) {
            picked.push(m);
        }
    }
    picked.sort_by(|a, b| tier(a).cmp(&tier(b)).then(b.value.total_cmp(&a.value)));
    picked.truncate(max);
    picked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands_and_trims_decimals() {
        assert_eq!(group_thousands(9500.0), "9,500");
        assert_eq!(group_thousands(1234567.891), "1,234,567.89");
        assert_eq!(group_thousands(4.2), "4.2");
        assert_eq!(group_thousands(-13.0), "-13");
        assert_eq!(group_thousands(0.0), "0");
    }
}
