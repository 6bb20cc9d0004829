UPDATE schedule_row SET label = ?2 WHERE id = ?1
