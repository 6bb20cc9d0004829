SELECT id, number, title FROM focus_area ORDER BY number
