package dev.scimgateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package rules of design.md, enforced. */
class ArchitectureTest {

    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.scimgateway");

    /** The SCIM language alone: the protocol and schema packages, without what uses them. */

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
        // The gateway's own configuration package: libraries have packages named config too (Spring Security's).
        noClasses().that().resideOutsideOfPackage("dev.scimgateway.config..")
                .should().dependOnClassesThat().resideInAPackage("dev.scimgateway.config..")
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
    void onlyStorageTouchesTheDatabase() {
        noClasses().that().resideOutsideOfPackages("..storage..", "..config..")
                .should().dependOnClassesThat().resideInAnyPackage("io.r2dbc..", "org.springframework.r2dbc..",
                        "java.sql..", "org.postgresql..", "org.flywaydb..", "io.zonky..")
                .because("SQL and R2DBC live in the storage adapters; configuration only hands them their pool")
                .check(GATEWAY);
    }

    @Test
    void metersAreRegisteredOnceNotPerRequest() {
        classes().that().resideOutsideOfPackage("..observability..")
                .should(registerMetersOnlyAtConstruction())
                .because("registering a meter builds its id and searches the registry: work for construction time,"
                        + " or for observability.MetersByTag, which registers each tag set once")
                .check(GATEWAY);
    }

    @Test
    void theMeterRuleSeesARegistrationPerCall() {
        JavaClasses fixture = new ClassFileImporter().importClasses(MeterPerCall.class);
        org.assertj.core.api.Assertions.assertThat(classes().should(registerMetersOnlyAtConstruction())
                .evaluate(fixture).hasViolation()).isTrue();
    }

    /** What the rule is there to catch: a counter registered on every call. */
    static final class MeterPerCall {
        void count(io.micrometer.core.instrument.MeterRegistry meters) {
            io.micrometer.core.instrument.Counter.builder("per.call").register(meters).increment();
        }
    }

    /** A call to a Micrometer builder's register() from anything but a constructor or a lambda made in one. */
    private static ArchCondition<JavaClass> registerMetersOnlyAtConstruction() {
        return new ArchCondition<>("register Micrometer meters only at construction") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                for (JavaMethodCall call : javaClass.getMethodCallsFromSelf()) {
                    String owner = call.getTargetOwner().getName();
                    boolean registers = call.getName().equals("register")
                            && owner.startsWith("io.micrometer.core.instrument.") && owner.endsWith("$Builder");
                    String caller = call.getOrigin().getName();
                    boolean atConstruction = caller.equals("<init>") || caller.startsWith("lambda$new$");
                    if (registers && !atConstruction) {
                        events.add(SimpleConditionEvent.violated(call, call.getDescription()));
                    }
                }
            }
        };
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("dev.scimgateway.(**)").should().beFreeOfCycles()
                .because("a package that is part of a cycle can be neither understood nor changed alone")
                .check(GATEWAY);
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
