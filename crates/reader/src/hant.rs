//! 繁體: the page in Traditional characters. The conversion table (`zh-hant.txt`, OpenCC's
//! `s2t` phrases, written into the build by `scripts/zh-data.mjs`; `yuedu_core::zh`) is fetched
//! when a reader first switches (the service worker keeps it for offline use); then the title
//! and every text node of the page's body are converted in place — so the app's reactive
//! text, the metrics marks and their offsets keep working (a converted text has as many
//! characters as the original) — with `aria-label`, `title`, `placeholder` and `alt`, and
//! `lang="zh-Hant"` where the page said Chinese. A `MutationObserver` converts what the app
//! renders afterwards (another page, the related list, the settings panel). Elements marked
//! `lang="zh-Hans"` (the 简体 button) are left as they are. Going back to Simplified reloads
//! the page (`src/settings.rs`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, MutationObserver, MutationObserverInit, MutationRecord, Node};
use yuedu_core::zh::Converter;

/// Where the table is, relative to the document's `<base href>`.
pub const TABLE_URL: &str = "zh-hant.txt";
const ATTRIBUTES: [&str; 4] = ["aria-label", "title", "placeholder", "alt"];
/// What is never converted: code, scripts and styles, what the reader types, and `lang="zh-Hans"`.
const SKIPPED: &str = "script, style, textarea, code, pre, noscript, [lang=zh-Hans]";

thread_local! {
    static STARTED: Cell<bool> = const { Cell::new(false) };
}

/// Converts the page and what comes later, once (the table is fetched on the first call).
/// `<html data-script-state>` says where it is: `loading`, `ready` or `failed` (then a status
/// line says so in the page).
pub fn start() {
    if STARTED.with(|s| s.replace(true)) {
        return;
    }
    let Some(html) = yuedu_dom::html() else { return };
    let _ = html.set_attribute("data-script-state", "loading");
    wasm_bindgen_futures::spawn_local(async move {
        let table = match fetch_table().await {
            Some(text) => text,
            None => {
                failed(&html);
                return;
            }
        };
        let Ok(converter) = yuedu_dom::timed("yuedu-hant-parse", || Converter::parse(table)) else {
            failed(&html);
            return;
        };
        let converter = Rc::new(converter);
        yuedu_dom::timed("yuedu-hant-convert", || {
            // The page's text is in <body>; the head's is its title, converted here, and its
            // inline style and scripts (20,000 characters not worth a trip into wasm).
            if let Some(doc) = yuedu_dom::document() {
                if let Some(body) = doc.body() {
                    convert_text_under(&converter, &body);
                }
                doc.set_title(&converter.convert(&doc.title()));
            }
            convert_labels(&converter, &html);
        });
        observe(converter, &html);
        let _ = html.set_attribute("data-script-state", "ready");
        settled(&html);
    });
}

async fn fetch_table() -> Option<String> {
    let response = gloo_net::http::Request::get(TABLE_URL).send().await.ok()?;
    if !response.ok() {
        return None;
    }
    response.text().await.ok()
}

/// The conversion is done or has failed: the page may be painted (`public/access.js` kept it from
/// being, with `<html data-script-wait>`, so that a 繁體 reader does not see it in Simplified
/// first).
fn settled(html: &Element) {
    let _ = html.remove_attribute("data-script-wait");
}

/// Marks the failure and says so at the top of the page.
fn failed(html: &Element) {
    let _ = html.set_attribute("data-script-state", "failed");
    settled(html);
    STARTED.with(|s| s.set(false));
    crate::notice(Some(yuedu_core::i18n::reader_text(crate::lang()).convert_failed));
}

/// Converts `node` and everything under it: its text nodes, then the attributes and `lang` of
/// the elements that have them.
fn convert_node(c: &Converter, node: &Node) {
    if node.node_type() == Node::TEXT_NODE {
        convert_text(c, node);
        return;
    }
    let Some(el) = node.dyn_ref::<Element>() else { return };
    convert_text_under(c, el);
    convert_labels(c, el);
}

/// Converts the text nodes under `el` (through a tree walker: two calls into the browser a node).
fn convert_text_under(c: &Converter, el: &Element) {
    let Some(doc) = el.owner_document() else { return };
    if let Ok(walker) = doc.create_tree_walker_with_what_to_show(el, 0x4) {
        // SHOW_TEXT
        while let Ok(Some(text)) = walker.next_node() {
            convert_text(c, &text);
        }
    }
}

/// Converts the labels (`aria-label`, `title`, `placeholder`, `alt`) of `el` and the elements
/// under it, and marks what says Chinese as `lang="zh-Hant"`.
fn convert_labels(c: &Converter, el: &Element) {
    let with = |selector: &str| {
        let mut found = yuedu_dom::all(el, selector);
        if el.matches(selector).unwrap_or(false) {
            found.push(el.clone());
        }
        found
    };
    for e in with("[aria-label], [title], [placeholder], [alt]") {
        if skipped(Some(e.clone())) {
            continue;
        }
        for name in ATTRIBUTES {
            if let Some(value) = e.get_attribute(name) {
                let out = c.convert(&value);
                if out != value {
                    let _ = e.set_attribute(name, &out);
                }
            }
        }
    }
    for e in with("[lang^=zh]:not([lang=zh-Hans]):not([lang=zh-Hant])") {
        let _ = e.set_attribute("lang", "zh-Hant");
    }
}

/// Converts one text node, unless it is inside code, a script or style, a text field, or an
/// element that asks to stay Simplified.
fn convert_text(c: &Converter, node: &Node) {
    let Some(data) = node.node_value() else { return };
    let out = c.convert(&data);
    if out != data && !skipped(node.parent_element()) {
        node.set_node_value(Some(&out));
    }
}

fn skipped(el: Option<Element>) -> bool {
    el.and_then(|e| e.closest(SKIPPED).ok().flatten()).is_some()
}

/// Converts what is added or changed later. Its own changes are taken from the queue at once,
/// so they do not come back as new work.
fn observe(c: Rc<Converter>, html: &Element) {
    let slot: Rc<RefCell<Option<MutationObserver>>> = Rc::new(RefCell::new(None));
    let me = slot.clone();
    let callback = Closure::<dyn Fn(js_sys::Array)>::new(move |records: js_sys::Array| {
        for record in records.iter() {
            let Ok(record) = record.dyn_into::<MutationRecord>() else { continue };
            if record.type_() == "characterData" {
                if let Some(target) = record.target() {
                    convert_node(&c, &target);
                }
                continue;
            }
            let added = record.added_nodes();
            for i in 0..added.length() {
                if let Some(n) = added.item(i) {
                    // A node added and then removed in the same turn is not in the page any more.
                    if n.is_connected() {
                        convert_node(&c, &n);
                    }
                }
            }
        }
        if let Some(o) = me.borrow().as_ref() {
            let _ = o.take_records();
        }
    });
    let Ok(observer) = MutationObserver::new(callback.as_ref().unchecked_ref()) else { return };
    callback.forget(); // lives as long as the page
    let options = MutationObserverInit::new();
    options.set_child_list(true);
    options.set_subtree(true);
    options.set_character_data(true);
    let _ = observer.observe_with_options(html, &options);
    *slot.borrow_mut() = Some(observer);
}
