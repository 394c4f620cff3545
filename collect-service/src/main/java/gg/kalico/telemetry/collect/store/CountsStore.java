package gg.kalico.telemetry.collect.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The published counts and each machine's counted state: which machines are behind, the transaction
 * that brings a batch of them up to date, and the reads a snapshot is built from. Every count is
 * exact: distinct machines, changed by the deltas of machines whose counted state moved in the same
 * transaction.
 */
public final class CountsStore {
  /** The counted state as a whole. */
  public record State(long generation, Long refreshedAt, Long recountStarted) {}

  /** One list's totals: machines that reported it, and (machine, name) pairs in it. */
  public record Totals(String list, String parent, long reporting, long mentions) {}

  /** One name and its machines. */
  public record Count(NameKey key, long machines) {}

  private final Store store;

  public CountsStore(Store store) {
    this.store = store;
  }

  /**
   * Machines whose counted state is behind: first those marked dirty, then counted ones that left
   * the window. Stops at {@code maxMachines} or once {@code maxBytes} of documents and names are
   * read, so one batch holds a bounded amount in memory whatever clients sent.
   */
  public List<PendingMachine> pending(long cutoff, int maxMachines, long maxBytes) {
    return StoreException.wrap(
        "reading the machines behind",
        () -> {
          List<PendingMachine> out = new ArrayList<>();
          long bytes = 0;
          try (Connection c = store.dataSource().getConnection()) {
            try (PreparedStatement q =
                c.prepareStatement(
                    "SELECT machine_id, CASE WHEN last_seen >= ?"
                        + " THEN 1 ELSE 0 END, document, document_sha256, counted_names FROM machines"
                        + " WHERE dirty = 1 LIMIT ?")) {
              q.setLong(1, cutoff);
              q.setInt(2, maxMachines);
              try (ResultSet r = q.executeQuery()) {
                while (r.next() && bytes < maxBytes) {
                  PendingMachine m =
                      new PendingMachine(
                          r.getString(1),
                          r.getInt(2) == 1,
                          Deflated.json(r.getBytes(3)),
                          r.getString(4),
                          r.getBytes(5));
                  bytes +=
                      m.document().length()
                          + (m.countedNames() == null ? 0 : m.countedNames().length * 4L);
                  out.add(m);
                }
              }
            }
            if (out.size() >= maxMachines || bytes >= maxBytes) {
              return out;
            }
            try (PreparedStatement q =
                c.prepareStatement(
                    "SELECT machine_id, document_sha256,"
                        + " counted_names FROM machines WHERE counted_sha256 IS NOT NULL AND last_seen < ?"
                        + " AND dirty = 0 LIMIT ?")) {
              q.setLong(1, cutoff);
              q.setInt(2, maxMachines - out.size());
              try (ResultSet r = q.executeQuery()) {
                while (r.next() && bytes < maxBytes) {
                  PendingMachine m =
                      new PendingMachine(r.getString(1), false, "", r.getString(2), r.getBytes(3));
                  bytes += m.countedNames() == null ? 0 : m.countedNames().length * 4L;
                  out.add(m);
                }
              }
            }
          }
          return out;
        });
  }

  /** Starts the transaction that brings a batch of machines up to date. */
  public Update begin() {
    return StoreException.wrap(
        "starting a statistics transaction",
        () -> {
          return new Update(store.dataSource().getConnection(), store::truncateWalSoon);
        });
  }

