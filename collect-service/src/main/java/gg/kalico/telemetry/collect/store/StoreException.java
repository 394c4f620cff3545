package gg.kalico.telemetry.collect.store;

import java.sql.SQLException;

/**
 * The store failed at something the statistics asked of it. Unchecked, so that the statistics and
 * the web layer never see JDBC; its message names what failed and the SQL state, never a
 * statement's values.
 */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StoreException(String what, SQLException cause) {
    super(what + " failed (SQL state " + cause.getSQLState() + ")", cause);
  }

  /** Work against the store. */
  @FunctionalInterface
  interface Work<T> {
    T run() throws SQLException;
  }

  /** Runs {@code work}, turning a {@link SQLException} into a {@link StoreException}. */
  static <T> T wrap(String what, Work<T> work) {
    try {
      return work.run();
    } catch (SQLException e) {
      throw new StoreException(what, e);
    }
  }
}
