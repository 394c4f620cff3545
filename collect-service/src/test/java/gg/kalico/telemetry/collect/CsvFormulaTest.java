package gg.kalico.telemetry.collect;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.collect.testing.Http;
import gg.kalico.telemetry.collect.testing.Reports;
import gg.kalico.telemetry.collect.testing.Services;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Object names starting with every character a spreadsheet reads as a formula (= + - @, TAB, CR),
 * reported by enough machines to be published, come out of the service's CSV export as text: the
 * cell starts with an apostrophe.
 */
class CsvFormulaTest {
  private static final List<String> DANGEROUS =
      List.of("=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1");

  @TempDir Path tmp;

  @Test
  void everyDangerousFirstCharacterIsTextInTheCsvExport() throws Exception {
    CollectSettings s = Services.settings("sqlite", tmp).ratePerAddressPerMinute(0).k(2).build();
    try (CollectService server = CollectService.start(s)) {
      for (int m = 0; m < 2; m++) {
        ObjectNode doc = Reports.canonical("csv-" + m);
        ArrayNode objects = doc.putArray("objects");
        DANGEROUS.forEach(objects::add);
        assertThat(
                Http.postReport(
                        server.collectUri(), Reports.json(doc), UUID.randomUUID().toString())
                    .status())
            .isEqualTo(202);
      }
      server.statistics().refresh();
      String csv = Http.get(server.collectUri().resolve("/api/v1/lists/objects.csv")).body();
      for (String name : DANGEROUS) {
        String quoted = name.contains("\r") ? "\"'" + name + "\"" : "'" + name;
        String cell = quoted.replace("\"http", "\"\"http").replace("x\")", "x\"\")");
        assertThat(csv)
            .as("the cell of %s", name.replace("\t", "TAB").replace("\r", "CR"))
            .contains("\n" + (name.startsWith("=") ? "\"" + cell + "\"" : cell) + ",");
      }
      for (String line : csv.split("\n")) {
        assertThat(line)
            .as("no line begins a formula")
            .doesNotStartWith("=")
            .doesNotStartWith("+")
            .doesNotStartWith("-")
            .doesNotStartWith("@");
      }
    }
  }
}
