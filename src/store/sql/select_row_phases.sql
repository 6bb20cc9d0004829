SELECT id, label, start_month, end_month, actual_start, actual_end, status, note
FROM phase WHERE row_id = ?1 ORDER BY start_month, id
