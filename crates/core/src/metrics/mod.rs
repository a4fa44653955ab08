//! Metrics: the figures that matter in Chinese news text — money, counts, percentages and
//! measures, with their approximations — found with their exact spans.
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

/// What kind of quantity a metric is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MetricKind {
    Money,
    Percent,
    Count,
    Measure,
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

impl MetricKind {
    /// The name used in JSON and in `data-kind`: `money`, `percent`, `count`, `measure`.
    pub fn as_str(self) -> &'static str {
        match self {
            MetricKind::Money => "money",
            MetricKind::Percent => "percent",
            MetricKind::Count => "count",
            MetricKind::Measure => "measure",
        }
    }
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
