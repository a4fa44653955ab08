//! The app's interface strings in Simplified Chinese and English. Article text is never
//! translated; only the words around it (labels, buttons, messages).
//!
//! One `static` table per language rather than a lookup by key: a missing string is a compile
//! error, and the wasm carries no map.

use crate::route::{ListKind, Route};

/// Writes a count for the reader. The app passes the browser's `Intl.NumberFormat` for the
/// interface language; native code (static pages, tests) passes [`grouped`], which writes what
/// `Intl` writes for zh-CN and en, so a static page and the app that takes it over agree.
pub type NumFmt<'a> = &'a dyn Fn(u64) -> String;

/// `12345` → `"12,345"`: digits grouped in threes with commas, as `Intl.NumberFormat` does for
/// `zh-CN` and `en`.
///
/// ```
/// use yuedu_core::i18n::grouped;
/// assert_eq!(grouped(999), "999");
/// assert_eq!(grouped(1_234_567), "1,234,567");
/// ```
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// An interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Simplified Chinese, the default.
    #[default]
    ZhCn,
    /// English.
    En,
}

impl Lang {
    /// Parses a BCP 47 tag: `zh`, `zh-CN`, `zh-Hans` → Chinese; `en`, `en-GB` … → English;
    /// anything else is `None`.
    ///
    /// ```
    /// use yuedu_core::i18n::Lang;
    /// assert_eq!(Lang::parse("en-US"), Some(Lang::En));
    /// assert_eq!(Lang::parse("zh-cn"), Some(Lang::ZhCn));
    /// assert_eq!(Lang::parse("fr"), None);
    /// ```
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Lang::ZhCn),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The tag for `lang` attributes and `Intl` (`zh-CN`, `en`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The strings of this language. The web app does not call this: it would link both tables
    /// into the main wasm, where the English one is a chunk of its own (`src/i18n.rs`).
    pub fn text(self) -> &'static Text {
        match self {
            Lang::ZhCn => &ZH_CN,
            Lang::En => &EN,
        }
    }
}

impl Text {
    /// The heading of a list page: `最新文章`, `标签：协同振兴`.
    pub fn list_title(&self, route: &Route) -> String {
        match route {
            Route::List { kind, name, .. } => format!("{}{name}", self.list_prefix(*kind)),
            _ => self.latest.to_owned(),
        }
    }

    /// What precedes a named list's name in its title (`标签：`).
    pub fn list_prefix(&self, kind: ListKind) -> &'static str {
        match kind {
            ListKind::Tag => self.tag_title,
            ListKind::Author => self.authors,
        }
    }
}

