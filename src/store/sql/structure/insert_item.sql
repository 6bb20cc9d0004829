INSERT INTO item (id, number, category_id, title, department, current_issues, actions)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
