SELECT id FROM kpi WHERE item_id = ?1 ORDER BY position, id
