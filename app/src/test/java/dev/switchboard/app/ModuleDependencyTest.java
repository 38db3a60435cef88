package dev.switchboard.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the module arrows one-way: app → console → ops/server → store/sip/media. */
class ModuleDependencyTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.switchboard");
  }

  @Test
  void sipImportsNothingOfSwitchboard() {
    noClasses()
        .that()
        .resideInAPackage("dev.switchboard.sip..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.switchboard.store..",
            "dev.switchboard.media..",
            "dev.switchboard.server..",
            "dev.switchboard.ua..",
            "dev.switchboard.ops..",
            "dev.switchboard.console..",
            "dev.switchboard.app..")
        .check(classes);
  }

  @Test
  void mediaImportsNothingOfSwitchboard() {
    noClasses()
        .that()
        .resideInAPackage("dev.switchboard.media..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.switchboard.sip..",
            "dev.switchboard.store..",
            "dev.switchboard.server..",
            "dev.switchboard.ua..",
            "dev.switchboard.ops..",
            "dev.switchboard.console..",
            "dev.switchboard.app..")
        .check(classes);
  }

  @Test
  void storeKnowsNoProtocolAndNoUpperLayer() {
    noClasses()
        .that()
        .resideInAPackage("dev.switchboard.store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.switchboard.sip..",
            "dev.switchboard.media..",
            "dev.switchboard.server..",
            "dev.switchboard.ops..",
            "dev.switchboard.console..",
            "dev.switchboard.app..")
        .check(classes);
  }

  @Test
  void serverDependsOnlyDownward() {
    noClasses()
        .that()
        .resideInAPackage("dev.switchboard.server..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.switchboard.ops..", "dev.switchboard.console..", "dev.switchboard.app..")
        .check(classes);
  }

  @Test
  void opsNeverSeesSip() {
    noClasses()
        .that()
        .resideInAPackage("dev.switchboard.ops..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.switchboard.sip..",
            "dev.switchboard.media..",
            "dev.switchboard.server..",
            "dev.switchboard.console..",
            "dev.switchboard.app..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void consoleNeverReachesIntoApp() {
    noClasses()
        .that()
        .resideInAPackage("dev.switchboard.console..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.switchboard.app..", "dev.switchboard.sip..")
        .check(classes);
  }
}
