package io.billingbridge.console.connect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the console remembers between runs: the server URL in {@link Preferences}, and the admin token only when the
 * user asks, in a file only its owner can read ({@code 0600}) in a directory only its owner can open ({@code 0700}).
 *
 * <p>The token file is written to a temporary file created with those permissions and then moved into place, so it
 * is never readable by others, not even for a moment. On a file system without POSIX permissions the token is not
 * stored at all.
 */
public final class StoredConnection {
    static final String URL_KEY = "serverUrl";
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final Preferences preferences;
    private final Path tokenFile;

    public StoredConnection(Preferences preferences, Path tokenFile) {
        this.preferences = preferences;
        this.tokenFile = tokenFile;
    }

    /** The current user's: preferences under this package's node, the token in {@link #defaultTokenFile()}. */
    public static StoredConnection forCurrentUser() {
        return new StoredConnection(Preferences.userNodeForPackage(StoredConnection.class), defaultTokenFile());
    }

    /**
     * {@code billing-bridge-console/admin-token} in the user's configuration directory: {@code $XDG_CONFIG_HOME} or
     * {@code ~/.config} on Linux, {@code ~/Library/Application Support} on macOS, {@code %APPDATA%} on Windows.
     */
    public static Path defaultTokenFile() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        Path config;
        String xdg = System.getenv("XDG_CONFIG_HOME");
        String appData = System.getenv("APPDATA");
        if (os.contains("win") && appData != null) {
            config = Path.of(appData);
        } else if (os.contains("mac")) {
            config = home.resolve("Library").resolve("Application Support");
        } else if (xdg != null && Path.of(xdg).isAbsolute()) {
            config = Path.of(xdg);
        } else {
            config = home.resolve(".config");
        }
        return config.resolve("billing-bridge-console").resolve("admin-token");
    }

    /** Where the token is kept when the user asks. */
    public Path tokenFile() {
        return tokenFile;
    }

    /** The server URL of the last successful connect. */
    public Optional<String> url() {
        return Optional.ofNullable(preferences.get(URL_KEY, null)).filter(url -> !url.isBlank());
    }

    /** Remembers the server URL. */
    public void rememberUrl(String url) throws IOException {
        preferences.put(URL_KEY, url);
        try {
            preferences.flush();
        } catch (BackingStoreException e) {
            throw new IOException("the preferences store did not save the URL", e);
        }
    }

    /** The remembered token, if the user asked to remember one. */
    public Optional<String> token() throws IOException {
        if (!Files.isRegularFile(tokenFile)) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(tokenFile, StandardCharsets.UTF_8).trim()).filter(t -> !t.isEmpty());
    }

    /** Stores the token in the owner-only file, replacing any earlier one. */
    public void rememberToken(String token) throws IOException {
        Path directory = tokenFile.toAbsolutePath().getParent();
        if (Files.getFileAttributeView(directory.getRoot(), PosixFileAttributeView.class) == null) {
            throw new IOException("this file system cannot keep the token readable by its owner only,"
                    + " so it is not stored");
        }
        try {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
        } catch (FileAlreadyExistsException notADirectory) {
            throw new IOException(directory + " exists and is not a directory", notADirectory);
        }
        Files.setPosixFilePermissions(directory, OWNER_DIRECTORY);
        Path temporary = Files.createTempFile(directory, ".admin-token", ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_FILE));
        try {
            Files.writeString(temporary, token + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, tokenFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Deletes the stored token, if any. */
    public void forgetToken() throws IOException {
        Files.deleteIfExists(tokenFile);
    }
}
