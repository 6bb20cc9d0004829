UPDATE kpi SET decimals = ?1
WHERE position = ?2 AND name = ?3 AND item_id IN (SELECT id FROM item WHERE number = ?4)
