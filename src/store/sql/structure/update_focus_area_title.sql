UPDATE focus_area SET title = ?2 WHERE id = ?1
