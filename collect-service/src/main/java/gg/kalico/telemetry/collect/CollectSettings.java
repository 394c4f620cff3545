package gg.kalico.telemetry.collect;

import gg.kalico.telemetry.collect.ingest.MemoryBudget;
import gg.kalico.telemetry.collect.store.Store;
import gg.kalico.telemetry.spi.Durations;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a collect service runs. Build with {@link #builder()}; every setting has a default that works
 * on one machine with no other setup (SQLite in {@code ./collect-data}, loopback only).
 *
 * @param bind address to listen on
 * @param port port to listen on; 0 picks a free one
 * @param dataDirectory where the embedded SQLite database lives
 * @param jdbcUrl a PostgreSQL (or SQLite) JDBC URL; null for SQLite in the data directory
 * @param dbUser database user, or null
 * @param dbPassword database password, or null
 * @param retention how long accepted reports are kept
 * @param tlsKeystore a PKCS12 key store for HTTPS, or null for plain HTTP
 * @param tlsPassword the key store's password
 * @param ratePerAddressPerMinute reports one client address may send per minute; 0 for no limit
 * @param maxInFlight reports handled at once before answering 429
 * @param idleTimeout how long a connection may stay silent, mid-request included
 * @param clock the clock reports are stamped with and retention measures against
 * @param activeWindow how recent a machine's last report must be for statistics to count it
 * @param k the privacy threshold: a name is published only when at least k machines reported it
 * @param statisticsInterval how often the statistics are aggregated again
 * @param schemaDirectory a schema folder whose majors and migrations to accept (to try a new major
 *     before it is released), or null for the majors this build publishes
 * @param managementPort a port for {@code /metrics} (and {@code /health}) apart from the public
 *     listener, which then does not serve {@code /metrics}; 0 picks a free one; null for none
 * @param managementBind the address the management port listens on
 * @param newMachinesPerAddressPerDay new machines one client address may create per UTC day
 *     (machines that reported before are never held back); 0 for no limit
 * @param maxReportBytes the largest report taken, in bytes once un-gzipped (and as sent)
 * @param memoryBudgetBytes the bytes all reports in flight may hold together (bodies,
 *     decompression, parsing); past it the answer is 503 with Retry-After
 * @param machineExpiry how long a machine may stay silent before it is deleted with its reports;
 *     null for the retention period
 */
public record CollectSettings(
    String bind,
    int port,
    Path dataDirectory,
    String jdbcUrl,
    String dbUser,
    String dbPassword,
    Duration retention,
    Path tlsKeystore,
    String tlsPassword,
    int ratePerAddressPerMinute,
    int maxInFlight,
    Duration idleTimeout,
    Clock clock,
    Duration activeWindow,
    int k,
    Duration statisticsInterval,
    Path schemaDirectory,
    Integer managementPort,
    String managementBind,
    int newMachinesPerAddressPerDay,
    int maxReportBytes,
    long memoryBudgetBytes,
    Duration machineExpiry) {

  // Every default of the service, once: the builder starts from them and the command line
  // shows them (picocli's defaultValue takes these constants).

  /** The default address: loopback only. */
  public static final String DEFAULT_BIND = "127.0.0.1";

  /** The default port. */
  public static final int DEFAULT_PORT = 8080;

  /** The default folder of the embedded SQLite database. */
  public static final String DEFAULT_DATA_DIR = "collect-data";

  /** The default retention of reports. */
  public static final String DEFAULT_RETENTION = "90d";

  /** The default reports per client address per minute. */
  public static final int DEFAULT_RATE = 60;

  /** The default number of reports handled at once. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 256;

  /** The default active window: a machine counts while its last report is this recent. */
  public static final String DEFAULT_WINDOW = "30d";

  /** The default privacy threshold. */
  public static final int DEFAULT_K = 5;

  /** The default interval between statistics refreshes. */
  public static final String DEFAULT_STATS_INTERVAL = "30s";

  /** The default address of the management port. */
  public static final String DEFAULT_MANAGEMENT_BIND = "127.0.0.1";

  /** The default number of new machines one address may create per UTC day. */
  public static final int DEFAULT_NEW_MACHINES = 50;

  /** The default largest report, as written: eight times the largest real document. */
  public static final String DEFAULT_MAX_REPORT_SIZE = "256KiB";

  /** The default largest report: 256 KiB, eight times the largest real document. */
  public static final int DEFAULT_MAX_REPORT_BYTES = 256 << 10;

  public CollectSettings {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(clock, "clock");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is out of range; use 0 to 65535");
    }
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention must be positive, e.g. 90d");
    }
    if (machineExpiry == null) {
      machineExpiry = retention;
    }
    if (machineExpiry.isNegative() || machineExpiry.isZero()) {
      throw new IllegalArgumentException("the machine expiry must be positive, e.g. 90d");
    }
    Objects.requireNonNull(activeWindow, "activeWindow");
    Objects.requireNonNull(statisticsInterval, "statisticsInterval");
    if (k < 2) {
      throw new IllegalArgumentException(
          "the privacy threshold k is " + k + "; it may not be below 2 (default 5)");
    }
    if (activeWindow.isNegative()
        || activeWindow.isZero()
        || statisticsInterval.isNegative()
        || statisticsInterval.isZero()) {
      throw new IllegalArgumentException(
          "the active window and the statistics interval must be" + " positive, e.g. 30d and 1m");
    }
    if (managementPort != null && (managementPort < 0 || managementPort > 65535)) {
      throw new IllegalArgumentException(
          "management port " + managementPort + " is out of range; use 0 to 65535");
    }
    Objects.requireNonNull(managementBind, "managementBind");
    if (newMachinesPerAddressPerDay < 0) {
      throw new IllegalArgumentException(
          "new machines per address must be 0 (no limit) or" + " more");
    }
    if (maxReportBytes < 1024 || maxReportBytes > (64 << 20)) {
      throw new IllegalArgumentException(
          "the largest report must be 1 KiB to 64 MiB (default "
              + (DEFAULT_MAX_REPORT_BYTES >> 10)
              + " KiB)");
    }
    if (memoryBudgetBytes < MemoryBudget.largestReport(maxReportBytes)) {
      throw new IllegalArgumentException(
          "the memory budget must hold at least one report of"
              + " the largest size with its decoding and parsing: "
              + (MemoryBudget.largestReport(maxReportBytes) >> 10)
              + " KiB or more");
    }
    if (ratePerAddressPerMinute < 0 || maxInFlight < 1) {
      throw new IllegalArgumentException("rate must be 0 or more and in-flight at least 1");
    }
  }

  /** The defaults: 127.0.0.1:8080, SQLite in ./collect-data, 90 days, 60 reports/min/address. */
  public static Builder builder() {
    return new Builder();
  }

  /** A copy to change. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.bind = bind;
    b.port = port;
    b.dataDirectory = dataDirectory;
    b.jdbcUrl = jdbcUrl;
    b.dbUser = dbUser;
    b.dbPassword = dbPassword;
    b.retention = retention;
    b.tlsKeystore = tlsKeystore;
    b.tlsPassword = tlsPassword;
    b.ratePerAddressPerMinute = ratePerAddressPerMinute;
    b.maxInFlight = maxInFlight;
    b.idleTimeout = idleTimeout;
    b.clock = clock;
    b.activeWindow = activeWindow;
    b.k = k;
    b.statisticsInterval = statisticsInterval;
    b.schemaDirectory = schemaDirectory;
    b.managementPort = managementPort;
    b.managementBind = managementBind;
    b.newMachinesPerAddressPerDay = newMachinesPerAddressPerDay;
    b.maxReportBytes = maxReportBytes;
    b.memoryBudgetBytes = memoryBudgetBytes;
    b.machineExpiry = machineExpiry;
    return b;
  }

  /** Whether the store is PostgreSQL (else SQLite). */
  public boolean postgres() {
    return jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:");
  }

  /** The JDBC URL in use: the given one, or SQLite in the data directory. */
  public String effectiveJdbcUrl() {
    return jdbcUrl != null ? jdbcUrl : Store.sqliteUrl(dataDirectory);
  }

  /** Mutable builder. */
  public static final class Builder {
    private String bind = DEFAULT_BIND;
    private int port = DEFAULT_PORT;
    private Path dataDirectory = Path.of(DEFAULT_DATA_DIR);
    private String jdbcUrl;
    private String dbUser;
    private String dbPassword;
    private Duration retention = Durations.parse("retention", DEFAULT_RETENTION);
    private Path tlsKeystore;
    private String tlsPassword;
    private int ratePerAddressPerMinute = DEFAULT_RATE;
    private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
    private Duration idleTimeout = Duration.ofSeconds(30);
    private Clock clock = Clock.systemUTC();
    private Duration activeWindow = Durations.parse("window", DEFAULT_WINDOW);
    private int k = DEFAULT_K;
    private Duration statisticsInterval = Durations.parse("stats interval", DEFAULT_STATS_INTERVAL);
    private Path schemaDirectory;
    private Integer managementPort;
    private String managementBind = DEFAULT_MANAGEMENT_BIND;
    private int newMachinesPerAddressPerDay = DEFAULT_NEW_MACHINES;
    private int maxReportBytes = DEFAULT_MAX_REPORT_BYTES;
    private long memoryBudgetBytes = MemoryBudget.defaultCapacity();
    private Duration machineExpiry;

    /** How long a machine may stay silent before it goes; null: the retention period. */
    public Builder machineExpiry(Duration value) {
      machineExpiry = value;
      return this;
    }

    /** The largest report taken, in bytes once un-gzipped. */
    public Builder maxReportBytes(int value) {
      maxReportBytes = value;
      return this;
    }

    /** The bytes all reports in flight may hold together. */
    public Builder memoryBudgetBytes(long value) {
      memoryBudgetBytes = value;
      return this;
    }

    public Builder newMachinesPerAddressPerDay(int value) {
      newMachinesPerAddressPerDay = value;
      return this;
    }

    /** Serves /metrics on this port (and address) only, apart from the public listener. */
    public Builder management(Integer port, String bind) {
      managementPort = port;
      managementBind = bind;
      return this;
    }

    public Builder activeWindow(Duration value) {
      activeWindow = value;
      return this;
    }

    public Builder k(int value) {
      k = value;
      return this;
    }

    /** Accepts the majors of this schema folder instead of the published ones. */
    public Builder schemaDirectory(Path value) {
      schemaDirectory = value;
      return this;
    }

    public Builder statisticsInterval(Duration value) {
      statisticsInterval = value;
      return this;
    }

    public Builder bind(String value) {
      bind = value;
      return this;
    }

    public Builder port(int value) {
      port = value;
      return this;
    }

    public Builder dataDirectory(Path value) {
      dataDirectory = value;
      return this;
    }

    public Builder jdbcUrl(String value) {
      jdbcUrl = value;
      return this;
    }

    public Builder dbUser(String value) {
      dbUser = value;
      return this;
    }

    public Builder dbPassword(String value) {
      dbPassword = value;
      return this;
    }

    public Builder retention(Duration value) {
      retention = value;
      return this;
    }

    public Builder tls(Path keystore, String password) {
      tlsKeystore = keystore;
      tlsPassword = password;
      return this;
    }

    public Builder ratePerAddressPerMinute(int value) {
      ratePerAddressPerMinute = value;
      return this;
    }

    public Builder maxInFlight(int value) {
      maxInFlight = value;
      return this;
    }

    public Builder idleTimeout(Duration value) {
      idleTimeout = value;
      return this;
    }

    public Builder clock(Clock value) {
      clock = value;
      return this;
    }

    public CollectSettings build() {
      return new CollectSettings(
          bind,
          port,
          dataDirectory,
          jdbcUrl,
          dbUser,
          dbPassword,
          retention,
          tlsKeystore,
          tlsPassword,
          ratePerAddressPerMinute,
          maxInFlight,
          idleTimeout,
          clock,
          activeWindow,
          k,
          statisticsInterval,
          schemaDirectory,
          managementPort,
          managementBind,
          newMachinesPerAddressPerDay,
          maxReportBytes,
          memoryBudgetBytes,
          machineExpiry);
    }
  }
}
