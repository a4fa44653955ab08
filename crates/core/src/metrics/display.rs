//! Presenting metrics to readers: formatting (`9,500万元`, `3,500万元以上`) and choosing the
//! most important ones for the highlight cards.
//!
//! Importance is the kind's tier ([`MetricKind::ALL`]): money first (what was invested, sold,
//! earned), then quantities of people and jobs, then other counts, then percentages …; within a
//! tier, larger first. Repeats of the same figure (the seed says 9500万元 twice) make one card.

use super::{Metric, MetricKind, Qualifier};

/// Formats a metric for a card: magnitude in 万/亿 for money and large numbers, thousands
/// separators, and the qualifier in words.
///
/// ```
/// use yuedu_core::metrics::{extract, display::format_metric};
/// let m = &extract("帮销农副产品共3500多万元")[0];
/// assert_eq!(format_metric(m), "3,500万元以上");
/// ```
pub fn format_metric(m: &Metric) -> String {
    match m.kind {
        // 三分之一, 2.4∶1: a quotient in decimals reads worse than the figure as written.
        MetricKind::Fraction | MetricKind::Ratio => return m.text.clone(),
        MetricKind::Money
        | MetricKind::People
        | MetricKind::Count
        | MetricKind::Percent
        | MetricKind::Multiple
        | MetricKind::Rate
        | MetricKind::Measure => {}
    }
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
    let plain = decimal(value, 2);
    let (sign, digits) = plain.strip_prefix('-').map_or(("", plain.as_str()), |d| ("-", d));
    let (int, frac) = digits.split_once('.').map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// A plain decimal with at most `max_decimals` places, trailing zeros trimmed: `1720.134`,
/// `95000000`. Integer arithmetic only: float formatting would add ~20 KB to the wasm.
///
/// ```
/// use yuedu_core::metrics::display::decimal;
/// assert_eq!(decimal(95_000_000.0, 6), "95000000");
/// assert_eq!(decimal(-0.1, 6), "-0.1");
/// assert_eq!(decimal(2.345, 2), "2.35");
/// ```
pub fn decimal(value: f64, max_decimals: u32) -> String {
    if !value.is_finite() {
        return String::from("0");
    }
    let scale = 10u64.pow(max_decimals.min(9));
    let scaled = (value.abs() * scale as f64).round();
    if scaled >= 1.8e19 {
        // Beyond u64 no decimals matter; show the magnitude (no u128/float formatting code).
        let (mut v, mut exp) = (value.abs(), 0);
        while v >= 1e15 {
            v /= 10.0;
            exp += 1;
        }
        return format!("{}{}e{exp}", if value < 0.0 { "-" } else { "" }, v.round() as u64);
    }
    let scaled = scaled as u64;
    let (int, mut frac) = (scaled / scale, scaled % scale);
    let mut places = max_decimals.min(9);
    while places > 0 && frac % 10 == 0 {
        frac /= 10;
        places -= 1;
    }
    let sign = if value < 0.0 && scaled > 0 { "-" } else { "" };
    if places == 0 {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac:0width$}", width = places as usize)
    }
}

/// Indices of the `max` most important distinct metrics, most important first. A repeated
/// figure counts once (its first mention), and no tier fills more than half the slots while
/// others have candidates, so the cards show money *and* people, not six sums of money.
///
/// ```
/// use yuedu_core::metrics::{extract, display::highlights};
/// let m = extract("邀请145家企业，投入资金900万元，再投入资金900万元，销售3500多万元。");
/// let texts: Vec<&str> = highlights(&m, 3).into_iter().map(|i| m[i].text.as_str()).collect();
/// assert_eq!(texts, ["3500多万元", "900万元", "145家"]);
/// ```
pub fn highlights(metrics: &[Metric], max: usize) -> Vec<usize> {
    // The first of each set of equal figures (same kind, unit, value, upper): sorted so equal
    // figures are neighbours, which stays O(n log n) for a hostile article with 100k numbers.
    let same = |a: &Metric, b: &Metric| {
        a.kind
            .cmp(&b.kind)
            .then_with(|| a.unit.cmp(&b.unit))
            .then(a.value.total_cmp(&b.value))
            .then_with(|| a.upper.unwrap_or(f64::NAN).total_cmp(&b.upper.unwrap_or(f64::NAN)))
    };
    let mut all: Vec<usize> = (0..metrics.len()).collect();
    crate::sort::sort_by(&mut all, |&a, &b| same(&metrics[a], &metrics[b]).then(a.cmp(&b)));
    let mut distinct: Vec<usize> = Vec::new();
    for (k, &i) in all.iter().enumerate() {
        if k == 0 || same(&metrics[all[k - 1]], &metrics[i]) != std::cmp::Ordering::Equal {
            distinct.push(i);
        }
    }
    // Most important first; the index as the last key gives the order of a stable sort.
    let order = |&a: &usize, &b: &usize| {
        let (ma, mb) = (&metrics[a], &metrics[b]);
        ma.kind.tier().cmp(&mb.kind.tier()).then(mb.value.total_cmp(&ma.value)).then(a.cmp(&b))
    };
    crate::sort::sort_by(&mut distinct, order);
    let cap = (max / 2).max(1);
    let mut picked: Vec<usize> = Vec::with_capacity(max);
    let mut per_tier = [0usize; MetricKind::COUNT];
    for &i in &distinct {
        let t = metrics[i].kind.tier();
        if picked.len() < max && per_tier[t] < cap {
            per_tier[t] += 1;
            picked.push(i);
        }
    }
    for &i in &distinct {
        if picked.len() < max && !picked.contains(&i) {
            picked.push(i);
        }
    }
    crate::sort::sort_by(&mut picked, order);
    picked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::extract;

    /// Every kind in one text: the tier table is sized from the kinds (a sixth tier used to
    /// overflow a `[0; 5]` and trap the wasm), and each kind reads right on a card.
    #[test]
    fn every_kind_gets_a_card_and_reads_right() {
        let text = "投入9500万元，帮助600人，建成12座，占35%，约三分之一，增长4.8倍，比例为2.4∶1，售价7.5元/升，种植1200亩。";
        let found = extract(text);
        let kinds: Vec<MetricKind> = found.iter().map(|m| m.kind).collect();
        assert_eq!(kinds, MetricKind::ALL.map(|row| row.kind), "{found:?}");
        let cards: Vec<String> = highlights(&found, 20).into_iter().map(|i| format_metric(&found[i])).collect();
        assert_eq!(cards, ["9,500万元", "600人", "12座", "35%", "约三分之一", "4.8倍", "2.4∶1", "7.5元/升", "1,200亩"]);
    }

    #[test]
    fn groups_thousands_and_trims_decimals() {
        assert_eq!(group_thousands(9500.0), "9,500");
        assert_eq!(group_thousands(1234567.891), "1,234,567.89");
        assert_eq!(group_thousands(4.2), "4.2");
        assert_eq!(group_thousands(-13.0), "-13");
        assert_eq!(group_thousands(0.0), "0");
    }
}
