//! Metrics: the figures that matter in Chinese news text — money, counts of people and things,
//! percentages, fractions, multiples, ratios, rates per unit and measures, with their
//! approximations — found with their exact spans.
//!
//! [`extract`] scans text for numerals (Arabic, full-width, Chinese incl. 大写 and mixed forms),
//! reads the qualifiers around them (约/近/超过/多/余/左右/以上 …), ranges (2000至5000元), and the
//! unit that makes them a metric. A number without a unit is not a metric, which is what keeps
//! dates (2021年), ordinals (第3次), phone and licence numbers and names (832平台, 五角大楼) out.

mod label;
mod numeral;
mod scan;
mod units;
mod words;

pub mod display;

use serde::{Deserialize, Serialize};

pub use numeral::parse_number;
pub use scan::{extract, parse_amount, Amount};

/// Declares [`MetricKind`] and its table [`MetricKind::ALL`] from one list of rows, so adding a
/// kind is one row: the compiler then points at every `match` on kinds (none has a `_` arm).
macro_rules! metric_kinds {
    ($($(#[$doc:meta])* $kind:ident $name:literal $zh:literal $en:literal,)*) => {
        /// What kind of quantity a metric is. Declared most important first: the order is the
        /// kinds' tier in the highlights (money before people before other counts …).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum MetricKind {
            $($(#[$doc])* $kind,)*
        }

        impl MetricKind {
            /// Every kind with its names, in tier order: `ALL[k.tier()].kind == k`.
            pub const ALL: [KindInfo; [$(stringify!($kind)),*].len()] = [$(KindInfo { kind: MetricKind::$kind, name: $name, zh: $zh, en: $en },)*];
        }
    };
}

metric_kinds! {
    /// 9500万元, ￥1.25, 3000多欧元.
    Money "money" "金额" "Money",
    /// Counts of people, households and jobs: 600人次, 9名, 15000多个岗位, 6.2万贫困群众.
    People "people" "人数" "People",
    /// Other counts with a classifier: 145家, 12场, 200余类.
    Count "count" "数量" "Count",
    /// 12.5%, 百分之九十五, 三成, 0.3个百分点.
    Percent "percent" "比例" "Share",
    /// 三分之一, 2/3: `value` is the quotient, the unit empty.
    Fraction "fraction" "分数" "Fraction",
    /// 增长4.8倍, 翻一番 (2 倍): `value` is the factor as written, the unit `倍`.
    Multiple "multiple" "倍数" "Multiple",
    /// 2.4∶1, 比例为3:2: `value` is the quotient (1.5), the unit empty.
    Ratio "ratio" "比值" "Ratio",
    /// Per unit: 7.5元/升, 389.7公斤/亩, 亩产389.7公斤 (unit `公斤/亩`).
    Rate "rate" "单位量" "Per unit",
    /// 一百二十万亩, 5000万千瓦时, ３２公里.
    Measure "measure" "计量" "Measure",
}

/// One row of the kind table: the name in JSON and `data-kind`, and the label readers see on
/// a highlight card in each interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindInfo {
    pub kind: MetricKind,
    pub name: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

impl KindInfo {
    /// The card label in the interface language.
    pub fn label(&self, lang: crate::i18n::Lang) -> &'static str {
        match lang {
            crate::i18n::Lang::ZhCn => self.zh,
            crate::i18n::Lang::En => self.en,
        }
    }
}

impl MetricKind {
    /// How many kinds there are: the size of per-tier tables.
    pub const COUNT: usize = MetricKind::ALL.len();

    /// Rank of importance in the highlights, 0 first: the kind's row in [`MetricKind::ALL`].
    pub const fn tier(self) -> usize {
        self as usize
    }

    /// The kind's row of the table.
    pub fn info(self) -> &'static KindInfo {
        &MetricKind::ALL[self.tier()]
    }

    /// The name used in JSON and in `data-kind`: `money`, `people`, `count`, `percent` …
    pub fn as_str(self) -> &'static str {
        self.info().name
    }

    /// Kinds that count whole things (145家, 600人次): their number must be whole, and the noun
    /// after the classifier names what is counted.
    pub(crate) const fn counts(self) -> bool {
        match self {
            MetricKind::People | MetricKind::Count => true,
            MetricKind::Money
            | MetricKind::Percent
            | MetricKind::Fraction
            | MetricKind::Multiple
            | MetricKind::Ratio
            | MetricKind::Rate
            | MetricKind::Measure => false,
        }
    }

    /// The kind named `name` in JSON.
    pub fn from_name(name: &str) -> Option<MetricKind> {
        MetricKind::ALL.iter().find(|row| row.name == name).map(|row| row.kind)
    }
}

impl Serialize for MetricKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for MetricKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        MetricKind::from_name(&name).ok_or_else(|| {
            let names: Vec<&str> = MetricKind::ALL.iter().map(|row| row.name).collect();
            serde::de::Error::custom(format!("unknown metric kind `{name}`, expected one of {}", names.join(", ")))
        })
    }
}

/// How exact the figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Qualifier {
    Exact,
    /// 约, 大约, 左右, 上下, 来, 许.
    About,
    /// 多, 余, 超过, 以上, 逾, 突破, 至少: `value` is the lower bound.
    Over,
    /// 近, 不到, 不足, 以下, 小于: `value` is the upper bound, approached from below.
    Under,
    /// 2000至5000元, 三五百, 几十万: `value` to `upper`.
    Range,
}

impl Qualifier {
    /// The name used in JSON and in `data-qualifier`: `exact`, `about`, `over`, `under`, `range`.
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::About => "about",
            Qualifier::Over => "over",
            Qualifier::Under => "under",
            Qualifier::Range => "range",
        }
    }
}

/// One metric found in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    /// The span as written (`3500多万元`).
    pub text: String,
    /// Character offsets into the text, `end` exclusive.
    pub start: usize,
    pub end: usize,
    /// The number in base units (`3500多万元` → 35000000); the lower bound of ranges and 多/余.
    pub value: f64,
    /// The upper bound of a range, or of 多/余 (the next step: 3500多 → 3600).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper: Option<f64>,
    /// The unit as normalised (元, 美元, %, 亩, 个, 人次 …).
    pub unit: String,
    pub kind: MetricKind,
    pub qualifier: Qualifier,
    /// What is measured, when the sentence says so (财政资金, 岗位).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Byte offsets into the text (for slicing in the app; not part of the JSON contract).
    #[serde(skip)]
    pub byte_start: usize,
    #[serde(skip)]
    pub byte_end: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_table_is_in_tier_order_and_names_round_trip() {
        for (tier, row) in MetricKind::ALL.iter().enumerate() {
            assert_eq!(row.kind.tier(), tier);
            assert_eq!(row.kind.info(), row);
            assert_eq!(MetricKind::from_name(row.name), Some(row.kind));
            let json = serde_json::to_string(&row.kind).unwrap();
            assert_eq!(json, format!("\"{}\"", row.name));
            assert_eq!(serde_json::from_str::<MetricKind>(&json).unwrap(), row.kind);
        }
        assert!(serde_json::from_str::<MetricKind>("\"volume\"").unwrap_err().to_string().contains("unknown metric kind `volume`"));
    }
}
