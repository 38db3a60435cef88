package dev.switchboard.media;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The media module stands alone: it uses the JDK and itself, nothing else of Switchboard (not even
 * {@code sip}) and no library, so the user agent and the services can build on it freely.
 */
class ModuleBoundaryTest {

  @Test
  void mediaUsesOnlyTheJdkAndItself() {
    JavaClasses media =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.switchboard.media");
    classes()
        .that()
        .resideInAPackage("dev.switchboard.media..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("dev.switchboard.media..", "java..")
        .check(media);
  }
}
