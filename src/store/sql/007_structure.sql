-- Schema version 7: plans as data. The plan's 策定日; an item that leaves the plan before its end is
-- kept, with its history, marked with why (完了, 目標達成, 経常業務化, 統合, 中止), from which fiscal
-- year, and the stated reason; the headings an item's goals and second text go under; its yearly
-- 効果額 (千円); a KPI's remarks on its baseline and its target, the baseline's day, numbers shown in
-- 万, and its dated milestones (R7までに1、R9までに2（累計）).
ALTER TABLE plan ADD COLUMN adopted_on TEXT
    CHECK (adopted_on IS NULL OR adopted_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');
ALTER TABLE item ADD COLUMN status TEXT
    CHECK (status IS NULL OR status IN ('completed', 'achieved', 'routine', 'merged', 'stopped'));
ALTER TABLE item ADD COLUMN status_year INTEGER
    CHECK (status_year IS NULL OR status_year BETWEEN 1900 AND 2200);
ALTER TABLE item ADD COLUMN status_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE item ADD COLUMN goal_heading TEXT NOT NULL DEFAULT 'numeric'
    CHECK (goal_heading IN ('numeric', 'activity'));
ALTER TABLE item ADD COLUMN actions_heading TEXT NOT NULL DEFAULT 'implementation'
    CHECK (actions_heading IN ('implementation', 'efforts'));
ALTER TABLE kpi ADD COLUMN baseline_note TEXT NOT NULL DEFAULT '';
ALTER TABLE kpi ADD COLUMN target_note TEXT NOT NULL DEFAULT '';
ALTER TABLE kpi ADD COLUMN baseline_date TEXT
    CHECK (baseline_date IS NULL OR baseline_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');
ALTER TABLE kpi ADD COLUMN scale INTEGER NOT NULL DEFAULT 1 CHECK (scale IN (1, 10000));

CREATE TABLE kpi_milestone (
    kpi_id      INTEGER NOT NULL REFERENCES kpi(id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 1900 AND 2200),
    value_num   REAL,
    value_text  TEXT,
    cumulative  INTEGER NOT NULL DEFAULT 0 CHECK (cumulative IN (0, 1)),
    PRIMARY KEY (kpi_id, fiscal_year),
    CHECK ((value_num IS NULL) <> (value_text IS NULL))
) STRICT;

CREATE TABLE item_effect (
    item_id     INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 1900 AND 2200),
    planned     REAL,
    actual      REAL,
    PRIMARY KEY (item_id, fiscal_year),
    CHECK (planned IS NOT NULL OR actual IS NOT NULL)
) STRICT;
