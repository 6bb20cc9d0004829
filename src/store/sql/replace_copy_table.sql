INSERT INTO {to}."{table}" SELECT * FROM {from}."{table}"
