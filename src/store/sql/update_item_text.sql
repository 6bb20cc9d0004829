UPDATE item SET
    title          = CASE ?2 WHEN 'title' THEN ?3 ELSE title END,
    department     = CASE ?2 WHEN 'department' THEN ?3 ELSE department END,
    current_issues = CASE ?2 WHEN 'current_issues' THEN ?3 ELSE current_issues END,
    actions        = CASE ?2 WHEN 'actions' THEN ?3 ELSE actions END
WHERE id = ?1
