//! The seed article (中国乡村振兴网, public/data/articles/c6c151299a20712a.json): every money
//! amount and counted quantity in its body is found, and none of its dates or names.

use yuedu_core::metrics::{extract, Metric, MetricKind, Qualifier};
use yuedu_core::Article;

fn seed_metrics() -> Vec<Metric> {
    let json = include_bytes!("../../../public/data/articles/c6c151299a20712a.json");
    let article = Article::from_json(json).unwrap();
    article.body.iter().flat_map(|b| extract(&b.text())).collect()
}

#[test]
fn finds_every_amount_and_count() {
    let found = seed_metrics();
    let texts: Vec<&str> = found.iter().map(|m| m.text.as_str()).collect();
    for want in [
        "9500万元",
        "3500多万元",
        "200余万元",
        "60多万元",
        "360余万元",
        "900万元",
        "100万元",
        "37个",
        "15000多个",
        "145家",
        "12场",
        "18次",
        "22次",
        "16次",
        "600余人(次)",
        "8批次",
        "600人次",
        "9名",
        "100多块钱",
        "400余村民",
        "200余村民",
    ] {
        assert!(texts.contains(&want), "{want} not found in {texts:?}");
    }
}

#[test]
fn values_units_qualifiers_and_labels() {
    let found = seed_metrics();
    let get = |text: &str| found.iter().find(|m| m.text == text).unwrap_or_else(|| panic!("{text}"));
    let m = get("9500万元");
    assert_eq!((m.value, m.unit.as_str(), m.kind, m.qualifier), (95e6, "元", MetricKind::Money, Qualifier::Exact));
    assert_eq!(m.label.as_deref(), Some("财政资金"));
    let m = get("3500多万元");
    assert_eq!((m.value, m.upper, m.qualifier), (35e6, Some(36e6), Qualifier::Over));
    assert_eq!(m.label.as_deref(), Some("农副产品"));
    let m = get("15000多个");
    assert_eq!((m.value, m.upper, m.label.as_deref()), (15000.0, Some(16000.0), Some("岗位")));
    assert_eq!(get("145家").label.as_deref(), Some("企业"));
    assert_eq!(get("600余人(次)").unit, "人次");
    assert_eq!(get("60多万元").label.as_deref(), Some("帮扶资金"));
}

#[test]
fn no_dates_years_or_names() {
    let found = seed_metrics();
    for m in &found {
        for bad in ["年", "月", "日", "832", "4+N"] {
            assert!(!m.text.contains(bad), "{} is not a metric", m.text);
        }
    }
    // 一个规划, 一次活动: articles, not counts.
    assert!(!found.iter().any(|m| m.text == "一个" || m.text == "一次"));
}

#[test]
fn offsets_are_characters_and_point_at_the_text() {
    let text = "自2021年以来，累计投入财政资金9500万元。";
    let m = &extract(text)[0];
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(chars[m.start..m.end].iter().collect::<String>(), m.text);
    assert_eq!(&text[m.byte_start..m.byte_end], m.text);
}
