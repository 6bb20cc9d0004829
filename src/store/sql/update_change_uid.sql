UPDATE change_log SET change_uid = ?2 WHERE id = ?1
