SELECT id FROM category WHERE focus_area_id = ?1 ORDER BY position, id
