package gg.kalico.telemetry.collect.ingest;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes every report in flight may hold together: the body as it arrives, the body once
 * un-gzipped, and the parsed document. Each request draws from it through a {@link Lease} as it
 * grows and gives everything back when it is answered, so a mix of gzip bombs, large bodies and
 * normal reports is bounded in bytes, not in requests. Past the budget the request is answered 503
 * with Retry-After ({@link #exhausted()}), never 500, and the heap keeps its room.
 */
public final class MemoryBudget {
  /**
   * What parsing and validating a document holds beside its bytes, per decoded byte: Jackson's tree
   * measured at 3.3 times the JSON for the largest real document (31 KiB) and 8.2 times for the
   * costliest shape (arrays of two-letter strings), the stored copy and the schema validator's walk
   * added.
   */
  static final int PARSE_FACTOR = 10;

  private final long capacity;
  private final AtomicLong used = new AtomicLong();

  /** A budget of {@code capacity} bytes. */
  public MemoryBudget(long capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("the memory budget must be at least 1 byte");
    }
    this.capacity = capacity;
  }

  /** What one report of {@code maxReportBytes} may hold at most: body, decoding, parsing. */
  public static long largestReport(int maxReportBytes) {
    return maxReportBytes * (2L + PARSE_FACTOR);
  }

  /** The default: a quarter of the heap the JVM may grow to. */
  public static long defaultCapacity() {
    return Runtime.getRuntime().maxMemory() / 4;
  }

  public long capacity() {
    return capacity;
  }

  /** Bytes held by requests in flight now. */
  public long used() {
    return used.get();
  }

  /** A lease holding nothing yet. */
  public Lease lease() {
    return new Lease();
  }

  private boolean tryTake(long bytes) {
    while (true) {
      long now = used.get();
      if (now + bytes > capacity) {
        return false;
      }
      if (used.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  /** The answer when the budget is spent: the client retries shortly, as after any 503. */
  static Rejection exhausted() {
    return Rejection.retryLater(
        503, "memory", "the service is handling as much as it can hold;" + " retry later", 5);
  }

  /** What one request holds; {@link #close} gives it all back (more than once is harmless). */
  public final class Lease implements AutoCloseable {
    private long held;
    private boolean closed;

    private Lease() {}

    /**
     * Takes {@code bytes} more.
     *
     * @throws Rejection 503 when the budget cannot spare them (nothing more is taken)
     */
    public synchronized void grow(long bytes) {
      if (closed || !tryTake(bytes)) {
        throw exhausted();
      }
      held += bytes;
    }

    /** Bytes this lease holds. */
    public synchronized long held() {
      return held;
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        used.addAndGet(-held);
        held = 0;
      }
    }
  }
}
