package dev.sluice.dist.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The dependency rules of ARCHITECTURE.md, checked on the compiled main code of every module: modules depend on
 * each other one way (the life of a job, from the API down to the shuffle), packages have no cycles, and a few
 * seams stay narrow. A new edge that breaks a rule fails this test with the offending classes named; change the
 * rule only together with ARCHITECTURE.md.
 */
class ArchitectureTest {
    /** The API module's packages: what programs compile against, plus the lineage nodes and the SPI. */
    private static final String[] API = {"dev.sluice", "dev.sluice.config..", "dev.sluice.function..", "dev.sluice.io..",
            "dev.sluice.lineage..", "dev.sluice.partition..", "dev.sluice.plan..", "dev.sluice.serial..",
            "dev.sluice.spi..", "dev.sluice.storage.."};

    private static final JavaClasses MAIN_CODE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sluice");

    /** Guards the rules below against passing on nothing: every module's main code was imported. */
    @Test
    void everyModulesMainCodeIsChecked() {
        assertThat(MAIN_CODE.stream().map(JavaClass::getPackageName).map(p -> p.split("\\.")).map(p -> p.length > 2 ? p[2] : "")
                .distinct()).contains("", "common", "lineage", "spi", "planner", "network", "shuffle", "executor", "driver", "deploy",
                "notebook", "examples", "bench");
    }

    @Test
    void modulesDependOnEachOtherOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("common").definedBy("dev.sluice.common..")
                .layer("api").definedBy(API)
                .layer("planner").definedBy("dev.sluice.planner..")
                .layer("network").definedBy("dev.sluice.network..")
                .layer("shuffle").definedBy("dev.sluice.shuffle..")
                .layer("executor").definedBy("dev.sluice.executor..")
                .layer("driver").definedBy("dev.sluice.driver..")
                .layer("cluster-manager").definedBy("dev.sluice.deploy..")
                .layer("notebooks").definedBy("dev.sluice.notebook..")
                .layer("examples").definedBy("dev.sluice.examples..")
                .layer("bench").definedBy("dev.sluice.bench..")
                .whereLayer("bench").mayNotBeAccessedByAnyLayer()
                .whereLayer("examples").mayNotBeAccessedByAnyLayer()
                .whereLayer("notebooks").mayNotBeAccessedByAnyLayer()
                .whereLayer("cluster-manager").mayOnlyBeAccessedByLayers("bench")
                .whereLayer("driver").mayOnlyBeAccessedByLayers("cluster-manager", "notebooks", "bench")
                .whereLayer("executor").mayOnlyBeAccessedByLayers("driver", "cluster-manager", "bench")
                .whereLayer("planner").mayOnlyBeAccessedByLayers("driver", "bench")
                .whereLayer("shuffle").mayOnlyBeAccessedByLayers("executor", "driver", "cluster-manager", "bench")
                .whereLayer("network").mayOnlyBeAccessedByLayers("shuffle", "executor", "driver", "cluster-manager",
                        "notebooks", "bench")
                .whereLayer("api").mayOnlyBeAccessedByLayers("planner", "executor", "driver", "cluster-manager",
                        "notebooks", "examples", "bench")
                .check(MAIN_CODE);
    }

    /**
     * No two packages depend on each other, directly or around a loop. The one allowance: lineage nodes produce
     * {@link dev.sluice.Pair}, the API's value type, which lives in the root package beside {@code Dataset}.
     */
    @Test
    void packagesHaveNoCycles() {
        slices().assignedFrom(EACH_PACKAGE).should().beFreeOfCycles()
                .ignoreDependency(alwaysTrue(), belongToAnyOf(dev.sluice.Pair.class))
                .check(MAIN_CODE);
    }

    /** The runtime sees a program's lineage only through the SPI's nodes, never the node classes or datasets. */
    @Test
    void theRuntimeSeesLineageOnlyThroughTheSpi() {
        noClasses().that().resideInAnyPackage("dev.sluice.planner..", "dev.sluice.executor..", "dev.sluice.driver..",
                        "dev.sluice.deploy..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.lineage..")
                .orShould().dependOnClassesThat(belongToAnyOf(dev.sluice.Dataset.class, dev.sluice.PairDataset.class))
                .check(MAIN_CODE);
    }

    /** The SPI is the seam between API and runtime: it knows nothing of datasets or of how lineage is built. */
    @Test
    void theSpiDependsOnNeitherDatasetsNorLineage() {
        noClasses().that().resideInAnyPackage("dev.sluice.spi..", "dev.sluice.plan..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice", "dev.sluice.lineage..")
                .check(MAIN_CODE);
    }

    /** Planning is a pure function of the lineage: the planner knows no scheduler, executor, shuffle or network. */
    @Test
    void thePlannerDependsOnlyOnTheSpiSideOfTheApi() {
        noClasses().that().resideInAPackage("dev.sluice.planner..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice", "dev.sluice.lineage..",
                        "dev.sluice.shuffle..", "dev.sluice.network..", "dev.sluice.executor..", "dev.sluice.driver..")
                .check(MAIN_CODE);
    }

    /** Backends plug into the scheduler; the scheduler never knows which one runs its tasks. */
    @Test
    void theSchedulerDoesNotKnowItsBackends() {
        noClasses().that().resideInAPackage("dev.sluice.driver.scheduler..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.driver.local..", "dev.sluice.driver.cluster..")
                .check(MAIN_CODE);
    }

    /** Running a task does not depend on where the executor runs (this JVM or an executor process). */
    @Test
    void tasksDoNotKnowTheExecutorProcess() {
        noClasses().that().resideInAnyPackage("dev.sluice.executor.task..", "dev.sluice.executor.storage..",
                        "dev.sluice.executor.memory..", "dev.sluice.executor.protocol..")
                .should().dependOnClassesThat().resideInAPackage("dev.sluice.executor.cluster..")
                .check(MAIN_CODE);
    }

    /** Every package says what it holds and what it may depend on, in a {@code package-info.java}. */
    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        Path root = Path.of(System.getProperty("user.dir")).getParent(); // dist's parent: the checkout
        List<Path> missing;
        try (Stream<Path> files = Files.walk(root)) {
            missing = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> f.toString().contains("/src/main/java/"))
                    .map(Path::getParent).distinct()
                    .filter(dir -> !Files.exists(dir.resolve("package-info.java")))
                    .map(root::relativize).sorted().toList();
        }
        assertThat(missing).as("packages without a package-info.java").isEmpty();
    }

    /** Each package is its own slice, so that a cycle between any two packages is found. */
    private static final SliceAssignment EACH_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            return SliceIdentifier.of(javaClass.getPackageName());
        }

        @Override
        public String getDescription() {
            return "each package of dev.sluice";
        }
    };
}
