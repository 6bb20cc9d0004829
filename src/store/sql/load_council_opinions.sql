SELECT item_id, fiscal_year, opinion FROM council_opinion
