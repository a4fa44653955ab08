//! Property: ingest never panics on pages pieced together from the words it reacts to (labels,
//! dates, credits, chrome, HTML tags and attributes), and every article it makes is valid.

use proptest::prelude::*;
use yuedu_ingest::{ingest_page, IngestOptions};

const PIECES: &[&str] = &[
    "\n",
    "\n\n",
    " ",
    "　",
    "时间",
    "发布时间",
    "来源",
    "文章来源",
    "作者",
    "记者",
    "责任编辑",
    "编辑",
    "监 审",
    "引题",
    "副题",
    "标签",
    "关键词",
    "录入",
    "阅读量",
    ":",
    "：",
    "|",
    "【",
    "】",
    "（",
    "）",
    "(",
    ")",
    "2023-12-07",
    " 15:58:54",
    "2023年12月7日",
    "2023/12/07",
    "09:38",
    "人民日报",
    "张三 李四",
    "文/",
    "摄影/",
    "图/",
    "——",
    "—",
    "标题",
    "正文第一段，说了一件事。",
    "小标题",
    "首页 > 新闻 > 正文",
    "字号",
    "打印本页",
    "【纠错】",
    "推荐阅读",
    "京ICP备",
    "免责声明",
    "新华社北京1月2日电（记者 赵紫东）",
    "0",
    "<p>",
    "</p>",
    "<h1>",
    "</h1>",
    "<h2>",
    "<div class=\"TRS_Editor\">",
    "</div>",
    "<img src=\"",
    "javascript:x",
    "img/a.jpg",
    "//x.org/a.png",
    "\" alt=\"图\">",
    "<figure>",
    "<figcaption>说明</figcaption>",
    "</figure>",
    "<meta name=\"ArticleTitle\" content=\"题\">",
    "<meta name=\"PubDate\" content=\"2023-12-07\">",
    "<meta name=\"ContentSource\" content=\"甲\">",
    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"题\",\"author\":[{\"name\":\"甲\"}]}</script>",
    "<html>",
    "<body>",
    "&amp;",
    "&nbsp;",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn ingest_never_panics_and_makes_only_valid_articles(pieces in prop::collection::vec(prop::sample::select(PIECES), 0..60), base: bool) {
        let page = pieces.concat();
        let options = IngestOptions { base_url: base.then(|| "https://example.org/a/".to_owned()), ..IngestOptions::default() };
        if let Ok(article) = ingest_page(&page, &options) {
            prop_assert!(article.validate().is_ok(), "{:?}\n{}", article.validate(), page);
        }
    }
}
