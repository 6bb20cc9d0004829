SELECT CASE ?2 WHEN 'baseline' THEN baseline_num ELSE target_num END,
       CASE ?2 WHEN 'baseline' THEN baseline_text ELSE target_text END
FROM kpi WHERE id = ?1
