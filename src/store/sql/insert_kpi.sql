-- A KPI with the id given (NULL: SQLite chooses one).
INSERT INTO kpi (id, item_id, position, name, unit, baseline_year, baseline_num, baseline_text, target_year,
                 target_num, target_text, direction, note, decimals, baseline_note, target_note, baseline_date, scale)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
