-- Schema version 3: receipts of the yearly progress survey. A department's answers count as
-- received when their import is applied, even when they change nothing in the record (and so
-- leave no change_log row).
CREATE TABLE survey_receipt (
    id          INTEGER PRIMARY KEY,
    fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 1900 AND 2200),
    department  TEXT    NOT NULL CHECK (department <> ''),
    file_name   TEXT    NOT NULL,
    received_at TEXT    NOT NULL,
    user_name   TEXT    NOT NULL,
    changes     INTEGER NOT NULL CHECK (changes >= 0),
    refused     INTEGER NOT NULL CHECK (refused >= 0)
) STRICT;

CREATE INDEX survey_receipt_by_year ON survey_receipt(fiscal_year, department);
