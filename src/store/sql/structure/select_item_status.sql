SELECT number, status, status_year, status_reason FROM item WHERE id = ?1
