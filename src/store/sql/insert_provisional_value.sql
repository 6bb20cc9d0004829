INSERT OR IGNORE INTO provisional_value (kpi_id, fiscal_year) VALUES (?1, ?2)
