//! Rules of the yearly evaluation shared by the window, the command line and the report:
//! how a rating is read, and what is stored when an officer changes part of an evaluation.

use super::fiscal::FiscalYear;
use super::plan::{Evaluation, Item, Rating};
use super::schedule::PhaseStatus;

/// Reads a rating as an officer types it (S, ａ, −…), or says in Japanese what is allowed.
pub fn parse_rating(text: &str) -> Result<Rating, String> {
    Rating::from_code(text).ok_or_else(|| {
        format!("評価「{text}」は使えません。S、A、B、C のいずれか（未評価に戻すときは -）を指定してください。")
    })
}

/// The evaluation to store after a change: texts lose trailing blanks, and an evaluation with
/// nothing in it stays absent where there was none, so that merely looking is no change.
pub fn settle(stored: Option<&Evaluation>, mut new: Evaluation) -> Option<Evaluation> {
    new.results = new.results.trim_end().to_string();
    new.next_steps = new.next_steps.trim_end().to_string();
    let blank = new.rating == Rating::Unrated && new.results.is_empty() && new.next_steps.is_empty();
    if blank && stored.is_none() { None } else { Some(new) }
}

/// Part of an evaluation changed: the fields not given keep their stored value.
pub fn revise(
    stored: Option<&Evaluation>,
    year: FiscalYear,
    rating: Option<Rating>,
    results: Option<&str>,
    next_steps: Option<&str>,
) -> Option<Evaluation> {
    let base = stored.cloned().unwrap_or(Evaluation {
        year,
        rating: Rating::Unrated,
        results: String::new(),
        next_steps: String::new(),
    });
    let new = Evaluation {
        year,
        rating: rating.unwrap_or(base.rating),
        results: results.map(str::to_string).unwrap_or(base.results),
        next_steps: next_steps.map(str::to_string).unwrap_or(base.next_steps),
    };
    settle(stored, new)
}

/// Where an item stands for a year in the 総括表.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum YearStanding {
    Rated(Rating),
    /// No work was planned for the year (no phase of its schedule falls in it) and none rated.
    NotApplicable,
    Unrated,
}

impl YearStanding {
    pub fn label(self) -> &'static str {
        match self {
            YearStanding::Rated(r) => r.code(),
            YearStanding::NotApplicable => "対象外",
            YearStanding::Unrated => "未評価",
        }
    }
}

/// The item's standing in `year`: its rating if it has one (S/A/B/C), else 対象外 when its
/// schedule plans nothing in that year, else 未評価.
pub fn year_standing(item: &Item, year: FiscalYear) -> YearStanding {
    match item.evaluation(year).map(|e| e.rating) {
        Some(r) if r != Rating::Unrated => YearStanding::Rated(r),
        _ => {
            let (first, last) = (year.first_month(), year.last_month());
            let planned = item
                .schedule
                .iter()
                .flat_map(|r| &r.phases)
                .any(|p| p.data.start <= last && p.data.end >= first && p.data.status != PhaseStatus::Cancelled);
            if planned || item.schedule.is_empty() { YearStanding::Unrated } else { YearStanding::NotApplicable }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const R4: FiscalYear = FiscalYear(2022);

    #[test]
    fn ratings_are_read_in_full_width_and_refused_in_japanese() {
        assert_eq!(parse_rating("ｓ"), Ok(Rating::S));
        assert_eq!(parse_rating("-"), Ok(Rating::Unrated));
        let err = parse_rating("D").unwrap_err();
        assert!(err.contains("「D」") && err.contains("S、A、B、C"), "{err}");
    }

    #[test]
    fn a_partial_change_keeps_the_other_fields() {
        let stored = Evaluation { year: R4, rating: Rating::B, results: "実績".into(), next_steps: "方針".into() };
        let new = revise(Some(&stored), R4, Some(Rating::A), None, Some("新しい方針  ")).unwrap();
        assert_eq!((new.rating, new.results.as_str(), new.next_steps.as_str()), (Rating::A, "実績", "新しい方針"));
    }

    #[test]
    fn nothing_entered_stores_nothing_but_clearing_keeps_the_row() {
        assert_eq!(revise(None, R4, Some(Rating::Unrated), Some(" "), None), None);
        let stored = Evaluation { year: R4, rating: Rating::C, results: String::new(), next_steps: String::new() };
        let cleared = revise(Some(&stored), R4, Some(Rating::Unrated), None, None).unwrap();
        assert_eq!(cleared.rating, Rating::Unrated);
    }
}
