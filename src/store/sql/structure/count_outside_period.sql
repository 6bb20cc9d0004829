-- What a new period would leave outside: planned phases, and values of other years (KPI actuals,
-- evaluations, the 審議会's opinions, 効果額, the year an item ended).
SELECT (SELECT count(*) FROM phase WHERE start_month < ?1 OR end_month > ?2),
       (SELECT count(*) FROM kpi_actual WHERE fiscal_year < ?3 OR fiscal_year > ?4)
     + (SELECT count(*) FROM evaluation WHERE fiscal_year < ?3 OR fiscal_year > ?4)
     + (SELECT count(*) FROM council_opinion WHERE fiscal_year < ?3 OR fiscal_year > ?4)
     + (SELECT count(*) FROM item_effect WHERE fiscal_year < ?3 OR fiscal_year > ?4)
     + (SELECT count(*) FROM item WHERE status_year < ?3 OR status_year > ?4)
