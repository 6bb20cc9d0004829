UPDATE item SET category_id = ?2, number = ?3 WHERE id = ?1
