SELECT name, short_name, first_year, last_year, baseline_year FROM plan WHERE id = 1
