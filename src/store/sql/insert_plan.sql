INSERT INTO plan (id, name, short_name, first_year, last_year, baseline_year, adopted_on)
VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)
