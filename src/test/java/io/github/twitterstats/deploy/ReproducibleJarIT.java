package io.github.twitterstats.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * target/twitter-stats.jar depends on the code and its dependencies only, never on when or where it
 * was built: the Deploy stage publishes a new Lambda version (42 MB of code storage, kept forever)
 * whenever the jar's bytes change (issue 9, finding 13). Every entry the project itself contributes
 * carries the pom's project.build.outputTimestamp, not the build's time, and the jar holds no copy
 * of the pom. (Two builds compared byte for byte: the note of the commit that added this test.)
 */
class ReproducibleJarIT {

    private static final Path JAR = Path.of(System.getProperty("project.jar", "target/twitter-stats.jar"));
    private static final Path CLASSES = Template.projectDirectory().resolve("target/classes");

    @Test
    void everyEntryOfTheProjectCarriesTheFixedOutputTimestamp() throws IOException {
        Instant fixed = Instant.parse(System.getProperty("project.build.outputTimestamp"));
        List<String> projectEntries = projectEntries();
        List<String> wrong = new ArrayList<>();
        List<String> descriptors;

        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (String name : projectEntries) {
                ZipEntry entry = jar.getEntry(name);
                assertThat(entry).as(name).isNotNull();
                if (!entry.getLastModifiedTime().toInstant().equals(fixed)) {
                    wrong.add(name + " " + entry.getLastModifiedTime());
                }
            }
            if (!jar.getEntry("META-INF/MANIFEST.MF").getLastModifiedTime().toInstant().equals(fixed)) {
                wrong.add("META-INF/MANIFEST.MF " + jar.getEntry("META-INF/MANIFEST.MF").getLastModifiedTime());
            }
            descriptors = Collections.list(jar.entries()).stream().map(ZipEntry::getName)
                    .filter(entry -> entry.startsWith("META-INF/maven/io.github.twitterstats/")).toList();
        }

        assertThat(projectEntries).isNotEmpty();
        assertThat(wrong).as("entries stamped with the build's time, not %s", fixed).isEmpty();
        assertThat(descriptors).as("the project's pom.xml and pom.properties (they change with the build, not the code)")
                .isEmpty();
    }

    /** The files of target/classes: what the project, not a dependency, puts in the jar. */
    private static List<String> projectEntries() throws IOException {
        try (Stream<Path> files = Files.walk(CLASSES)) {
            return files.filter(Files::isRegularFile).map(file -> CLASSES.relativize(file).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }
}
