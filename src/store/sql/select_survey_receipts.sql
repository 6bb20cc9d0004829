SELECT fiscal_year, department, file_name, received_at, user_name, changes, refused
FROM survey_receipt WHERE fiscal_year = ?1 ORDER BY id DESC