/// Every interface string, one field each.
#[derive(Debug)]
pub struct Text {
    pub app_name: &'static str,
    pub home_label: &'static str,
    pub skip_to_content: &'static str,
    pub site_nav: &'static str,
    pub tags: &'static str,
    pub footer: &'static str,
    pub latest: &'static str,
    pub all_tags: &'static str,
    pub tag_title: &'static str,
    pub articles_count: fn(usize, NumFmt) -> String,
    pub pages: &'static str,
    pub prev: &'static str,
    pub next: &'static str,
    pub page_n: fn(u32) -> String,
    pub loading_article: &'static str,
    pub loading_list: &'static str,
    /// The app shell while the app downloads, and without JavaScript.
    pub loading_app: &'static str,
    pub needs_js: &'static str,
    pub source: &'static str,
    pub authors: &'static str,
    pub sample_badge: &'static str,
    pub sample_title: &'static str,
    pub synthetic_badge: &'static str,
    pub synthetic_title: &'static str,
    pub highlights: &'static str,
    pub money_chart: &'static str,
    pub related: &'static str,
    pub same_tags: &'static str,
    pub shared_words: &'static str,
    pub list_sep: &'static str,
    pub retry: &'static str,
    pub back_home: &'static str,
    pub embed: &'static str,
    pub embed_help: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub read_on_site: &'static str,
    pub see_all: &'static str,
    pub save_offline: &'static str,
    pub saving: &'static str,
    pub saved_offline: &'static str,
    pub remove_saved: &'static str,
    pub save_failed: &'static str,
    pub saved_nav: &'static str,
    pub saved_title: &'static str,
    pub saved_empty: &'static str,
    /// A feed page with no articles (a tag whose articles were all withdrawn).
    pub list_empty: &'static str,
    pub saved_unsupported: &'static str,
    pub offline_not_saved: &'static str,
    pub open_saved: &'static str,
    /// "2,345 字 · 约 8–11 分钟".
    pub reading_time: fn(crate::reading::ReadingTime, NumFmt) -> String,
    pub settings: &'static str,
    pub theme: &'static str,
    pub theme_auto: &'static str,
    pub theme_light: &'static str,
    pub theme_dark: &'static str,
    pub theme_sepia: &'static str,
    pub text_size: &'static str,
    pub smaller: &'static str,
    pub larger: &'static str,
    pub line_width: &'static str,
    pub narrow: &'static str,
    pub medium: &'static str,
    pub wide: &'static str,
    pub language: &'static str,
    pub share: &'static str,
    pub contents: &'static str,
    pub search: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub search_none: fn(&str) -> String,
    pub search_count: fn(usize, &str, NumFmt) -> String,
    pub link_copied: &'static str,
    /// What could not be found, by kind.
    pub missing_article: &'static str,
    pub missing_feed_page: &'static str,
    /// A list page that could not be found, by its title and page.
    pub missing_list: fn(&str, u32) -> String,
    pub missing_related: &'static str,
    pub missing_tag_list: &'static str,
    pub missing_page: &'static str,
    pub not_found: fn(&str) -> String,
    pub offline: &'static str,
    pub timeout: &'static str,
    pub network: &'static str,
    pub server: fn(u16) -> String,
    pub bad_data: &'static str,
    pub headline_not_found: &'static str,
    pub headline_offline: &'static str,
    pub headline_timeout: &'static str,
    pub headline_network: &'static str,
    pub headline_server: &'static str,
    pub headline_bad_data: &'static str,
    pub advice_not_found: &'static str,
    pub advice_offline: &'static str,
    pub advice_network: &'static str,
    pub advice_server: &'static str,
    pub advice_bad_data: &'static str,
}

