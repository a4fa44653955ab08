//! 朗读: the article read aloud by the browser's own speech synthesis (Web Speech API), with a
//! Chinese voice chosen by language (zh-CN, else any zh). A bar at the bottom of the page has
//! play/pause, stop and speed; reading starts at the paragraph in view, or at the one the reader
//! clicks while the bar is open. The kicker, title, subtitle and the body's blocks are read in
//! order, one sentence per utterance (`yuedu_core::speech::sentences`), figures said as words
//! (`yuedu_core::speech::spoken`: 9500万元 → 九千五百万元). The sentence being read is highlighted
//! — a CSS custom highlight (`::highlight(yuedu-reading)`), else the class `reading-now` on its
//! block — and kept in view; its block carries `data-reading`. Without a Chinese voice (or
//! without speech synthesis) the bar says so and does not play.

use std::cell::RefCell;
use std::ops::Range;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};
use yuedu_core::i18n::ReaderText;
use yuedu_core::speech::{sentences, spoken};

/// What is read, in order: the article's kicker, title, subtitle and body blocks.
const BLOCKS: &str = "article[data-article-id] :is(.article-kicker, .article-title, .article-subtitle, .article-body > p, \
                      .article-body > h2, .article-body > h3, .article-body .verse-line, .article-body figcaption)";
const HIGHLIGHT: &str = "yuedu-reading";
/// The speeds offered: as shown (and the option's value), and as the utterance's rate.
const SPEEDS: [(&str, f32); 5] = [("0.75", 0.75), ("1", 1.0), ("1.25", 1.25), ("1.5", 1.5), ("2", 2.0)];

/// One utterance: a sentence of a block (UTF-16 range of the block's text) and what is said.
struct Item {
    block: usize,
    range: Range<usize>,
    said: String,
}

struct Player {
    synth: SpeechSynthesis,
    voice: Option<SpeechSynthesisVoice>,
    blocks: Vec<Element>,
    items: Vec<Item>,
    at: usize,
    rate: f32,
    playing: bool,
    paused: bool,
    /// Bumped on every new utterance, so the end of a cancelled one is ignored.
    generation: u32,
    bar: Element,
    text: &'static ReaderText,
}

thread_local! {
    static PLAYER: RefCell<Option<Player>> = const { RefCell::new(None) };
}

/// Opens the bar (once) and starts reading at the paragraph in view.
pub fn open() {
    if PLAYER.with(|p| p.borrow().is_some()) {
        start_at(block_in_view());
        return;
    }
    let Some(doc) = yuedu_dom::document() else { return };
    // The bar is up but has no player: it is still looking for a voice, or says there is none.
    if doc.query_selector(".reader-bar").ok().flatten().is_some() {
        return;
    }
    let text = yuedu_core::i18n::reader_text(crate::lang());
    let Some(bar) = build_bar(&doc, text) else { return };
    let synth = yuedu_dom::window().and_then(|w| w.speech_synthesis().ok());
    wasm_bindgen_futures::spawn_local(async move {
        let voice = match &synth {
            Some(s) => chinese_voice(s).await,
            None => None,
        };
        let Some(synth) = synth.filter(|_| voice.is_some()) else {
            set_status(&bar, text.no_voice);
            if let Some(play) = bar.query_selector("[data-act=play]").ok().flatten() {
                let _ = play.set_attribute("disabled", "");
            }
            return;
        };
        let _ = bar.set_attribute("data-voice", &voice.as_ref().map(|v| v.name()).unwrap_or_default());
        PLAYER.with(|p| {
            *p.borrow_mut() = Some(Player {
                synth,
                voice,
                blocks: Vec::new(),
                items: Vec::new(),
                at: 0,
                rate: 1.0,
                playing: false,
                paused: false,
                generation: 0,
                bar,
                text,
            })
        });
        listen_for_clicks(&doc);
        start_at(block_in_view());
    });
}

