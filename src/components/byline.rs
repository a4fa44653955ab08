//! The line under a title: time, source, authors.

use leptos::prelude::*;
use yuedu_core::time::Timestamp;

/// `<time>` showing a publication time in Beijing time, with the machine-readable original:
/// `2023年12月7日 15:58` in Chinese, the browser's `Intl` format in English (`Dec 7, 2023, 3:58 PM`).
#[component]
pub fn PublishedTime(published: String) -> impl IntoView {
    let shown = match Timestamp::parse_rfc3339(&published) {
        Ok(_) if crate::i18n::use_lang() == yuedu_core::i18n::Lang::En => intl_en(&published).unwrap_or_else(|| published.clone()),
        Ok(t) => t.format_zh_shanghai(),
        Err(_) => published.clone(),
    };
    view! { <time datetime=published>{shown}</time> }
}

fn intl_en(published: &str) -> Option<String> {
    use wasm_bindgen::JsValue;
    let options = js_sys::Object::new();
    for (k, v) in [("dateStyle", "medium"), ("timeStyle", "short"), ("timeZone", "Asia/Shanghai")] {
        js_sys::Reflect::set(&options, &k.into(), &v.into()).ok()?;
    }
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::of1(&"en".into()), &options);
    let date = js_sys::Date::new(&JsValue::from_str(published));
    format.format().call1(&format, &date).ok()?.as_string()
}

/// A visible `示例`/`合成` badge on sample and synthetic content (nothing for real sources).
#[component]
pub fn ContentBadge(source: String) -> impl IntoView {
    let t = crate::i18n::t();
    yuedu_core::model::content_badge(&source).map(|badge| {
        let (badge, title) = if badge == "示例" { (t.sample_badge, t.sample_title) } else { (t.synthetic_badge, t.synthetic_title) };
        view! { <span class="badge" title=title>{badge}</span> }
    })
}

/// Time, source and authors of an article.
#[component]
pub fn Byline(published: String, source: String, authors: Vec<String>) -> impl IntoView {
    let t = crate::i18n::t();
    let authors = (!authors.is_empty()).then(|| {
        view! {
            <span class="authors">
                <span class="label">{t.authors}</span>
                {authors
                    .into_iter()
                    .map(|a| view! { <span class="author">{a}</span> })
                    .collect_view()}
            </span>
        }
    });
    view! {
        <p class="byline">
            <PublishedTime published=published/>
            <span class="source"><span class="label">{t.source}</span>{source.clone()}</span>
            <ContentBadge source=source/>
            {authors}
        </p>
    }
}
