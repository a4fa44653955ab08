//! Reader settings: theme (auto, light, dark, sepia), text size, line width and interface
//! language. Kept in localStorage (`yuedu-settings`, as `theme=dark&font=3&width=wide&lang=en`)
//! and applied as attributes on `<html>` (`data-theme`, `data-font`, `data-width`, `lang`),
//! which the CSS reads. `public/boot.js` applies the stored settings before the first paint,
//! so there is no flash; this module changes them.

use leptos::prelude::*;
use yuedu_core::i18n::Lang;

const KEY: &str = "yuedu-settings";
/// Text size steps (`data-font`), 2 being the default size.
pub const FONT_STEPS: u8 = 5;

/// The reader's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub theme: String,
    pub font: u8,
    pub width: String,
    pub lang: Lang,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { theme: "auto".into(), font: 2, width: "medium".into(), lang: Lang::ZhCn }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

impl Settings {
    /// The stored settings (defaults for anything missing or unknown).
    pub fn load() -> Settings {
        let mut s = Settings::default();
        let stored = storage().and_then(|st| st.get_item(KEY).ok().flatten()).unwrap_or_default();
        for pair in stored.split('&') {
            match pair.split_once('=') {
                Some(("theme", v)) if matches!(v, "auto" | "light" | "dark" | "sepia") => s.theme = v.into(),
                Some(("font", v)) => s.font = v.parse().ok().filter(|f| *f < FONT_STEPS).unwrap_or(s.font),
                Some(("width", v)) if matches!(v, "narrow" | "medium" | "wide") => s.width = v.into(),
                Some(("lang", v)) => s.lang = Lang::parse(v).unwrap_or(s.lang),
                _ => {}
            }
        }
        s
    }

    /// Stores the settings and applies them to the page.
    pub fn save(&self) {
        if let Some(st) = storage() {
            let value = format!("theme={}&font={}&width={}&lang={}", self.theme, self.font, self.width, self.lang.tag());
            let _ = st.set_item(KEY, &value);
        }
        if let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = html.set_attribute("data-theme", &self.theme);
            let _ = html.set_attribute("data-font", &self.font.to_string());
            let _ = html.set_attribute("data-width", &self.width);
        }
    }
}

/// The settings panel in the header: a disclosure with the theme, size, width and language.
#[component]
pub fn ReaderSettings() -> impl IntoView {
    let t = crate::i18n::t();
    let settings = RwSignal::new(Settings::load());
    let update = move |f: &dyn Fn(&mut Settings)| {
        settings.update(|s| f(s));
        settings.with_untracked(Settings::save);
    };
    let choice = move |group: &'static str, value: &'static str, label: &'static str| {
        let pressed = move || settings.with(|s| if group == "theme" { s.theme == value } else { s.width == value }).to_string();
        view! {
            <button
                type="button"
                class="chip"
                aria-pressed=pressed
                on:click=move |_| update(&|s: &mut Settings| if group == "theme" { s.theme = value.into() } else { s.width = value.into() })
            >
                {label}
            </button>
        }
    };
    let language = move |lang: Lang, label: &'static str| {
        view! {
            <button
                type="button"
                class="chip"
                lang=lang.tag()
                aria-pressed=move || (settings.with(|s| s.lang) == lang).to_string()
                on:click=move |_| {
                    update(&|s: &mut Settings| s.lang = lang);
                    // The interface is built in one language: start again in the new one.
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().reload();
                    }
                }
            >
                {label}
            </button>
        }
    };
    view! {
        <details class="settings">
            <summary aria-label=t.settings title=t.settings><span aria-hidden="true">"Aa"</span></summary>
            <div class="settings-panel">
                <fieldset>
                    <legend>{t.theme}</legend>
                    {choice("theme", "auto", t.theme_auto)}
                    {choice("theme", "light", t.theme_light)}
                    {choice("theme", "dark", t.theme_dark)}
                    {choice("theme", "sepia", t.theme_sepia)}
                </fieldset>
                <fieldset>
                    <legend>{t.text_size}</legend>
                    <button type="button" class="chip" aria-label=t.smaller disabled=move || settings.with(|s| s.font == 0)
                        on:click=move |_| update(&|s: &mut Settings| s.font = s.font.saturating_sub(1))>"A−"</button>
                    <button type="button" class="chip" aria-label=t.larger disabled=move || settings.with(|s| s.font + 1 >= FONT_STEPS)
                        on:click=move |_| update(&|s: &mut Settings| s.font = (s.font + 1).min(FONT_STEPS - 1))>"A+"</button>
                </fieldset>
                <fieldset>
                    <legend>{t.line_width}</legend>
                    {choice("width", "narrow", t.narrow)}
                    {choice("width", "medium", t.medium)}
                    {choice("width", "wide", t.wide)}
                </fieldset>
                <fieldset>
                    <legend>{t.language}</legend>
                    {language(Lang::ZhCn, "中文")}
                    {language(Lang::En, "English")}
                </fieldset>
            </div>
        </details>
    }
}
