package org.deepfig.report;

/**
 * How the experiment page is put together: linked (stylesheet and figure files beside it, with figure pages and a
 * PDF) or single-file (CSS inline, images as data: URIs, nothing to link to).
 *
 * @param inlineCss the stylesheet's text to inline, or null to link it
 * @param figurePages whether each figure links to its own page {@code figures/<id>.html}
 * @param pdf the PDF report's link, or null
 */
public record Page(String inlineCss, boolean figurePages, String pdf) {
  public static Page linked(boolean withPdf) {
    return new Page(null, true, withPdf ? ReportWriter.PDF : null);
  }

  public static Page singleFile(String css) {
    return new Page(css, false, null);
  }
}
