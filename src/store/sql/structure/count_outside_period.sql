-- What a new period would leave outside: planned phases and KPI actuals of other years.
SELECT (SELECT count(*) FROM phase WHERE start_month < ?1 OR end_month > ?2),
       (SELECT count(*) FROM kpi_actual WHERE fiscal_year < ?3 OR fiscal_year > ?4)
