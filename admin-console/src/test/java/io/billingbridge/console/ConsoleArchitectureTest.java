package io.billingbridge.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The console's MVVM and service boundaries, as the build enforces them. */
@AnalyzeClasses(packages = "io.billingbridge.console", importOptions = ImportOption.DoNotIncludeTests.class)
class ConsoleArchitectureTest {

    @ArchTest
    static final ArchRule viewModelsHoldNoControls = noClasses().that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
            .because("a ViewModel is plain state and calls, tested without a stage; its View builds the controls");

    @ArchTest
    static final ArchRule onlyTheServiceKnowsHttpOrJson = noClasses().that()
            .resideOutsideOfPackage("io.billingbridge.console.service..")
            .should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "com.fasterxml.jackson..")
            .because("screens talk to the AdminApi interface, never to HTTP or JSON");

    @ArchTest
    static final ArchRule onlyTheHttpClientSendsRequests = noClasses().that()
            .resideInAPackage("io.billingbridge.console.service..")
            .and().haveNameNotMatching(".*\\.HttpAdminApi(\\$.*)?")
            .should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "com.fasterxml.jackson.core..",
                    "com.fasterxml.jackson.databind..")
            .because("HttpAdminApi is the one class that knows URLs, HTTP and JSON parsing; records carry at most"
                    + " a Jackson annotation");

    @ArchTest
    static final ArchRule servicesKnowNoScreens = noClasses().that().resideInAPackage("..console.service..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.billingbridge.console.common..",
                    "io.billingbridge.console.connect..", "io.billingbridge.console.overview..",
                    "io.billingbridge.console.search..", "io.billingbridge.console.account..",
                    "io.billingbridge.console.main..")
            .because("the admin API client is usable without JavaFX and knows nothing of the screens");

    @ArchTest
    static final ArchRule screensDoNotReachIntoEachOther = noClasses().that().resideInAnyPackage(
            "..console.connect..", "..console.overview..", "..console.search..", "..console.account..")
            .should().dependOnClassesThat().resideInAPackage("..console.main..")
            .because("screens navigate through the Navigation interface; only main wires them together");
}
