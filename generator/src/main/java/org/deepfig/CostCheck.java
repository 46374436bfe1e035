package org.deepfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.deepfig.analysis.Cost;
import org.deepfig.analysis.Timing;

/**
 * The run's cost before its expensive work: each stage still to compute (the test-set evaluation, every figure not
 * in the cache) has a {@link Cost} in images through the network, and one measured {@link Timing} turns them into
 * time. A stage estimated over {@link #NOTICE_SECONDS} is named in one line with the option that makes it cheaper;
 * with {@code --max-minutes}, a run whose total would exceed it stops here, exit code 2, before any of that work.
 */
public final class CostCheck {
  /** Stages estimated longer than this get a line saying so. */
  static final double NOTICE_SECONDS = 120;

  /** One stage still to compute: how the user knows it ("figure saliency (figures[3])") and its cost. */
  public record Stage(String label, Cost cost) {}

  private CostCheck() {}

  /**
   * Prints a line for each stage over the threshold; throws a {@link UserError} when the total exceeds
   * {@code maxMinutes} (null: no limit). Returns the estimated total in seconds.
   */
  public static double check(List<Stage> stages, Timing timing, Double maxMinutes, Progress progress) {
    double total = 0;
    List<Stage> sorted = new ArrayList<>(stages);
    sorted.sort(Comparator.comparingDouble((Stage s) -> -s.cost().seconds(timing)));
    for (Stage s : stages) {
      double sec = s.cost().seconds(timing);
      total += sec;
      if (sec > NOTICE_SECONDS) progress.info(line(s, timing));
    }
    if (maxMinutes != null && total > maxMinutes * 60) {
      List<String> parts = new ArrayList<>();
      for (Stage s : sorted.subList(0, Math.min(3, sorted.size()))) {
        if (s.cost().seconds(timing) >= 1) parts.add(s.label() + " " + Cost.duration(s.cost().seconds(timing)));
      }
      Stage worst = sorted.get(0);
      String fix = "raise --max-minutes" + (worst.cost().cheaper() == null ? ""
          : ", or make " + worst.label() + " cheaper with " + worst.cost().cheaper());
      throw new UserError("--max-minutes " + fmt(maxMinutes), String.format(Locale.ROOT, "this run would take about "
          + "%s (%s; measured %s s per image forward, %s s with its gradient), more than the limit",
          Cost.duration(total), String.join(", ", parts), fmt(timing.forwardSeconds()),
          fmt(timing.gradientSeconds())), fix);
    }
    return total;
  }

  /** "figure saliency (figures[2]): about 25.3 min, mostly occlusion (256 patch positions per image); cheaper: …". */
  static String line(Stage s, Timing timing) {
    Cost c = s.cost();
    return "estimate: " + s.label() + " will take about " + Cost.duration(c.seconds(timing))
        + (c.driver() == null ? "" : ", mostly " + c.driver())
        + (c.cheaper() == null ? "" : "; " + c.cheaper() + " makes it cheaper");
  }

  private static String fmt(double v) {
    String s = String.format(Locale.ROOT, "%.3g", v);
    return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }
}
