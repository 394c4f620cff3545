package gg.kalico.telemetry.collect.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes accepted reports in small transactions on one thread: each transaction takes what has
 * queued up (up to {@value #BATCH} reports), so one commit (one fsync) serves many requests. One
 * writer is also the faster choice on PostgreSQL: measured with four, the batches got smaller, the
 * commits (and fsyncs) more, and p99 latency at 1,000 reports/s doubled. A request is answered only
 * after its transaction committed; a report whose transaction failed is answered "retry later",
 * never "stored".
 */
public final class ReportWriter implements AutoCloseable {
  /** What became of a report. */
  public enum Outcome {
    /** Stored now. */
    STORED,
    /** Its key was stored before with the same document: nothing new was written. */
    DUPLICATE,
    /** Its key was stored before with another document: nothing was written, the first stays. */
    KEY_REUSED
  }

  static final int BATCH = 256;
  private static final int QUEUE = 4096;
  private static final Logger log = LoggerFactory.getLogger(ReportWriter.class);

  private static final long DAY_MILLIS = 86_400_000L;

  private static final String INSERT_KEY =
      "INSERT INTO report_keys (report_key, machine_id,"
          + " received_at, document_sha256) VALUES (?, ?, ?, ?) ON CONFLICT (report_key) DO NOTHING";
  private static final String STORED_DIGEST =
      "SELECT document_sha256 FROM report_keys WHERE report_key = ?";

  /** Per machine and UTC day, the latest report of the day; a later one replaces it. */
  private static final String UPSERT_DAY =
      "INSERT INTO daily_reports (machine_id, day,"
          + " received_at, schema_major, source, document_sha256, document)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (machine_id, day) DO UPDATE SET"
          + " received_at = excluded.received_at, schema_major = excluded.schema_major,"
          + " source = excluded.source, document_sha256 = excluded.document_sha256,"
          + " document = excluded.document"
          + " WHERE excluded.received_at >= daily_reports.received_at";

  /**
   * The machine row holds the latest report's document (a report that arrives after a later one,
   * from another node, changes nothing of it). A report identical to the machine's current state
   * moves only its last-seen time; the machine is marked for the statistics (dirty) only when what
   * is counted of it differs from its document or nothing is counted (a new machine, or one back in
   * the active window).
   */
  private static final String NEWER = "excluded.last_seen >= machines.last_seen";

  private static final String SHA =
      "CASE WHEN " + NEWER + " THEN excluded.document_sha256 ELSE machines.document_sha256 END";
  private static final String CHANGED =
      NEWER + " AND machines.document_sha256 <> excluded.document_sha256";
  private static final String UPSERT_MACHINE =
      "INSERT INTO machines (machine_id, first_seen,"
          + " last_seen, last_changed, document_sha256, document, owner_sha256, dirty)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, 1)"
          + " ON CONFLICT (machine_id) DO UPDATE SET"
          // the owner is learned with the first report that carries one and kept; a machine
          // erased and reporting again (its owner enabled it again) starts anew
          + " owner_sha256 = CASE WHEN machines.erased = 1 THEN excluded.owner_sha256"
          + "   ELSE COALESCE(machines.owner_sha256, excluded.owner_sha256) END,"
          + " first_seen = CASE WHEN machines.erased = 1 THEN excluded.first_seen"
          + "   ELSE machines.first_seen END,"
          + " erased = 0,"
          + " dirty = CASE WHEN machines.counted_sha256 IS NULL"
          + "   OR machines.counted_sha256 <> "
          + SHA
          + " THEN 1 ELSE machines.dirty END,"
          + " last_seen = CASE WHEN "
          + NEWER
          + " THEN excluded.last_seen ELSE machines.last_seen END,"
          + " last_changed = CASE WHEN "
          + CHANGED
          + "   THEN excluded.last_changed ELSE machines.last_changed END,"
          + " document = CASE WHEN "
          + CHANGED
          + " THEN excluded.document ELSE machines.document END,"
          + " document_sha256 = "
          + SHA;

  private record Pending(IncomingReport report, CompletableFuture<Outcome> answer) {}

  private final Store store;
  private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE);
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean closing;

  public ReportWriter(Store store) {
    this.store = store;
    Thread t = new Thread(this::run, "telemetry-report-writer");
    t.setDaemon(true);
    t.start();
    threads.add(t);
  }

  /**
   * Queues a report. The future completes once its transaction committed, or exceptionally with
   * {@link StoreUnavailableException} when the store failed or the queue is full.
   */
  public CompletableFuture<Outcome> submit(IncomingReport report) {
    CompletableFuture<Outcome> answer = new CompletableFuture<>();
    if (closing || !queue.offer(new Pending(report, answer))) {
      answer.completeExceptionally(
          new StoreUnavailableException(
              closing ? "the service is stopping" : "the store is behind; retry later", null));
    }
    return answer;
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(BATCH);
    while (true) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closing) {
            return;
          }
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<Pending> batch) {
    // one order for every node: two transactions never wait for each other in a circle
    batch.sort(
        Comparator.comparing((Pending p) -> p.report().machineId())
            .thenComparing(p -> p.report().reportKey()));
    for (int attempt = 1; ; attempt++) {
      try {
        List<Outcome> outcomes = writeOnce(batch);
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).answer().complete(outcomes.get(i));
        }
        return;
      } catch (SQLException | RuntimeException e) {
        if (attempt < 3 && retryable(e)) {
          log.info(
              "store batch of {} report(s) retried at once: {}",
              batch.size(),
              StoreErrors.describe(e));
          continue;
        }
        log.warn(
            "store failed: {}; {} report(s) answered 503 for the client to retry",
            StoreErrors.describe(e),
            batch.size());
        StoreUnavailableException failure =
            new StoreUnavailableException("the store is unavailable; retry later", e);
        batch.forEach(p -> p.answer().completeExceptionally(failure));
        return;
      }
    }
  }

  /**
   * Three JDBC batches per transaction (three round trips on PostgreSQL, whatever the batch size):
   * the keys, each inserted unless it exists; then, for the reports whose key was new, the day's
   * report and the machine.
   */
  private List<Outcome> writeOnce(List<Pending> batch) throws SQLException {
    try (Connection c = store.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement key = c.prepareStatement(INSERT_KEY);
          PreparedStatement day = c.prepareStatement(UPSERT_DAY);
          PreparedStatement machine = c.prepareStatement(UPSERT_MACHINE);
          PreparedStatement digest = c.prepareStatement(STORED_DIGEST)) {
        for (Pending p : batch) {
          IncomingReport r = p.report();
          key.setString(1, r.reportKey());
          key.setString(2, r.machineId());
          key.setLong(3, r.receivedAt().toEpochMilli());
          key.setString(4, r.documentSha256());
          key.addBatch();
        }
        int[] inserted = key.executeBatch();
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
          // a key seen before (stored earlier, or twice in this batch) inserts nothing
          IncomingReport r = batch.get(i).report();
          if (inserted[i] == 0) {
            outcomes.add(sameAsStored(digest, r) ? Outcome.DUPLICATE : Outcome.KEY_REUSED);
            continue;
          }
          long at = r.receivedAt().toEpochMilli();
          day.setString(1, r.machineId());
          day.setLong(2, Math.floorDiv(at, DAY_MILLIS));
          day.setLong(3, at);
          day.setInt(4, r.schemaMajor());
          day.setString(5, r.source());
          day.setString(6, r.documentSha256());
          day.setBytes(7, r.deflatedDocument());
          day.addBatch();
          machine.setString(1, r.machineId());
          machine.setLong(2, at);
          machine.setLong(3, at);
          machine.setLong(4, at);
          machine.setString(5, r.documentSha256());
          machine.setBytes(6, r.deflatedDocument());
          machine.setString(7, r.ownerImage());
          machine.addBatch();
          outcomes.add(Outcome.STORED);
        }
        day.executeBatch();
        machine.executeBatch();
        c.commit();
        return outcomes;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Whether the report stored under this key has this document (or predates digests). */
  private static boolean sameAsStored(PreparedStatement digest, IncomingReport r)
      throws SQLException {
    digest.setString(1, r.reportKey());
    try (ResultSet rows = digest.executeQuery()) {
      if (!rows.next()) {
        return true;
      }
      String stored = rows.getString(1);
      return stored == null || stored.equals(r.documentSha256());
    }
  }

  /**
   * Worth another try at once: a deadlock or serialization failure, or a connection the database
   * dropped (class 08, or 57P01-57P03 after a restart); the pool hands out a fresh one.
   */
  private static boolean retryable(Exception e) {
    if (!(e instanceof SQLException s) || s.getSQLState() == null) {
      return false;
    }
    String state = s.getSQLState();
    return state.equals("40P01")
        || state.equals("40001")
        || state.startsWith("08")
        || state.startsWith("57P0");
  }

  /** Writes what is queued, then stops. */
  @Override
  public void close() {
    closing = true;
    try {
      long deadline = System.nanoTime() + 10_000_000_000L;
      for (Thread t : threads) {
        t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Pending left;
    while ((left = queue.poll()) != null) {
      left.answer()
          .completeExceptionally(new StoreUnavailableException("the service stopped", null));
    }
  }
}
