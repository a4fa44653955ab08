//! The JSON Schema of the article format (`schema/article-1.schema.json`), generated from the
//! model's declarations ([`crate::model`]) by schemars: field names, types, which members are
//! optional, the block types and the documentation all come from the Rust types and their serde
//! attributes; the rules types cannot express (id and tag shapes, safe image sources, at most
//! [`crate::model::MAX_BLOCKS`] blocks) from the `schemars` attributes beside them.
//! `crates/core/tests/schema.rs` checks that the committed file is this output and that the
//! schema and [`Article::from_json`](crate::Article::from_json) accept and refuse the same
//! documents; `yuedu schema` prints it.

use schemars::generate::SchemaSettings;
use serde_json::Value;

use crate::model::{Article, Block};

/// Where the schema is published (its `$id`).
pub const ARTICLE_SCHEMA_ID: &str = "https://yuedu.invalid/schema/article-1.schema.json";

/// The article schema (JSON Schema 2020-12), as committed in `schema/article-1.schema.json`.
pub fn article_schema() -> Value {
    let mut schema = SchemaSettings::draft2020_12().into_generator().into_root_schema_for::<Article>().to_value();
    // Blocks are read through their wire struct (`try_from`), whose schema gives every member's
    // type but not which members each block type needs; those are the tagged variants, the form
    // serde writes. A block must match both, as the decoder requires.
    let variants = SchemaSettings::draft2020_12().for_serialize().into_generator().into_root_schema_for::<Block>().to_value();
    if let Some(defs) = schema.get_mut("$defs").and_then(Value::as_object_mut) {
        let mut wire = defs.remove("Block").unwrap_or(Value::Bool(true));
        if let Some(wire) = wire.as_object_mut() {
            wire.remove("description"); // Block's, said once in the variants
        }
        let variants: serde_json::Map<String, Value> = variants
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(k, _)| !matches!(k.as_str(), "$schema" | "title"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        defs.insert("Block".into(), serde_json::json!({ "allOf": [wire, variants] }));
    }
    if let Some(root) = schema.as_object_mut() {
        root.insert("$id".into(), ARTICLE_SCHEMA_ID.into());
    }
    schema
}

/// [`article_schema`] as committed: pretty JSON with a trailing newline.
pub fn article_schema_json() -> String {
    let mut s = serde_json::to_string_pretty(&article_schema()).unwrap_or_default();
    s.push('\n');
    s
}
