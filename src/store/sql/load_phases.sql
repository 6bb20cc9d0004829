SELECT id, row_id, label, start_month, end_month, actual_start, actual_end, status, note
FROM phase ORDER BY row_id, start_month, id
