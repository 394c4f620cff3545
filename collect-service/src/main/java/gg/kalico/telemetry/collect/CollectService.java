package gg.kalico.telemetry.collect;

import gg.kalico.telemetry.collect.ingest.BodyLoader;
import gg.kalico.telemetry.collect.ingest.IngestHandler;
import gg.kalico.telemetry.collect.ingest.MemoryBudget;
import gg.kalico.telemetry.collect.ingest.Rejection;
import gg.kalico.telemetry.collect.ingest.ReportReader;
import gg.kalico.telemetry.collect.ingest.Stopping;
import gg.kalico.telemetry.collect.owner.OwnerApi;
import gg.kalico.telemetry.collect.stats.Statistics;
import gg.kalico.telemetry.collect.stats.StatisticsUnavailableException;
import gg.kalico.telemetry.collect.store.MachineRecords;
import gg.kalico.telemetry.collect.store.Machines;
import gg.kalico.telemetry.collect.store.ReportWriter;
import gg.kalico.telemetry.collect.store.Retention;
import gg.kalico.telemetry.collect.store.Store;
import gg.kalico.telemetry.collect.store.StoreErrors;
import gg.kalico.telemetry.collect.store.StoreException;
import gg.kalico.telemetry.collect.web.Dashboard;
import gg.kalico.telemetry.collect.web.HistoryApi;
import gg.kalico.telemetry.collect.web.StatsApi;
import gg.kalico.telemetry.schema.SchemaCatalog;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.util.Optional;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The collect service: {@code POST /collect}, {@code GET /health}, {@code GET /metrics}, the
 * statistics under {@code /api/v1/} and the dashboard at {@code /}. Start with {@link #start};
 * {@link #close} stops taking reports, lets those in flight finish, writes what is queued and
 * closes the store.
 */
public final class CollectService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CollectService.class);

  /** The slowest a body may arrive; docs/collect-service.md promises it. */
  static final long MIN_BODY_BYTES_PER_SECOND = 1024;

  /** How long stopping waits for the requests begun. */
  private static final int STOP_SECONDS = 10;

  private static final Logger access =
      LoggerFactory.getLogger("gg.kalico.telemetry.collect.access");

  private final CollectSettings settings;
  private final Store store;
  private final ReportWriter writer;
  private final Retention retention;
  private final IngestHandler ingest;
  private final Statistics statistics;
  private final PrometheusMeterRegistry metrics;
  private final Javalin app;
  private final MemoryBudget budget;
  private boolean closed;
  private volatile ServerConnector managementConnector;

  /**
   * Counts the fields of later minors in {@code telemetry_later_minor_fields_total}: stored with
   * their report, or dropped (over the size bound, or their object no longer there).
   */
  private static ReportReader.LaterFieldsListener laterFieldsCounter(MeterRegistry metrics) {
    Counter kept = metrics.counter("telemetry.later.minor.fields", "outcome", "kept");
    Counter dropped = metrics.counter("telemetry.later.minor.fields", "outcome", "dropped");
    return (k, d) -> {
      kept.increment(k);
      dropped.increment(d);
    };
  }

  private CollectService(CollectSettings settings) {
    this.settings = settings;
    this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);
    ReportReader reader =
        new ReportReader(
            settings.schemaDirectory() == null
                ? SchemaCatalog.published()
                : SchemaCatalog.fromDirectory(settings.schemaDirectory()),
            laterFieldsCounter(metrics));
    this.store =
        settings.jdbcUrl() == null
            ? Store.sqlite(settings.dataDirectory())
            : Store.open(settings.jdbcUrl(), settings.dbUser(), settings.dbPassword());
    this.writer = new ReportWriter(store);
    this.retention =
        new Retention(store, settings.retention(), settings.machineExpiry(), settings.clock());
    Machines machines = new Machines(store);
    this.budget = new MemoryBudget(settings.memoryBudgetBytes());
    Gauge.builder("telemetry.ingest.memory.used.bytes", budget, MemoryBudget::used)
        .description(
            "bytes held by reports in flight (bodies, decoding,"
                + " parsing), within the memory budget")
        .register(metrics);
    this.ingest =
        new IngestHandler(
            reader,
            writer,
            settings.ratePerAddressPerMinute(),
            settings.maxInFlight(),
            settings.newMachinesPerAddressPerDay(),
            settings.maxReportBytes(),
            machines::exists,
            settings.clock(),
            metrics);
    this.statistics =
        new Statistics(
            store,
            settings.clock(),
            settings.activeWindow(),
            settings.k(),
            settings.statisticsInterval(),
            metrics);
    StatsApi api = new StatsApi(statistics);
    HistoryApi historyApi = new HistoryApi(statistics);
    Dashboard dashboard = new Dashboard(statistics);
    OwnerApi ownerApi =
        new OwnerApi(new MachineRecords(store), settings.ratePerAddressPerMinute(), metrics);
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.jetty.addConnector((server, http) -> connector(server, http));
              if (settings.managementPort() != null) {
                config.jetty.addConnector((server, http) -> management(server, http));
              }
              config.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
              config.jetty.modifyServer(
                  server -> {
                    // bodies are read before a thread is given to the request (a slow or stalled
                    // one costs
                    // its connection only), within one memory budget; a body slower than 1 KiB/s is
                    // cut
                    server.insertHandler(new BodyLoader(settings.maxReportBytes(), budget));
                    server.insertHandler(new MinimumDataRateHandler(MIN_BODY_BYTES_PER_SECOND, 0));
                    // stopping finishes and answers every request begun, bodies still arriving
                    // included
                    server.insertHandler(new Stopping());
                    server.setStopTimeout(STOP_SECONDS * 1000L);
                  });
              // the route's template, never the requested path (it may carry anything) nor the
              // address
              config.requestLogger.http(
                  (ctx, ms) ->
                      access.info(
                          "method={} route={} status={} ms={}",
                          ctx.method(),
                          route(ctx),
                          ctx.status().getCode(),
                          Math.round(ms)));
              config.routes.post("/collect", ingest);
              // Javalin's own 404 and 405 pages quote the requested path; ours say nothing of it
              config.routes.error(
                  404,
                  "*",
                  ctx ->
                      IngestHandler.writeProblem(
                          ctx, Rejection.of(404, "not_found", "no such resource")));
              config.routes.error(
                  405,
                  "*",
                  ctx ->
                      IngestHandler.writeProblem(
                          ctx, Rejection.of(405, "method", "method not allowed here")));
              config.routes.get("/health", ctx -> health(ctx));
              // no statistics yet, or the store failed under a history read: "retry", never a 500
              config.routes.exception(
                  StatisticsUnavailableException.class,
                  (e, ctx) ->
                      IngestHandler.writeProblem(
                          ctx.header("Retry-After", "30"),
                          Rejection.retryLater(503, "statistics", e.getMessage(), 30)));
              config.routes.exception(
                  StoreException.class,
                  (e, ctx) -> {
                    log.error(
                        "a statistics answer failed on the store: {}", StoreErrors.describe(e));
                    IngestHandler.writeProblem(
                        ctx.header("Retry-After", "30"),
                        Rejection.retryLater(
                            503, "store", "the store is unavailable; retry later", 30));
                  });
              config.routes.get(
                  "/metrics",
                  ctx -> {
                    if (managementConnector != null
                        && ctx.req().getLocalPort() != managementConnector.getLocalPort()) {
                      // kept off the public listener: the same answer as any unknown path
                      IngestHandler.writeProblem(
                          ctx, Rejection.of(404, "not_found", "no such resource"));
                      return;
                    }
                    ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape());
                  });
              api.register(config.routes);
              historyApi.register(config.routes);
              ownerApi.register(config.routes);
              dashboard.register(config.routes);
            });
  }

  /**
   * 200 "up" while the store answers and the statistics are fresh; 200 "degraded" (with the age of
   * the published numbers and why) when a refresh failed or is late, since reports are still taken;
   * 503 when the store is unreachable.
   */
  private void health(Context ctx) {
    boolean up = store.reachable();
    Statistics.Health stats = statistics.health();
    ObjectNode out = JsonMapper.shared().createObjectNode();
    out.put("status", !up ? "store unreachable" : stats.ok() ? "up" : "degraded");
    ObjectNode s = out.putObject("statistics");
    s.put("status", stats.ok() ? "ok" : "degraded");
    s.put("age_seconds", stats.age().toSeconds());
    if (!stats.ok()) {
      s.put("problem", stats.problem());
    }
    ctx.status(up ? 200 : 503).contentType("application/json").result(out.toString());
  }

  private static String route(Context ctx) {
    Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
    return matched == null ? "(none)" : matched.path;
  }

  /** Opens the store (migrating it), starts listening and the retention job. */
  public static CollectService start(CollectSettings settings) {
    CollectService server = new CollectService(settings);
    try {
      server.app.start();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    server.retention.schedule();
    server.statistics.start();
    return server;
  }

  private Connector connector(Server server, HttpConfiguration http) {
    ServerConnector connector;
    if (settings.tlsKeystore() != null) {
      SslContextFactory.Server tls = new SslContextFactory.Server();
      tls.setKeyStorePath(settings.tlsKeystore().toAbsolutePath().toString());
      tls.setKeyStorePassword(settings.tlsPassword());
      tls.setKeyStoreType("PKCS12");
      HttpConfiguration https = new HttpConfiguration(http);
      SecureRequestCustomizer secure = new SecureRequestCustomizer();
      secure.setSniHostCheck(false);
      https.addCustomizer(secure);
      connector =
          new ServerConnector(
              server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(https));
    } else {
      connector = new ServerConnector(server, new HttpConnectionFactory(http));
    }
    connector.setHost(settings.bind());
    connector.setPort(settings.port());
    connector.setIdleTimeout(settings.idleTimeout().toMillis());
    connector.setAcceptQueueSize(1024);
    return connector;
  }

  /** The management listener: plain HTTP, for /metrics and /health only. */
  private ServerConnector management(Server server, HttpConfiguration http) {
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setName("management");
    connector.setHost(settings.managementBind());
    connector.setPort(settings.managementPort());
    connector.setIdleTimeout(settings.idleTimeout().toMillis());
    managementConnector = connector;
    return connector;
  }

  /** Where /metrics is served apart from the public listener, when it is. */
  public Optional<URI> managementUri() {
    if (managementConnector == null) {
      return Optional.empty();
    }
    String host =
        settings.managementBind().contains(":")
            ? "[" + settings.managementBind() + "]"
            : settings.managementBind();
    return Optional.of(
        URI.create("http://" + host + ":" + managementConnector.getLocalPort() + "/metrics"));
  }

  /** The port it listens on (the chosen one when the settings said 0). */
  public int port() {
    return ((ServerConnector) app.jettyServer().server().getConnectors()[0]).getLocalPort();
  }

  /** Where clients send reports, e.g. {@code http://127.0.0.1:8080/collect}. */
  public URI collectUri() {
    String host = settings.bind().contains(":") ? "[" + settings.bind() + "]" : settings.bind();
    return URI.create(
        (settings.tlsKeystore() != null ? "https" : "http")
            + "://"
            + host
            + ":"
            + port()
            + "/collect");
  }

  /** The store, for operations and tests. */
  public Store store() {
    return store;
  }

  /** The statistics (aggregated on a schedule; {@code refresh()} aggregates now). */
  public Statistics statistics() {
    return statistics;
  }

  /** Runs the retention job now. */
  public Retention retention() {
    return retention;
  }

  /** Stops taking reports, finishes those in flight, writes the queue, closes the store. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      app.stop();
    } catch (RuntimeException e) {
      log.warn("stopping the HTTP server failed", e);
    }
    retention.close();
    statistics.close();
    writer.close();
    store.close();
    metrics.close();
    log.info("collect service stopped");
  }
}
