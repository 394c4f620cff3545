-- The counts of every name any machine reports, invented ones included, are the largest table
-- after the machines under a flood of invented names (measured: 3.2 bytes per decoded byte of a
-- report of 4,096 invented names). On SQLite the table becomes its own primary-key index
-- (WITHOUT ROWID): the key columns were stored twice, in the table and in its unique index
-- (${without_rowid} is empty on PostgreSQL). The index by count leaves out names only one
-- machine has, which is what an invented name is and what is never published (k is 2 or more);
-- queries for published names say "machines > 1" so that both databases use it.
CREATE TABLE name_counts_compact (
  list     VARCHAR(32) NOT NULL,
  parent   TEXT        NOT NULL,
  name     TEXT        NOT NULL,
  machines BIGINT      NOT NULL,
  PRIMARY KEY (list, parent, name)
) ${without_rowid};
INSERT INTO name_counts_compact (list, parent, name, machines)
  SELECT list, parent, name, machines FROM name_counts;
DROP TABLE name_counts;
ALTER TABLE name_counts_compact RENAME TO name_counts;
CREATE INDEX name_counts_machines ON name_counts (machines) WHERE machines > 1;
