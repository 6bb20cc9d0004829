-- An item with a count of what it holds besides its own texts (KPIs, schedule, evaluations,
-- opinions, 効果額, headings other than the usual ones).
SELECT number, category_id, title, department, current_issues, actions, predecessor, status,
       (SELECT count(*) FROM kpi WHERE item_id = ?1) + (SELECT count(*) FROM schedule_row WHERE item_id = ?1)
     + (SELECT count(*) FROM evaluation WHERE item_id = ?1) + (SELECT count(*) FROM council_opinion WHERE item_id = ?1)
     + (SELECT count(*) FROM item_effect WHERE item_id = ?1)
     + (goal_heading <> 'numeric') + (actions_heading <> 'implementation')
FROM item WHERE id = ?1
