//! What a printout covers: the whole plan, one 重点項目, or one 実施課 — the same choices as
//! the tree's filters, written here because the report layer does not depend on the ui.

use crate::model::{Item, Plan};

#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Scope {
    #[default]
    Whole,
    /// 重点項目 number (1..5 in SAP III).
    Focus(u32),
    /// One of `Plan::departments()`, or one department of a shared item (企画広報課・商工課).
    Department(String),
}

impl Scope {
    pub fn matches(&self, item: &Item) -> bool {
        match self {
            Scope::Whole => true,
            Scope::Focus(n) => item.focus_area == *n,
            Scope::Department(name) => {
                let name = name.trim();
                item.department == name || item.departments().iter().any(|d| d == name)
            }
        }
    }

    pub fn items<'p>(&self, plan: &'p Plan) -> Vec<&'p Item> {
        plan.items.iter().filter(|i| self.matches(i)).collect()
    }

    /// A plan restricted to the scope (focus areas and items outside it dropped).
    pub fn restrict(&self, plan: &Plan) -> Plan {
        let items: Vec<Item> = plan.items.iter().filter(|i| self.matches(i)).cloned().collect();
        let focus_areas =
            plan.focus_areas.iter().filter(|f| items.iter().any(|i| i.focus_area == f.number)).cloned().collect();
        Plan { info: plan.info.clone(), focus_areas, items }
    }

    /// For the page header: "重点項目2 …" or "実施課: 財政課"; empty for the whole plan.
    pub fn describe(&self, plan: &Plan) -> String {
        match self {
            Scope::Whole => String::new(),
            Scope::Focus(n) => match plan.focus_area(*n) {
                Some(f) => format!("重点項目{n} {}", f.title),
                None => format!("重点項目{n}"),
            },
            Scope::Department(name) => format!("実施課: {}", name.trim()),
        }
    }

    /// Refuses a scope that selects nothing, in words the officer can act on.
    pub fn check(&self, plan: &Plan) -> Result<(), String> {
        if !self.items(plan).is_empty() {
            return Ok(());
        }
        Err(match self {
            Scope::Whole => "この記録には改革項目がありません。".to_string(),
            Scope::Focus(n) => {
                let known: Vec<String> = plan.focus_areas.iter().map(|f| f.number.to_string()).collect();
                format!("重点項目{n}に属する改革項目はありません（重点項目は {}）。", known.join("、"))
            }
            Scope::Department(name) => format!(
                "実施課「{}」の改革項目はありません。実施課は次のとおりです: {}",
                name.trim(),
                plan.departments().join("、")
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_select_items() {
        let plan = crate::seed::sap3();
        assert_eq!(Scope::Whole.items(&plan).len(), plan.items.len());
        let focus2 = Scope::Focus(2).items(&plan);
        assert!(!focus2.is_empty() && focus2.iter().all(|i| i.focus_area == 2));
        let shared = plan.items.iter().find(|i| i.departments().len() > 1).expect("SAP III has shared items");
        let one = shared.departments()[1].clone();
        assert!(Scope::Department(one).items(&plan).iter().any(|i| i.id == shared.id));
        assert!(Scope::Department("存在しない課".into()).check(&plan).unwrap_err().contains("存在しない課"));
        let restricted = Scope::Focus(2).restrict(&plan);
        assert_eq!(restricted.focus_areas.len(), 1);
    }
}
