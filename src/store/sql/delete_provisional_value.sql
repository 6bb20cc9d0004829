DELETE FROM provisional_value WHERE kpi_id = ?1 AND fiscal_year = ?2
