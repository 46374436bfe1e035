package org.deepfig.report.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.deepfig.report.Templates;
import org.junit.jupiter.api.Test;

class SiteBuilderTest {
  static final String PAGE = "<body>\n" + SiteBuilder.NAV_MARKER + "\n<header><h1>tiny</h1></header>\n</body>\n";

  static String nav(String siteTitle, String prevSlug) {
    SiteView.Nav nav = new SiteView.Nav(siteTitle, "../index.html", "tiny <b>2</b>", prevSlug == null ? null : "prev",
        prevSlug == null ? null : "../" + prevSlug + "/index.html", "next", "../next/index.html");
    return new Templates(null).render("site-nav.ftlh", Map.of("nav", nav)).strip();
  }

  @Test
  void thePageWithTheSitesNavigationBarIsTheOriginalApartFromIt() {
    for (String prev : new String[] {null, "a-1.b_2"}) {
      String withNav = PAGE.replace(SiteBuilder.NAV_MARKER, nav("Lab <script>alert(1)</script> notes", prev));
      assertThat(SiteBuilder.onlyNavigationAdded(withNav, PAGE)).as(withNav).isTrue();
    }
  }

  @Test
  void anythingElseInOrAroundTheBarIsAChange() {
    String withNav = PAGE.replace(SiteBuilder.NAV_MARKER, nav("Lab", null));
    assertThat(SiteBuilder.onlyNavigationAdded(withNav.replace("</nav>", "<script>x()</script></nav>"), PAGE))
        .isFalse();
    assertThat(SiteBuilder.onlyNavigationAdded(withNav.replace("../index.html", "javascript:x()"), PAGE)).isFalse();
    assertThat(SiteBuilder.onlyNavigationAdded(withNav.replace("<h1>tiny", "<h1>huge"), PAGE)).isFalse();
    assertThat(SiteBuilder.onlyNavigationAdded(withNav + "<script>x()</script>", PAGE)).isFalse();
    assertThat(SiteBuilder.onlyNavigationAdded(PAGE, PAGE.replace(SiteBuilder.NAV_MARKER, ""))).isFalse();
  }
}
