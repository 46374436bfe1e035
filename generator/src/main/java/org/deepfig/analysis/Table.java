package org.deepfig.analysis;

import java.util.List;

/**
 * Numbers beside a picture: a table the report shows and the tests read. Cells are already formatted text.
 *
 * @param rowLinks null, or per row the {@link Hotspot#anchor() anchor} its first cell links to (null: no link); the
 *     report links a row only when some figure of the report has that anchor
 */
public record Table(String title, List<String> columns, List<List<String>> rows,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    List<String> rowLinks) implements org.deepfig.provenance.Tabular {
  public Table {
    columns = List.copyOf(columns);
    rows = rows.stream().map(List::copyOf).toList();
    if (rowLinks != null) {
      if (rowLinks.size() != rows.size()) {
        throw new IllegalArgumentException(rowLinks.size() + " row links for " + rows.size() + " rows");
      }
      rowLinks = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(rowLinks));
    }
  }

  public Table(String title, List<String> columns, List<List<String>> rows) {
    this(title, columns, rows, null);
  }

  /** The anchor row {@code i} links to, or null. */
  public String rowLink(int i) {
    return rowLinks == null ? null : rowLinks.get(i);
  }
}
