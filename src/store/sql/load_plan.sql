SELECT name, short_name, first_year, last_year, baseline_year, adopted_on FROM plan WHERE id = 1
