//! The public development cases (JioNLP, cn2an, WeTextProcessing; tests/fixtures/metrics) run
//! against the extractor. Each family is scored; the run prints every miss and fails below the
//! recorded floor, so a regression cannot hide in an average.

use serde_json::Value;
use yuedu_core::metrics::{extract, parse_amount, MetricKind};

const CASES: &str = include_str!("../../../tests/fixtures/metrics/dev-cases.jsonl");

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()) + 0.006
}

/// One amount from a parser family (JioNLP's money parser, cn2an's numerals).
fn check_whole(case: &Value) -> Result<(), String> {
    let input = case["input"].as_str().unwrap();
    let want = &case["expect"][0];
    let got = parse_amount(input).ok_or("no amount")?;
    let value = want["value"].as_f64().unwrap();
    if !close(got.value, value) {
        return Err(format!("value {} ≠ {value}", got.value));
    }
    if want["kind"] == "number" {
        return Ok(()); // cn2an: the numeral's value is the whole check
    }
    // JioNLP's money parser: a bare amount is in 元.
    let unit = got.unit.clone().unwrap_or_else(|| "元".into());
    if unit != want["unit"].as_str().unwrap() || got.kind.is_some_and(|k| k != MetricKind::Money) {
        return Err(format!("unit {unit} ({:?}) ≠ {}", got.kind, want["unit"]));
    }
    let q = got.qualifier.as_str();
    let want_q = want["qualifier"].as_str().unwrap();
    match want["upper"].as_f64() {
        // JioNLP reads 多/余 as a range to the next step; "over" with that upper is the same.
        Some(upper) if !got.upper.is_some_and(|u| close(u, upper)) || !matches!(q, "range" | "over") => {
            return Err(format!("{q} up to {:?} ≠ {want_q} up to {upper}", got.upper));
        }
        Some(_) => {}
        None if q != want_q => return Err(format!("qualifier {q} ≠ {want_q}")),
        None => {}
    }
    Ok(())
}

/// JioNLP's money extractor: exactly the expected money spans.
fn check_spans(case: &Value) -> Result<(), String> {
    let input = case["input"].as_str().unwrap();
    let want: Vec<&str> = case["expect"].as_array().unwrap().iter().map(|e| e["text"].as_str().unwrap()).collect();
    let got: Vec<String> = extract(input).into_iter().filter(|m| m.kind == MetricKind::Money).map(|m| m.text).collect();
    // Our spans include qualifier words around the amount; the core amount must match.
    let ok = got.len() == want.len() && got.iter().zip(&want).all(|(g, w)| g.contains(w));
    ok.then_some(()).ok_or_else(|| format!("{got:?} ≠ {want:?}"))
}

/// WeTextProcessing: the same values are found in the spoken and the written form.
fn check_normalized(case: &Value) -> Result<(), String> {
    let values = |s: &str| -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> =
            extract(s).iter().map(|m| (format!("{:.4}", m.value), m.upper.map(|u| format!("{u:.4}")).unwrap_or_default())).collect();
        v.sort();
        v
    };
    let (a, b) = (values(case["input"].as_str().unwrap()), values(case["normalized"].as_str().unwrap()));
    (a == b).then_some(()).ok_or_else(|| format!("{a:?} ≠ {b:?}"))
}

type Check = fn(&Value) -> Result<(), String>;

#[test]
fn development_cases() {
    let mut report = Vec::new();
    let mut failed_floor = Vec::new();
    // (family, checker, floor: the share that must pass)
    let families: [(&str, Check, f64); 4] = [
        ("JioNLP money parser", check_whole, 1.0),
        ("cn2an numerals", check_whole, 1.0),
        ("JioNLP money extractor", check_spans, 1.0),
        ("WeTextProcessing values", check_normalized, 0.97),
    ];
    for (family, check, floor) in families {
        let cases: Vec<Value> = CASES
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .filter(|c| {
                let source = c["source"].as_str().unwrap();
                match family {
                    "JioNLP money parser" => source.starts_with("JioNLP") && c["whole"] == true,
                    "cn2an numerals" => source.starts_with("cn2an"),
                    "JioNLP money extractor" => source.starts_with("JioNLP") && c["whole"] != true,
                    _ => c.get("normalized").is_some(),
                }
            })
            .collect();
        let mut pass = 0;
        for case in &cases {
            match check(case) {
                Ok(()) => pass += 1,
                Err(why) => report.push(format!("  [{family}] {}: {why}", case["input"])),
            }
        }
        let share = pass as f64 / cases.len() as f64;
        println!("{family}: {pass}/{} ({:.1}%)", cases.len(), share * 100.0);
        if share < floor {
            failed_floor.push(format!("{family}: {pass}/{} is below {:.0}%", cases.len(), floor * 100.0));
        }
    }
    println!("misses:\n{}", report.join("\n"));
    assert!(failed_floor.is_empty(), "{}", failed_floor.join("\n"));
}
