SELECT id, focus_area_id, title FROM category ORDER BY focus_area_id, position, id
