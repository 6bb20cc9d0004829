SELECT item_id, fiscal_year, planned, actual FROM item_effect ORDER BY item_id, fiscal_year
