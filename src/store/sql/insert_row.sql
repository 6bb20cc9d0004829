INSERT INTO schedule_row (id, item_id, position, label) VALUES (?1, ?2, ?3, ?4)
