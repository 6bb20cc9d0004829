SELECT item.id, item.number, focus_area.number, item.category_id, item.title, item.department,
       item.current_issues, item.actions, item.predecessor, item.status, item.status_year, item.status_reason,
       item.goal_heading, item.actions_heading
FROM item
JOIN category ON category.id = item.category_id
JOIN focus_area ON focus_area.id = category.focus_area_id
ORDER BY item.number
