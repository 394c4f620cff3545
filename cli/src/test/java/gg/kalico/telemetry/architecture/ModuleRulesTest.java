package gg.kalico.telemetry.architecture;

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
 * The module rules, checked on the compiled classes of every module (docs/development.md, "How the
 * modules fit together" table states them): the spi holds the contracts and depends on nothing of
 * the project, so a module author needs only it; plugins depend on the spi only, because the host
 * loads them beside its own copy of everything else; the core is generic (nothing in it knows
 * Klipper, the Kalico adapter or the built-in collectors), the schema module knows only schemas,
 * the built-in collectors only the spi, and the Kalico adapter sits on top of the core; inside the
 * core, each package depends only on those below it; and no package cycles, so each package can be
 * read and changed on its own.
 */
class ModuleRulesTest {
  static JavaClasses all;

  @BeforeAll
  static void importEverything() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    List<Path> dirs;
    try (Stream<Path> s =
        Stream.of("spi", "schema", "core", "collectors-builtin", "kalico", "cli", "plugin-testkit")
            .map(m -> root.resolve(m).resolve("target/classes"))) {
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
    classes()
        .that()
        .resideInAPackage("gg.kalico.telemetry.spi..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("gg.kalico.telemetry.spi..", "java..", "javax.crypto..", "org.pf4j..")
        .check(all);
  }

  @Test
  void pluginsDependOnTheSpiOnly() {
    classes()
        .that()
        .resideInAPackage("gg.kalico.telemetry.plugins..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "gg.kalico.telemetry.plugins..",
            "gg.kalico.telemetry.spi..",
            "java..",
            "javax..",
            "org.pf4j..",
            "org.slf4j..")
        .check(all);
  }

  @Test
  void noPackageCycles() {
    slices().matching("gg.kalico.telemetry.(*)..").should().beFreeOfCycles().check(all);
    slices().matching("gg.kalico.telemetry.core.(**)").should().beFreeOfCycles().check(all);
    slices().matching("gg.kalico.telemetry.builtin.(**)").should().beFreeOfCycles().check(all);
  }

  @Test
  void theCoreIsGenericAndTheModulesPointOneWay() {
    classes()
        .that()
        .resideInAPackage("gg.kalico.telemetry.core..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "gg.kalico.telemetry.core..",
            "gg.kalico.telemetry.spi..",
            "gg.kalico.telemetry.schema..",
            "java..",
            "javax..",
            "org.pf4j..",
            "com.google.inject..",
            "com.google.common..",
            "jakarta.inject..",
            "tools.jackson..",
            "org.slf4j..")
        .because(
            "the core is the generic engine: the Kalico adapter, the built-in collectors"
                + " and the CLI sit on top of it")
        .check(all);
    classes()
        .that()
        .resideInAPackage("gg.kalico.telemetry.schema..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "gg.kalico.telemetry.schema..", "java..", "com.networknt..", "tools.jackson..")
        .check(all);
    classes()
        .that()
        .resideInAPackage("gg.kalico.telemetry.builtin..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "gg.kalico.telemetry.builtin..",
            "gg.kalico.telemetry.spi..",
            "java..",
            "javax..",
            "org.pf4j..",
            "org.slf4j..")
        .check(all);
    classes()
        .that()
        .resideInAPackage("gg.kalico.telemetry.kalico..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "gg.kalico.telemetry.kalico..",
            "gg.kalico.telemetry.core..",
            "gg.kalico.telemetry.schema..",
            "gg.kalico.telemetry.spi..",
            "java..",
            "javax..",
            "tools.jackson..",
            "org.slf4j..")
        .because("the Kalico host adapter uses the core's public entry points, never the CLI")
        .check(all);
  }

  @Test
  void insideTheCoreEachPackageDependsOnlyOnThoseBelowIt() {
    String core = "gg.kalico.telemetry.core.";
    String[][] allowed = {
      {"internal.io"},
      {"document"},
      {"consent"},
      {"host", "consent"},
      {"assembly", "document"},
      {"delivery", "internal.io"},
      {"report", "internal.io"},
      {"transport", "internal.io"},
      {"internal.assembly", "assembly", "document"},
      {"internal.delivery", "delivery"},
      {"internal.discovery", "internal.assembly"},
      {"discovery", "internal.discovery", "internal.assembly"}
    };
    for (String[] rule : allowed) {
      List<String> packages = new java.util.ArrayList<>();
      for (String p : rule) {
        packages.add(core + p + "..");
      }
      packages.addAll(
          List.of(
              "gg.kalico.telemetry.spi..",
              "gg.kalico.telemetry.schema..",
              "java..",
              "javax..",
              "org.pf4j..",
              "com.google.inject..",
              "com.google.common..",
              "jakarta.inject..",
              "tools.jackson..",
              "org.slf4j.."));
      var rule0 =
          classes()
              .that()
              .resideInAPackage(core + rule[0] + "..")
              .should()
              .onlyDependOnClassesThat()
              .resideInAnyPackage(packages.toArray(String[]::new));
      if (rule[0].equals("discovery")) {
        // the one thing discovery reads from the root: the framework version plugins require
        rule0 =
            classes()
                .that()
                .resideInAPackage(core + "discovery..")
                .should()
                .onlyDependOnClassesThat(
                    com.tngtech.archunit.base.DescribedPredicate.or(
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(
                            packages.toArray(String[]::new)),
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo(
                            gg.kalico.telemetry.core.FrameworkVersion.class)));
      }
      rule0.check(all);
    }
  }

  @Test
  void insideTheAdapterAndTheBuiltInsPackagesPointOneWay() {
    // the adapter: the config reader knows nothing of consent or commands; consent reads config
    classes()
        .that()
        .resideInAPackage("gg.kalico.telemetry.kalico.config..")
        .should()
        .onlyDependOnClassesThat()
        .resideOutsideOfPackages(
            "gg.kalico.telemetry.kalico.consent..", "gg.kalico.telemetry.kalico")
        .check(all);
    classes()
        .that()
        .resideInAPackage("gg.kalico.telemetry.kalico.consent..")
        .should()
        .onlyDependOnClassesThat()
        .resideOutsideOfPackage("gg.kalico.telemetry.kalico")
        .check(all);
    // the built-in collectors: each section's package stands alone (only BuiltinShape is shared)
    for (String section : List.of("config", "machine", "objects", "software", "system")) {
      List<String> others = new java.util.ArrayList<>();
      for (String other : List.of("config", "machine", "objects", "software", "system")) {
        if (!other.equals(section)) {
          others.add("gg.kalico.telemetry.builtin." + other + "..");
        }
      }
      classes()
          .that()
          .resideInAPackage("gg.kalico.telemetry.builtin." + section + "..")
          .should()
          .onlyDependOnClassesThat()
          .resideOutsideOfPackages(others.toArray(String[]::new))
          .check(all);
    }
  }

  @Test
  void whatHostsUseNeverExposesAnInternalType() {
    List<String> leaks = new java.util.ArrayList<>();
    for (Class<?> api :
        List.of(
            gg.kalico.telemetry.core.Telemetry.class,
            gg.kalico.telemetry.core.TelemetryBuilder.class,
            gg.kalico.telemetry.core.discovery.ExtensionCatalog.class,
            gg.kalico.telemetry.kalico.TelemetryCommands.class)) {
      for (java.lang.reflect.Method m : api.getMethods()) {
        List<Class<?>> types = new java.util.ArrayList<>(List.of(m.getParameterTypes()));
        types.add(m.getReturnType());
        for (Class<?> t : types) {
          if (t.getName().contains(".internal.")) {
            leaks.add(api.getSimpleName() + "." + m.getName() + " uses " + t.getName());
          }
        }
      }
    }
    assertThat(leaks).isEmpty();
    classes()
        .that()
        .resideInAPackage("gg.kalico.telemetry.plugins..")
        .should()
        .onlyDependOnClassesThat()
        .resideOutsideOfPackage("..internal..")
        .check(all);
  }

  @Test
  void whatTheFacadeComposesNeverCallsBackIntoIt() {
    // the facade delegates (send round, document producer, history, own files); none of them
    // reaches back, so there is no cycle between the classes of the facade's package
    classes()
        .that()
        .resideInAPackage("gg.kalico.telemetry.core")
        .and()
        .doNotHaveSimpleName("Telemetry")
        .and()
        .doNotHaveSimpleName("TelemetryBuilder")
        .should()
        .onlyDependOnClassesThat()
        .doNotHaveFullyQualifiedName("gg.kalico.telemetry.core.Telemetry")
        .check(all);
    slices().matching("gg.kalico.telemetry.(*)..").should().beFreeOfCycles().check(all);
  }

  @Test
  void theFacadeNamesNoConcreteTransport() {
    // each transport owns its options, defaults and checks (Transport.options): the facade,
    // its builder and its send rounds work with any transport alike
    classes()
        .that()
        .haveSimpleName("Telemetry")
        .or()
        .haveSimpleName("TelemetryBuilder")
        .or()
        .haveSimpleName("TelemetrySettings")
        .or()
        .haveSimpleName("SendRounds")
        .or()
        .haveSimpleName("SendRound")
        .should()
        .onlyDependOnClassesThat()
        .resideOutsideOfPackage("gg.kalico.telemetry.core.transport..")
        .check(all);
  }

  @Test
  void theFacadeAndTheCommandsDoNotCallEachOther() {
    classes()
        .that()
        .resideInAPackage("gg.kalico.telemetry.core..")
        .should()
        .onlyDependOnClassesThat()
        .doNotHaveSimpleName("TelemetryCommands")
        .check(all);
    slices().matching("gg.kalico.telemetry.kalico.(**)").should().beFreeOfCycles().check(all);
  }

  @Test
  void noPublicTypeSharesItsNameWithAJavaType() {
    List<String> clashes = new java.util.ArrayList<>();
    for (var c : all) {
      if (!c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
          || c.isNestedClass()
          || c.isAnonymousClass()) {
        continue;
      }
      for (String pkg :
          List.of(
              "java.lang",
              "java.util",
              "java.io",
              "java.nio.file",
              "java.time",
              "java.net",
              "java.util.function",
              "java.util.concurrent")) {
        try {
          Class.forName(pkg + "." + c.getSimpleName(), false, null);
          clashes.add(c.getName() + " (" + pkg + "." + c.getSimpleName() + ")");
        } catch (ClassNotFoundException e) {
          // no clash
        }
      }
    }
    assertThat(clashes).as("a host that imports both would have to spell one out").isEmpty();
  }
}
