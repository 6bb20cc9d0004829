SELECT value FROM meta WHERE key = 'record_id'
