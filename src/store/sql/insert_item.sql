INSERT INTO item (number, category_id, title, department, current_issues, actions, predecessor)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
