SELECT id FROM item WHERE number = ?1
