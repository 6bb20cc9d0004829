SELECT fiscal_year FROM provisional_value WHERE kpi_id = ?1 ORDER BY fiscal_year
