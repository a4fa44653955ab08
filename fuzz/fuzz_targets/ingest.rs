//! `ingest_page` on arbitrary UTF-8 (plain text or HTML) with default options: never panics,
//! and any article it makes is valid and survives a JSON round trip.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yuedu_core::Article;
use yuedu_ingest::{ingest_page, IngestOptions};

fuzz_target!(|page: &str| {
    if let Ok(article) = ingest_page(page, &IngestOptions::default()) {
        article.validate().unwrap_or_else(|e| panic!("ingest made an invalid article: {e}\n{article:?}"));
        let json = article.to_json_pretty();
        let again = Article::from_json(json.as_bytes()).unwrap_or_else(|e| panic!("re-decoding failed: {e}\n{json}"));
        assert_eq!(article, again);
    }
});
