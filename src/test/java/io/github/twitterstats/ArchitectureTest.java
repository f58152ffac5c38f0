package io.github.twitterstats;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule, on the compiled production classes: the core (domain, application, port) knows no adapter,
 * no wiring and no vendor SDK; vendor adapters do not use each other (their shared pieces are the spool's file format,
 * format/, and the JDK HttpURLConnection exchange and the GET with its one retry policy, http/, which themselves use no vendor adapter and no
 * vendor SDK); entry points reach the outbound adapters only through the wiring.
 */
class ArchitectureTest {

    private static final String[] VENDOR_SDKS = {"com.amazonaws..", "software.amazon..", "twitter4j..",
            "com.datadog..", "org.glassfish..", "jakarta.ws.."};

    private static final String[] SHARED_ADAPTER_PIECES = {"..adapter.out.format..", "..adapter.out.http.."};

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.twitterstats");

    @Test
    void theCoreImportsNoAdapterNoWiringAndNoVendorSdk() {
        noClasses().that().resideInAnyPackage("..domain..", "..application..", "..port..")
                .should().dependOnClassesThat().resideInAnyPackage("..adapter..", "..wiring..", "..config..")
                .check(PRODUCTION);
        noClasses().that().resideInAnyPackage("..domain..", "..application..", "..port..")
                .should().dependOnClassesThat().resideInAnyPackage(VENDOR_SDKS)
                .check(PRODUCTION);
    }

    @Test
    void outboundAdaptersDoNotUseEachOther() {
        slices().matching("io.github.twitterstats.adapter.out.(*)..")
                .should().notDependOnEachOther()
                .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(SHARED_ADAPTER_PIECES))
                .check(PRODUCTION);
    }

    @Test
    void theSharedAdapterPiecesUseNoVendorAdapterAndNoVendorSdk() {
        noClasses().that().resideInAnyPackage(SHARED_ADAPTER_PIECES)
                .should().dependOnClassesThat().resideInAnyPackage("..adapter.out.x..", "..adapter.out.datadog..",
                        "..adapter.out.aws..", "..adapter.out.local..", "..adapter.out.log..", "..adapter.out.bluesky..",
                        "..adapter.out.mastodon..", "..wiring..", "..config..")
                .check(PRODUCTION);
        noClasses().that().resideInAnyPackage(SHARED_ADAPTER_PIECES)
                .should().dependOnClassesThat().resideInAnyPackage(VENDOR_SDKS)
                .check(PRODUCTION);
    }

    @Test
    void entryPointsUseTheWiringNotTheOutboundAdapters() {
        noClasses().that().resideInAPackage("..adapter.in..")
                .should().dependOnClassesThat().resideInAPackage("..adapter.out..")
                .check(PRODUCTION);
    }

    @Test
    void configurationKnowsNoAdapter() {
        noClasses().that().resideInAPackage("..config..")
                .should().dependOnClassesThat().resideInAnyPackage("..adapter..", "..wiring..")
                .check(PRODUCTION);
    }
}
