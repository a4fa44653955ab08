//! Related articles at 100,000 synthetic articles: finding an article's candidates at index
//! time (`RelatedIndex::file`) and ranking them as the browser does (`rank`).
//!
//! `cargo bench -p yuedu-core --bench related` (building the index takes a minute or two).

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use yuedu_core::related::{keywords, rank, RelDoc, RelatedIndex, SHOWN};
use yuedu_core::synthetic::synthetic_article;

const N: usize = 100_000;

fn related(c: &mut Criterion) {
    let articles: Vec<_> = (0..N).map(synthetic_article).collect();
    let kw: Vec<Vec<String>> = articles.iter().map(keywords).collect();
    let docs = articles.iter().zip(&kw).map(|(a, k)| RelDoc::of(a, k)).collect();
    let index = RelatedIndex::new(docs);
    let files: Vec<_> = (0..50).map(|k| index.file(k * (N / 50))).collect();
    let mut group = c.benchmark_group("related_100k");
    group.sample_size(20).measurement_time(Duration::from_secs(5));
    let mut i = 0;
    group.bench_function("candidates_per_article", |b| {
        b.iter(|| {
            i = (i + 7919) % N;
            index.file(i)
        })
    });
    let mut k = 0;
    group.bench_function("rank_in_browser_code", |b| {
        b.iter(|| {
            k = (k + 1) % files.len();
            rank(&files[k], SHOWN)
        })
    });
    group.finish();
}

criterion_group!(benches, related);
criterion_main!(benches);
