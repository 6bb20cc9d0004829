-- Schema version 7: plans as data. The plan's 策定日; an item that leaves the plan before its end is
-- kept, with its history, marked with why (完了, 目標達成, 経常業務化, 統合, 中止), from which fiscal
-- year, and the stated reason.
ALTER TABLE plan ADD COLUMN adopted_on TEXT
    CHECK (adopted_on IS NULL OR adopted_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');
ALTER TABLE item ADD COLUMN status TEXT
    CHECK (status IS NULL OR status IN ('completed', 'achieved', 'routine', 'merged', 'stopped'));
ALTER TABLE item ADD COLUMN status_year INTEGER
    CHECK (status_year IS NULL OR status_year BETWEEN 1900 AND 2200);
ALTER TABLE item ADD COLUMN status_reason TEXT NOT NULL DEFAULT '';
