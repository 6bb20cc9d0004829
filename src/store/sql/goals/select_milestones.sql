SELECT fiscal_year, value_num, value_text, cumulative FROM kpi_milestone WHERE kpi_id = ?1 ORDER BY fiscal_year
