//! `run(which, n)` decodes one of the bundled files `n` times and returns how many decoded:
//! `which` 0/1 the seed article, 2/3 the first home-feed page, 4/5 the seed's related file;
//! even with `json.rs` (`from_json`), odd with serde_json (plus the same checks for articles).

use yuedu_core::feed::Feed;
use yuedu_core::related::RelatedFile;
use yuedu_core::Article;

const ARTICLE: &[u8] = include_bytes!("../../../public/data/articles/c6c151299a20712a.json");
const FEED: &[u8] = include_bytes!("../../../public/data/feed.json");
const RELATED: &[u8] = include_bytes!("../../../public/data/related/c6c151299a20712a.json");

#[no_mangle]
pub extern "C" fn run(which: u32, n: u32) -> u32 {
    let mut decoded = 0;
    for _ in 0..n {
        let input = std::hint::black_box(match which / 2 {
            0 => ARTICLE,
            1 => FEED,
            _ => RELATED,
        });
        let ok = match which {
            0 => Article::from_json(input).is_ok(),
            1 => serde_json::from_slice::<Article>(input).is_ok_and(|a| a.validate().is_ok()),
            2 => Feed::from_json(input).is_ok(),
            3 => serde_json::from_slice::<Feed>(input).is_ok(),
            4 => RelatedFile::from_json(input).is_ok(),
            _ => serde_json::from_slice::<RelatedFile>(input).is_ok(),
        };
        decoded += u32::from(ok);
    }
    decoded
}
