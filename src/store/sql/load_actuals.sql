SELECT kpi_id, fiscal_year, value_num, value_text FROM kpi_actual
