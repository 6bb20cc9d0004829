SELECT number, title, (SELECT count(*) FROM category WHERE focus_area_id = ?1) FROM focus_area WHERE id = ?1
