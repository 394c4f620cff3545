package gg.kalico.telemetry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.core.delivery.Spool;
import gg.kalico.telemetry.core.report.ReportState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code disable} keeps the promise of docs/security.md: the spool with its damaged documents and
 * counters, the copy of the last report and the report state are gone; nothing else beside the
 * config is touched.
 */
class DisableForgetsTest {
  @TempDir Path tmp;

  @Test
  void disableRemovesTheSpoolTheLastReportAndTheState() throws Exception {
    Path cfg = tmp.resolve("printer.cfg");
    Files.writeString(cfg, "[printer]\nkinematics: none\n[telemetry]\nenabled: True\n");
    Spool spool = new Spool(tmp);
    spool.add("11111111-2222-3333-4444-555555555555", "{}".getBytes(), Instant.now());
    Path damaged = Files.createDirectories(tmp.resolve(Spool.DIR).resolve("damaged"));
    Files.writeString(damaged.resolve("0000000000000001-torn.json"), "{");
    Files.writeString(tmp.resolve(ReportState.FILE), "{}");
    Files.writeString(tmp.resolve(ReportState.LAST_REPORT), "{}");
    Path mine = Files.writeString(tmp.resolve("macros.cfg"), "[gcode_macro X]\ngcode:\n");

    CliRun run = CliRun.inProcess("disable", "--config", cfg.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(tmp.resolve(Spool.DIR)).doesNotExist();
    assertThat(tmp.resolve(ReportState.FILE)).doesNotExist();
    assertThat(tmp.resolve(ReportState.LAST_REPORT)).doesNotExist();
    assertThat(mine).hasContent("[gcode_macro X]\ngcode:\n");
    assertThat(Files.readString(cfg)).contains("enabled = False");
  }
}
