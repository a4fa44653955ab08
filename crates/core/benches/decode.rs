//! Decoding untrusted JSON as the browser does (`Article::from_json` on `yuedu_core::json`)
//! against the serde_json decoding it replaced (`serde_json::from_slice` + the same checks),
//! on the seed article, the first home-feed page and the seed's related file.
//!
//! `cargo bench -p yuedu-core --bench decode`

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use yuedu_core::feed::Feed;
use yuedu_core::related::RelatedFile;
use yuedu_core::Article;

const ARTICLE: &[u8] = include_bytes!("../../../public/data/articles/c6c151299a20712a.json");
const FEED: &[u8] = include_bytes!("../../../public/data/feed.json");
const RELATED: &[u8] = include_bytes!("../../../public/data/related/c6c151299a20712a.json");

fn decode(c: &mut Criterion) {
    let mut group = c.benchmark_group("decode");
    group.measurement_time(Duration::from_secs(3));

    group.throughput(Throughput::Bytes(ARTICLE.len() as u64));
    group.bench_function("article/json.rs", |b| b.iter(|| Article::from_json(black_box(ARTICLE)).unwrap()));
    group.bench_function("article/serde_json", |b| {
        b.iter(|| {
            let a: Article = serde_json::from_slice(black_box(ARTICLE)).unwrap();
            a.validate().unwrap();
            a
        })
    });

    group.throughput(Throughput::Bytes(FEED.len() as u64));
    group.bench_function("feed/json.rs", |b| b.iter(|| Feed::from_json(black_box(FEED)).unwrap()));
    // (Without the version and id checks `Feed::from_json` adds: they are a small part.)
    group.bench_function("feed/serde_json", |b| b.iter(|| serde_json::from_slice::<Feed>(black_box(FEED)).unwrap()));

    group.throughput(Throughput::Bytes(RELATED.len() as u64));
    group.bench_function("related/json.rs", |b| b.iter(|| RelatedFile::from_json(black_box(RELATED)).unwrap()));
    group.bench_function("related/serde_json", |b| b.iter(|| serde_json::from_slice::<RelatedFile>(black_box(RELATED)).unwrap()));
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
