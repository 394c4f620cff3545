package gg.kalico.telemetry.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules, checked on the compiled classes of every module (the README's "How the
 * modules fit together" table states them): the spi holds the contracts and depends on nothing
 * of the project, so a module author needs only it; plugins depend on the spi only, because
 * the host loads them beside its own copy of everything else; and no package cycles, so each
 * package can be read and changed on its own.
 */
class ArchitectureTest {
  static JavaClasses all;

  @BeforeAll
  static void importEverything() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    List<Path> dirs;
    try (Stream<Path> s = Stream.of("spi", "schema", "core", "collectors-builtin", "cli",
        "plugin-testkit").map(m -> root.resolve(m).resolve("target/classes"))) {
      dirs = new java.util.ArrayList<>(s.toList());
    }
    try (Stream<Path> plugins = Files.list(root.resolve("plugins"))) {
      plugins.map(p -> p.resolve("target/classes")).filter(Files::isDirectory).forEach(dirs::add);
    }
    dirs.forEach(d -> assertThat(d).as("compiled before the cli tests").isDirectory());
    all = new ClassFileImporter().importPaths(dirs);
    assertThat(all.contain("gg.kalico.telemetry.plugins.board.BoardCollector")).isTrue();
  }

  @Test
  void theSpiDependsOnNothingOfTheProject() {
    // javax.crypto: the JDK's HMAC, for the machine-id hash the client and the service share
    classes().that().resideInAPackage("gg.kalico.telemetry.spi..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "gg.kalico.telemetry.spi..", "java..", "javax.crypto..", "org.pf4j..")
        .check(all);
  }

  @Test
  void pluginsDependOnTheSpiOnly() {
    classes().that().resideInAPackage("gg.kalico.telemetry.plugins..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "gg.kalico.telemetry.plugins..", "gg.kalico.telemetry.spi..", "java..",
            "javax..", "org.pf4j..", "org.slf4j..")
        .check(all);
  }

  @Test
  void noPackageCycles() {
    slices().matching("gg.kalico.telemetry.(*)..").should().beFreeOfCycles().check(all);
    slices().matching("gg.kalico.telemetry.core.(**)").should().beFreeOfCycles().check(all);
    slices().matching("gg.kalico.telemetry.builtin.(**)").should().beFreeOfCycles().check(all);
  }
}
