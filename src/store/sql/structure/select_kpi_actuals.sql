SELECT fiscal_year, value_num, value_text FROM kpi_actual WHERE kpi_id = ?1 ORDER BY fiscal_year
