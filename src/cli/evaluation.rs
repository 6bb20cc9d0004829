//! `set-evaluation`: the yearly evaluation from the command line, by the window's rules
//! (model::evaluation) and through the same `Edit::Evaluation`.

use std::path::Path;

use super::Refusal;
use crate::edit::Edit;
use crate::model::FiscalYear;
use crate::model::evaluation::{parse_rating, revise};
use crate::store::Store;

pub fn set_evaluation(
    db: &Path,
    item_no: u32,
    year: &str,
    rating: Option<&str>,
    results: Option<&str>,
    next_steps: Option<&str>,
    council_opinion: Option<&str>,
) -> Result<String, Refusal> {
    // Read every argument before touching the record, so a refusal changes nothing.
    let rating = rating.map(parse_rating).transpose().map_err(Refusal)?;
    let year = FiscalYear::parse(year).ok_or_else(|| {
        Refusal(format!("年度「{year}」を読めません。令和4年度、R4、2022 のように指定してください。"))
    })?;
    if rating.is_none() && results.is_none() && next_steps.is_none() && council_opinion.is_none() {
        return Err(Refusal(
            "--rating、--results、--next-steps、--council-opinion のいずれかを指定してください。".into(),
        ));
    }
    let mut store = Store::open(db)?;
    let plan = store.load()?;
    let info = &plan.info;
    if year < info.first_year || year > info.last_year {
        return Err(Refusal(format!(
            "{}は計画の期間（{}）の外です。期間内の年度を指定してください。",
            year.japanese(),
            info.period_label()
        )));
    }
    let item = plan.item_by_number(item_no).ok_or_else(|| Refusal(format!("改革項目{item_no}はありません。")))?;
    let old = item.evaluation(year).cloned();
    let new = if rating.is_none() && results.is_none() && next_steps.is_none() {
        old.clone()
    } else {
        revise(old.as_ref(), year, rating, results, next_steps)
    };
    let mut edits = vec![Edit::Evaluation { item_id: item.id, year, old, new: new.clone() }];
    if let Some(text) = council_opinion {
        let stored = item.council_opinions.get(&year).cloned().unwrap_or_default();
        edits.push(Edit::CouncilOpinion { item_id: item.id, year, old: stored, new: text.trim().to_string() });
    }
    edits.retain(|e| !e.is_noop());
    let label = new.as_ref().map(|e| e.rating.label()).unwrap_or("− 未評価");
    if edits.is_empty() {
        return Ok(format!(
            "改革項目{item_no}「{}」の{}の評価は変わりません（{label}）。",
            item.title,
            year.japanese()
        ));
    }
    store.apply_all(&edits, "コマンドライン")?;
    Ok(format!("改革項目{item_no}「{}」の{}の評価を記録しました（{label}）。", item.title, year.japanese()))
}
