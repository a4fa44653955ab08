//! Sentences written the way Chinese news writes them (our own, in the style of the seed and of
//! 乡村振兴 reporting): what must be found, with what value, and what must be left alone.

use yuedu_core::metrics::{extract, MetricKind, Qualifier};

/// (sentence, span, value, upper, unit, kind, qualifier)
type Case = (&'static str, &'static str, f64, Option<f64>, &'static str, MetricKind, Qualifier);

const FOUND: &[Case] = &[
    ("全年完成投资2.35亿元，同比增长12.5%。", "2.35亿元", 2.35e8, None, "元", MetricKind::Money, Qualifier::Exact),
    ("全年完成投资2.35亿元，同比增长12.5%。", "12.5%", 12.5, None, "%", MetricKind::Percent, Qualifier::Exact),
    ("户均增收1.46万元。", "1.46万元", 14600.0, None, "元", MetricKind::Money, Qualifier::Exact),
    ("累计投入九千五百万元。", "九千五百万元", 9.5e7, None, "元", MetricKind::Money, Qualifier::Exact),
    ("新建高标准农田一百二十万亩。", "一百二十万亩", 1.2e6, None, "亩", MetricKind::Measure, Qualifier::Exact),
    ("合同金额肆佰叁拾萬圆整。", "肆佰叁拾萬圆整", 4.3e6, None, "元", MetricKind::Money, Qualifier::Exact),
    ("引进资金3千万元。", "3千万元", 3e7, None, "元", MetricKind::Money, Qualifier::Exact),
    ("吸引近千名游客。", "近千名", 1000.0, None, "名", MetricKind::People, Qualifier::Under),
    ("单笔贷款最高可达百万元。", "百万元", 1e6, None, "元", MetricKind::Money, Qualifier::Exact),
    ("销售额约4.3亿美元。", "约4.3亿美元", 4.3e8, None, "美元", MetricKind::Money, Qualifier::About),
    ("带动就业超过3000人。", "超过3000人", 3000.0, None, "人", MetricKind::People, Qualifier::Over),
    ("不足五成的农户参与。", "不足五成", 50.0, None, "%", MetricKind::Percent, Qualifier::Under),
    ("亩产提高到七八成。", "七八成", 70.0, Some(80.0), "%", MetricKind::Percent, Qualifier::Range),
    ("失业率下降0.3个百分点。", "0.3个百分点", 0.3, None, "个百分点", MetricKind::Percent, Qualifier::Exact),
    ("覆盖率达到百分之九十五。", "百分之九十五", 95.0, None, "%", MetricKind::Percent, Qualifier::Exact),
    ("每户补贴2000至5000元。", "2000至5000元", 2000.0, Some(5000.0), "元", MetricKind::Money, Qualifier::Range),
    ("奖励标准为1万-5万元。", "1万-5万元", 1e4, Some(5e4), "元", MetricKind::Money, Qualifier::Range),
    ("年产茶叶1.2万吨左右。", "1.2万吨左右", 1.2e4, None, "吨", MetricKind::Measure, Qualifier::About),
    ("交流学习600余人(次)。", "600余人(次)", 600.0, Some(700.0), "人次", MetricKind::People, Qualifier::Over),
    ("组织8批次600人次赴建始疗养。", "8批次", 8.0, None, "批次", MetricKind::Count, Qualifier::Exact),
    ("全年发电量突破5000万千瓦时。", "突破5000万千瓦时", 5e7, None, "千瓦时", MetricKind::Measure, Qualifier::Over),
    ("道路总长３２公里。", "３２公里", 32.0, None, "公里", MetricKind::Measure, Qualifier::Exact),
    ("举办培训班12期。", "12期", 12.0, None, "期", MetricKind::Count, Qualifier::Exact),
    ("人均可支配收入达到21,691元。", "21,691元", 21691.0, None, "元", MetricKind::Money, Qualifier::Exact),
    ("新增就业岗位两千多个。", "两千多个", 2000.0, Some(3000.0), "个", MetricKind::People, Qualifier::Over),
    ("车程缩短到两个小时。", "两个小时", 2.0, None, "小时", MetricKind::Measure, Qualifier::Exact),
    ("惠及群众数十万人。", "数十万人", 1e5, Some(1e6), "人", MetricKind::People, Qualifier::Range),
    // Negated comparisons (issue 17): 不少于 is at least, not under.
    ("每村不少于10户。", "不少于10户", 10.0, None, "户", MetricKind::People, Qualifier::Over),
    ("合格率不低于95%。", "不低于95%", 95.0, None, "%", MetricKind::Percent, Qualifier::Over),
    ("单笔不超过5000元。", "不超过5000元", 5000.0, None, "元", MetricKind::Money, Qualifier::Under),
    ("每期招收学员最多30名。", "最多30名", 30.0, None, "名", MetricKind::People, Qualifier::Under),
    // A qualifier before the whole a share is of.
    ("以不到世界9%的耕地养活了近20%的人口。", "9%", 9.0, None, "%", MetricKind::Percent, Qualifier::Under),
    ("以不到世界9%的耕地养活了近20%的人口。", "近20%", 20.0, None, "%", MetricKind::Percent, Qualifier::Under),
    ("产量占近全国三分之一。", "三分之一", 1.0 / 3.0, None, "", MetricKind::Fraction, Qualifier::Under),
    // Less common classifiers, and 万/亿 before the noun counted.
    ("开发特色产品200余类。", "200余类", 200.0, Some(300.0), "类", MetricKind::Count, Qualifier::Over),
    ("捐赠椅子100把。", "100把", 100.0, None, "把", MetricKind::Count, Qualifier::Exact),
    ("种植约200种中药材。", "约200种", 200.0, None, "种", MetricKind::Count, Qualifier::About),
    ("新增农机10台，存栏生猪20头、山羊100只。", "20头", 20.0, None, "头", MetricKind::Count, Qualifier::Exact),
    ("帮助6.2万建档立卡贫困群众脱贫。", "6.2万", 62000.0, None, "", MetricKind::People, Qualifier::Exact),
    ("约7亿人口生活在农村。", "约7亿人口", 7e8, None, "人口", MetricKind::People, Qualifier::About),
    // Multiples.
    ("农民收入增长4.8倍。", "4.8倍", 4.8, None, "倍", MetricKind::Multiple, Qualifier::Exact),
    ("村集体收入翻了一番。", "翻了一番", 2.0, None, "倍", MetricKind::Multiple, Qualifier::Exact),
    ("力争到2035年翻两番。", "翻两番", 4.0, None, "倍", MetricKind::Multiple, Qualifier::Exact),
    // Ratios and fractions: value is the quotient.
    ("城乡居民收入比缩小到2.4∶1。", "2.4∶1", 2.4, None, "", MetricKind::Ratio, Qualifier::Exact),
    ("男女比例为3:2。", "3:2", 1.5, None, "", MetricKind::Ratio, Qualifier::Exact),
    ("三分之一的村庄通了公交。", "三分之一", 1.0 / 3.0, None, "", MetricKind::Fraction, Qualifier::Exact),
    ("2/3的农户加入了合作社。", "2/3", 2.0 / 3.0, None, "", MetricKind::Fraction, Qualifier::Exact),
    ("覆盖了三分之二以上的乡镇。", "三分之二以上", 2.0 / 3.0, None, "", MetricKind::Fraction, Qualifier::Over),
    // Rates per unit.
    ("92号汽油每升上调至7.5元/升。", "7.5元/升", 7.5, None, "元/升", MetricKind::Rate, Qualifier::Exact),
    ("平均亩产389.7公斤。", "389.7公斤", 389.7, None, "公斤/亩", MetricKind::Rate, Qualifier::Exact),
    ("单产达到389.7公斤/亩。", "389.7公斤/亩", 389.7, None, "公斤/亩", MetricKind::Rate, Qualifier::Exact),
    ("护工收费3000元/月左右。", "3000元/月左右", 3000.0, None, "元/月", MetricKind::Rate, Qualifier::About),
    ("收购价每斤3至5元。", "3至5元", 3.0, Some(5.0), "元/斤", MetricKind::Rate, Qualifier::Range),
    // Ranges borrow the right side's unit and magnitude.
    ("每户补助3至5万元。", "3至5万元", 3e4, Some(5e4), "元", MetricKind::Money, Qualifier::Range),
    ("奖励3—5万元。", "3—5万元", 3e4, Some(5e4), "元", MetricKind::Money, Qualifier::Range),
];

#[test]
fn finds_what_news_writes() {
    for &(sentence, span, value, upper, unit, kind, qualifier) in FOUND {
        let found = extract(sentence);
        let m = found.iter().find(|m| m.text == span).unwrap_or_else(|| panic!("{span} not found in {sentence}: {found:?}"));
        assert!((m.value - value).abs() < 1e-6 * value.abs().max(1.0), "{span}: value {} ≠ {value}", m.value);
        assert_eq!(m.upper, upper, "{span}");
        assert_eq!((m.unit.as_str(), m.kind, m.qualifier), (unit, kind, qualifier), "{span}");
    }
}

/// Numbers that are not metrics: dates and times, ordinals, phone, postcode, licence and ID
/// numbers, names with numerals, and 一 as an article.
#[test]
fn leaves_alone_what_is_not_a_metric() {
    for sentence in [
        "自2021年以来，截止2023年11月底，12月4日上午，时间:2023-12-07 15:58:54。",
        "这是第3次会议，也是第十二届论坛。",
        "投诉电话:(010)59195820，邮编:100028，服务热线400-810-1234。",
        "京ICP备2022015544号-1，增值电信业务经营许可证京B2-20240091，身份证号110105199001011234。",
        "充分利用832平台，参观五角大楼，制定“4+N”帮扶清单。",
        "制定一个规划，开展一次活动，办好一件实事。",
        "每一块茶园都有编号，水质一度下降，来了一两个人。",
        "千家万户都过上了好日子，万一下雨就改期。",
        "给一三三四五三一二二二一打电话，尾号一二三四。",
        "这几年来变化很大，数据显示一体化发展加快。",
        "会议于下午3点召开，持续到15:30。",
        "版本号v1.2.3，地址127.0.0.1。",
        // Issue 17: model numbers, tiers, numerals inside words, times, scores and dates.
        "加满92号汽油，建成三级医院，形成粮经饲三元结构，推动二元经济转型。",
        "下午15:30开会，比分3:1，日期2023/12/07，12/4出发。",
        "十万火急，三亿年前的化石。",
    ] {
        let found = extract(sentence);
        assert!(found.is_empty(), "{sentence}: {found:?}");
    }
}

/// Found by fuzzing: hundreds of digits overflowed to an infinite value.
#[test]
fn absurdly_long_numbers_are_not_metrics() {
    for text in ["2".repeat(309) + "%", "9".repeat(297) + "万亿元", format!("0{}%0", "8".repeat(325))] {
        assert!(extract(&text).iter().all(|m| m.value.is_finite()), "{text}");
    }
    assert!(extract(&format!("{}元", "1".repeat(19))).is_empty());
    assert_eq!(extract("123456789012345元")[0].value, 123_456_789_012_345.0);
    assert!(extract("123456789012345678元")[0].value.is_finite());
}

/// 一把手 is a person's rank, 三番五次 an idiom without 翻: neither is a figure.
#[test]
fn classifier_characters_in_words_are_not_counts() {
    for (sentence, not) in [("他是村里的一把手。", "一把"), ("三番五次上门。", "三番")] {
        assert!(extract(sentence).iter().all(|m| !m.text.contains(not)), "{sentence}: {:?}", extract(sentence));
    }
}

#[test]
fn the_same_figure_in_different_scripts_has_the_same_value() {
    let value = |s: &str| extract(s).first().map(|m| (m.value, m.upper)).unwrap_or_else(|| panic!("{s}"));
    assert_eq!(value("投入9500万元"), value("投入九千五百万元"));
    assert_eq!(value("投入9500万元"), value("投入玖仟伍佰万元"));
    assert_eq!(value("共15000多个"), value("共一万五千多个"));
    assert_eq!(value("增长百分之十二点五"), value("增长12.5%"));
    assert_eq!(value("约占三分之二"), value("约占2/3"));
    assert_eq!(value("负十二分之七"), value("是-7/12"));
}
