//! `Article::from_json` on arbitrary bytes: never panics, and whatever it accepts survives a
//! round trip through `to_json_pretty` unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yuedu_core::Article;

fuzz_target!(|data: &[u8]| {
    if let Ok(article) = Article::from_json(data) {
        let json = article.to_json_pretty();
        let again = Article::from_json(json.as_bytes()).unwrap_or_else(|e| panic!("re-decoding failed: {e}\n{json}"));
        assert_eq!(article, again, "round trip changed the article:\n{json}");
    }
});
