package gg.kalico.telemetry.collect;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.collect.testing.Database;
import gg.kalico.telemetry.collect.testing.Http;
import gg.kalico.telemetry.collect.testing.Reports;
import gg.kalico.telemetry.collect.testing.Services;
import gg.kalico.telemetry.core.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fake machines cost more: one address may create only so many new machines a UTC day (here 3),
 * while machines that reported before are always taken; the next day it may create new ones again.
 * The address is kept nowhere on disk.
 */
class FakeMachinesTest {
  @TempDir Path tmp;

  private static int send(CollectService server, String machine) throws Exception {
    return Http.postReport(
            server.collectUri(),
            Reports.json(Reports.canonical(machine)),
            UUID.randomUUID().toString())
        .status();
  }

  @Test
  void oneAddressCreatesAtMostSoManyNewMachinesADay() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T22:00:00Z"));
    CollectSettings settings =
        Services.settings("sqlite", tmp)
            .clock(clock)
            .ratePerAddressPerMinute(0)
            .newMachinesPerAddressPerDay(3)
            .build();
    try (CollectService server = CollectService.start(settings)) {
      for (String m : new String[] {"real-1", "fake-1", "fake-2"}) {
        assertThat(send(server, m)).isEqualTo(202);
      }
      Http.Answer refused =
          Http.postReport(
              server.collectUri(),
              Reports.json(Reports.canonical("fake-3")),
              UUID.randomUUID().toString());
      assertThat(refused.status()).isEqualTo(429);
      // until the next UTC day: two hours
      assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(7100L, 7200L);
      assertThat(refused.body()).contains("new-machines");
      // a machine that reported before is never held back
      assertThat(send(server, "real-1")).isEqualTo(202);
      assertThat(Database.count(settings, "machines")).isEqualTo(3);
      assertThat(Http.get(server.collectUri().resolve("/metrics")).body())
          .contains("telemetry_reports_rejected_total{reason=\"new_machines\"} 1.0");

      clock.advance(Duration.ofHours(3)); // a new UTC day, a new count
      assertThat(send(server, "fake-3")).isEqualTo(202);
      assertThat(Database.count(settings, "machines")).isEqualTo(4);
    }
    try (Stream<Path> files = Files.walk(tmp)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
            .as(f.toString())
            .doesNotContain("127.0.0.1");
      }
    }
  }
}
