package gg.kalico.telemetry.collect.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** What ingest asks of the machine rows. */
public final class Machines {
  private final Store store;

  public Machines(Store store) {
    this.store = store;
  }

  /** Whether a machine (its keyed hash) has reported before. */
  public boolean exists(String machineId) {
    return StoreException.wrap(
        "looking a machine up",
        () -> {
          try (Connection c = store.dataSource().getConnection();
              PreparedStatement q =
                  c.prepareStatement("SELECT 1 FROM machines WHERE machine_id = ?")) {
            q.setString(1, machineId);
            try (ResultSet r = q.executeQuery()) {
              return r.next();
            }
          }
        });
  }
}
