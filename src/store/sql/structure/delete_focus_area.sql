DELETE FROM focus_area WHERE id = ?1
