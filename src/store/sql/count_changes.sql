SELECT count(*) FROM change_log
