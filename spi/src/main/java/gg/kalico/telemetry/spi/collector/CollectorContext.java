package gg.kalico.telemetry.spi.collector;

import java.time.Clock;

/** What a collector may know about the host it runs in. Read-only; safe to share across threads. */
public interface CollectorContext {

  /** Section and option names of the host's configuration, in the host's order. Never values. */
  ConfigNames config();

  /** Facts the host supplied or the core derived: config path, software, enabled objects. */
  HostFacts host();

  /** The clock to use for anything time-related, so hosts and tests can fix it. */
  Clock clock();

  /**
   * Whether a collector may create files (such as a generated machine id). False while the user has
   * not opted in and only looks at the document: nothing may be written then that the user did not
   * ask for. A collector that needs a stored value uses a temporary one instead.
   */
  boolean mayWrite();

  /**
   * The major version of the telemetry schema the document is produced for (the newest published
   * one unless the host asked for an older one). A collector that knows this major's shape produces
   * it; one written for an older major says so with {@link Section#forMajor(int)}, and its section
   * is carried forward by the schema's migrations.
   */
  int schemaMajor();
}
