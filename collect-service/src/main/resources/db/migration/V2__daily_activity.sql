-- Active machines per day (UTC), written by each aggregation: the curve of active machines
-- survives the retention of reports. New machines per day come from machines.first_seen.
CREATE TABLE daily_activity (
  day             CHAR(10) PRIMARY KEY,   -- YYYY-MM-DD
  active_machines BIGINT   NOT NULL,
  window_days     BIGINT   NOT NULL,
  computed_at     BIGINT   NOT NULL
);
CREATE INDEX machines_first_seen ON machines (first_seen);
