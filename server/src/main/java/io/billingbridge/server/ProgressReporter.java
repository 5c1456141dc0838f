package io.billingbridge.server;

import io.billingbridge.core.account.WalkProgress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Shows an operator command's progress: on a terminal, one line redrawn in place with a bar (when the total is
 * known), done/total, rate per second and time left; elsewhere (a log file, a pipe, a CI job), a plain line every
 * {@code every} or every {@code everyItems} items. Each stage ends with a line of its own.
 */
final class ProgressReporter implements WalkProgress {
    private static final int BAR = 24;
    /** A terminal is redrawn at most this often, so a fast walk does not spend its time drawing. */
    private static final long REDRAW_NANOS = Duration.ofMillis(200).toNanos();

    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier nanos;
    private final long everyNanos;
    private final long everyItems;
    private String stage;
    private OptionalLong total = OptionalLong.empty();
    private long done;
    private long startedAt;
    private long shownAt;
    private long shownDone;
    private int drawnWidth;

    ProgressReporter(PrintStream out, boolean terminal, LongSupplier nanos, Duration every, long everyItems) {
        this.out = Objects.requireNonNull(out, "out");
        this.terminal = terminal;
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        this.everyNanos = every.toNanos();
        this.everyItems = everyItems;
        if (everyNanos <= 0 || everyItems <= 0) {
            throw new IllegalArgumentException("progress is shown after a positive time or number of items");
        }
    }

    /** Progress on standard error, drawn in place when the process runs on a terminal. */
    static ProgressReporter onStandardError() {
        return new ProgressReporter(System.err, System.console() != null, System::nanoTime, Duration.ofSeconds(10),
                1000);
    }

    @Override
    public void stage(String name, OptionalLong stageTotal) {
        endStage();
        stage = Objects.requireNonNull(name, "name");
        total = Objects.requireNonNull(stageTotal, "stageTotal");
        done = 0;
        startedAt = nanos.getAsLong();
        shownAt = startedAt;
        shownDone = 0;
        if (terminal) {
            draw(startedAt);
        }
    }

    @Override
    public void advance(long more) {
        if (stage == null) {
            return;
        }
        done += more;
        long now = nanos.getAsLong();
        if (terminal) {
            if (now - shownAt >= REDRAW_NANOS) {
                draw(now);
            }
        } else if (now - shownAt >= everyNanos || done - shownDone >= everyItems) {
            out.println(line(now));
            shownAt = now;
            shownDone = done;
        }
    }

    @Override
    public void finish() {
        endStage();
    }

    private void endStage() {
        if (stage == null) {
            return;
        }
        long now = nanos.getAsLong();
        String last = stage + ": " + done + " done in " + duration(now - startedAt) + rate(now);
        if (terminal) {
            out.print("\r" + pad(last) + "\n");
        } else {
            out.println(last);
        }
        out.flush();
        stage = null;
        drawnWidth = 0;
    }

    private void draw(long now) {
        out.print("\r" + pad(line(now)));
        out.flush();
        shownAt = now;
        shownDone = done;
    }

    /** Pads over what the previous drawing left on the line. */
    private String pad(String text) {
        String padded = text.length() < drawnWidth ? text + " ".repeat(drawnWidth - text.length()) : text;
        drawnWidth = text.length();
        return padded;
    }

    /** The progress line, without line end. */
    String line(long now) {
        StringBuilder line = new StringBuilder(stage).append(": ");
        if (total.isPresent() && total.getAsLong() > 0) {
            long all = total.getAsLong();
            long shown = Math.min(done, all);
            if (terminal) {
                int filled = (int) (BAR * shown / all);
                line.append('[').append("#".repeat(filled)).append(".".repeat(BAR - filled)).append("] ");
            }
            line.append(done).append('/').append(all).append(" (").append(100 * shown / all).append("%)");
        } else {
            line.append(done).append(" done");
        }
        line.append(rate(now));
        double perSecond = perSecond(now);
        if (total.isPresent() && perSecond > 0 && done < total.getAsLong()) {
            long left = (long) Math.ceil((total.getAsLong() - done) / perSecond);
            line.append(", ETA ").append(duration(Duration.ofSeconds(left).toNanos()));
        }
        return line.toString();
    }

    private String rate(long now) {
        double perSecond = perSecond(now);
        return perSecond > 0 ? String.format(Locale.ROOT, ", %.1f/s", perSecond) : "";
    }

    private double perSecond(long now) {
        long elapsed = now - startedAt;
        return elapsed <= 0 ? 0 : done * 1e9 / elapsed;
    }

    /** {@code 42s}, {@code 3m05s}, {@code 2h07m}. */
    static String duration(long nanos) {
        long seconds = Math.max(0, Math.round(nanos / 1e9));
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }
}
