//! `json::parse` on arbitrary bytes: never panics, and accepts exactly what serde_json accepts,
//! as the same tree (numbers compared by value), except numbers beyond `f64` (serde_json
//! refuses them, the parser keeps numbers as text) and nesting at the depth limit (serde_json
//! stops one level earlier). The typed decoders of the other formats run on the input too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yuedu_core::json::{parse, same_as_serde, Value, MAX_DEPTH};

fn depth(v: &Value) -> usize {
    match v {
        Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        Value::Object(members) => 1 + members.iter().map(|(_, v)| depth(v)).max().unwrap_or(0),
        _ => 0,
    }
}

fuzz_target!(|data: &[u8]| {
    let ours = parse(data);
    let theirs = serde_json::from_slice::<serde_json::Value>(data);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert!(same_as_serde(a, b), "different trees: {a:?} vs {b:?}"),
        (Err(_), Err(_)) => {}
        (Ok(a), Err(e)) => {
            let message = e.to_string();
            let known =
                message.starts_with("number out of range") || (message.starts_with("recursion limit exceeded") && depth(a) == MAX_DEPTH);
            assert!(known, "serde_json refuses what the parser accepts: {message}\n{a:?}");
        }
        (Err(e), Ok(b)) => panic!("the parser refuses what serde_json accepts: {e}\n{b:?}"),
    }
    let _ = yuedu_core::feed::Feed::from_json(data);
    let _ = yuedu_core::related::RelatedFile::from_json(data);
    let _ = yuedu_core::index::TagList::from_json(data);
});
