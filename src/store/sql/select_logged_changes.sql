SELECT change_uid, at, user_name, edit FROM change_log ORDER BY id
