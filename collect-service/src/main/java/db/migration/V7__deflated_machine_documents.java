package db.migration;

import gg.kalico.telemetry.collect.store.Deflated;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Each machine's current document is kept deflated, as the days' reports are: the largest table of
 * a fleet shrinks to about a quarter (the largest real document, 31 KiB, deflates to 8 KiB). The
 * column keeps its name; its values are converted here (SQL has no deflate), in batches by machine
 * id.
 */
public class V7__deflated_machine_documents extends BaseJavaMigration {
  private static final int BATCH = 1000;

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    boolean sqlite =
        c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("sqlite");
    try (Statement st = c.createStatement()) {
      st.execute(
          "ALTER TABLE machines ADD COLUMN document_deflated " + (sqlite ? "BLOB" : "BYTEA"));
    }
    String after = "";
    try (PreparedStatement read =
            c.prepareStatement(
                "SELECT machine_id, document FROM machines"
                    + " WHERE machine_id > ? ORDER BY machine_id LIMIT "
                    + BATCH);
        PreparedStatement write =
            c.prepareStatement("UPDATE machines SET document_deflated = ? WHERE machine_id = ?")) {
      while (true) {
        read.setString(1, after);
        List<String[]> rows = new ArrayList<>(BATCH);
        try (ResultSet r = read.executeQuery()) {
          while (r.next()) {
            rows.add(new String[] {r.getString(1), r.getString(2)});
          }
        }
        if (rows.isEmpty()) {
          break;
        }
        for (String[] row : rows) {
          write.setBytes(1, Deflated.of(row[1]));
          write.setString(2, row[0]);
          write.addBatch();
        }
        write.executeBatch();
        after = rows.get(rows.size() - 1)[0];
      }
    }
    try (Statement st = c.createStatement()) {
      st.execute("ALTER TABLE machines DROP COLUMN document");
      st.execute("ALTER TABLE machines RENAME COLUMN document_deflated TO document");
    }
  }
}
