package io.billingbridge.console.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.console.FakeAdminApi;
import io.billingbridge.console.ManualExecutor;
import io.billingbridge.console.common.Session;
import io.billingbridge.console.service.AdminApiException;
import io.billingbridge.console.service.AdminApiFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectViewModelTest {
    @TempDir
    Path config;

    private final FakeAdminApi api = new FakeAdminApi();
    private final ManualExecutor executor = new ManualExecutor();
    private final List<Session> sessions = new ArrayList<>();
    private final List<String> opened = new ArrayList<>();
    private Preferences preferences;
    private StoredConnection stored;

    @BeforeEach
    void storeInTemporaryPlaces() {
        preferences = Preferences.userRoot().node("io/billingbridge/console/test/" + UUID.randomUUID());
        stored = new StoredConnection(preferences, config.resolve("billing-bridge-console").resolve("admin-token"));
    }

    @AfterEach
    void removePreferences() throws Exception {
        preferences.removeNode();
    }

    private ConnectViewModel viewModel() {
        AdminApiFactory factory = (url, token) -> {
            opened.add(url + " " + token);
            return api;
        };
        return new ConnectViewModel(factory, stored, executor, sessions::add);
    }

    @Test
    void connectsWithAGoodTokenAndRemembersTheUrlButNotTheToken() throws Exception {
        ConnectViewModel connect = viewModel();
        connect.urlProperty().set("http://billing.internal:8080");
        connect.tokenProperty().set("bbadm_secret");

        connect.connect();
        assertThat(api.calls()).as("the check waits for the background executor").isEmpty();
        assertThat(connect.busyProperty().get()).isTrue();
        executor.runAll();

        assertThat(api.calls()).containsExactly("me");
        assertThat(sessions).singleElement().satisfies(session -> {
            assertThat(session.me().name()).isEqualTo("support-alice");
            assertThat(session.serverUrl()).isEqualTo(URI.create("http://billing.internal:8080"));
            assertThat(session.toString()).doesNotContain("bbadm_secret");
        });
        assertThat(opened).containsExactly("http://billing.internal:8080 bbadm_secret");
        assertThat(stored.url()).contains("http://billing.internal:8080");
        assertThat(stored.token()).isEmpty();
        assertThat(viewModel().urlProperty().get()).isEqualTo("http://billing.internal:8080");
    }

    @Test
    void remembersTheTokenOnlyWhenAskedInAFileOnlyItsOwnerCanRead() throws Exception {
        ConnectViewModel connect = viewModel();
        connect.tokenProperty().set("bbadm_secret");
        connect.rememberProperty().set(true);

        connect.connect();
        executor.runAll();

        Path file = stored.tokenFile();
        assertThat(Files.readString(file)).isEqualTo("bbadm_secret\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        ConnectViewModel nextRun = viewModel();
        assertThat(nextRun.tokenProperty().get()).isEqualTo("bbadm_secret");
        assertThat(nextRun.rememberProperty().get()).isTrue();

        nextRun.rememberProperty().set(false);
        nextRun.connect();
        executor.runAll();
        assertThat(file).doesNotExist();
    }

    @Test
    void aRefusedTokenStaysOnTheConnectScreenWithTheServersMessageAndRequestId() {
        api.failNext("me", new AdminApiException(401, "admin_token_invalid", "The admin token is not valid.",
                "req_401abc"));
        ConnectViewModel connect = viewModel();
        connect.tokenProperty().set("bbadm_wrong");

        connect.connect();
        executor.runAll();

        assertThat(sessions).isEmpty();
        assertThat(connect.errorProperty().get())
                .isEqualTo("The server refused this token: The admin token is not valid. (Request-Id: req_401abc)");
        assertThat(connect.busyProperty().get()).isFalse();
        assertThat(stored.url()).isEmpty();
    }

    @Test
    void anUnreachableServerIsExplainedWithoutAStackTrace() {
        api.failNext("me", new AdminApiException(AdminApiException.NO_RESPONSE, "unreachable",
                "Cannot reach the server at http://127.0.0.1:1 (is it running, and is the URL right?).", null));
        ConnectViewModel connect = viewModel();
        connect.urlProperty().set("http://127.0.0.1:1");
        connect.tokenProperty().set("bbadm_x");

        connect.connect();
        executor.runAll();

        assertThat(sessions).isEmpty();
        assertThat(connect.errorProperty().get()).startsWith("Cannot reach the server at http://127.0.0.1:1")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void cannotConnectWithoutATokenOrWithAUrlThatIsNotOne() {
        ConnectViewModel connect = viewModel();
        assertThat(connect.canConnectProperty().get()).isFalse();

        connect.tokenProperty().set("bbadm_x");
        connect.urlProperty().set("not a url");
        connect.connect();

        assertThat(executor.pending()).isZero();
        assertThat(connect.errorProperty().get()).contains("http://host:port");
    }

    @Test
    void aSignOutReasonIsShown() {
        ConnectViewModel connect = viewModel();
        connect.signedOut("The admin token is not valid. (Request-Id: req_1)");
        assertThat(connect.errorProperty().get()).isEqualTo("The admin token is not valid. (Request-Id: req_1)");
    }
}
