SELECT source, at, user_name FROM change_log WHERE source LIKE '調査票:%' ORDER BY id
