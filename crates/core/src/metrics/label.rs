//! Labels: what a metric measures, when the sentence says so. Counts usually name it after the
//! classifier (145家**企业**); otherwise it is the noun phrase before the number, after the verb
//! that introduces it (累计投入**财政资金**9500万元, 提供**岗位**15000多个).

use super::numeral::CharSet;
use super::units::names_people;
use super::words::LazyIndex;
use super::MetricKind;
use crate::zh::is_han;

/// Words that end a label on either side: verbs that introduce an amount, function words.
const BOUNDARIES: &[&str] = &[
    "投入", "提供", "实现", "完成", "达到", "创造", "落实", "帮销", "销售", "引导", "捐赠", "涉及", "召开", "邀请", "组织", "互派", "选聘",
    "签订", "获得", "新增", "带动", "吸纳", "解决", "发放", "筹集", "争取", "安排", "拨付", "支付", "开展", "进行", "参加", "参与", "达成",
    "结成", "结对", "推动", "缩短", "增加", "提高", "减少", "下降", "增长", "降低", "扩大", "举办", "培训", "建设", "建成", "打造", "累计",
    "共计", "合计", "总计", "共有", "各类", "分别", "其中", "包括", "已经", "正向", "超过", "不到", "不足", "将近", "高达", "多达", "为",
    "向", "给", "在", "对", "从", "由", "把", "将", "等", "的", "了", "和", "与", "及", "以", "有", "是", "挣", "赚", "花", "用", "共",
    "约", "达", "近", "超", "逾", "各", "均", "仅", "已", "就", "再", "又", "到", "至", "和", "或", "即",
];

const MAX_LABEL: usize = 6;

/// The noun after a count may be longer: it is the whole of what is counted (6.2万建档立卡贫困群众).
const MAX_LABEL_AFTER: usize = 8;

/// First and last characters of the boundary words: most positions are neither, and the word
/// table is only searched where one is.
static BOUNDARY_FIRST: CharSet = CharSet::of_words(BOUNDARIES, false);
static BOUNDARY_LAST: CharSet = CharSet::of_words(BOUNDARIES, true);

static BY_FIRST: LazyIndex = LazyIndex::new();
static BY_LAST: LazyIndex = LazyIndex::new();

/// Is a boundary word at the start of `s`?
pub(crate) fn boundary_at(s: &str) -> bool {
    let Some(c) = s.chars().next().filter(|&c| BOUNDARY_FIRST.contains(c)) else { return false };
    BY_FIRST.get(BOUNDARIES, false).candidates(c).any(|k| s.starts_with(BOUNDARIES[k]))
}

/// The longest boundary word at the end of `s`.
fn boundary_before(s: &str) -> Option<&'static str> {
    let c = s.chars().next_back().filter(|&c| BOUNDARY_LAST.contains(c))?;
    BY_LAST.get(BOUNDARIES, true).candidates(c).map(|k| BOUNDARIES[k]).find(|b| s.ends_with(b))
}

/// The label of the metric spanning bytes `start..end` of `text`, if any.
pub(crate) fn label_for(text: &str, start: usize, end: usize, kind: MetricKind, unit: &str) -> Option<String> {
    if kind.counts() && unit.chars().count() > 1 && !matches!(unit, "人次" | "批次") {
        return None; // 400余村民: the unit is the noun
    }
    if kind.counts() {
        if let Some(after) = label_after(&text[end..]) {
            return Some(after);
        }
    }
    label_before(&text[..start])
}

/// The noun right after a classifier, up to the first boundary word.
fn label_after(rest: &str) -> Option<String> {
    let run_len: usize = rest.chars().take_while(|&c| is_han(c)).take(MAX_LABEL_AFTER + 2).map(char::len_utf8).sum();
    let run = &rest[..run_len];
    let mut end = run.len();
    for (i, _) in run.char_indices() {
        // Adverbs such as 超 or 共 inside a noun (商超) do not end it; verbs and 的/和 do.
        if i > 0
            && boundary_at(&run[i..])
            && !STRIPPABLE.iter().any(|w| w.chars().count() == 1 && run[i..].starts_with(w) && !matches!(*w, "为" | "到" | "至" | "有"))
        {
            end = i;
            break;
        }
    }
    let mut label = &run[..end];
    if label.chars().count() > MAX_LABEL_AFTER {
        // 建档立卡贫困群众脱贫: a long run ends its noun phrase at the head noun, the people counted.
        let head_end =
            label.char_indices().map(|(k, c)| k + c.len_utf8()).take(MAX_LABEL_AFTER).filter(|&k| names_people(&label[..k])).last();
        label = &label[..head_end.unwrap_or(label.len())];
    }
    (label.chars().count() <= MAX_LABEL_AFTER && !label.is_empty() && !boundary_at(label)).then(|| label.to_owned())
}

/// The noun phrase before the number: trailing adverbs dropped, then what follows the last
/// boundary word.
fn label_before(head: &str) -> Option<String> {
    // The Han run before the number, at most a dozen characters: enough for a verb and a label.
    let run_start = head.char_indices().rev().take_while(|&(_, c)| is_han(c)).take(12).last().map(|(i, _)| i)?;
    let mut run = &head[run_start..];
    // Drop adverbs and prepositions that sit between the noun and the number (各类农副产品共).
    while let Some(b) = boundary_before(run) {
        run = &run[..run.len() - b.len()];
        if !STRIPPABLE.contains(&b) {
            // A verb right before the number (每天能挣): the number is the object, no label.
            return None;
        }
    }
    let cut = run.char_indices().map(|(i, _)| i).rfind(|&i| boundary_before(&run[..i]).is_some()).unwrap_or(0);
    let label = &run[cut..];
    let n = label.chars().count();
    (2..=MAX_LABEL).contains(&n).then(|| label.to_owned())
}

/// Boundary words that may stand between a noun and its number.
const STRIPPABLE: &[&str] = &[
    "共", "共计", "合计", "总计", "累计", "约", "达", "近", "超", "逾", "将近", "超过", "不到", "不足", "高达", "多达", "分别", "各", "均",
    "仅", "已", "已经", "就", "再", "又", "正向", "为", "到", "至", "有", "共有",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_from_the_seed() {
        assert_eq!(label_before("两区累计投入财政资金").as_deref(), Some("财政资金"));
        assert_eq!(label_before("马坡茶等各类农副产品共").as_deref(), Some("农副产品"));
        assert_eq!(label_before("提供岗位").as_deref(), Some("岗位"));
        assert_eq!(label_before("村集体经济正向").as_deref(), Some("村集体经济"));
        assert_eq!(label_before("每天能挣"), None);
        assert_eq!(label_after("企业开展送岗位活动").as_deref(), Some("企业"));
        assert_eq!(label_after("民营企业家(街道").as_deref(), Some("民营企业家"));
        assert_eq!(label_after("乡镇的9个村"), Some("乡镇".to_owned()));
        assert_eq!(label_after(","), None);
        assert_eq!(label_after("商超开展活动").as_deref(), Some("商超"));
        assert_eq!(label_before("由过去的4天缩短到"), None);
    }
}
