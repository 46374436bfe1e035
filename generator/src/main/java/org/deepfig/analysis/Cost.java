package org.deepfig.analysis;

import java.util.Locale;

/**
 * What a figure will cost before it runs, counted in images through the network: {@code forwardImages} forward
 * passes (logits or recorded layers) and {@code gradientImages} forward-and-backward passes, one image each. Times
 * a {@link Timing} measured on the run's own model and device, it is the figure's estimated time.
 *
 * @param driver what costs most, in the user's words ("occlusion: 257 positions × 2 images")
 * @param cheaper the option that makes it cheaper, as the user would write it ("occlusion_stride: 28"), or null
 */
public record Cost(double forwardImages, double gradientImages, String driver, String cheaper) {
  public static final Cost NONE = new Cost(0, 0, null, null);

  public static Cost forward(double images, String driver, String cheaper) {
    return new Cost(images, 0, driver, cheaper);
  }

  public static Cost gradient(double images, String driver, String cheaper) {
    return new Cost(0, images, driver, cheaper);
  }

  public double seconds(Timing t) {
    return forwardImages * t.forwardSeconds() + gradientImages * t.gradientSeconds();
  }

  /** The sum; driver and cheaper option of the costlier part (by gradient passes counted as three forward ones). */
  public Cost plus(Cost o) {
    boolean mine = weight() >= o.weight();
    return new Cost(forwardImages + o.forwardImages, gradientImages + o.gradientImages,
        mine ? driver : o.driver, mine ? cheaper : o.cheaper);
  }

  /** This cost repeated {@code n} times (the same work on n images, or n times over). */
  public Cost times(double n) {
    return new Cost(forwardImages * n, gradientImages * n, driver, cheaper);
  }

  private double weight() {
    return forwardImages + 3 * gradientImages;
  }

  /** "12 s", "4.2 min", "1.5 h". */
  public static String duration(double seconds) {
    if (seconds < 90) return String.format(Locale.ROOT, "%.0f s", Math.max(seconds, 0));
    if (seconds < 90 * 60) return String.format(Locale.ROOT, "%.1f min", seconds / 60);
    return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
  }
}
