SELECT row_id, label, start_month, end_month, actual_start, actual_end, status, note FROM phase WHERE id = ?1
