package db.migration;

import gg.kalico.telemetry.collect.store.Deflated;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Storage in proportion to what is real: the idempotency keys move to a table of their own (what a
 * retry is recognised by), and of the reports only the latest of each machine's UTC day is kept,
 * deflated. Every stored report is carried over: keys all, documents the day's latest, compressed
 * here (SQL has no deflate). Times are epoch milliseconds; a day is the epoch day.
 */
public class V5__daily_reports extends BaseJavaMigration {
  private static final long DAY_MILLIS = 86_400_000L;

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    boolean sqlite =
        c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("sqlite");
    String blob = sqlite ? "BLOB" : "BYTEA";
    try (Statement st = c.createStatement()) {
      // the key of every report accepted within the retention period, with the digest of its
      // document: a retry is answered as stored, a key reused with another report 422
      st.execute(
          "CREATE TABLE report_keys ("
              + " report_key VARCHAR(64) PRIMARY KEY,"
              + " machine_id CHAR(32) NOT NULL,"
              + " received_at BIGINT NOT NULL,"
              + " document_sha256 CHAR(64))");
      st.execute("CREATE INDEX report_keys_received_at ON report_keys (received_at)");
      st.execute("CREATE INDEX report_keys_machine_id ON report_keys (machine_id)");
      // per machine and UTC day, the latest report of that day (a later one replaces it)
      st.execute(
          "CREATE TABLE daily_reports ("
              + " machine_id CHAR(32) NOT NULL,"
              + " day BIGINT NOT NULL,"
              + " received_at BIGINT NOT NULL,"
              + " schema_major INTEGER NOT NULL,"
              + " source VARCHAR(16) NOT NULL,"
              + " document_sha256 CHAR(64) NOT NULL,"
              + " document "
              + blob
              + " NOT NULL,"
              + " PRIMARY KEY (machine_id, day))");
      st.execute("CREATE INDEX daily_reports_received_at ON daily_reports (received_at)");
      st.execute(
          "INSERT INTO report_keys (report_key, machine_id, received_at, document_sha256)"
              + " SELECT report_key, machine_id, received_at, document_sha256 FROM reports");
    }
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (PreparedStatement read =
            c.prepareStatement(
                "SELECT machine_id, received_at,"
                    + " schema_major, source, document_sha256, document FROM reports"
                    + " ORDER BY machine_id, received_at");
        PreparedStatement write =
            c.prepareStatement(
                "INSERT INTO daily_reports (machine_id,"
                    + " day, received_at, schema_major, source, document_sha256, document)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (machine_id, day) DO UPDATE SET"
                    + " received_at = excluded.received_at, schema_major = excluded.schema_major,"
                    + " source = excluded.source, document_sha256 = excluded.document_sha256,"
                    + " document = excluded.document")) {
      read.setFetchSize(500);
      int pending = 0;
      try (ResultSet rows = read.executeQuery()) {
        while (rows.next()) {
          String document = rows.getString(6);
          String digest = rows.getString(5);
          if (digest == null) {
            digest =
                HexFormat.of().formatHex(sha.digest(document.getBytes(StandardCharsets.UTF_8)));
          }
          long at = rows.getLong(2);
          write.setString(1, rows.getString(1));
          write.setLong(2, Math.floorDiv(at, DAY_MILLIS));
          write.setLong(3, at);
          write.setInt(4, rows.getInt(3));
          write.setString(5, rows.getString(4));
          write.setString(6, digest);
          write.setBytes(7, Deflated.of(document));
          write.addBatch();
          if (++pending == 500) {
            write.executeBatch();
            pending = 0;
          }
        }
      }
      if (pending > 0) {
        write.executeBatch();
      }
    }
    try (Statement st = c.createStatement()) {
      st.execute("DROP TABLE reports");
    }
  }
}
