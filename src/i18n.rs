//! The interface language in context: components read their strings with [`t`].

use leptos::prelude::*;
use yuedu_core::i18n::{Lang, Text};

/// Makes `lang` the interface language of the components created below this point.
pub fn provide_lang(lang: Lang) {
    provide_context(lang);
}

/// The interface language (Chinese when none was provided).
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The interface strings of the current language.
pub fn t() -> &'static Text {
    use_lang().text()
}
