SELECT id FROM schedule_row WHERE item_id = ?1 ORDER BY position, id
