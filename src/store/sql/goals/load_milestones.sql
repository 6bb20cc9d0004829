SELECT kpi_id, fiscal_year, value_num, value_text, cumulative FROM kpi_milestone ORDER BY kpi_id, fiscal_year
