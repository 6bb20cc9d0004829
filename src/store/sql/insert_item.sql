INSERT INTO item (number, category_id, title, department, current_issues, actions, predecessor, status, status_year,
                  status_reason, goal_heading, actions_heading)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
