DELETE FROM schedule_row WHERE id = ?1