  /**
   * One batch: each machine's new counted state, written only if the machine is still in the state
   * the refresher saw (a machine that reported meanwhile stays behind for the next refresh), then
   * the deltas of those written, then the state; all in one commit.
   */
  public static final class Update implements AutoCloseable {
    private static final String COUNT =
        "UPDATE machines SET counted_sha256 = ?,"
            + " counted_names = ?, dirty = CASE WHEN document_sha256 = ? THEN 0 ELSE 1 END"
            + " WHERE machine_id = ? AND last_seen >= ?";
    private static final String UNCOUNT =
        "UPDATE machines SET counted_sha256 = NULL,"
            + " counted_names = NULL, dirty = 0 WHERE machine_id = ? AND last_seen < ?";
    private static final String ADD_NAME =
        "INSERT INTO name_counts (list, parent, name,"
            + " machines) VALUES (?, ?, ?, ?) ON CONFLICT (list, parent, name) DO UPDATE SET"
            + " machines = name_counts.machines + excluded.machines";
    private static final String DROP_NAME =
        "DELETE FROM name_counts WHERE list = ?" + " AND parent = ? AND name = ? AND machines <= 0";
    private static final String ADD_TOTAL =
        "INSERT INTO list_totals (list, parent, reporting,"
            + " mentions) VALUES (?, ?, ?, ?) ON CONFLICT (list, parent) DO UPDATE SET"
            + " reporting = list_totals.reporting + excluded.reporting,"
            + " mentions = list_totals.mentions + excluded.mentions";
    private static final String DROP_TOTAL =
        "DELETE FROM list_totals WHERE list = ?"
            + " AND parent = ? AND reporting <= 0 AND mentions <= 0";

    /** Erased machines this refresh took out of the counts go now. */
    private static final String PURGE =
        "DELETE FROM machines WHERE erased = 1" + " AND counted_sha256 IS NULL";

    private final Connection c;
    private final Runnable erased;
    private final PreparedStatement count;
    private final PreparedStatement uncount;
    private int machines;

    private Update(Connection c, Runnable erased) throws SQLException {
      this.c = c;
      this.erased = erased;
      boolean ok = false;
      try {
        c.setAutoCommit(false);
        count = c.prepareStatement(COUNT);
        uncount = c.prepareStatement(UNCOUNT);
        ok = true;
      } finally {
        if (!ok) {
          c.close();
        }
      }
    }

    /** Counts machine {@code id} with this document if it is still active. */
    public void count(String id, long cutoff, String sha256, byte[] names) {
      StoreException.wrap(
          "counting a machine",
          () -> {
            count.setString(1, sha256);
            count.setBytes(2, names);
            count.setString(3, sha256);
            count.setString(4, id);
            count.setLong(5, cutoff);
            count.addBatch();
            machines++;
            return null;
          });
    }

    /** Uncounts machine {@code id} if it is still outside the window. */
    public void uncount(String id, long cutoff) {
      StoreException.wrap(
          "uncounting a machine",
          () -> {
            uncount.setString(1, id);
            uncount.setLong(2, cutoff);
            uncount.addBatch();
            machines++;
            return null;
          });
    }

    /** Writes the machines' states; returns, for counts and uncounts, which were written. */
    public boolean[][] writeMachines() {
      return StoreException.wrap(
          "writing what machines add to the counts",
          () -> {
            return new boolean[][] {written(count.executeBatch()), written(uncount.executeBatch())};
          });
    }

    private static boolean[] written(int[] counts) {
      boolean[] out = new boolean[counts.length];
      for (int i = 0; i < counts.length; i++) {
        out[i] = counts[i] > 0 || counts[i] == Statement.SUCCESS_NO_INFO;
      }
      return out;
    }

