SELECT schedule_row.item_id, schedule_row.label, item.number
FROM schedule_row JOIN item ON item.id = schedule_row.item_id WHERE schedule_row.id = ?1
