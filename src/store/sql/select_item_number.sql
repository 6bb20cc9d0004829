SELECT number FROM item WHERE id = ?1
