UPDATE focus_area SET number = ?2 WHERE id = ?1
