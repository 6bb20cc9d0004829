SELECT goal_heading, actions_heading FROM item WHERE id = ?1
