//! `ingest_page` on arbitrary bytes read as an HTML page (through `decode`, so declared
//! charsets are exercised too): never panics, and any article it makes is valid, with safe
//! image addresses, and survives a JSON round trip.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yuedu_core::Article;
use yuedu_ingest::{decode, ingest_page, IngestOptions};

fuzz_target!(|bytes: &[u8]| {
    let mut page = b"<!DOCTYPE html><html><head><meta name=\"ArticleTitle\" content=\"t\"><meta name=\"PubDate\" content=\"2023-12-07 15:58\"><meta name=\"ContentSource\" content=\"s\">".to_vec();
    page.extend_from_slice(bytes);
    let Ok(text) = decode(&page) else { return };
    let options = IngestOptions { base_url: Some("https://example.org/a/b.html".into()), ..IngestOptions::default() };
    if let Ok(article) = ingest_page(&text, &options) {
        article.validate().unwrap_or_else(|e| panic!("ingest made an invalid article: {e}\n{article:?}"));
        let json = article.to_json_pretty();
        let again = Article::from_json(json.as_bytes()).unwrap_or_else(|e| panic!("re-decoding failed: {e}\n{json}"));
        assert_eq!(article, again);
    }
});