/// The bar, appended to `<body>` (and `<html data-read>` set), with one click handler (buttons
/// carry `data-act`).
fn build_bar(doc: &web_sys::Document, t: &'static ReaderText) -> Option<Element> {
    let bar = doc.create_element("div").ok()?;
    bar.set_class_name("reader-bar");
    let _ = bar.set_attribute("role", "region");
    let _ = bar.set_attribute("aria-label", t.read_aloud);
    let button = |act: &str, label: &str, class: &str| -> Option<Element> {
        let b = doc.create_element("button").ok()?;
        let _ = b.set_attribute("type", "button");
        let _ = b.set_attribute("data-act", act);
        b.set_class_name(class);
        b.set_text_content(Some(label));
        Some(b)
    };
    let label = doc.create_element("label").ok()?;
    label.set_text_content(Some(t.speed));
    let select = doc.create_element("select").ok()?;
    let _ = select.set_attribute("data-act", "speed");
    for (s, _) in SPEEDS {
        let o = doc.create_element("option").ok()?;
        let _ = o.set_attribute("value", s);
        if s == "1" {
            let _ = o.set_attribute("selected", "");
        }
        o.set_text_content(Some(&format!("{s}×")));
        let _ = select.append_child(&o);
    }
    let _ = label.append_child(&select);
    let status = doc.create_element("p").ok()?;
    status.set_class_name("reader-status");
    let _ = status.set_attribute("role", "status");
    for child in [button("play", t.play, "button")?, button("stop", t.stop, "button button-secondary")?, label, status] {
        let _ = bar.append_child(&child);
    }
    let on_click = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        let act = ev.target().and_then(|t| t.dyn_into::<Element>().ok()).and_then(|e| e.closest("button[data-act]").ok().flatten());
        match act.and_then(|b| b.get_attribute("data-act")).as_deref() {
            Some("play") => toggle(),
            Some("stop") => stop(true),
            _ => {}
        }
    });
    let on_change = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        // By position, not by parsing the value: a float parser is 1 KB of wasm.
        let chosen = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()).map(|s| s.selected_index());
        if let Some(&(_, rate)) = chosen.and_then(|i| SPEEDS.get(usize::try_from(i).ok()?)) {
            let again = with(|p| {
                p.rate = rate;
                p.playing && !p.paused
            });
            if again == Some(true) {
                let at = with(|p| p.at).unwrap_or(0);
                speak(at); // the sentence again, at the new speed
            }
        }
    });
    let _ = bar.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    let _ = bar.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
    on_click.forget();
    on_change.forget();
    doc.body()?.append_child(&bar).ok()?;
    // `<html data-read>` while the bar is shown: its styles (style/access.css, which
    // public/access.js links when it sees this) and the room it takes at the foot of the page.
    if let Some(html) = yuedu_dom::html() {
        let _ = html.set_attribute("data-read", "");
    }
    Some(bar)
}

fn with<T>(f: impl FnOnce(&mut Player) -> T) -> Option<T> {
    PLAYER.with(|p| p.borrow_mut().as_mut().map(f))
}

fn set_status(bar: &Element, text: &str) {
    if let Some(s) = bar.query_selector(".reader-status").ok().flatten() {
        s.set_text_content(Some(text));
    }
}

