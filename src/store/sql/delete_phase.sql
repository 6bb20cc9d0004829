DELETE FROM phase WHERE id = ?1
