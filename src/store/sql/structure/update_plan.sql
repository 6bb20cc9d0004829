UPDATE plan SET name = ?1, short_name = ?2, first_year = ?3, last_year = ?4, baseline_year = ?5, adopted_on = ?6
WHERE id = 1
