//! The interface language: one per page (the app or an embed), set once at start; components
//! read their strings with [`t`]. A plain cell rather than a reactive context: nothing
//! re-renders on a change (switching language remounts the app), and every component reads it.

use std::cell::Cell;

use yuedu_core::i18n::{Lang, Text};

thread_local! {
    static LANG: Cell<Lang> = const { Cell::new(Lang::ZhCn) };
}

/// Makes `lang` the interface language of the page.
pub fn provide_lang(lang: Lang) {
    LANG.with(|l| l.set(lang));
}

/// The interface language (Chinese unless set).
pub fn use_lang() -> Lang {
    LANG.with(Cell::get)
}

/// The interface strings of the current language.
pub fn t() -> &'static Text {
    use_lang().text()
}