/// The voices, once the browser has listed them (Chrome lists them asynchronously: wait for
/// `voiceschanged`, at most 1.5 s), and the first Chinese one: zh-CN, else any zh.
async fn chinese_voice(synth: &SpeechSynthesis) -> Option<SpeechSynthesisVoice> {
    if synth.get_voices().length() == 0 {
        let synth = synth.clone();
        let wait = js_sys::Promise::new(&mut |resolve, _| {
            let _ = synth.add_event_listener_with_callback("voiceschanged", &resolve);
            if let Some(w) = yuedu_dom::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 1500);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(wait).await;
    }
    let voices: Vec<SpeechSynthesisVoice> = synth.get_voices().iter().filter_map(|v| v.dyn_into().ok()).collect();
    let lang = |v: &SpeechSynthesisVoice| v.lang().replace('_', "-").to_ascii_lowercase();
    let exact = voices.iter().position(|v| lang(v) == "zh-cn");
    let any = voices.iter().position(|v| lang(v).starts_with("zh") || lang(v).starts_with("cmn"));
    exact.or(any).map(|i| voices[i].clone())
}

/// While the bar is open, a click on a block of the article (not on a link or a control)
/// reads from there.
fn listen_for_clicks(doc: &web_sys::Document) {
    let on_click = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
        if target.closest("a, button, summary, .reader-bar").ok().flatten().is_some() || PLAYER.with(|p| p.borrow().is_none()) {
            return;
        }
        let Some(block) = target.closest(BLOCKS).ok().flatten() else { return };
        let blocks = read_blocks();
        if let Some(i) = blocks.iter().position(|b| b == &block) {
            start_at(i);
        }
    });
    let _ = doc.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    on_click.forget();
}

fn read_blocks() -> Vec<Element> {
    yuedu_dom::html().map(|html| yuedu_dom::all(&html, BLOCKS)).unwrap_or_default()
}

/// The first block whose bottom is below the top of the window (the one being read on screen).
fn block_in_view() -> usize {
    read_blocks().iter().position(|b| b.get_bounding_client_rect().bottom() > 60.0).unwrap_or(0)
}

/// Reads from block `block` on: the article's blocks and sentences as they are now (after a
/// 繁體 switch, in Traditional characters).
fn start_at(block: usize) {
    let blocks = read_blocks();
    let mut items = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let text = b.text_content().unwrap_or_default();
        let units: Vec<u16> = text.encode_utf16().collect();
        for range in sentences(&text) {
            let said = spoken(&String::from_utf16_lossy(&units[range.clone()]));
            items.push(Item { block: i, range, said });
        }
    }
    let first = items.iter().position(|it| it.block >= block).unwrap_or(0);
    let ok = with(|p| {
        p.blocks = blocks;
        p.items = items;
        p.playing = true;
        p.paused = false;
    });
    if ok.is_some() {
        speak(first);
    }
}

/// Says item `at` (cancelling what is being said) and highlights it; at the end, the next.
fn speak(at: usize) {
    let Some(Some((synth, u, generation))) = with(|p| {
        let item = p.items.get(at)?;
        p.at = at;
        p.generation += 1;
        let u = SpeechSynthesisUtterance::new_with_text(&item.said).ok()?;
        u.set_lang(&p.voice.as_ref().map(|v| v.lang()).unwrap_or_else(|| "zh-CN".into()));
        u.set_rate(p.rate);
        if let Some(v) = &p.voice {
            // Through Reflect: a setter that throws (a voice the browser does not own) is ignored,
            // and `lang` still chooses a Chinese voice.
            let _ = js_sys::Reflect::set(&u, &"voice".into(), v);
        }
        highlight(p, at);
        Some((p.synth.clone(), u, p.generation))
    }) else {
        stop(false);
        return;
    };
    let on_end = Closure::once_into_js(move |_: web_sys::Event| {
        if with(|p| p.generation == generation && p.playing).unwrap_or(false) {
            speak(at + 1);
        }
    });
    u.set_onend(Some(on_end.unchecked_ref()));
    let on_error = Closure::once_into_js(move |ev: web_sys::SpeechSynthesisErrorEvent| {
        let cancelled = matches!(ev.error(), web_sys::SpeechSynthesisErrorCode::Interrupted | web_sys::SpeechSynthesisErrorCode::Canceled);
        if !cancelled && with(|p| p.generation == generation).unwrap_or(false) {
            stop(false);
        }
    });
    u.set_onerror(Some(on_error.unchecked_ref()));
    synth.cancel();
    synth.speak(&u);
    set_play_label();
}

