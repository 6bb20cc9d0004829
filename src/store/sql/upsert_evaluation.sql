INSERT INTO evaluation (item_id, fiscal_year, rating, results, next_steps) VALUES (?1, ?2, ?3, ?4, ?5)
ON CONFLICT (item_id, fiscal_year) DO UPDATE SET
    rating = excluded.rating, results = excluded.results, next_steps = excluded.next_steps
