INSERT INTO kpi_milestone (kpi_id, fiscal_year, value_num, value_text, cumulative) VALUES (?1, ?2, ?3, ?4, ?5)
