//! The interface language: one per page (the app or an embed), set once at start; components
//! read their strings with [`t`]. A plain cell rather than a reactive context: nothing
//! re-renders on a change (switching language remounts the app), and every component reads it.

use std::cell::Cell;

use yuedu_core::i18n::{Lang, Text};

thread_local! {
    static LANG: Cell<Lang> = const { Cell::new(Lang::ZhCn) };
    /// The English strings, once the `english` wasm chunk has brought them (`src/split.rs`):
    /// Chinese readers never download them.
    static ENGLISH: Cell<Option<&'static Text>> = const { Cell::new(None) };
}

/// Makes the English strings available (what [`crate::split::english`] fetched).
pub fn set_english(text: &'static Text) {
    ENGLISH.with(|e| e.set(Some(text)));
}

/// Makes `lang` the interface language of the page: English only once its strings are here
/// (`start` fetches them first); without them the page stays Chinese.
pub fn provide_lang(lang: Lang) {
    let lang = if lang == Lang::En && ENGLISH.with(Cell::get).is_none() { Lang::ZhCn } else { lang };
    LANG.with(|l| l.set(lang));
}

/// The interface language (Chinese unless set).
pub fn use_lang() -> Lang {
    LANG.with(Cell::get)
}

/// The interface strings of the current language.
pub fn t() -> &'static Text {
    match use_lang() {
        Lang::En => ENGLISH.with(Cell::get).unwrap_or(&yuedu_core::i18n::ZH_CN),
        Lang::ZhCn => &yuedu_core::i18n::ZH_CN,
    }
}

/// Writes a count the way the browser's `Intl.NumberFormat` does for the interface language
/// (`12,345`), through `Number.prototype.toLocaleString` (the same formatter, one binding
/// less); the [`yuedu_core::i18n::NumFmt`] the app passes to the string tables.
/// Natively (static pages, which are Chinese) the core's [`yuedu_core::i18n::grouped`], which
/// writes the same.
pub fn num(n: u64) -> String {
    #[cfg(target_family = "wasm")]
    return js_sys::Number::from(n as f64).to_locale_string(use_lang().tag()).into();
    #[cfg(not(target_family = "wasm"))]
    return yuedu_core::i18n::grouped(n);
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// A JS `Date`, seen through `toLocaleString` with its exception caught: an engine without
    /// the `Asia/Shanghai` zone throws a `RangeError`, which must not cross the wasm.
    type LocaleDate;
    #[wasm_bindgen(method, catch, js_name = toLocaleString)]
    fn to_locale_string(this: &LocaleDate, locale: &str, options: &js_sys::Object) -> Result<js_sys::JsString, wasm_bindgen::JsValue>;
}

/// A publication time in Beijing time, written by the browser's `Intl.DateTimeFormat` (through
/// `Date.prototype.toLocaleString`) for the interface language: `2023年12月7日 15:58`,
/// `Dec 7, 2023, 3:58 PM`. `None` when the time does not parse or the browser cannot write it
/// (the caller shows the time as published). Natively (static pages, which are Chinese) the
/// core's [`yuedu_core::time::Timestamp::format_zh_shanghai`], which writes what `Intl` does.
#[cfg(not(target_family = "wasm"))]
pub fn date_time(rfc3339: &str) -> Option<String> {
    yuedu_core::time::Timestamp::parse_rfc3339(rfc3339).ok().map(|t| t.format_zh_shanghai())
}

/// A publication time in Beijing time (see the native version above).
#[cfg(target_family = "wasm")]
pub fn date_time(rfc3339: &str) -> Option<String> {
    let date_style = if use_lang() == Lang::En { "medium" } else { "long" };
    let options = js_sys::Object::new();
    for (k, v) in [("dateStyle", date_style), ("timeStyle", "short"), ("timeZone", "Asia/Shanghai")] {
        js_sys::Reflect::set(&options, &k.into(), &v.into()).ok()?;
    }
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return None;
    }
    wasm_bindgen::JsCast::unchecked_ref::<LocaleDate>(&date).to_locale_string(use_lang().tag(), &options).ok().map(String::from)
}
