UPDATE category SET focus_area_id = ?2, position = ?3 WHERE id = ?1
