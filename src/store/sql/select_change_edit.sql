SELECT edit FROM change_log WHERE id = ?1
