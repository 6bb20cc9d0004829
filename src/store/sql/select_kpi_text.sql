SELECT CASE ?2 WHEN 'name' THEN name WHEN 'unit' THEN unit WHEN 'note' THEN note
               WHEN 'baseline_note' THEN baseline_note WHEN 'target_note' THEN target_note END
FROM kpi WHERE id = ?1
