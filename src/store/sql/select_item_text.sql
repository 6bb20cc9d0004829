SELECT CASE ?2 WHEN 'title' THEN title WHEN 'department' THEN department
               WHEN 'current_issues' THEN current_issues WHEN 'actions' THEN actions END
FROM item WHERE id = ?1