    /**
     * Adds deltas: a name's changes its count, a mark's its list's machines that reported it; every
     * name's delta also moves its list's mentions. Rows that fall to zero are deleted.
     */
    public void add(Map<NameKey, Long> deltas) {
      StoreException.wrap(
          "adding to the counts",
          () -> {
            Map<NameKey, long[]> totals = new TreeMap<>();
            try (PreparedStatement add = c.prepareStatement(ADD_NAME);
                PreparedStatement drop = c.prepareStatement(DROP_NAME)) {
              for (Map.Entry<NameKey, Long> e : new TreeMap<>(deltas).entrySet()) {
                NameKey k = e.getKey();
                long d = e.getValue();
                if (d == 0) {
                  continue;
                }
                long[] t =
                    totals.computeIfAbsent(
                        NameKey.reported(k.list(), k.parent()), x -> new long[2]);
                if (k.isMark()) {
                  t[0] += d;
                  continue;
                }
                t[1] += d;
                add.setString(1, k.list());
                add.setString(2, k.parent());
                add.setString(3, k.name());
                add.setLong(4, d);
                add.addBatch();
                if (d < 0) {
                  drop.setString(1, k.list());
                  drop.setString(2, k.parent());
                  drop.setString(3, k.name());
                  drop.addBatch();
                }
              }
              add.executeBatch();
              drop.executeBatch();
            }
            try (PreparedStatement add = c.prepareStatement(ADD_TOTAL);
                PreparedStatement drop = c.prepareStatement(DROP_TOTAL)) {
              for (Map.Entry<NameKey, long[]> e : totals.entrySet()) {
                long[] t = e.getValue();
                if (t[0] == 0 && t[1] == 0) {
                  continue;
                }
                add.setString(1, e.getKey().list());
                add.setString(2, e.getKey().parent());
                add.setLong(3, t[0]);
                add.setLong(4, t[1]);
                add.addBatch();
                if (t[0] < 0 || t[1] < 0) {
                  drop.setString(1, e.getKey().list());
                  drop.setString(2, e.getKey().parent());
                  drop.addBatch();
                }
              }
              add.executeBatch();
              drop.executeBatch();
            }
            return null;
          });
    }

    /** How many machines this batch wrote or tried to. */
    public int machines() {
      return machines;
    }

    /** Moves the generation and the refresh time, and commits. */
    public void commit(long refreshedAt) {
      StoreException.wrap(
          "committing the counts",
          () -> {
            try (PreparedStatement s =
                c.prepareStatement(
                    "UPDATE stats_state SET"
                        + " generation = generation + 1, refreshed_at = ? WHERE id = 1")) {
              s.setLong(1, refreshedAt);
              s.executeUpdate();
            }
            int purged;
            try (PreparedStatement s = c.prepareStatement(PURGE)) {
              purged = s.executeUpdate();
            }
            c.commit();
            if (purged > 0) {
              erased.run();
            }
            return null;
          });
    }

    @Override
    public void close() {
      StoreException.wrap(
          "ending a statistics transaction",
          () -> {
            try {
              if (!c.getAutoCommit()) {
                c.rollback();
              }
              count.close();
              uncount.close();
            } finally {
              c.setAutoCommit(true);
              c.close();
            }
            return null;
          });
    }
  }

  /** Records that the counts are current as of {@code refreshedAt} (nothing was behind). */
  public void touch(long refreshedAt) {
    StoreException.wrap(
        "recording the refresh time",
        () -> {
          try (Connection c = store.dataSource().getConnection();
              PreparedStatement s =
                  c.prepareStatement("UPDATE stats_state SET" + " refreshed_at = ? WHERE id = 1")) {
            s.setLong(1, refreshedAt);
            s.executeUpdate();
          }
          return null;
        });
  }

  public State state() {
    return StoreException.wrap(
        "reading the statistics state",
        () -> {
          try (Connection c = store.dataSource().getConnection();
              Statement s = c.createStatement();
              ResultSet r =
                  s.executeQuery(
                      "SELECT generation, refreshed_at, recount_started"
                          + " FROM stats_state WHERE id = 1")) {
            r.next();
            long generation = r.getLong(1);
            long refreshed = r.getLong(2);
            Long refreshedAt = r.wasNull() ? null : refreshed;
            long recount = r.getLong(3);
            Long recountStarted = r.wasNull() ? null : recount;
            return new State(generation, refreshedAt, recountStarted);
          }
        });
  }

  /** Every name at least {@code k} machines have. */
  public List<Count> atLeast(int k) {
    return StoreException.wrap(
        "reading the published names",
        () -> {
          List<Count> out = new ArrayList<>();
          try (Connection c = store.dataSource().getConnection();
              PreparedStatement q =
                  c.prepareStatement(
                      "SELECT list, parent, name, machines"
                          + " FROM name_counts WHERE machines >= ? AND machines > 1")) {
            q.setLong(1, k);
            try (ResultSet r = q.executeQuery()) {
              while (r.next()) {
                out.add(
                    new Count(
                        new NameKey(r.getString(1), r.getString(2), r.getString(3)), r.getLong(4)));
              }
            }
          }
          return out;
        });
  }

