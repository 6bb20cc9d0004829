INSERT INTO phase (id, row_id, label, start_month, end_month, actual_start, actual_end, status, note)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
