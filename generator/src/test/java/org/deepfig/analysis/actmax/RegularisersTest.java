package org.deepfig.analysis.actmax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The image priors of activation maximisation, on planes small enough to check by hand. */
class RegularisersTest {
  @Test
  void rollShiftsEveryPlaneCircularly() {
    // two images of one 2×3 channel each: 0 1 2 / 3 4 5 and 10 11 12 / 13 14 15
    float[] x = {0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15};
    // one row down, one column right: what was at (y, x) is now at (y + 1 mod 2, x + 1 mod 3)
    assertThat(Regularisers.roll(x, 2, 1, 2, 3, 1, 1))
        .containsExactly(5, 3, 4, 2, 0, 1, 15, 13, 14, 12, 10, 11);
    // a negative shift wraps the other way, and a full turn is no shift
    assertThat(Regularisers.roll(x, 2, 1, 2, 3, 0, -1)).containsExactly(1, 2, 0, 4, 5, 3, 11, 12, 10, 14, 15, 13);
    assertThat(Regularisers.roll(x, 2, 1, 2, 3, 2, 3)).containsExactly(x);
    assertThat(x[0]).isZero(); // the input is left as it was
  }

  @Test
  void blurOfAnImpulseIsTheProductOfTwoNormalisedGaussianKernels() {
    int h = 9;
    int w = 9;
    float[] x = new float[h * w];
    x[4 * w + 4] = 1;
    Regularisers.blur(x, 1, h, w, 1.0);
    // sigma 1: radius 3, weights exp(-i²/2) / S with S = 1 + 2(e^-1/2 + e^-2 + e^-9/2) = 2.5059498...
    double s = 1 + 2 * (Math.exp(-0.5) + Math.exp(-2) + Math.exp(-4.5));
    assertThat(s).isCloseTo(2.50594988, within(1e-7));
    double k0 = 1 / s;
    double k1 = Math.exp(-0.5) / s;
    double k3 = Math.exp(-4.5) / s;
    assertThat(x[4 * w + 4]).isCloseTo((float) (k0 * k0), within(1e-6f)); // 0.159241
    assertThat(x[4 * w + 4]).isCloseTo(0.159241f, within(1e-6f));
    assertThat(x[4 * w + 5]).isCloseTo((float) (k0 * k1), within(1e-6f));
    assertThat(x[1 * w + 7]).isCloseTo((float) (k3 * k3), within(1e-7f));
    assertThat(x[0]).isZero(); // four away in both directions: beyond the radius
    double sum = 0;
    for (float v : x) sum += v;
    assertThat(sum).isCloseTo(1, within(1e-5)); // nothing reaches an edge, so nothing is lost or doubled
  }

  @Test
  void blurKeepsAConstantPlaneAndSigmaZeroIsNoBlur() {
    float[] x = new float[2 * 4 * 5];
    java.util.Arrays.fill(x, 0, 20, 0.25f);
    java.util.Arrays.fill(x, 20, 40, -2f);
    Regularisers.blur(x, 2, 4, 5, 2.0); // edges clamped: a constant stays constant to the last pixel
    for (int i = 0; i < 20; i++) assertThat(x[i]).isCloseTo(0.25f, within(1e-6f));
    for (int i = 20; i < 40; i++) assertThat(x[i]).isCloseTo(-2f, within(1e-6f));
    float[] y = {1, 2, 3, 4};
    Regularisers.blur(y, 1, 2, 2, 0);
    assertThat(y).containsExactly(1, 2, 3, 4);
  }
}
