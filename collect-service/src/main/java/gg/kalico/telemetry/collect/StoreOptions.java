package gg.kalico.telemetry.collect;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options that say which store to open and how machines are counted in it, shared by the
 * service and its {@code recount} command so both read the same store the same way.
 */
final class StoreOptions {
  @Option(
      names = "--data-dir",
      defaultValue = CollectSettings.DEFAULT_DATA_DIR,
      description = "where the embedded SQLite database lives (default: ./${DEFAULT-VALUE})")
  Path dataDir;

  @Option(
      names = "--store",
      description =
          "a PostgreSQL JDBC URL (jdbc:postgresql://host/db);"
              + " default: SQLite in the data directory")
  String jdbcUrl;

  @Option(names = "--db-user", description = "database user")
  String dbUser;

  @Option(
      names = "--db-password-env",
      description =
          "environment variable holding the"
              + " database password (default: TELEMETRY_DB_PASSWORD)")
  String dbPasswordEnv = "TELEMETRY_DB_PASSWORD";

  @Option(
      names = "--window",
      defaultValue = CollectSettings.DEFAULT_WINDOW,
      description =
          "a machine is active when its last report is this recent (default:"
              + " ${DEFAULT-VALUE})")
  String window;

  @Option(
      names = "-k",
      defaultValue = "" + CollectSettings.DEFAULT_K,
      description =
          "privacy threshold: a name is published only when at least k active"
              + " machines reported it; at least 2 (default: ${DEFAULT-VALUE})")
  int k;

  /** A settings builder with these options applied. */
  CollectSettings.Builder apply(CollectSettings.Builder b) {
    return b.dataDirectory(dataDir)
        .jdbcUrl(jdbcUrl)
        .dbUser(dbUser)
        .dbPassword(System.getenv(dbPasswordEnv))
        .activeWindow(Main.duration("--window", window))
        .k(k);
  }
}
