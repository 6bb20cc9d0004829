INSERT INTO focus_area (number, title) VALUES (?1, ?2)
