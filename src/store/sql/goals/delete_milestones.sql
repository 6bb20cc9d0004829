DELETE FROM kpi_milestone WHERE kpi_id = ?1
