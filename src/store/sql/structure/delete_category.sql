DELETE FROM category WHERE id = ?1
