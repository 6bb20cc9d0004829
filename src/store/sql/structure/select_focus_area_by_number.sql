SELECT id FROM focus_area WHERE number = ?1
