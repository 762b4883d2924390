package org.sigmma.progress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows progress on a terminal: a bar with rate and ETA redrawn in place on a TTY, or a periodic line (every few
 * seconds) when the output is a log file or a CI console.
 */
public final class ConsoleProgress implements ProgressListener {

    private final PrintStream out;
    private final boolean tty;
    private final long minIntervalNanos;
    private String step = "";
    private String units = "";
    private long total;
    private long startNanos;
    private long lastPrintNanos;
    private long done;

    public ConsoleProgress(PrintStream out) {
        this(out, System.console() != null);
    }

    public ConsoleProgress(PrintStream out, boolean tty) {
        this.out = out;
        this.tty = tty;
        this.minIntervalNanos = tty ? 200_000_000L : 5_000_000_000L;
    }

    @Override
    public synchronized void step(String name, String units, long total) {
        this.step = name;
        this.units = units;
        this.total = total;
        this.done = 0;
        this.startNanos = System.nanoTime();
        this.lastPrintNanos = 0;
        if (!tty) {
            out.printf(Locale.ROOT, "%s ... (%,d %s)%n", name, total, units);
        }
    }

    @Override
    public synchronized void progress(long done) {
        this.done = done;
        long now = System.nanoTime();
        if (now - lastPrintNanos >= minIntervalNanos) {
            lastPrintNanos = now;
            out.print(render(now) + (tty ? "\r" : "\n"));
            out.flush();
        }
    }

    @Override
    public synchronized void stepDone() {
        long now = System.nanoTime();
        double secs = (now - startNanos) / 1e9;
        String line = String.format(Locale.ROOT, "%-28s done: %,d %s in %.1f s (%s/s)", step, Math.max(done, total), units,
                secs, human(Math.max(done, total) / Math.max(secs, 1e-9)));
        out.println(tty ? "\r" + line + " ".repeat(20) : line);
    }

    @Override
    public synchronized void info(String message) {
        out.println(message);
    }

    String render(long now) {
        double secs = (now - startNanos) / 1e9;
        double frac = total > 0 ? Math.min(1.0, (double) done / total) : 0;
        double rate = done / Math.max(secs, 1e-9);
        double eta = rate > 0 && total > 0 ? (total - done) / rate : Double.NaN;
        int width = 24;
        int filled = (int) Math.round(frac * width);
        return String.format(Locale.ROOT, "%-28s [%s%s] %5.1f%% %s %s/s ETA %s", step, "#".repeat(filled),
                ".".repeat(width - filled), frac * 100, human(done), human(rate) + " " + units, clock(eta));
    }

    static String human(double v) {
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }

    static String clock(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return "--:--";
        }
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
