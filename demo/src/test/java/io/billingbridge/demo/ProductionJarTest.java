package io.billingbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production jar, as the server module built it, carries none of what only the demo needs. */
class ProductionJarTest {

    static List<String> sandboxEntries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(ZipEntry::getName)
                    .filter(name -> name.startsWith("io/billingbridge/sandbox/") || name.startsWith("io/billingbridge/demo/")
                            || name.startsWith("io/zonky/") || name.startsWith("demo/")
                            || name.matches("postgres-.*\\.txz"))
                    .toList();
        }
    }

    @Test
    void productionJarHasNoSandboxNoEmbeddedPostgresAndNoDemoPage() throws IOException {
        Path jar = Path.of(System.getProperty("productionJar", "../server/target/billing-bridge.jar"));
        assertThat(jar).as("the server module's jar; build it with mvn package").exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getEntry("io/billingbridge/server/BillingBridgeApplication.class")).isNotNull();
            assertThat(file.getEntry("client/billing-bridge.js")).isNotNull();
        }
        assertThat(sandboxEntries(jar)).isEmpty();
    }

    @Test
    void theCheckFindsSandboxEntriesWhereTheyAre(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("with-sandbox.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : List.of("io/billingbridge/sandbox/DemoSandbox.class",
                    "io/zonky/test/db/postgres/embedded/EmbeddedPostgres.class", "postgres-linux-x86_64.txz",
                    "demo/index.html", "client/billing-bridge.js")) {
                out.putNextEntry(new ZipEntry(name));
                out.closeEntry();
            }
        }
        assertThat(sandboxEntries(jar)).containsExactly("io/billingbridge/sandbox/DemoSandbox.class",
                "io/zonky/test/db/postgres/embedded/EmbeddedPostgres.class", "postgres-linux-x86_64.txz", "demo/index.html");
    }
}
