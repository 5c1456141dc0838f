package io.billingbridge.console.overview;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.console.FakeAdminApi;
import io.billingbridge.console.ManualExecutor;
import io.billingbridge.console.RecordingNavigation;
import io.billingbridge.console.common.Session;
import io.billingbridge.console.service.AdminApiException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class OverviewViewModelTest {
    private final FakeAdminApi api = new FakeAdminApi();
    private final ManualExecutor executor = new ManualExecutor();
    private final RecordingNavigation navigation = new RecordingNavigation();

    private OverviewViewModel overview() throws AdminApiException {
        Session session = new Session(api, URI.create("http://127.0.0.1:8080"), api.me());
        OverviewViewModel overview = new OverviewViewModel(session, executor, navigation);
        overview.refresh();
        executor.runAll();
        return overview;
    }

    @Test
    void showsTheFiguresAndTheFailedEvents() throws Exception {
        OverviewViewModel overview = overview();

        assertThat(overview.overviewProperty().get().webhookEvents().failed()).isEqualTo(1);
        assertThat(overview.failedEvents()).extracting(e -> e.eventId()).containsExactly("evt_failed_1");
        assertThat(api.calls()).contains("overview", "webhookEvents:failed");
    }

    @Test
    void oneClickRetrySchedulesTheEventAndReloads() throws Exception {
        OverviewViewModel overview = overview();

        overview.retry(overview.failedEvents().get(0));
        executor.runAll();

        assertThat(api.calls()).contains("retry:stripe:evt_failed_1");
        assertThat(overview.failedEvents()).isEmpty();
        assertThat(overview.overviewProperty().get().webhookEvents().failed()).isZero();
        assertThat(overview.noticeProperty().get()).startsWith("Retry of evt_failed_1 scheduled");
    }

    @Test
    void aReadOnlyTokenCannotRetry() throws Exception {
        api.readOnly();
        OverviewViewModel overview = overview();

        overview.retry(overview.failedEvents().get(0));
        executor.runAll();

        assertThat(overview.canWrite()).isFalse();
        assertThat(api.calls()).doesNotContain("retry:stripe:evt_failed_1");
        assertThat(overview.failedEvents()).hasSize(1);
    }

    @Test
    void aScopeRefusalShowsTheServersMessageAndRequestId() throws Exception {
        OverviewViewModel overview = overview();
        api.failNext("retry", new AdminApiException(403, "admin_scope_required",
                "This action needs an admin token with the write scope.", "req_403q"));

        overview.retry(overview.failedEvents().get(0));
        executor.runAll();

        assertThat(overview.errorProperty().get())
                .isEqualTo("This action needs an admin token with the write scope. (Request-Id: req_403q)");
        assertThat(navigation.visits).isEmpty();
    }
}