/// Simplified Chinese.
pub static ZH_CN: Text = Text {
    app_name: "阅读",
    home_label: "首页",
    skip_to_content: "跳到正文",
    site_nav: "站点",
    tags: "标签",
    footer: "阅读 yuedu · 文章版权归原作者及来源所有",
    latest: "最新文章",
    all_tags: "全部标签",
    tag_title: "标签：",
    articles_count: |n, f| format!("{} 篇", f(n as u64)),
    pages: "分页",
    prev: "上一页",
    next: "下一页",
    page_n: |n| format!("第 {n} 页"),
    loading_article: "正在加载文章…",
    loading_list: "正在加载列表…",
    loading_app: "正在加载阅读…",
    needs_js: "阅读需要启用 JavaScript 才能运行。请在浏览器设置中启用 JavaScript 后刷新页面。",
    source: "来源：",
    authors: "作者：",
    sample_badge: "示例",
    sample_title: "示例内容，不是真实报道",
    synthetic_badge: "合成",
    synthetic_title: "合成数据，用于测试",
    highlights: "数字看点",
    money_chart: "金额对比",
    related: "相关文章",
    same_tags: "同标签：",
    shared_words: "相关词：",
    list_sep: "、",
    retry: "重试",
    back_home: "返回首页",
    embed: "嵌入",
    embed_help: "把下面的代码粘贴到您的网页中。框架高度会随内容自动调整。",
    copy: "复制代码",
    copied: "已复制",
    copy_failed: "无法自动复制，请手动选中代码复制。",
    read_on_site: "在阅读中打开全文",
    see_all: "查看全部",
    save_offline: "保存离线阅读",
    saving: "正在保存…",
    saved_offline: "已保存，离线可读",
    remove_saved: "移除离线副本",
    save_failed: "保存失败，请检查存储空间后重试。",
    saved_nav: "已保存",
    saved_title: "已保存的文章",
    list_empty: "这里还没有文章。",
    saved_empty: "还没有保存的文章。打开一篇文章，点“保存离线阅读”，没有网络时也能读。",
    saved_unsupported: "这个浏览器不能保存文章供离线阅读。",
    offline_not_saved: "这个页面没有保存在本机。打开过或保存过的文章离线也能读。",
    open_saved: "查看已保存的文章",
    reading_time: |r, f| {
        let words = if r.words > 0 { format!(" · {} 个外文词", f(r.words.into())) } else { String::new() };
        let (a, b) = (f(r.min_minutes.into()), f(r.max_minutes.into()));
        let time = if a == b { format!("约 {a} 分钟") } else { format!("约 {a}–{b} 分钟") };
        format!("{} 字{words} · {time}", f(r.cjk_chars.into()))
    },
    settings: "阅读设置",
    theme: "主题",
    theme_auto: "自动",
    theme_light: "浅色",
    theme_dark: "深色",
    theme_sepia: "护眼",
    text_size: "字号",
    smaller: "减小字号",
    larger: "增大字号",
    line_width: "行宽",
    narrow: "窄",
    medium: "中",
    wide: "宽",
    language: "语言",
    share: "分享",
    contents: "目录",
    search: "搜索",
    search_label: "搜索标题、标签和正文",
    search_hint: "输入标题、标签或正文里的词句，例如“振兴”。",
    search_none: |q| format!("没有找到与“{q}”相关的文章。"),
    search_count: |n, q, f| format!("“{q}”：找到 {} 篇文章", f(n as u64)),
    link_copied: "链接已复制",
    missing_article: "这篇文章",
    missing_feed_page: "这一页文章",
    missing_list: |title, page| if page > 1 { format!("“{title}”的第{page}页") } else { format!("“{title}”") },
    missing_related: "相关文章",
    missing_tag_list: "标签列表",
    missing_page: "这个页面",
    not_found: |what| format!("找不到{what}"),
    offline: "网络已断开",
    timeout: "服务器响应超时",
    network: "无法连接服务器",
    server: |status| format!("服务器出错（HTTP {status}）"),
    bad_data: "数据有误",
    headline_not_found: "页面不存在",
    headline_offline: "您已离线",
    headline_timeout: "加载超时",
    headline_network: "网络错误",
    headline_server: "服务器错误",
    headline_bad_data: "数据无法显示",
    advice_not_found: "链接可能有误，或内容已被移除。",
    advice_offline: "请连接网络后重试。",
    advice_network: "请检查网络后重试。",
    advice_server: "请稍后重试。",
    advice_bad_data: "这份数据已损坏或格式不符，请稍后重试或告知发布方。",
};

