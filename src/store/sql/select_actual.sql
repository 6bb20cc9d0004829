SELECT value_num, value_text FROM kpi_actual WHERE kpi_id = ?1 AND fiscal_year = ?2
