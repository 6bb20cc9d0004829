INSERT INTO focus_area (id, number, title) VALUES (?1, ?2, ?3)
