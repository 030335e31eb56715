package dev.scimgateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package rules of design.md, enforced. */
class ArchitectureTest {

    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.scimgateway");

    /** The SCIM language alone: the protocol and schema packages, without what uses them. */
    private static final JavaClasses SCIM_CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.scimgateway.scim.protocol", "dev.scimgateway.scim.schema");

    @Test
    void protocolAndSchemaArePureJava() {
        noClasses().that().resideInAnyPackage("..scim.protocol..", "..scim.schema..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "reactor..", "io.r2dbc..")
                .because("the SCIM language is pure: no Spring, no Reactor, no I/O")
                .check(GATEWAY);
    }

    @Test
    void featuresNeverReachIntoStorage() {
        noClasses().that().resideOutsideOfPackages("..storage..", "..config..")
                .should().dependOnClassesThat().resideInAPackage("..storage..")
                .because("features talk to their store ports; only configuration wires the adapters")
                .check(GATEWAY);
    }

    @Test
    void nothingImportsConfiguration() {
        noClasses().that().resideOutsideOfPackage("..config..")
                .should().dependOnClassesThat().resideInAPackage("..config..")
                .check(GATEWAY);
    }

    @Test
    void protocolDoesNotDependOnOuterLayers() {
        noClasses().that().resideInAPackage("..scim.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("..scim.schema..", "..scim.web..", "..users..",
                        "..groups..", "..tenancy..", "..storage..")
                .check(GATEWAY);
    }

    @Test
    void protocolAndSchemaPackagesFormNoCycle() {
        slices().matching("dev.scimgateway.(**)").should().beFreeOfCycles()
                .because("a package that is part of a cycle can be neither understood nor changed alone")
                .check(SCIM_CORE);
    }

    @Test
    void theProtocolCoreKnowsNoClientQuirk() {
        noClasses().that().resideInAnyPackage("..scim.protocol..", "..scim.schema..")
                .and().resideOutsideOfPackage("..scim.protocol.compat..")
                .should().dependOnClassesThat().resideInAPackage("..compat..")
                .because("client quirks are rewritten into strict RFC form at the edge, before the core reads a request")
                .check(GATEWAY);
    }
}
