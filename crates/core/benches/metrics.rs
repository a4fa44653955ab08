//! Throughput of the metrics extractor (`cargo bench -p yuedu-core --bench metrics`).
//!
//! Two inputs: the seed article's body text (small, real), and ~4 MB of synthetic news text made
//! deterministically from sentence templates — money (万元/亿元, 多/余), ranges, percentages,
//! counts with classifiers, Chinese numerals, dates and phone numbers — mixed with plain filler
//! sentences at roughly the density of real news (about one metric per 100–150 characters).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use yuedu_core::metrics::extract;
use yuedu_core::Article;

fn seed_text() -> String {
    let json = include_bytes!("../../../public/data/articles/c6c151299a20712a.json");
    Article::from_json(json).expect("the seed article decodes").body_text()
}

/// A tiny deterministic generator (Knuth's MMIX LCG); the high bits are the good ones.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const PLACES: &[&str] = &["建始县", "东湖风景区", "三里乡", "黄四姐村", "恩施州", "武汉市", "长阳县", "巴东县", "花坪镇", "龙坪乡"];
const FUNDS: &[&str] = &["财政资金", "帮扶资金", "社会资金", "专项资金", "产业资金", "衔接资金"];
const GOODS: &[&str] = &["农副产品", "茶叶", "土豆", "腊肉", "柑橘", "魔芋", "蜂蜜"];
const THINGS: &[&str] = &["企业", "合作社", "村", "项目", "车间", "基地", "示范点"];
const PEOPLE: &[&str] = &["名", "人", "位", "户"];
const CN_DIGITS: &[&str] = &["一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// Plain sentences with no metric (some with words that look numeric: 一起, 万众, 千家万户, 第一).
const FILLER: &[&str] = &[
    "在东湖风景区的帮扶下，传唱大江南北、彰显民族文化特色的民歌终于有了根据地。",
    "表演队欢快地唱着，跳着，热闹非凡，村民们纷纷走出家门观看。",
    "两地坚持党建引领，推动资源共享、优势互补，走出了一条协作共赢的新路子。",
    "干部群众一起想办法、找出路，千家万户的日子越过越红火。",
    "他表示，下一步将继续深化协作机制，巩固拓展脱贫攻坚成果。",
    "活动现场，工作人员耐心细致地为前来咨询的群众答疑解惑。",
    "这是乡村振兴战略实施以来，当地第一次举办如此规模的文化活动。",
    "通过搭建沟通桥梁，明确帮什么、怎么帮，协作成效不断显现。",
    "记者在采访中了解到，当地特色产业已经成为群众增收的主渠道。",
    "一个个产业项目落地生根，一张张笑脸写满了幸福。",
    "据介绍，该项目由两地共同规划、共同建设、共同运营。",
    "万众一心加油干，越是艰险越向前，这是大家的共同心声。",
    "村里的道路硬化了，路灯亮起来了，环境也变美了。",
    "负责人刘少坤如是说：“我们要把好事办好，把实事办实。”",
];

fn money(r: &mut Lcg) -> String {
    match r.below(9) {
        0 => format!("{}万元", r.range(1, 99_999)),
        1 => format!("{}.{}亿元", r.range(1, 999), r.range(1, 99)),
        2 => format!("{}多万元", r.range(1, 99) * 100),
        3 => format!("{}余万元", r.range(1, 99) * 10),
        4 => format!("{}至{}元", r.range(1, 50) * 100, r.range(51, 99) * 100),
        5 => format!("{}元", group_thousands(r.range(1_000, 99_999_999))),
        6 => format!("{}千{}百万元", r.pick(CN_DIGITS), r.pick(CN_DIGITS)),
        7 => format!("人民币{}万元", r.range(1, 9_999)),
        _ => format!("{}亿美元", r.range(1, 500)),
    }
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn date(r: &mut Lcg) -> String {
    format!("{}年{}月{}日", r.range(2015, 2024), r.range(1, 12), r.range(1, 28))
}

/// One sentence with metrics (and often a date or other non-metric numbers).
fn metric_sentence(r: &mut Lcg) -> String {
    let place = r.pick(PLACES);
    match r.below(12) {
        0 => format!("自{}以来，{}累计投入{}{}，实施项目{}个。", date(r), place, r.pick(FUNDS), money(r), r.range(2, 80)),
        1 => format!("{}帮销{}等各类{}共{}。", place, r.pick(GOODS), r.pick(GOODS), money(r)),
        2 => format!(
            "{}月{}日，{}组织{}家{}开展送岗位活动，提供岗位{}多个。",
            r.range(1, 12),
            r.range(1, 28),
            place,
            r.range(10, 300),
            r.pick(THINGS),
            r.range(1, 30) * 500
        ),
        3 => format!(
            "今年前三季度，{}地区生产总值同比增长{}.{}%，增速比上年同期提高{}.{}个百分点。",
            place,
            r.range(1, 12),
            r.range(0, 9),
            r.range(0, 3),
            r.range(1, 9)
        ),
        4 => format!("两地互派干部{}{}，培训各类人才{}余人(次)。", r.range(3, 40), r.pick(PEOPLE), r.range(100, 900)),
        5 => format!(
            "全村{}户村民人均年收入达到{}元，比{}年增加了近{}成。",
            r.range(100, 800),
            r.range(8_000, 30_000),
            r.range(2015, 2020),
            r.pick(CN_DIGITS)
        ),
        6 => format!(
            "该基地占地约{}亩，年产{}约{}吨，带动周边{}多名群众就业。",
            r.range(50, 3_000),
            r.pick(GOODS),
            r.range(10, 5_000),
            r.range(1, 9) * 100
        ),
        7 => format!("咨询电话：0718-{}，或拨打{}。", r.range(1_000_000, 9_999_999), 13_000_000_000 + r.range(0, 999_999_999)),
        8 => format!("务工人员每天能挣{}块钱，每月收入在{}到{}元之间。", r.range(80, 300), r.range(2, 4) * 1000, r.range(5, 8) * 1000),
        9 => format!("{}开展协作活动{}场，召开联席会议{}次，签订协议{}份。", place, r.range(5, 30), r.range(2, 20), r.range(3, 40)),
        10 => format!("项目总投资{}，其中中央预算内投资{}，建成后可新增就业岗位{}个左右。", money(r), money(r), r.range(50, 2_000)),
        _ => format!("第{}批{}名志愿者于{}抵达{}，服务期为{}年。", r.range(1, 9), r.range(10, 99), date(r), place, r.pick(CN_DIGITS)),
    }
}

/// About `target` bytes of news-like text: paragraphs of 3–7 sentences, roughly one in four
/// sentences carrying metrics.
fn synthetic(target: usize) -> String {
    let mut r = Lcg(0x5eed_1234);
    let mut text = String::with_capacity(target + 1024);
    while text.len() < target {
        for _ in 0..r.range(3, 7) {
            if r.below(4) == 0 {
                text.push_str(&metric_sentence(&mut r));
            } else {
                text.push_str(r.pick(FILLER));
            }
        }
        text.push('\n');
    }
    text
}

fn bench_extract(c: &mut Criterion) {
    let seed = seed_text();
    let big = synthetic(4 << 20);
    let mut group = c.benchmark_group("extract");
    group.measurement_time(Duration::from_secs(5)).sample_size(20).warm_up_time(Duration::from_secs(1));
    group.throughput(Throughput::Bytes(seed.len() as u64));
    group.bench_function("seed_article", |b| b.iter(|| extract(black_box(&seed))));
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.bench_function("synthetic_4mb", |b| b.iter(|| extract(black_box(&big))));
    group.finish();

    // Stats for the report (printed once).
    let found = extract(&big);
    eprintln!(
        "synthetic: {} bytes, {} chars, {} metrics (one per {} chars); seed: {} bytes, {} metrics",
        big.len(),
        big.chars().count(),
        found.len(),
        big.chars().count() / found.len().max(1),
        seed.len(),
        extract(&seed).len()
    );
}

criterion_group!(benches, bench_extract);
criterion_main!(benches);
