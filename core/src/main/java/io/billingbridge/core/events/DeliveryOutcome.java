package io.billingbridge.core.events;

/** What became of one attempt to post an event to an endpoint. */
public sealed interface DeliveryOutcome {

    /** True when the receiver accepted the event. */
    boolean delivered();

    /** What is recorded: {@code 204}, {@code 500}, {@code timeout}, {@code connect}, ... */
    String describe();

    /** The receiver answered with a 2xx status. */
    record Accepted(int status) implements DeliveryOutcome {
        public Accepted {
            if (status < 200 || status > 299) {
                throw new IllegalArgumentException("accepted is a 2xx status");
            }
        }

        @Override
        public boolean delivered() {
            return true;
        }

        @Override
        public String describe() {
            return Integer.toString(status);
        }
    }

    /** The receiver answered with any other status (redirects are not followed). */
    record Refused(int status) implements DeliveryOutcome {
        public Refused {
            if (status >= 200 && status <= 299) {
                throw new IllegalArgumentException("a 2xx status is accepted");
            }
        }

        @Override
        public boolean delivered() {
            return false;
        }

        @Override
        public String describe() {
            return Integer.toString(status);
        }
    }

    /** No answer within the bound. */
    record TimedOut() implements DeliveryOutcome {
        @Override
        public boolean delivered() {
            return false;
        }

        @Override
        public String describe() {
            return "timeout";
        }
    }

    /**
     * The receiver could not be reached or the connection failed.
     *
     * @param kind a short name such as {@code connect} or {@code io}, never the exception's message
     */
    record Unreachable(String kind) implements DeliveryOutcome {
        public Unreachable {
            if (kind == null || !kind.matches("[a-z_]{1,32}")) {
                throw new IllegalArgumentException("an unreachable kind is a short lower-case word");
            }
        }

        @Override
        public boolean delivered() {
            return false;
        }

        @Override
        public String describe() {
            return kind;
        }
    }
}
