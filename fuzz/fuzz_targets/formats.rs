//! Every format the browser decodes — article, feed, related file, tag list, search index — read
//! from the same arbitrary bytes by `json::from_slice` (the app's deserializer) and by
//! `serde_json::from_slice` (the native tools'), through the one serde declaration of each type:
//! never panics, and both accept the same documents as the same values. The only documents
//! serde_json accepts and `from_slice` refuses are the deliberate differences of
//! `crates/core/tests/decode.rs`: input that is not strict JSON as a whole (invalid UTF-8, a lone
//! surrogate or nesting past the depth limit inside an ignored member, which serde_json skips
//! unread), and a struct written as an array of its fields. Each verdict is also checked against
//! `json::parse` of the whole input: a syntax error means the bytes are not JSON, and an accepted
//! document is JSON. The validating decoders (`Article`/`Feed::from_json`) run too.
#![no_main]

use std::fmt::Debug;

use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;
use yuedu_core::feed::Feed;
use yuedu_core::index::TagList;
use yuedu_core::json::{from_slice, parse};
use yuedu_core::related::RelatedFile;
use yuedu_core::search::SearchIndex;
use yuedu_core::{Article, DecodeErrorKind};

/// `from_slice::<T>` against serde_json on `data`; `is_json` is whether `json::parse` accepts it.
fn agree<T: DeserializeOwned + PartialEq + Debug>(format: &str, data: &[u8], is_json: bool) {
    let ours = from_slice::<T>(data);
    let theirs = serde_json::from_slice::<T>(data);
    match &ours {
        Ok(_) => assert!(is_json, "{format}: decoded what json::parse refuses"),
        Err(e) if e.kind == DecodeErrorKind::Syntax => assert!(!is_json, "{format}: syntax error on JSON: {e}"),
        Err(_) => {}
    }
    match (ours, theirs) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{format}: different values"),
        (Err(_), Err(_)) => {}
        (Ok(a), Err(e)) => panic!("{format}: serde_json refuses what from_slice accepts: {e}\n{a:?}"),
        (Err(e), Ok(b)) => {
            // serde_json reads a struct from an array of its fields; `from_slice` wants an object
            // for a struct as for a map (and serde_json takes no array for a map).
            let struct_as_array = e.kind == DecodeErrorKind::Shape && e.message == "invalid type: array, expected an object";
            assert!(!is_json || struct_as_array, "{format}: from_slice refuses what serde_json accepts: {e}\n{b:?}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let is_json = parse(data).is_ok();
    agree::<Article>("article", data, is_json);
    agree::<Feed>("feed", data, is_json);
    agree::<RelatedFile>("related file", data, is_json);
    agree::<TagList>("tag list", data, is_json);
    agree::<SearchIndex>("search index", data, is_json);
    // The validation after decoding.
    let _ = Article::from_json(data);
    let _ = Feed::from_json(data);
});
