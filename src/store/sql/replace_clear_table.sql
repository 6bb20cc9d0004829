DELETE FROM {db}."{table}"
