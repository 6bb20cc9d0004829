SELECT change_uid FROM merged_change
