UPDATE kpi SET direction = ?2, decimals = ?3, scale = ?4, baseline_date = ?5 WHERE id = ?1
