//! Fixtures shared by the core's unit tests.

use crate::model::{Article, Block, Source};

/// A small valid article published on 2024-01-`day` at 08:00 Beijing time.
pub(crate) fn article(id: &str, day: u32, tags: &[&str], text: &str) -> Article {
    Article {
        id: id.into(),
        title: format!("标题{id}"),
        published: format!("2024-01-{day:02}T08:00:00+08:00"),
        source: Source { name: "示例".into(), url: None },
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        body: vec![Block::Paragraph { text: text.into() }],
        ..Default::default()
    }
}
