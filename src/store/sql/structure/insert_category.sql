INSERT INTO category (id, focus_area_id, position, title) VALUES (?1, ?2, ?3, ?4)
