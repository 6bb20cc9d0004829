INSERT INTO council_opinion (item_id, fiscal_year, opinion) VALUES (?1, ?2, ?3)
ON CONFLICT (item_id, fiscal_year) DO UPDATE SET opinion = excluded.opinion
