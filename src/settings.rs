//! Reader settings: theme (auto, light, dark, sepia, high contrast), text size, line width,
//! interface language, 长辈模式 (elder-friendly) and 简/繁 (Traditional characters). Kept in
//! localStorage (`yuedu-settings`, as `theme=dark&font=3&width=wide&lang=en&elder=1&script=hant`)
//! and applied as attributes on `<html>` (`data-theme`, `data-font`, `data-width`, `lang`,
//! `data-elder`, `data-script`), which the CSS (and, for `data-script`, the reader module)
//! reads. `public/boot.js` reads the stored string and applies it before the first paint, so
//! there is no flash; this module writes it and changes the attributes.

use leptos::prelude::*;
use yuedu_core::i18n::Lang;
use yuedu_dom::{load_access, ReaderRequest};

const KEY: &str = "yuedu-settings";
/// The settings panel's class.
const PANEL: &str = "settings-panel";
/// Text size steps (`data-font`), 2 being the default size.
pub const FONT_STEPS: u8 = 5;

/// The reader's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub theme: String,
    pub font: u8,
    pub width: String,
    pub lang: Lang,
    /// 长辈模式: larger text and controls, AAA contrast, no motion (`data-elder`).
    pub elder: bool,
    /// Traditional characters (`data-script="hant"`), converted by the reader module (`crates/reader`).
    pub hant: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { theme: "auto".into(), font: 2, width: "medium".into(), lang: Lang::ZhCn, elder: false, hant: false }
    }
}

fn storage() -> Option<web_sys::Storage> {
    crate::dom::window()?.local_storage().ok()?
}

impl Settings {
    /// The settings in force, read off `<html>`: `public/boot.js` put the stored ones there
    /// before the first paint (it alone parses and vets the stored string), and [`Settings::save`]
    /// keeps them there since; the language is the interface's.
    pub fn load() -> Settings {
        let mut s = Settings { lang: crate::i18n::use_lang(), ..Settings::default() };
        let Some(html) = crate::dom::html() else { return s };
        if let Some(theme) = html.get_attribute("data-theme") {
            s.theme = theme;
        }
        if let Some(font) = html.get_attribute("data-font").and_then(|f| f.parse().ok()) {
            s.font = font;
        }
        if let Some(width) = html.get_attribute("data-width") {
            s.width = width;
        }
        s.elder = html.has_attribute("data-elder");
        s.hant = html.get_attribute("data-script").as_deref() == Some("hant");
        s
    }

    /// Whether these settings need `public/access.js` (yuedu_dom::ACCESS_SCRIPT): 长辈模式, high
    /// contrast or 繁體. boot.js writes it into the page for them.
    pub fn use_access(&self) -> bool {
        self.elder || self.hant || self.theme == "contrast"
    }

    /// Stores the settings and applies them to the page.
    pub fn save(&self) {
        if let Some(st) = storage() {
            let mut value = format!("theme={}&font={}&width={}&lang={}", self.theme, self.font, self.width, self.lang.tag());
            if self.elder {
                value.push_str("&elder=1");
            }
            if self.hant {
                value.push_str("&script=hant");
            }
            let _ = st.set_item(KEY, &value);
        }
        if let Some(html) = crate::dom::html() {
            let _ = html.set_attribute("data-theme", &self.theme);
            let _ = html.set_attribute("data-font", &self.font.to_string());
            let _ = html.set_attribute("data-width", &self.width);
            let _ = if self.elder { html.set_attribute("data-elder", "") } else { html.remove_attribute("data-elder") };
            let _ = if self.hant { html.set_attribute("data-script", "hant") } else { html.remove_attribute("data-script") };
        }
    }
}

/// The settings disclosure in the header. Its panel is built (from the `extras` chunk) when it
/// is first opened: the first page needs only the button.
#[component]
pub fn ReaderSettings() -> impl IntoView {
    let t = crate::i18n::t();
    let opened = RwSignal::new(false);
    view! {
        <details class="settings" on:toggle=move |_| if !opened.get_untracked() { opened.set(true) }>
            <summary aria-label=t.settings title=t.settings><span aria-hidden="true">"Aa"</span></summary>
            {crate::split::settings_panel(opened.into())}
        </details>
    }
}

