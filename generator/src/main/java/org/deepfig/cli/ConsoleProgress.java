package org.deepfig.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.deepfig.Progress;

/**
 * Progress on the console: a progress bar on a terminal; in CI logs (no terminal, or CI set) plain lines at 0%,
 * every 25% and at the end, so logs stay readable.
 */
final class ConsoleProgress implements Progress {
  private final PrintWriter out;
  private final boolean terminal;

  ConsoleProgress(PrintWriter out) {
    this.out = out;
    this.terminal = System.console() != null && System.getenv("CI") == null;
  }

  @Override
  public void info(String line) {
    out.println(line);
  }

  @Override
  public Task start(String name, long total) {
    if (terminal) {
      ProgressBar bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(total)
          .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(200).continuousUpdate()
          .build();
      return new Task() {
        @Override
        public void step(long n) {
          org.deepfig.StopSignal.check(); // a training batch or figure step just ended: a safe place to stop
          bar.stepBy(n);
        }

        @Override
        public void message(String text) {
          bar.setExtraMessage(text);
        }

        @Override
        public void close() {
          bar.close();
        }
      };
    }
    return new PlainTask(name, total);
  }

  private final class PlainTask implements Task {
    private final String name;
    private final long total;
    private final long start = System.nanoTime();
    private long done;
    private int lastQuarter = -1;
    private String message = "";

    PlainTask(String name, long total) {
      this.name = name;
      this.total = Math.max(1, total);
    }

    @Override
    public void step(long n) {
      org.deepfig.StopSignal.check(); // a training batch or figure step just ended: a safe place to stop
      done += n;
      int quarter = (int) Math.min(4, 4 * done / total);
      if (quarter > lastQuarter && quarter < 4) {
        lastQuarter = quarter;
        print();
      }
    }

    @Override
    public void message(String text) {
      message = text;
    }

    @Override
    public void close() {
      print();
    }

    private void print() {
      double s = (System.nanoTime() - start) / 1e9;
      out.printf(Locale.ROOT, "%s: %d/%d (%.0f%%) %.1f s%s%n", name, done, total, 100.0 * done / total, s,
          message.isEmpty() ? "" : ", " + message);
    }
  }
}
