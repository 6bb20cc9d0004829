-- Schema version 6: an item carried over from the previous plan (次期計画を作成) names the item it
-- continues, e.g. 「SAPⅢ 項目16」; NULL for an item new to its plan.
ALTER TABLE item ADD COLUMN predecessor TEXT;
