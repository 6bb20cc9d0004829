SELECT opinion FROM council_opinion WHERE item_id = ?1 AND fiscal_year = ?2
