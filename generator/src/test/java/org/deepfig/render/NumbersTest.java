package org.deepfig.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class NumbersTest {
  @Test
  void significantDigitsWithATrueMinusInAnyDefaultLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY); // a decimal comma, were the root locale not used
      assertThat(Numbers.significant(-0.012345, 3)).isEqualTo("\u22120.0123");
      assertThat(Numbers.significant(4567.8, 3)).isEqualTo("4.57e+03");
      assertThat(Numbers.significant(0, 3)).isEqualTo("0.00");
      assertThat(Numbers.plain(30)).isEqualTo("30");
      assertThat(Numbers.plain(0.25)).isEqualTo("0.25");
      assertThat(Numbers.withMinus("-3 to -1")).isEqualTo("\u22123 to -1");
    } finally {
      Locale.setDefault(before);
    }
  }
}
