UPDATE schedule_row SET position = ?2 WHERE id = ?1
