-- Schema version 2: the record's identity and its change history.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE change_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT    NOT NULL,
    user_name TEXT    NOT NULL,
    item_id   INTEGER,
    target    TEXT    NOT NULL,
    field     TEXT    NOT NULL,
    old_value TEXT    NOT NULL,
    new_value TEXT    NOT NULL,
    edit      TEXT    NOT NULL,
    source    TEXT    NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX change_log_by_item ON change_log(item_id);
