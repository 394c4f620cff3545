package gg.kalico.telemetry.collect;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.collect.testing.Http;
import gg.kalico.telemetry.collect.testing.Services;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --management-port}: /metrics is served on a listener of its own and no longer on the
 * public one, which answers it like any unknown path; /health answers on both.
 */
class ManagementPortTest {
  @TempDir Path tmp;

  @Test
  void metricsMoveToTheManagementListener() throws Exception {
    try (CollectService server =
        CollectService.start(Services.settings("sqlite", tmp).management(0, "127.0.0.1").build())) {
      URI metrics = server.managementUri().orElseThrow();
      assertThat(metrics.getPort()).isNotEqualTo(server.port()).isPositive();
      Http.Answer onManagement = Http.get(metrics);
      assertThat(onManagement.status()).isEqualTo(200);
      assertThat(onManagement.body()).contains("telemetry_statistics_age_seconds");
      Http.Answer onPublic = Http.get(server.collectUri().resolve("/metrics"));
      Http.Answer unknown = Http.get(server.collectUri().resolve("/no-such-path"));
      assertThat(onPublic.status()).isEqualTo(404);
      assertThat(onPublic.body()).isEqualTo(unknown.body()).doesNotContain("telemetry_");
      assertThat(Http.get(server.collectUri().resolve("/health")).status()).isEqualTo(200);
      assertThat(Http.get(metrics.resolve("/health")).status()).isEqualTo(200);
    }
  }

  @Test
  void withoutOneMetricsStayOnThePublicListener() throws Exception {
    try (CollectService server = CollectService.start(Services.settings("sqlite", tmp).build())) {
      assertThat(server.managementUri()).isEmpty();
      assertThat(Http.get(server.collectUri().resolve("/metrics")).body())
          .contains("telemetry_statistics_age_seconds");
    }
  }
}
