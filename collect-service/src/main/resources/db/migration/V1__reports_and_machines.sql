-- One SQL for SQLite and PostgreSQL. Times are epoch milliseconds (UTC).

-- Every accepted report, for the retention period. The primary key is the client's
-- Idempotency-Key (or one made on arrival), so a replayed report is stored once, whichever
-- node receives it.
CREATE TABLE reports (
  report_key   VARCHAR(64) PRIMARY KEY,
  machine_id   CHAR(32)    NOT NULL,
  received_at  BIGINT      NOT NULL,
  schema_major INTEGER     NOT NULL,
  source       VARCHAR(16) NOT NULL,
  document     TEXT        NOT NULL
);
CREATE INDEX reports_received_at ON reports (received_at);
CREATE INDEX reports_machine_id ON reports (machine_id);

-- One row per machine (keyed hash): what "counting each machine once" reads. Kept beyond the
-- retention of reports.
CREATE TABLE machines (
  machine_id      CHAR(32) PRIMARY KEY,
  first_seen      BIGINT   NOT NULL,
  last_seen       BIGINT   NOT NULL,
  last_changed    BIGINT   NOT NULL,
  document_sha256 CHAR(64) NOT NULL,
  document        TEXT     NOT NULL
);
CREATE INDEX machines_last_seen ON machines (last_seen);
