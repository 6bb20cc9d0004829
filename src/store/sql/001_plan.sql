-- Schema version 1: the plan and its progress.
CREATE TABLE plan (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    name          TEXT    NOT NULL,
    short_name    TEXT    NOT NULL,
    first_year    INTEGER NOT NULL CHECK (first_year BETWEEN 1900 AND 2200),
    last_year     INTEGER NOT NULL CHECK (last_year BETWEEN 1900 AND 2200),
    baseline_year INTEGER NOT NULL,
    CHECK (first_year <= last_year)
) STRICT;

CREATE TABLE focus_area (
    id     INTEGER PRIMARY KEY,
    number INTEGER NOT NULL UNIQUE CHECK (number > 0),
    title  TEXT    NOT NULL
) STRICT;

CREATE TABLE category (
    id            INTEGER PRIMARY KEY,
    focus_area_id INTEGER NOT NULL REFERENCES focus_area(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL CHECK (position >= 0),
    title         TEXT    NOT NULL
) STRICT;

CREATE TABLE item (
    id             INTEGER PRIMARY KEY,
    number         INTEGER NOT NULL UNIQUE CHECK (number > 0),
    category_id    INTEGER NOT NULL REFERENCES category(id),
    title          TEXT    NOT NULL,
    department     TEXT    NOT NULL,
    current_issues TEXT    NOT NULL DEFAULT '',
    actions        TEXT    NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE kpi (
    id            INTEGER PRIMARY KEY,
    item_id       INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL CHECK (position >= 0),
    name          TEXT    NOT NULL,
    unit          TEXT    NOT NULL DEFAULT '',
    baseline_year INTEGER,
    baseline_num  REAL,
    baseline_text TEXT,
    target_year   INTEGER,
    target_num    REAL,
    target_text   TEXT,
    direction     TEXT    NOT NULL CHECK (direction IN ('increase', 'decrease')),
    note          TEXT    NOT NULL DEFAULT '',
    CHECK (baseline_num IS NULL OR baseline_text IS NULL),
    CHECK (target_num IS NULL OR target_text IS NULL)
) STRICT;

CREATE TABLE kpi_actual (
    kpi_id      INTEGER NOT NULL REFERENCES kpi(id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 1900 AND 2200),
    value_num   REAL,
    value_text  TEXT,
    PRIMARY KEY (kpi_id, fiscal_year),
    CHECK ((value_num IS NULL) <> (value_text IS NULL))
) STRICT;

CREATE TABLE schedule_row (
    id       INTEGER PRIMARY KEY,
    item_id  INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    label    TEXT    NOT NULL
) STRICT;

CREATE TABLE phase (
    id           INTEGER PRIMARY KEY,
    row_id       INTEGER NOT NULL REFERENCES schedule_row(id) ON DELETE CASCADE,
    label        TEXT    NOT NULL,
    start_month  TEXT    NOT NULL CHECK (start_month GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
    end_month    TEXT    NOT NULL CHECK (end_month GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
    actual_start TEXT CHECK (actual_start IS NULL OR actual_start GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
    actual_end   TEXT CHECK (actual_end IS NULL OR actual_end GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
    status       TEXT    NOT NULL DEFAULT 'not_started'
                 CHECK (status IN ('not_started', 'in_progress', 'done', 'delayed', 'cancelled')),
    note         TEXT    NOT NULL DEFAULT '',
    CHECK (start_month <= end_month)
) STRICT;

CREATE TABLE evaluation (
    item_id     INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 1900 AND 2200),
    rating      TEXT    NOT NULL CHECK (rating IN ('S', 'A', 'B', 'C', '-')),
    results     TEXT    NOT NULL DEFAULT '',
    next_steps  TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (item_id, fiscal_year)
) STRICT;

CREATE INDEX kpi_by_item ON kpi(item_id);
CREATE INDEX row_by_item ON schedule_row(item_id);
CREATE INDEX phase_by_row ON phase(row_id);
CREATE INDEX category_by_focus_area ON category(focus_area_id);
CREATE INDEX item_by_category ON item(category_id);
