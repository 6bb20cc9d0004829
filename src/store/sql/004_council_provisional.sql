-- Schema version 4: the 行政改革推進審議会's opinion on an item for a year, the 暫定 mark on a
-- KPI value that is provisional until confirmed (tables of their own), and the decimals a KPI's
-- values are printed with in the plan (18.0 %).
ALTER TABLE kpi ADD COLUMN decimals INTEGER NOT NULL DEFAULT 0 CHECK (decimals BETWEEN 0 AND 6);

CREATE TABLE council_opinion (
    item_id     INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 1900 AND 2200),
    opinion     TEXT    NOT NULL CHECK (opinion <> ''),
    PRIMARY KEY (item_id, fiscal_year)
) STRICT;

CREATE TABLE provisional_value (
    kpi_id      INTEGER NOT NULL REFERENCES kpi(id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 1900 AND 2200),
    PRIMARY KEY (kpi_id, fiscal_year)
) STRICT;
