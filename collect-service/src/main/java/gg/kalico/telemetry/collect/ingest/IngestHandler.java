package gg.kalico.telemetry.collect.ingest;

import gg.kalico.telemetry.collect.store.IncomingReport;
import gg.kalico.telemetry.collect.store.ReportWriter;
import gg.kalico.telemetry.collect.store.StoreUnavailableException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * {@code POST /collect}: limits, decoding, validation, storing, and an answer a client can act on.
 * 202 once the report is stored (and the same 202 when its Idempotency-Key was stored before); 400,
 * 413 and 415 as RFC 9457 problems; 429 and 503 with Retry-After.
 */
public final class IngestHandler implements Handler {
  private static final long STORE_WAIT_SECONDS = 10;

  /** The image of the machine's owner secret, sent with each report (see MachineOwner). */
  public static final String OWNER_HEADER = "Telemetry-Owner";

  /** The schema version a document claims, MAJOR.MINOR (see ReportReader). */
  public static final String SCHEMA_HEADER = "Telemetry-Schema";

  /** With a 415 for a later major: the majors this service accepts, comma-separated. */
  public static final String MAJORS_HEADER = "Telemetry-Schema-Majors";

  private static final byte[] ACCEPTED =
      "{\"status\":\"accepted\"}".getBytes(StandardCharsets.US_ASCII);

  private final ReportReader reader;
  private final ReportWriter writer;
  private final RateLimiter rate;
  private final NewMachineLimiter newMachines;
  private final Semaphore inFlight;
  private final int maxReportBytes;
  private final Clock clock;
  private final MeterRegistry metrics;
  private final Timer ingestTimer;
  private final Timer storeTimer;

  public IngestHandler(
      ReportReader reader,
      ReportWriter writer,
      int ratePerAddressPerMinute,
      int maxInFlight,
      int newMachinesPerAddressPerDay,
      int maxReportBytes,
      Predicate<String> knownMachine,
      Clock clock,
      MeterRegistry metrics) {
    this.maxReportBytes = maxReportBytes;
    this.reader = reader;
    this.writer = writer;
    this.newMachines = new NewMachineLimiter(newMachinesPerAddressPerDay, clock, knownMachine);
    this.rate = new RateLimiter(ratePerAddressPerMinute);
    this.inFlight = new Semaphore(maxInFlight);
    this.clock = clock;
    this.metrics = metrics;
    this.ingestTimer =
        Timer.builder("telemetry.ingest")
            .description("POST /collect, whole")
            .publishPercentileHistogram()
            .register(metrics);
    this.storeTimer =
        Timer.builder("telemetry.store")
            .description("waiting for the commit")
            .publishPercentileHistogram()
            .register(metrics);
  }

  @Override
  public void handle(Context ctx) {
    long start = System.nanoTime();
    if (!inFlight.tryAcquire()) {
      answer(ctx, Rejection.retryLater(429, "busy", "too many reports at once", 1));
      return;
    }
    try {
      // the address is used here, in memory, and nowhere else
      if (!rate.tryAcquire(ctx.ip())) {
        throw Rejection.retryLater(
            429, "rate", "too many reports from one address", rate.retryAfterSeconds());
      }
      BodyLoader.Loaded loaded = ctx.attribute(BodyLoader.ATTRIBUTE);
      if (loaded != null && loaded.refused() != null) {
        throw loaded.refused();
      }
      if (!isJson(ctx.header("Content-Type"))) {
        throw Rejection.of(415, "content_type", "Content-Type must be application/json");
      }
      boolean gzip = RequestBody.gzip(ctx.header("Content-Encoding"));
      if (loaded == null) {
        // the loader passes on unread only a body declared larger than the limit
        throw RequestBody.tooLarge(maxReportBytes);
      }
      byte[] body = RequestBody.decode(loaded.wire(), gzip, maxReportBytes, loaded.lease());
      loaded.lease().grow((long) body.length * MemoryBudget.PARSE_FACTOR);
      IncomingReport report =
          reader.read(
              body,
              ctx.header("Idempotency-Key"),
              ctx.header(OWNER_HEADER),
              ctx.header(SCHEMA_HEADER),
              clock.instant());
      if (!newMachines.allow(ctx.ip(), report.machineId())) {
        throw Rejection.retryLater(
            429,
            "new_machines",
            "too many new machines from one"
                + " address today; machines that reported before are still taken",
            (int) Math.min(Integer.MAX_VALUE, newMachines.secondsUntilTomorrow()));
      }
      ReportWriter.Outcome outcome = store(report);
      if (outcome == ReportWriter.Outcome.KEY_REUSED) {
        // the IETF idempotency-key draft: a key reused with another payload is 422
        throw Rejection.of(
            422,
            "idempotency_key_reused",
            "this Idempotency-Key was sent before"
                + " with a different report, which is kept; send a new report with a new key");
      }
      metrics
          .counter(
              outcome == ReportWriter.Outcome.STORED
                  ? "telemetry.reports.accepted"
                  : "telemetry.reports.duplicate",
              "source",
              report.source())
          .increment();
      respond(ctx, 202, "application/json", ACCEPTED);
    } catch (Rejection r) {
      answer(ctx, r);
    } catch (IOException e) {
      // an in-memory gzip stream that fails otherwise than as invalid gzip
      answer(ctx, Rejection.of(400, "gzip", "the body is not valid gzip"));
    } finally {
      inFlight.release();
      ingestTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  private ReportWriter.Outcome store(IncomingReport report) {
    long start = System.nanoTime();
    try {
      return writer.submit(report).get(STORE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StoreUnavailableException) {
        throw Rejection.retryLater(503, "store", "the store is unavailable; retry later", 30);
      }
      throw new IllegalStateException("storing a report failed", e.getCause());
    } catch (TimeoutException e) {
      throw Rejection.retryLater(503, "store", "the store is slow; retry later", 30);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Rejection.retryLater(503, "stopping", "the service is stopping", 5);
    } finally {
      storeTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return type.equals("application/json");
  }

  private void answer(Context ctx, Rejection r) {
    metrics.counter("telemetry.reports.rejected", "reason", r.reason()).increment();
    if (r.retryAfterSeconds() >= 0) {
      ctx.header("Retry-After", String.valueOf(r.retryAfterSeconds()));
    }
    if (r.acceptedMajors() != null) {
      ctx.header(MAJORS_HEADER, r.acceptedMajors());
    }
    respond(ctx, r.status(), "application/problem+json", r.problemJson());
  }

  /**
   * Writes and flushes the answer before the request's in-flight slot is given back, so that a
   * stopping service, which waits for the slots, never closes a connection before its answer left.
   */
  private static void respond(Context ctx, int status, String contentType, byte[] body) {
    ctx.status(status);
    ctx.res().setContentType(contentType);
    ctx.res().setContentLength(body.length);
    try {
      ctx.res().getOutputStream().write(body);
      ctx.res().flushBuffer();
    } catch (IOException e) {
      // the client is gone; the report (if any) is stored all the same
    }
  }

  /** Writes an RFC 9457 problem for a rejection (error pages outside {@code /collect}). */
  public static void writeProblem(Context ctx, Rejection r) {
    ctx.status(r.status()).contentType("application/problem+json").result(r.problemJson());
  }
}
