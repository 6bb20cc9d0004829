SELECT id, at, user_name, edit FROM change_log WHERE change_uid IS NULL ORDER BY id