/// The settings panel: theme, size, width, language, 长辈模式, 简/繁 and 朗读 as plain buttons (`data-set`,
/// `data-value`) and one click handler, which applies the choice and marks the pressed buttons
/// itself: no reactive state per button.
pub fn panel() -> impl IntoView {
    let t = crate::i18n::t();
    let r = yuedu_core::i18n::reader_text(crate::i18n::use_lang());
    let panel = NodeRef::<leptos::html::Div>::new();
    let current = Settings::load();
    // access.js, for the settings that need it: if it cannot be fetched, the panel says so, and
    // choosing again fetches it again. Also when the panel opens: a page whose access.js failed
    // at boot shows the stored choice with the default look, and here is a retry.
    let say = |text: Option<&str>| {
        if let Some(panel) = yuedu_dom::document().and_then(|d| d.query_selector(&format!(".{PANEL}")).ok().flatten()) {
            yuedu_dom::notice(&panel, text);
        }
    };
    let access = move || {
        say(None);
        load_access(move || {
            let (what, advice) = if crate::api::is_online() { (t.network, t.advice_network) } else { (t.offline, t.advice_offline) };
            say(Some(&format!("{what} {advice}")));
        });
    };
    if current.use_access() {
        access();
    }
    let chip = |set: &'static str, value: &'static str, label: &'static str| {
        view! { <button type="button" class="chip" data-set=set data-value=value aria-pressed="false">{label}</button> }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        use wasm_bindgen::JsCast;
        let Some(button) =
            ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|e| e.closest("button[data-set]").ok().flatten())
        else {
            return;
        };
        let (set, value) = (button.get_attribute("data-set").unwrap_or_default(), button.get_attribute("data-value").unwrap_or_default());
        if set == "read" {
            ReaderRequest::ReadAloud.send();
            access();
            return;
        }
        let mut s = Settings::load();
        let was_hant = s.hant;
        match set.as_str() {
            "theme" => s.theme = value,
            "elder" => s.elder = !s.elder,
            "script" => s.hant = value == "hant",
            "width" => s.width = value,
            "font" if value == "-" => s.font = s.font.saturating_sub(1),
            "font" => s.font = (s.font + 1).min(FONT_STEPS - 1),
            _ => s.lang = Lang::parse(&value).unwrap_or(s.lang),
        }
        s.save();
        if s.use_access() {
            access();
        }
        // The reader module converts the page (public/access.js loads it when asked). Also when
        // 繁體 was already chosen: the page may have stayed in Simplified (the module or its
        // table could not be fetched), and choosing it again retries.
        if set == "script" && s.hant {
            ReaderRequest::Hant.send();
        }
        // The interface is built in one language, and Traditional text is converted in place:
        // back to 简体 (or to another language), start again.
        if set == "lang" || (was_hant && !s.hant) {
            if let Some(w) = crate::dom::window() {
                let _ = w.location().reload();
            }
            return;
        }
        if let Some(panel) = panel.get_untracked() {
            mark(&panel, &s);
        }
    };
    // Mark the stored choices once the panel exists.
    Effect::new(move |_| {
        if let Some(panel) = panel.get() {
            mark(&panel, &current);
        }
    });
    view! {
        <div class=PANEL node_ref=panel on:click=on_click>
            <fieldset>
                <legend>{t.theme}</legend>
                {chip("theme", "auto", t.theme_auto)}
                {chip("theme", "light", t.theme_light)}
                {chip("theme", "dark", t.theme_dark)}
                {chip("theme", "sepia", t.theme_sepia)}
                {chip("theme", "contrast", r.theme_contrast)}
            </fieldset>
            <fieldset>
                <legend>{r.elder}</legend>
                {chip("elder", "1", r.elder_on)}
            </fieldset>
            <fieldset>
                <legend>{t.text_size}</legend>
                <button type="button" class="chip" data-set="font" data-value="-" aria-label=t.smaller>"A−"</button>
                <button type="button" class="chip" data-set="font" data-value="+" aria-label=t.larger>"A+"</button>
            </fieldset>
            <fieldset>
                <legend>{t.line_width}</legend>
                {chip("width", "narrow", t.narrow)}
                {chip("width", "medium", t.medium)}
                {chip("width", "wide", t.wide)}
            </fieldset>
            <fieldset>
                <legend>{t.language}</legend>
                <button type="button" class="chip" data-set="lang" data-value="zh-CN" lang="zh-CN" aria-pressed="false">"中文"</button>
                <button type="button" class="chip" data-set="lang" data-value="en" lang="en" aria-pressed="false">"English"</button>
            </fieldset>
            <fieldset>
                <legend>{r.script}</legend>
                <button type="button" class="chip" data-set="script" data-value="hans" lang="zh-Hans" aria-pressed="false">{r.script_hans}</button>
                <button type="button" class="chip" data-set="script" data-value="hant" lang="zh-Hant" aria-pressed="false">{r.script_hant}</button>
            </fieldset>
            <fieldset>
                <legend>{r.read_aloud}</legend>
                <button type="button" class="chip" data-set="read">{r.read_aloud}</button>
            </fieldset>
        </div>
    }
}

/// Sets `aria-pressed` on the chosen buttons and disables the size step at either end.
fn mark(panel: &web_sys::HtmlDivElement, s: &Settings) {
    for b in crate::dom::all(panel, "button[data-set]") {
        let (set, value) = (b.get_attribute("data-set").unwrap_or_default(), b.get_attribute("data-value").unwrap_or_default());
        let chosen = match set.as_str() {
            "theme" => Some(s.theme == value),
            "width" => Some(s.width == value),
            "lang" => Some(s.lang.tag() == value),
            "elder" => Some(s.elder),
            "script" => Some(s.hant == (value == "hant")),
            "read" => None,
            _ => {
                let at_end = if value == "-" { s.font == 0 } else { s.font + 1 >= FONT_STEPS };
                let _ = if at_end { b.set_attribute("disabled", "") } else { b.remove_attribute("disabled") };
                None
            }
        };
        if let Some(chosen) = chosen {
            let _ = b.set_attribute("aria-pressed", if chosen { "true" } else { "false" });
        }
    }
}
