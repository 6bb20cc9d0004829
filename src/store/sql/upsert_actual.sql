INSERT INTO kpi_actual (kpi_id, fiscal_year, value_num, value_text) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (kpi_id, fiscal_year) DO UPDATE SET value_num = excluded.value_num, value_text = excluded.value_text
