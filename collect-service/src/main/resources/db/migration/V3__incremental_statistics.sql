-- Statistics maintained from what changed (one SQL for SQLite and PostgreSQL; ${blob} is BLOB
-- or BYTEA). Times are epoch milliseconds (UTC).

-- What each machine adds to the published counts now: the digest of the document counted and
-- its names (deflated), or NULL when it is not counted (new, or out of the active window).
-- dirty = 1 when the stored document differs from the counted one or the machine is not counted
-- although it reported: the refresher's work list. Every existing machine starts dirty, so the
-- first refresh after this migration counts the whole fleet once.
ALTER TABLE machines ADD COLUMN dirty INTEGER NOT NULL DEFAULT 1;
ALTER TABLE machines ADD COLUMN counted_sha256 CHAR(64);
ALTER TABLE machines ADD COLUMN counted_names ${blob};
CREATE INDEX machines_dirty ON machines (machine_id) WHERE dirty = 1;
CREATE INDEX machines_counted_last_seen ON machines (last_seen) WHERE counted_sha256 IS NOT NULL;

-- Distinct counted machines per name of each published list (parent: the section, for options;
-- '' otherwise). Exact; a row whose count falls to 0 is deleted.
CREATE TABLE name_counts (
  list     VARCHAR(32) NOT NULL,
  parent   TEXT        NOT NULL,
  name     TEXT        NOT NULL,
  machines BIGINT      NOT NULL,
  PRIMARY KEY (list, parent, name)
);
CREATE INDEX name_counts_machines ON name_counts (machines);

-- Per list (and per section, for options): counted machines that reported it at all, and how
-- many (machine, name) pairs it holds; the folded row is mentions minus what is shown.
CREATE TABLE list_totals (
  list      VARCHAR(32) NOT NULL,
  parent    TEXT        NOT NULL,
  reporting BIGINT      NOT NULL,
  mentions  BIGINT      NOT NULL,
  PRIMARY KEY (list, parent)
);

-- One row: when the counts were last brought up to date, a generation every refresh increments
-- (other nodes reload when it moves), and when a repair recount started (NULL when none runs:
-- while one runs, nodes keep publishing the numbers they had).
CREATE TABLE stats_state (
  id              INTEGER PRIMARY KEY,
  generation      BIGINT  NOT NULL,
  refreshed_at    BIGINT,
  recount_started BIGINT
);
INSERT INTO stats_state (id, generation, refreshed_at, recount_started) VALUES (1, 0, NULL, NULL);

-- The history: each UTC day's published numbers, recorded once when the day is over and never
-- changed afterwards. Names are recorded only when at least k machines reported them that day.
CREATE TABLE stats_days (
  day             CHAR(10) PRIMARY KEY,  -- YYYY-MM-DD
  active_machines BIGINT   NOT NULL,
  new_machines    BIGINT,
  window_days     BIGINT   NOT NULL,
  k               INTEGER,
  recorded_at     BIGINT   NOT NULL
);
CREATE TABLE stats_day_lists (
  day       CHAR(10)    NOT NULL,
  list      VARCHAR(32) NOT NULL,
  parent    TEXT        NOT NULL,
  reporting BIGINT      NOT NULL,
  other     BIGINT      NOT NULL,
  PRIMARY KEY (list, parent, day)
);
CREATE TABLE stats_day_names (
  list     VARCHAR(32) NOT NULL,
  parent   TEXT        NOT NULL,
  name     TEXT        NOT NULL,
  day      CHAR(10)    NOT NULL,
  machines BIGINT      NOT NULL,
  PRIMARY KEY (list, parent, name, day)
);
CREATE INDEX stats_day_names_day ON stats_day_names (day, list, parent);

-- The active-machines curve kept so far becomes the first days of the history (new machines
-- per day are filled in from first_seen by the next refresh).
INSERT INTO stats_days (day, active_machines, new_machines, window_days, k, recorded_at)
  SELECT day, active_machines, NULL, window_days, NULL, computed_at FROM daily_activity;
DROP TABLE daily_activity;
