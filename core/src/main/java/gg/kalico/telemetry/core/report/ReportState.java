package gg.kalico.telemetry.core.report;

import gg.kalico.telemetry.core.internal.io.AtomicFiles;
import gg.kalico.telemetry.spi.files.SmallFiles;
import gg.kalico.telemetry.spi.files.SmallFiles.Links;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reporting history kept beside the config, in one small file written atomically: last attempt,
 * last success, the SHA-256 of the last delivered document and where it went, and the last failure.
 * The exact bytes last delivered are kept in a second file beside it.
 *
 * @param lastAttempt when a report was last tried, or null
 * @param lastSuccess when a report was last delivered, or null
 * @param lastDigest SHA-256 (hex) of the last delivered bytes, or null
 * @param lastDestination where the last report went (transport and destination), or null
 * @param lastError why the last attempt failed, or null when it succeeded
 */
public record ReportState(
    Instant lastAttempt,
    Instant lastSuccess,
    String lastDigest,
    String lastDestination,
    String lastError) {

  /** The state file's name, beside the config. */
  public static final String FILE = ".telemetry-state.json";

  /** The copy of the last delivered document, beside the config. */
  public static final String LAST_REPORT = ".telemetry-last-report.json";

  /** At most this many bytes are read of the last report's copy. */
  private static final int MAX_REPORT_BYTES = 16 * 1024 * 1024;

  private static final Logger log = LoggerFactory.getLogger(ReportState.class);
  private static final JsonMapper JSON = JsonMapper.shared();

  /** No report was ever tried. */
  public static final ReportState NONE = new ReportState(null, null, null, null, null);

  /** Reads the state in {@code dir}; a missing file is {@link #NONE}, a damaged one is logged. */
  public static ReportState read(Path dir) {
    Path file = dir.resolve(FILE);
    try {
      JsonNode n = JSON.readTree(SmallFiles.read(file, 64 * 1024, Links.REFUSE));
      return new ReportState(
          instant(n, "last_attempt"),
          instant(n, "last_success"),
          text(n, "last_digest"),
          text(n, "last_destination"),
          text(n, "last_error"));
    } catch (NoSuchFileException e) {
      return NONE;
    } catch (IOException | RuntimeException e) {
      log.warn("{} is unreadable; treating it as if no report was sent", file, e);
      return NONE;
    }
  }

  /** The bytes last delivered, if kept. */
  public static Optional<byte[]> lastReport(Path dir) {
    try {
      return Optional.of(SmallFiles.read(dir.resolve(LAST_REPORT), MAX_REPORT_BYTES, Links.REFUSE));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      log.warn("{} is not read: {}", LAST_REPORT, e.getMessage());
      return Optional.empty();
    }
  }

  /** Writes this state into {@code dir} atomically. */
  public void write(Path dir) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    put(n, "last_attempt", lastAttempt == null ? null : lastAttempt.toString());
    put(n, "last_success", lastSuccess == null ? null : lastSuccess.toString());
    put(n, "last_digest", lastDigest);
    put(n, "last_destination", lastDestination);
    put(n, "last_error", lastError);
    AtomicFiles.write(
        dir.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
  }

  /** This state with a new attempt on record (its outcome not known yet). */
  public ReportState attempted(Instant when) {
    return new ReportState(when, lastSuccess, lastDigest, lastDestination, null);
  }

  /** This state after a delivery: success, digest and destination, no error. */
  public ReportState delivered(Instant when, String digest, String destination) {
    return new ReportState(lastAttempt, when, digest, destination, null);
  }

  /** This state with the last attempt's failure, the rest unchanged. */
  public ReportState failed(String why) {
    return new ReportState(lastAttempt, lastSuccess, lastDigest, lastDestination, why);
  }

  private static void put(ObjectNode n, String key, String value) {
    if (value != null) {
      n.put(key, value);
    }
  }

  private static Instant instant(JsonNode n, String key) {
    String t = text(n, key);
    return t == null ? null : Instant.parse(t);
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? null : v.asString();
  }

  /** Forgets the report history beside a config: the state file and the last report's copy. */
  public static void forget(Path dir) throws IOException {
    Files.deleteIfExists(dir.resolve(FILE));
    Files.deleteIfExists(dir.resolve(LAST_REPORT));
  }
}
