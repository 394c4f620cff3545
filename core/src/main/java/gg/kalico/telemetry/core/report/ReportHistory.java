package gg.kalico.telemetry.core.report;

import gg.kalico.telemetry.core.internal.io.AtomicFiles;
import gg.kalico.telemetry.spi.transport.Receipt;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reporting history beside a config, and the one place that changes it: what was last tried,
 * delivered or refused ({@link ReportState}), and the exact bytes last delivered. Without a config
 * folder there is no history and nothing is kept. A write that fails is logged and never stops a
 * round: the history is a record, not the report.
 */
public final class ReportHistory {
  private static final Logger log = LoggerFactory.getLogger(ReportHistory.class);

  private final Optional<Path> dir;

  /** The history kept in {@code dir} (the config's folder), or none when empty. */
  public ReportHistory(Optional<Path> dir) {
    this.dir = dir;
  }

  /** The state as recorded ({@link ReportState#NONE} when nothing is). */
  public ReportState state() {
    return dir.map(ReportState::read).orElse(ReportState.NONE);
  }

  /** The bytes of the last delivered report, if kept. */
  public Optional<byte[]> lastReport() {
    return dir.flatMap(ReportState::lastReport);
  }

  /** Whether {@code interval} has passed since the last attempt (or none was made). */
  public boolean isDue(Instant now, Duration interval) {
    Instant last = state().lastAttempt();
    return last == null || !now.isBefore(last.plus(interval));
  }

  /** An attempt is on record before sending: a restart does not make a second report. */
  public void attempted(Instant when) {
    write(state().attempted(when), null);
  }

  /** A document was delivered: its digest, where it went, and its bytes are kept. */
  public void delivered(Receipt receipt, byte[] body) {
    write(
        state()
            .delivered(
                receipt.deliveredAt(),
                Digests.sha256(body),
                receipt.transport() + " " + receipt.destination()),
        body);
  }

  /** An attempt failed (deferred, refused or damaged), for this reason. */
  public void failed(String why) {
    write(state().failed(why), null);
  }

  /** Forgets the history (when the user opts out). */
  public void forget() throws IOException {
    if (dir.isPresent()) {
      ReportState.forget(dir.get());
    }
  }

  private void write(ReportState state, byte[] delivered) {
    if (dir.isEmpty()) {
      return;
    }
    try {
      if (delivered != null) {
        AtomicFiles.write(dir.get().resolve(ReportState.LAST_REPORT), delivered);
      }
      state.write(dir.get());
    } catch (IOException e) {
      log.warn("cannot record the telemetry report history in {}", dir.get(), e);
    }
  }
}
