SELECT CASE ?2 WHEN 'name' THEN name WHEN 'unit' THEN unit WHEN 'note' THEN note END FROM kpi WHERE id = ?1
