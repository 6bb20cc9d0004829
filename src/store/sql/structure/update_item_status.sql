UPDATE item SET status = ?2, status_year = ?3, status_reason = ?4 WHERE id = ?1
