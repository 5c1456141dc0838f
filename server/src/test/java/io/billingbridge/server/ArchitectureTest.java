package io.billingbridge.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rule of docs/architecture.md: dependencies point inward, and core knows no framework. */
class ArchitectureTest {
    private static final String[] ADAPTERS = {"io.billingbridge.db..", "io.billingbridge.stripe..",
            "io.billingbridge.clerk..", "io.billingbridge.http.."};
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.billingbridge");
    }

    static ArchRule coreKnowsOnlyTheJdkAndSlf4j(String corePackage) {
        return classes().that().resideInAPackage(corePackage + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.slf4j..", corePackage + "..")
                .because("core is the domain and its ports: no framework, no I/O library (docs/architecture.md)");
    }

    @Test
    void coreDependsOnTheJdkAndSlf4jOnly() {
        coreKnowsOnlyTheJdkAndSlf4j("io.billingbridge.core").check(production);
    }

    @Test
    void adaptersNeverDependOnEachOther() {
        for (String adapter : ADAPTERS) {
            String[] others = java.util.Arrays.stream(ADAPTERS).filter(a -> !a.equals(adapter)).toArray(String[]::new);
            noClasses().that().resideInAPackage(adapter)
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .orShould().dependOnClassesThat().resideInAnyPackage("io.billingbridge.server..",
                            "io.billingbridge.sandbox..", "io.billingbridge.console..")
                    .because("adapters meet only in server, which wires them (docs/architecture.md)")
                    .allowEmptyShould(true)
                    .check(production);
        }
    }

    @Test
    void sandboxAndConsoleStandAlone() {
        noClasses().that().resideInAnyPackage("io.billingbridge.sandbox..", "io.billingbridge.console..")
                .should().dependOnClassesThat().resideInAnyPackage("io.billingbridge.core..", "io.billingbridge.db..",
                        "io.billingbridge.stripe..", "io.billingbridge.clerk..", "io.billingbridge.http..",
                        "io.billingbridge.server..")
                .because("the sandbox stands in for Stripe and Clerk, and the console talks HTTP only (docs/architecture.md)")
                .check(production);
    }

    static ArchRule productionCodeKnowsNoSandbox(String serverPackage) {
        return noClasses().that().resideInAPackage(serverPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage("io.billingbridge.sandbox..", "io.billingbridge.demo..",
                        "io.zonky..")
                .because("the production jar carries no Stripe emulator, Clerk dev instance or embedded PostgreSQL;"
                        + " the demo module adds them");
    }

    @Test
    void serverKnowsNoSandboxAndNoEmbeddedPostgres() {
        productionCodeKnowsNoSandbox("io.billingbridge.server").check(production);
    }

    @Test
    void theSandboxRuleCatchesASandboxImport() {
        JavaClasses offender = new ClassFileImporter().importClasses(archfixture.server.ServerClassUsingSandbox.class);
        assertThatThrownBy(() -> productionCodeKnowsNoSandbox("archfixture.server").check(offender))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("io.billingbridge.sandbox");
    }

    @Test
    void theCoreRuleCatchesAFrameworkImport() {
        JavaClasses offender = new ClassFileImporter().importClasses(archfixture.core.CoreClassUsingDropwizard.class);
        assertThatThrownBy(() -> coreKnowsOnlyTheJdkAndSlf4j("archfixture.core").check(offender))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("io.dropwizard");
    }
}
