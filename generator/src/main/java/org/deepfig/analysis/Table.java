package org.deepfig.analysis;

import java.util.List;

/** Numbers beside a picture: a table the report shows and the tests read. Cells are already formatted text. */
public record Table(String title, List<String> columns, List<List<String>> rows) {
  public Table {
    columns = List.copyOf(columns);
    rows = rows.stream().map(List::copyOf).toList();
  }
}
