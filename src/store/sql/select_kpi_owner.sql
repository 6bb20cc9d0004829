SELECT kpi.item_id, kpi.name, item.number FROM kpi JOIN item ON item.id = kpi.item_id WHERE kpi.id = ?1
