UPDATE kpi SET item_id = ?2, position = ?3 WHERE id = ?1
