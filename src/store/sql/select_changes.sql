SELECT id, at, user_name, item_id, target, field, old_value, new_value, edit, source
FROM change_log ORDER BY id DESC LIMIT ?1
