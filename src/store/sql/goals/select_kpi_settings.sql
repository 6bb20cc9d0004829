SELECT direction, decimals, scale, baseline_date FROM kpi WHERE id = ?1
