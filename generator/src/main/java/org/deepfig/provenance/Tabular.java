package org.deepfig.provenance;

import java.util.List;

/** A table of numbers beside a figure, as the manifest records it (cells already formatted text). */
public interface Tabular {
  String title();

  List<String> columns();

  List<List<String>> rows();
}
