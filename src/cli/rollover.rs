//! `rollover`: the next plan from the old record, previewed first and created with --yes.
//! The old record is only read.

use std::path::Path;

use super::Refusal;
use crate::model::rollover::{Carry, RolloverSpec, parse_years, preview, roll_over};

pub struct Request<'a> {
    pub from: &'a Path,
    pub name: &'a str,
    pub short_name: &'a str,
    pub years: &'a str,
    pub carry: &'a str,
    pub yes: bool,
}

/// Every input is checked before the old record is read, and the new one is made only whole.
pub fn rollover(db: &Path, request: &Request) -> Result<String, Refusal> {
    let carry = Carry::from_code(request.carry).ok_or_else(|| {
        Refusal(format!(
            "引き継ぎ方「{}」は使えません。unfinished（未完了の項目）、all（すべて）、none（項目なし）のどれかを指定してください。",
            request.carry
        ))
    })?;
    let (first_year, last_year) = parse_years(request.years).map_err(Refusal)?;
    if request.name.trim().is_empty() || request.short_name.trim().is_empty() {
        return Err(Refusal("新しい計画の名前（--name）と略称（--short-name）を指定してください。".into()));
    }
    if db.exists() {
        return Err(Refusal(format!(
            "新しい記録ファイル「{}」は既にあります。別のパスを --db に指定してください（既存のファイルは変更しません）。",
            db.display()
        )));
    }
    let old = crate::store::load_read_only(request.from)?;
    if first_year <= old.info.last_year {
        return Err(Refusal(format!(
            "新しい計画の期間（{}から）が前の計画の期間（{}）と重なっています。{}以降の年度を指定してください。",
            first_year.japanese(),
            old.info.period_label(),
            crate::model::FiscalYear(old.info.last_year.0 + 1).japanese()
        )));
    }
    let spec = RolloverSpec {
        name: request.name.to_string(),
        short_name: request.short_name.to_string(),
        first_year,
        last_year,
        carry,
    };
    let new = roll_over(&old, &spec);
    if !request.yes {
        let mut lines = preview(&old, &new);
        lines.push("まだ何も作成していません。この内容で作成するには --yes を付けてください。".into());
        return Ok(lines.join("\n"));
    }
    let created = super::commands::create_record(db, false, &new)?;
    Ok(format!("{created}\n前の計画「{}」から{}を引き継ぎました。", old.info.name, carry.label()))
}