/// English.
pub static EN: Text = Text {
    app_name: "yuedu",
    home_label: " home",
    skip_to_content: "Skip to content",
    site_nav: "Site",
    tags: "Tags",
    footer: "yuedu 阅读 · Articles © their authors and sources",
    latest: "Latest articles",
    all_tags: "All tags",
    tag_title: "Tag: ",
    articles_count: |n, f| if n == 1 { "1 article".to_owned() } else { format!("{} articles", f(n as u64)) },
    pages: "Pages",
    prev: "Previous",
    next: "Next",
    page_n: |n| format!("Page {n}"),
    loading_article: "Loading the article…",
    loading_list: "Loading the list…",
    loading_app: "Loading yuedu…",
    needs_js: "yuedu needs JavaScript. Please enable it in your browser settings and reload the page.",
    source: "Source: ",
    authors: "By ",
    sample_badge: "Sample",
    sample_title: "Sample content, not a real report",
    synthetic_badge: "Synthetic",
    synthetic_title: "Synthetic data for testing",
    highlights: "Key figures",
    money_chart: "Amounts compared",
    related: "Related articles",
    same_tags: "Same tags: ",
    shared_words: "Shared words: ",
    list_sep: ", ",
    retry: "Try again",
    back_home: "Back to home",
    embed: "Embed",
    embed_help: "Paste this code into your page. The frame sizes itself to its content.",
    copy: "Copy code",
    copied: "Copied",
    copy_failed: "Could not copy automatically; select the code and copy it.",
    read_on_site: "Read the full article on yuedu",
    see_all: "See all",
    save_offline: "Save for offline",
    saving: "Saving…",
    saved_offline: "Saved for offline reading",
    remove_saved: "Remove offline copy",
    save_failed: "Could not save; check the free storage and try again.",
    saved_nav: "Saved",
    saved_title: "Saved articles",
    list_empty: "No articles here yet.",
    saved_empty: "Nothing saved yet. Open an article and choose “Save for offline” to read it without a network.",
    saved_unsupported: "This browser cannot save articles for offline reading.",
    offline_not_saved: "This page is not saved on this device. Articles you opened or saved before can be read offline.",
    open_saved: "See saved articles",
    reading_time: |r, f| {
        let words = if r.words > 0 { format!(", {} words", f(r.words.into())) } else { String::new() };
        let (a, b) = (f(r.min_minutes.into()), f(r.max_minutes.into()));
        let time = if a == b { format!("{a} min read") } else { format!("{a}–{b} min read") };
        format!("{} characters{words} · {time}", f(r.cjk_chars.into()))
    },
    settings: "Reading settings",
    theme: "Theme",
    theme_auto: "Auto",
    theme_light: "Light",
    theme_dark: "Dark",
    theme_sepia: "Sepia",
    text_size: "Text size",
    smaller: "Smaller text",
    larger: "Larger text",
    line_width: "Line width",
    narrow: "Narrow",
    medium: "Medium",
    wide: "Wide",
    language: "Language",
    share: "Share",
    contents: "Contents",
    search: "Search",
    search_label: "Search titles, tags and text",
    search_hint: "Type words from a title, a tag or the text, such as “振兴”.",
    search_none: |q| format!("No articles found for “{q}”."),
    search_count: |n, q, f| if n == 1 { format!("“{q}”: 1 article") } else { format!("“{q}”: {} articles", f(n as u64)) },
    link_copied: "Link copied",
    missing_article: "this article",
    missing_feed_page: "this page of articles",
    missing_list: |title, page| if page > 1 { format!("page {page} of “{title}”") } else { format!("“{title}”") },
    missing_related: "related articles",
    missing_tag_list: "the tag list",
    missing_page: "this page",
    not_found: |what| format!("Cannot find {what}"),
    offline: "The network is disconnected",
    timeout: "The server took too long to answer",
    network: "Cannot reach the server",
    server: |status| format!("The server had a problem (HTTP {status})"),
    bad_data: "The data is broken",
    headline_not_found: "Not found",
    headline_offline: "You are offline",
    headline_timeout: "Loading timed out",
    headline_network: "Network error",
    headline_server: "Server error",
    headline_bad_data: "Cannot show this data",
    advice_not_found: "The link may be wrong, or the content was removed.",
    advice_offline: "Connect to the network and try again.",
    advice_network: "Check your network and try again.",
    advice_server: "Please try again later.",
    advice_bad_data: "This data is damaged or in the wrong format. Try again later or tell the publisher.",
};

/// The strings of the 长辈模式 / 朗读 / 繁體 options (issue 19), apart from [`Text`]: only the
/// `extras` and `reader` wasm chunks use them, so the main module does not carry them.
#[derive(Debug)]
pub struct ReaderText {
    /// The elder-friendly switch's legend and label.
    pub elder: &'static str,
    pub elder_on: &'static str,
    pub theme_contrast: &'static str,
    /// The Simplified/Traditional choice.
    pub script: &'static str,
    pub script_hans: &'static str,
    pub script_hant: &'static str,
    /// Read aloud: the panel's button and the player bar's name.
    pub read_aloud: &'static str,
    pub play: &'static str,
    pub pause: &'static str,
    pub stop: &'static str,
    pub speed: &'static str,
    /// Said when the browser has no Chinese voice (or no speech synthesis at all).
    pub no_voice: &'static str,
    /// Said when the 繁體 table cannot be fetched (offline before it was ever cached). When the
    /// reader module itself cannot be, `public/access.js`, which loads it, says so.
    pub convert_failed: &'static str,
}

