SELECT planned, actual FROM item_effect WHERE item_id = ?1 AND fiscal_year = ?2
