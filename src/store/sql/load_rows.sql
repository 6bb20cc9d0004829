SELECT id, item_id, label FROM schedule_row ORDER BY item_id, position, id
