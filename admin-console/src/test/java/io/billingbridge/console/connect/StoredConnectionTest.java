package io.billingbridge.console.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredConnectionTest {
    @TempDir
    Path config;

    private final Preferences preferences = Preferences.userRoot()
            .node("io/billingbridge/console/test/" + UUID.randomUUID());

    @AfterEach
    void removePreferences() throws Exception {
        preferences.removeNode();
    }

    @Test
    void aDirectoryOthersCouldOpenIsClosedToThemBeforeTheTokenIsWritten() throws Exception {
        Path directory = Files.createDirectories(config.resolve("billing-bridge-console"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = directory.resolve("admin-token");
        Files.writeString(file, "bbadm_old\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        StoredConnection stored = new StoredConnection(preferences, file);

        stored.rememberToken("bbadm_new");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(stored.token()).contains("bbadm_new");
        try (var left = Files.list(directory)) {
            assertThat(left).as("no temporary file left behind").containsExactly(file);
        }
    }

    @Test
    void nothingIsRememberedAtFirst() throws Exception {
        StoredConnection stored = new StoredConnection(preferences, config.resolve("x").resolve("admin-token"));

        assertThat(stored.url()).isEmpty();
        assertThat(stored.token()).isEmpty();
        stored.forgetToken();
    }

    @Test
    void theDefaultTokenFileIsInTheUsersConfigurationDirectory() {
        assertThat(StoredConnection.defaultTokenFile().toString())
                .endsWith("billing-bridge-console" + java.io.File.separator + "admin-token");
    }
}
