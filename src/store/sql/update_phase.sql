UPDATE phase SET label = ?2, start_month = ?3, end_month = ?4, actual_start = ?5, actual_end = ?6,
                 status = ?7, note = ?8
WHERE id = ?1
