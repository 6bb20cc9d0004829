SELECT kpi_id, fiscal_year FROM provisional_value
