SELECT item_id, name, unit, baseline_year, baseline_num, baseline_text, target_year, target_num, target_text,
       direction, note, decimals, baseline_note, target_note, baseline_date, scale
FROM kpi WHERE id = ?1
