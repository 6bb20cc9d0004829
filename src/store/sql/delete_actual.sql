DELETE FROM kpi_actual WHERE kpi_id = ?1 AND fiscal_year = ?2
