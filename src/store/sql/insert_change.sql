INSERT INTO change_log (at, user_name, item_id, target, field, old_value, new_value, edit, source, change_uid)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, COALESCE(?10, lower(hex(randomblob(16)))))
