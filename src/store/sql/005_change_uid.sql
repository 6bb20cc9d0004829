-- Schema version 5: each change has an identity that survives export, so that two copies of one
-- record can find the changes they share and be merged. Rows written before get theirs in the upgrade.
ALTER TABLE change_log ADD COLUMN change_uid TEXT;
CREATE UNIQUE INDEX change_log_by_uid ON change_log(change_uid);

-- Changes of another copy a merge looked at and did not take (a conflict kept as ours, a change
-- that changed nothing): a second merge of the same file must not offer them again.
CREATE TABLE merged_change (
    change_uid TEXT PRIMARY KEY
) STRICT;