fn toggle() {
    let Some((synth, playing, paused)) = with(|p| (p.synth.clone(), p.playing, p.paused)) else { return };
    if !playing {
        start_at(block_in_view());
        return;
    }
    if paused {
        synth.resume();
    } else {
        synth.pause();
    }
    with(|p| p.paused = !paused);
    set_play_label();
}

/// Stops reading and clears the highlight; `close` also removes the bar.
fn stop(close: bool) {
    let bar = with(|p| {
        p.playing = false;
        p.paused = false;
        p.generation += 1;
        p.synth.cancel();
        clear_highlight(p);
        p.bar.clone()
    });
    if close {
        if let Some(bar) = bar {
            bar.remove();
        }
        if let Some(html) = yuedu_dom::html() {
            let _ = html.remove_attribute("data-read");
        }
        PLAYER.with(|p| p.borrow_mut().take());
    } else {
        set_play_label();
    }
}

fn set_play_label() {
    with(|p| {
        let label = if p.playing && !p.paused { p.text.pause } else { p.text.play };
        if let Some(b) = p.bar.query_selector("[data-act=play]").ok().flatten() {
            b.set_text_content(Some(label));
            let _ = b.set_attribute("aria-pressed", if p.playing && !p.paused { "true" } else { "false" });
        }
    });
}

fn clear_highlight(p: &Player) {
    for b in &p.blocks {
        let _ = b.remove_attribute("data-reading");
        let _ = b.class_list().remove_1("reading-now");
    }
    if let Some(registry) = highlights() {
        let _ = js_sys::Reflect::get(&registry, &"delete".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .map(|f| f.call1(&registry, &HIGHLIGHT.into()));
    }
}

/// `CSS.highlights`, where the browser has the CSS Custom Highlight API.
fn highlights() -> Option<JsValue> {
    let css = js_sys::Reflect::get(&js_sys::global(), &"CSS".into()).ok()?;
    js_sys::Reflect::get(&css, &"highlights".into()).ok().filter(|h| !h.is_undefined())
}

/// Highlights item `at`'s sentence and scrolls it into view when it is not.
fn highlight(p: &Player, at: usize) {
    clear_highlight(p);
    let Some(item) = p.items.get(at) else { return };
    let Some(block) = p.blocks.get(item.block) else { return };
    let _ = block.set_attribute("data-reading", "");
    let registry = highlights();
    let range = registry.as_ref().and_then(|_| sentence_range(block, &item.range));
    let set = registry.zip(range).and_then(|(registry, range)| {
        let ctor = js_sys::Reflect::get(&js_sys::global(), &"Highlight".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
        let h = js_sys::Reflect::construct(&ctor, &js_sys::Array::of1(&range)).ok()?;
        let set = js_sys::Reflect::get(&registry, &"set".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
        set.call2(&registry, &HIGHLIGHT.into(), &h).ok()
    });
    if set.is_none() {
        let _ = block.class_list().add_1("reading-now");
    }
    let rect = block.get_bounding_client_rect();
    let height = yuedu_dom::window().and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64()).unwrap_or(600.0);
    if rect.top() < 0.0 || rect.bottom() > height * 0.75 {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        block.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// A DOM range over UTF-16 units `range` of `block`'s text.
fn sentence_range(block: &Element, range: &Range<usize>) -> Option<web_sys::Range> {
    let doc = block.owner_document()?;
    let walker = doc.create_tree_walker_with_what_to_show(block, 0x4).ok()?; // SHOW_TEXT
    let r = doc.create_range().ok()?;
    let (mut seen, mut started) = (0usize, false);
    while let Some(node) = walker.next_node().ok()? {
        let len = node.node_value().map_or(0, |v| v.encode_utf16().count());
        if !started && range.start < seen + len {
            r.set_start(&node, (range.start - seen) as u32).ok()?;
            started = true;
        }
        if started && range.end <= seen + len {
            r.set_end(&node, (range.end - seen) as u32).ok()?;
            return Some(r);
        }
        seen += len;
    }
    None
}
