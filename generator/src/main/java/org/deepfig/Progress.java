package org.deepfig;

/**
 * Long work reports progress here: a bar on a terminal, plain lines in CI logs, nothing in tests. A task is opened
 * with its total number of steps and closed when done (try-with-resources).
 */
public interface Progress {
  Progress SILENT = (name, total) -> new Task() {
    @Override
    public void step(long n) {}

    @Override
    public void message(String text) {}

    @Override
    public void close() {}
  };

  Task start(String name, long total);

  /** A one-off line of information (which stage was cached, where the report went). */
  default void info(String line) {}

  /** Silent tasks; each {@link #info} line goes to {@code lines} (a log, a test's record). */
  static Progress lines(java.util.function.Consumer<String> lines) {
    return new Progress() {
      @Override
      public Task start(String name, long total) {
        return SILENT.start(name, total);
      }

      @Override
      public void info(String line) {
        lines.accept(line);
      }
    };
  }

  interface Task extends AutoCloseable {
    void step(long n);

    /** Extra text shown beside the bar (e.g. the current loss). */
    void message(String text);

    @Override
    void close();
  }
}
