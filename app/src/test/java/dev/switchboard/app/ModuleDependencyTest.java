package dev.switchboard.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the module arrows one-way (app → console → ops/server → store/sip/media), and the arrows
 * inside the modules that Maven cannot see: the SIP stack's layers (message ← transport ←
 * transaction ← the transaction users in {@code server}), and which business department may use
 * which.
 */
class ModuleDependencyTest {

  private static final String OPS = "dev.switchboard.ops.";

  /**
   * department → the departments it may call (their Java APIs). {@code customer} is shared by all.
   */
  static final Map<String, List<String>> DEPARTMENT_USES =
      Map.of(
          "customer", List.of(),
          "billing", List.of("customer"),
          "marketing", List.of("customer"),
          "metrics", List.of("customer", "billing"),
          "sales", List.of("customer", "billing", "marketing"),
          "success", List.of("customer"),
          "churn", List.of("customer", "billing", "success"));

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // Other modules' test jars (console's fixtures) are tests too; the rules are for
            // products.
            .withImportOption(location -> !location.contains("-tests.jar"))
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
            "dev.switchboard.demo..",
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
  void demoDataStaysOutOfTheProduct() {
    // Demo data is made outside the product; only the app's `demo` command seeds it.
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.switchboard.ops..", "dev.switchboard.console..", "dev.switchboard.server..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.switchboard.demo..")
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

  @Test
  void theSipStackIsLayered() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("message")
        .definedBy("dev.switchboard.sip.message..")
        .layer("transport")
        .definedBy("dev.switchboard.sip.transport..")
        .layer("transaction")
        .definedBy("dev.switchboard.sip.transaction..")
        .layer("auth")
        .definedBy("dev.switchboard.sip.auth..")
        .layer("sdp")
        .definedBy("dev.switchboard.sip.sdp..")
        .layer("transaction users")
        .definedBy("dev.switchboard.server..", "dev.switchboard.ua..", "dev.switchboard.app..")
        .whereLayer("transaction users")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("transaction")
        .mayOnlyBeAccessedByLayers("transaction users")
        .whereLayer("transport")
        .mayOnlyBeAccessedByLayers("transaction", "transaction users")
        .whereLayer("auth")
        .mayOnlyBeAccessedByLayers("transaction users")
        .whereLayer("sdp")
        .mayOnlyBeAccessedByLayers("transaction users")
        .whereLayer("message")
        .mayOnlyBeAccessedByLayers("transport", "transaction", "auth", "transaction users")
        .check(classes);
  }

  @Test
  void theSipLayersImportNothingAboveThem() {
    noClasses()
        .that()
        .resideInAPackage("dev.switchboard.sip.message..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.switchboard.sip.transport..",
            "dev.switchboard.sip.transaction..",
            "dev.switchboard.sip.auth..",
            "dev.switchboard.sip.sdp..")
        .check(classes);
  }

  @Test
  void departmentsUseOnlyTheDepartmentsTheyAreAllowedTo() {
    for (Map.Entry<String, List<String>> d : DEPARTMENT_USES.entrySet()) {
      List<String> forbidden =
          DEPARTMENT_USES.keySet().stream()
              .filter(other -> !other.equals(d.getKey()) && !d.getValue().contains(other))
              .map(other -> OPS + other + "..")
              .toList();
      noClasses()
          .that()
          .resideInAPackage(OPS + d.getKey() + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(forbidden.toArray(String[]::new))
          .as(d.getKey() + " uses only " + d.getValue())
          .check(classes);
    }
  }

  @Test
  void departmentsFormNoCycle() {
    slices().matching("dev.switchboard.ops.(*)..").should().beFreeOfCycles().check(classes);
  }
}
