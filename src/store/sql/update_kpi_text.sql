UPDATE kpi SET
    name = CASE ?2 WHEN 'name' THEN ?3 ELSE name END,
    unit = CASE ?2 WHEN 'unit' THEN ?3 ELSE unit END,
    note = CASE ?2 WHEN 'note' THEN ?3 ELSE note END,
    baseline_note = CASE ?2 WHEN 'baseline_note' THEN ?3 ELSE baseline_note END,
    target_note = CASE ?2 WHEN 'target_note' THEN ?3 ELSE target_note END
WHERE id = ?1