  /**
   * The totals of every top-level list, and of each {@code child} list under a name of {@code
   * parentList} that at least {@code k} machines have (options of shown sections).
   */
  public List<Totals> totals(String child, String parentList, int k) {
    return StoreException.wrap(
        "reading the totals of lists",
        () -> {
          List<Totals> out = new ArrayList<>();
          try (Connection c = store.dataSource().getConnection()) {
            try (PreparedStatement q =
                c.prepareStatement(
                    "SELECT list, parent, reporting, mentions"
                        + " FROM list_totals WHERE parent = ''")) {
              read(q, out);
            }
            try (PreparedStatement q =
                c.prepareStatement(
                    "SELECT t.list, t.parent, t.reporting,"
                        + " t.mentions FROM list_totals t JOIN name_counts p ON p.list = ? AND p.parent = ''"
                        + " AND p.name = t.parent WHERE t.list = ? AND p.machines >= ? AND p.machines > 1")) {
              q.setString(1, parentList);
              q.setString(2, child);
              q.setLong(3, k);
              read(q, out);
            }
          }
          return out;
        });
  }

  private static void read(PreparedStatement q, List<Totals> out) throws SQLException {
    try (ResultSet r = q.executeQuery()) {
      while (r.next()) {
        out.add(new Totals(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4)));
      }
    }
  }

  /** Machines whose first report arrived in [from, to) (epoch milliseconds). */
  public long firstSeenBetween(long from, long to) {
    return StoreException.wrap(
        "counting new machines",
        () -> {
          try (Connection c = store.dataSource().getConnection();
              PreparedStatement q =
                  c.prepareStatement(
                      "SELECT COUNT(*) FROM machines WHERE first_seen >= ? AND first_seen < ?")) {
            q.setLong(1, from);
            q.setLong(2, to);
            try (ResultSet r = q.executeQuery()) {
              r.next();
              return r.getLong(1);
            }
          }
        });
  }

  /**
   * Forgets every count and marks every machine behind, in one transaction, for a repair recount;
   * while {@code recount_started} is set, nodes keep the numbers they publish.
   */
  public void resetForRecount(long now) {
    StoreException.wrap(
        "resetting the counts for a recount",
        () -> {
          try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
              s.executeUpdate(
                  "UPDATE machines SET dirty = 1, counted_sha256 = NULL,"
                      + " counted_names = NULL");
              s.executeUpdate("DELETE FROM name_counts");
              s.executeUpdate("DELETE FROM list_totals");
              s.executeUpdate(
                  "UPDATE stats_state SET recount_started = "
                      + now
                      + ", generation = generation + 1 WHERE id = 1");
              c.commit();
            } catch (SQLException | RuntimeException e) {
              c.rollback();
              throw e;
            } finally {
              c.setAutoCommit(true);
            }
          }
          return null;
        });
  }

  /**
   * Brings the planner's statistics of the machines up to date. After a change of most rows' dirty
   * mark (a recount, the first count after an upgrade) PostgreSQL's statistics still say most
   * machines are dirty until autovacuum analyzes the table, and it then reads the whole table to
   * find the few dirty ones: measured, 4 s instead of 0.3 s per refresh at 10^6 machines.
   */
  public void analyze() {
    StoreException.wrap(
        "analyzing the machines",
        () -> {
          try (Connection c = store.dataSource().getConnection();
              Statement s = c.createStatement()) {
            s.execute(store.sqlite() ? "ANALYZE machines" : "ANALYZE machines, name_counts");
          }
          return null;
        });
  }

  /** A recount caught up: nodes publish the counts again. */
  public void recountDone() {
    StoreException.wrap(
        "ending a recount",
        () -> {
          try (Connection c = store.dataSource().getConnection();
              Statement s = c.createStatement()) {
            s.executeUpdate(
                "UPDATE stats_state SET recount_started = NULL,"
                    + " generation = generation + 1 WHERE id = 1");
          }
          return null;
        });
  }
}
