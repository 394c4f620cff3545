package gg.kalico.telemetry.collect.store;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a log line may say about a store error: the kinds of exception in its chain and their SQL
 * states, and only this project's own messages. A driver's message can quote a statement with its
 * values (PostgreSQL's batch errors quote whole reports), so those stay out of the logs.
 */
public final class StoreErrors {
  private StoreErrors() {}

  /** E.g. {@code StoreException <- BatchUpdateException (SQL state 57P01) <- PSQLException}. */
  public static String describe(Throwable error) {
    List<String> parts = new ArrayList<>();
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    Throwable t = error;
    while (t != null && seen.put(t, true) == null && parts.size() < 8) {
      String part = t.getClass().getSimpleName();
      if (t.getClass().getName().startsWith("gg.kalico.telemetry.") && t.getMessage() != null) {
        part += ": " + t.getMessage(); // this project's own messages never quote values
      }
      if (t instanceof SQLException s && s.getSQLState() != null) {
        part += " (SQL state " + s.getSQLState() + ")";
      }
      parts.add(part);
      Throwable next = t.getCause();
      if (next == null && t instanceof BatchUpdateException b) {
        next = b.getNextException();
      }
      t = next;
    }
    return String.join(" <- ", parts);
  }
}
