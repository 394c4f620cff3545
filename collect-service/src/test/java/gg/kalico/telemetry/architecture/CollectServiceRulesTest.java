package gg.kalico.telemetry.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The collect service shares only the schema and the spi's value types with the client: it never
 * reaches into the client's core, its collectors or its CLI, so the two sides can change and ship
 * apart. Its packages have no cycles.
 */
class CollectServiceRulesTest {
  private static final JavaClasses SERVICE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("gg.kalico.telemetry.collect");

  @Test
  void theServiceDoesNotUseTheClientsCore() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "gg.kalico.telemetry.core..",
            "gg.kalico.telemetry.builtin..",
            "gg.kalico.telemetry.cli..")
        .check(SERVICE);
  }

  @Test
  void noPackageCycles() {
    slices().matching("gg.kalico.telemetry.collect.(*)..").should().beFreeOfCycles().check(SERVICE);
  }

  @Test
  void thePartsDoNotReachBackIntoTheServerThatComposesThem() {
    noClasses()
        .that()
        .resideInAnyPackage("gg.kalico.telemetry.collect.*..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("gg.kalico.telemetry.collect")
        .check(SERVICE);
  }

  /** SQL lives in the store package: the statistics and the web layer never see JDBC. */
  @Test
  void onlyTheStoreSpeaksSql() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "gg.kalico.telemetry.collect.stats..", "gg.kalico.telemetry.collect.web..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.sql..", "javax.sql..", "com.zaxxer..", "org.flywaydb..")
        .check(SERVICE);
  }
}
