package gg.kalico.telemetry.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link in the README and the pages under {@code docs/} (and the Markdown pages they
 * link to) reaches a file that exists, and every {@code #anchor} a heading of its page, as GitHub
 * makes anchors from headings.
 */
class DocumentationLinksTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6} +(.+?) *#*$");

  @Test
  void everyRelativeLinkAndAnchorResolves() throws IOException {
    List<Path> start = new ArrayList<>();
    start.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(start::add);
    }
    Checked checked = check(start);
    assertThat(checked.problems()).isEmpty();
    assertThat(checked.pages())
        .as("the README leads to a page for each reader")
        .contains(
            ROOT.resolve("docs/printer-owner.md"),
            ROOT.resolve("docs/embedding.md"),
            ROOT.resolve("docs/writing-a-plugin.md"),
            ROOT.resolve("docs/collect-service.md"),
            ROOT.resolve("docs/schema-releases.md"),
            ROOT.resolve("docs/security.md"));
    assertThat(checked.links()).as("links were found and checked").isGreaterThan(30);
  }

  @Test
  void aBrokenFileOrAnchorIsFound(@TempDir Path tmp) throws IOException {
    Files.writeString(tmp.resolve("b.md"), "# Title\n\n## The `schema/` folder, 1.2\n");
    Files.writeString(
        tmp.resolve("a.md"),
        "# A\n\n[ok](b.md#the-schema-folder-12) [ok](#a) [web](https://example.com/x#y)\n"
            + "```\n[in code](missing.md)\n```\n"
            + "[gone](missing.md) [no anchor](b.md#nowhere) [self](#nope)\n");
    Checked checked = check(List.of(tmp.resolve("a.md")));
    assertThat(checked.problems())
        .containsExactlyInAnyOrder(
            "a.md: link to missing.md: no such file",
            "a.md: link to b.md#nowhere: b.md has no heading with that anchor",
            "a.md: link to #nope: a.md has no heading with that anchor");
  }

  @Test
  void anchorsAreGithubs() {
    assertThat(anchor("1. The build")).isEqualTo("1-the-build");
    assertThat(anchor("What is in `schema/`")).isEqualTo("what-is-in-schema");
    assertThat(anchor("Opt-in: your choice, and how it is kept"))
        .isEqualTo("opt-in-your-choice-and-how-it-is-kept");
    assertThat(anchor("`extensions.board` (plugin board 0.1.0)"))
        .isEqualTo("extensionsboard-plugin-board-010");
  }

  record Checked(List<String> problems, Set<Path> pages, int links) {}

  /** Checks the pages and every Markdown page they link to, each once. */
  private static Checked check(List<Path> start) throws IOException {
    List<String> problems = new ArrayList<>();
    Map<Path, Set<String>> anchors = new HashMap<>();
    Set<Path> seen = new LinkedHashSet<>();
    Deque<Path> queue = new ArrayDeque<>(start);
    int links = 0;
    while (!queue.isEmpty()) {
      Path page = queue.poll().normalize();
      if (!seen.add(page)) {
        continue;
      }
      String name = page.getFileName().toString();
      for (String target : links(Files.readString(page))) {
        if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
          continue; // https:, mailto: ...
        }
        links++;
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String fragment = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
          problems.add(name + ": link to " + target + ": no such file");
          continue;
        }
        if (resolved.toString().endsWith(".md")) {
          queue.add(resolved);
          if (fragment != null
              && !anchors
                  .computeIfAbsent(resolved, DocumentationLinksTest::anchorsOf)
                  .contains(fragment)) {
            problems.add(
                name
                    + ": link to "
                    + target
                    + ": "
                    + resolved.getFileName()
                    + " has no heading with that anchor");
          }
        }
      }
    }
    return new Checked(problems, seen, links);
  }

  /** The link targets of a page, outside code blocks and code spans. */
  private static List<String> links(String text) {
    List<String> out = new ArrayList<>();
    boolean fenced = false;
    for (String line : text.split("\n", -1)) {
      if (line.strip().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      if (fenced) {
        continue;
      }
      Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", "``"));
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  private static Set<String> anchorsOf(Path page) {
    Set<String> out = new HashSet<>();
    Map<String, Integer> repeats = new HashMap<>();
    boolean fenced = false;
    try {
      for (String line : Files.readString(page).split("\n", -1)) {
        if (line.strip().startsWith("```")) {
          fenced = !fenced;
          continue;
        }
        Matcher m = HEADING.matcher(line);
        if (!fenced && m.matches()) {
          String a = anchor(m.group(1));
          int n = repeats.merge(a, 1, Integer::sum);
          out.add(n == 1 ? a : a + "-" + (n - 1));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /** GitHub's anchor: lower case, punctuation dropped (not - or _), spaces to hyphens. */
  static String anchor(String heading) {
    return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }
}
