package gg.kalico.telemetry.collect.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void quotesSeparatorsAndQuotes() {
    assertThat(Csv.field("plain")).isEqualTo("plain");
    assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
    assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(Csv.field("two\nlines")).isEqualTo("\"two\nlines\"");
  }

  @Test
  void aNameThatLooksLikeAFormulaStaysText() {
    assertThat(Csv.field("=HYPERLINK(\"x\")")).startsWith("\"'=HYPERLINK");
    assertThat(Csv.field("+1")).isEqualTo("'+1");
    assertThat(Csv.field("-x")).isEqualTo("'-x");
    assertThat(Csv.field("@cmd")).isEqualTo("'@cmd");
    assertThat(Csv.field("\t=1+1")).isEqualTo("'\t=1+1");
    assertThat(Csv.field("\r=1+1")).isEqualTo("\"'\r=1+1\"");
  }

  @Test
  void everyDangerousFirstCharacterIsNeutralised() {
    for (char c : "=+-@\t\r".toCharArray()) {
      String field = Csv.field(c + "SUM(A1)");
      assertThat(field.replace("\"", "")).as("first character %d", (int) c).startsWith("'");
    }
    assertThat(Csv.field("a=b")).isEqualTo("a=b");
  }
}
