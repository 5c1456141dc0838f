package io.billingbridge.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies over a limit with 413, whether or not they declare a length.
 *
 * <p>A request refused before its body was read (401, 403, 405, ...) has the part of its body that has already
 * arrived read and discarded, without waiting for more: a client trickling a large body must not hold a thread.
 * When the whole body was drained the keep-alive connection stays usable; otherwise (the rest has not arrived,
 * 413, or a read error) the answer says {@code Connection: close}, so the client is told rather than finding the
 * connection closed under its next request.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 50)
public final class BodyLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String BODY = "billingbridge.body";
    private final long limit;

    public BodyLimitFilter(long limit) {
        this.limit = limit;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > limit) {
            throw new PayloadTooLarge(limit);
        }
        Limited body = new Limited(request.getEntityStream(), limit);
        request.setProperty(BODY, body);
        request.setEntityStream(body);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 413) {
            response.getHeaders().putSingle("Connection", "close");
            return;
        }
        boolean bodySent = request.getLength() > 0 || request.getHeaderString("Transfer-Encoding") != null;
        if (!bodySent || !(request.getProperty(BODY) instanceof Limited body) || body.done) {
            return;
        }
        if (!body.drainArrived(request.getLength())) {
            response.getHeaders().putSingle("Connection", "close");
        }
    }

    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long read;
        /** Read to the end, or closed by whoever read it: nothing left to drain. */
        private boolean done;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            } else {
                done = true;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            } else if (n < 0) {
                done = true;
            }
            return n;
        }

        /**
         * Reads and discards what has already arrived, without waiting for more; true when that was the whole
         * declared body, so the connection can take the next request.
         */
        boolean drainArrived(long declaredLength) {
            byte[] buffer = new byte[8192];
            try {
                int available;
                while (!done && read < declaredLength && (available = available()) > 0) {
                    read(buffer, 0, Math.min(available, buffer.length));
                }
            } catch (IOException | RuntimeException e) {
                return false;
            }
            return done || (declaredLength >= 0 && read >= declaredLength);
        }

        @Override
        public void close() throws IOException {
            done = true;
            super.close();
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new PayloadTooLarge(limit);
            }
        }
    }
}
