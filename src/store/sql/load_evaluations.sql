SELECT item_id, fiscal_year, rating, results, next_steps FROM evaluation ORDER BY item_id, fiscal_year
