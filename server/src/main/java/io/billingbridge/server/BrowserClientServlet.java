package io.billingbridge.server;

import io.dropwizard.servlets.assets.AssetServlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves the browser client's files under {@code /client/}, and answers a missing one through Jetty's error handling
 * (our JSON error shape with a {@code Request-Id}) instead of an empty 404.
 *
 * <p>Dropwizard's {@link AssetServlet} answers a file it cannot find by resetting the response and setting the
 * status (its lookup throws, and the catch calls {@code setStatus(404)}, not {@code sendError}); a bare status never
 * reaches the error handler. Here an error status set by the servlet becomes a {@code sendError}.
 */
final class BrowserClientServlet extends AssetServlet {
    private static final long serialVersionUID = 1L;

    BrowserClientServlet() {
        super("/client", "/client/", null, StandardCharsets.UTF_8);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        super.doGet(request, new ErrorStatusIsAnError(response));
    }

    /** Turns {@code setStatus} with an error status into {@code sendError}, so the error handler renders it. */
    private static final class ErrorStatusIsAnError extends HttpServletResponseWrapper {
        ErrorStatusIsAnError(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int status) {
            if (status < 400 || isCommitted()) {
                super.setStatus(status);
                return;
            }
            try {
                sendError(status);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
