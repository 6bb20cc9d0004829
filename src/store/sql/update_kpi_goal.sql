UPDATE kpi SET
    baseline_num  = CASE ?2 WHEN 'baseline' THEN ?3 ELSE baseline_num END,
    baseline_text = CASE ?2 WHEN 'baseline' THEN ?4 ELSE baseline_text END,
    target_num    = CASE ?2 WHEN 'target' THEN ?3 ELSE target_num END,
    target_text   = CASE ?2 WHEN 'target' THEN ?4 ELSE target_text END
WHERE id = ?1