/// The reader options' strings in `lang`.
pub fn reader_text(lang: Lang) -> &'static ReaderText {
    match lang {
        Lang::ZhCn => &READER_ZH_CN,
        Lang::En => &READER_EN,
    }
}

/// 长辈模式 / 朗读 / 繁體 strings, Chinese.
pub static READER_ZH_CN: ReaderText = ReaderText {
    elder: "长辈模式",
    elder_on: "大字、高对比、大按钮",
    theme_contrast: "高对比",
    script: "简体/繁體",
    script_hans: "简体",
    script_hant: "繁體",
    read_aloud: "朗读",
    play: "播放",
    pause: "暂停",
    stop: "停止",
    speed: "语速",
    no_voice: "这个浏览器没有中文语音，不能朗读。可在系统设置里安装中文语音后再试。",
    convert_failed: "繁体转换没有加载成功，页面仍是简体。请联网后再试。",
};

/// 长辈模式 / 朗读 / 繁體 strings, English.
pub static READER_EN: ReaderText = ReaderText {
    elder: "Elder-friendly",
    elder_on: "Large text, high contrast, large buttons",
    theme_contrast: "High contrast",
    script: "Chinese script",
    script_hans: "Simplified",
    script_hant: "Traditional",
    read_aloud: "Read aloud",
    play: "Play",
    pause: "Pause",
    stop: "Stop",
    speed: "Speed",
    no_voice: "This browser has no Chinese voice, so it cannot read aloud. Install one in your system settings and try again.",
    convert_failed: "Traditional characters could not be loaded; the page stays in Simplified. Connect and try again.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_and_fall_back() {
        for lang in [Lang::ZhCn, Lang::En] {
            assert_eq!(Lang::parse(lang.tag()), Some(lang));
        }
        assert_eq!(Lang::parse("zh-Hans-CN"), Some(Lang::ZhCn));
        assert_eq!(Lang::parse(""), None);
        assert_eq!(Lang::default(), Lang::ZhCn);
    }

    #[test]
    fn formatted_strings_read_naturally() {
        assert_eq!((EN.articles_count)(1, &grouped), "1 article");
        assert_eq!((EN.articles_count)(12_000, &grouped), "12,000 articles");
        assert_eq!((ZH_CN.search_count)(2, "乡村", &grouped), "“乡村”：找到 2 篇文章");
        let r = crate::reading::ReadingTime { cjk_chars: 2345, words: 0, min_minutes: 8, max_minutes: 11 };
        assert_eq!((ZH_CN.reading_time)(r, &grouped), "2,345 字 · 约 8–11 分钟");
        let r = crate::reading::ReadingTime { cjk_chars: 0, words: 1200, min_minutes: 5, max_minutes: 5 };
        assert_eq!((EN.reading_time)(r, &grouped), "0 characters, 1,200 words · 5 min read");
        let tag = Route::tag("协同振兴").at_page(2);
        assert_eq!(EN.list_title(&tag), "Tag: 协同振兴");
        assert_eq!((EN.not_found)((EN.missing_list)(&EN.list_title(&tag), 2).as_str()), "Cannot find page 2 of “Tag: 协同振兴”");
        assert_eq!((ZH_CN.not_found)((ZH_CN.missing_list)(&ZH_CN.list_title(&tag), 1).as_str()), "找不到“标签：协同振兴”");
        assert_eq!(ZH_CN.list_title(&Route::HOME), "最新文章");
        assert_eq!((ZH_CN.not_found)(ZH_CN.missing_article), "找不到这篇文章");
    }
}
