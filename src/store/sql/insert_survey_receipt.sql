INSERT INTO survey_receipt (fiscal_year, department, file_name, received_at, user_name, changes, refused)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
