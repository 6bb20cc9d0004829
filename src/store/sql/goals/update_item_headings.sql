UPDATE item SET goal_heading = ?2, actions_heading = ?3 WHERE id = ?1
