INSERT INTO item_effect (item_id, fiscal_year, planned, actual) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (item_id, fiscal_year) DO UPDATE SET planned = excluded.planned, actual = excluded.actual
