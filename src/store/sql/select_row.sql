SELECT item_id, label FROM schedule_row WHERE id = ?1
