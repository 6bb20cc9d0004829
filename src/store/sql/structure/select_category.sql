SELECT focus_area_id, title, (SELECT count(*) FROM item WHERE category_id = ?1) FROM category WHERE id = ?1
