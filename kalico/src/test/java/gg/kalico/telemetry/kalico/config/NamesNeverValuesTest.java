package gg.kalico.telemetry.kalico.config;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.core.testing.ConformanceFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Changing any value of a real config leaves the names byte-identical, and a value planted as a
 * canary never appears in them.
 */
class NamesNeverValuesTest {
  private static final Pattern OPTION =
      Pattern.compile("(?m)^([A-Za-z_][A-Za-z0-9_ ]*?)([ \\t]*[:=][ \\t]*)(\\S.*)$");

  @Provide
  Arbitrary<Path> realConfigs() throws Exception {
    Path corpus = ConformanceFiles.corpus().resolve("klipper-config");
    List<Path> files;
    try (Stream<Path> s = Files.list(corpus)) {
      files = s.filter(p -> p.toString().endsWith(".cfg")).sorted().toList();
    }
    return Arbitraries.of(files);
  }

  @Property(tries = 60)
  void rewritingEveryValueChangesNoName(
      @ForAll("realConfigs") Path source, @ForAll("canaries") String canary) throws Exception {
    Path dir = Files.createTempDirectory("values");
    try {
      Path original = dir.resolve("a/printer.cfg");
      Path changed = dir.resolve("b/printer.cfg");
      Files.createDirectories(original.getParent());
      Files.createDirectories(changed.getParent());
      String text = Files.readString(source);
      Files.writeString(original, text);
      Matcher m = OPTION.matcher(text);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + m.group(2) + canary));
      }
      m.appendTail(sb);
      Files.writeString(changed, sb.toString());

      var before = new KalicoConfigReader().read(original).names();
      var after = new KalicoConfigReader().read(changed).names();

      assertThat(after).isEqualTo(before);
      assertThat(after.toString()).doesNotContain(canary);
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Provide
  Arbitrary<String> canaries() {
    return Arbitraries.strings().withCharRange('a', 'z').ofLength(12).map(s -> "CANARY" + s);
  }
}
