package gg.kalico.telemetry.collect.testing;

import gg.kalico.telemetry.collect.CollectSettings;
import java.nio.file.Path;

/** Settings for a service under test: loopback, a free port, SQLite or the test PostgreSQL. */
public final class Services {
  private Services() {}

  /**
   * Settings on {@code store} ("sqlite" in {@code dir}, or "postgresql", emptied first); a
   * PostgreSQL test is skipped, with the reason, when the build provides none.
   */
  public static CollectSettings.Builder settings(String store, Path dir) throws Exception {
    CollectSettings.Builder b;
    if (store.equals("postgresql")) {
      b = Database.requirePostgres("PostgreSQL store test");
      Database.truncate(b.dataDirectory(dir).build());
    } else {
      b = CollectSettings.builder();
    }
    return b.bind("127.0.0.1").port(0).dataDirectory(dir.resolve("data"));
  }
}
