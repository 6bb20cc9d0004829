INSERT OR IGNORE INTO merged_change (change_uid) VALUES (?1)
