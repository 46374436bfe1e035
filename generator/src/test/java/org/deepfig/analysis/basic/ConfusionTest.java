package org.deepfig.analysis.basic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.deepfig.Progress;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.RunContext;
import org.deepfig.analysis.Table;
import org.deepfig.data.ArrayImageSet;
import org.deepfig.data.Dataset;
import org.deepfig.render.ChartDrawing;
import org.deepfig.render.HeatmapDrawing;
import org.deepfig.train.Evaluation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The many-class confusion view on a hand-made prediction table whose most-confused pairs are known. */
@Tag("slow")
class ConfusionTest {
  /**
   * 40 classes, 10 test images each, all right except: 6 of class 7 taken for 3, 4 of class 12 for 30, 4 of class 1
   * for 2 (a tie with 12 → 30, broken by the true class), 2 of class 7 for 9, and 1 of class 39 for 0. Class 7 is the
   * worst (2 of 10 right), then 12 and 1 (6 of 10), then 39 (9 of 10).
   */
  static Evaluation table(int classes) {
    List<int[]> wrong = List.of(new int[] {7, 3, 6}, new int[] {12, 30, 4}, new int[] {1, 2, 4},
        new int[] {7, 9, 2}, new int[] {39, 0, 1});
    long[][] m = new long[classes][classes];
    for (int c = 0; c < classes; c++) m[c][c] = 10;
    int errors = 0;
    for (int[] w : wrong) {
      m[w[0]][w[1]] += w[2];
      m[w[0]][w[0]] -= w[2];
      errors += w[2];
    }
    int n = classes * 10;
    int[] predicted = new int[n]; // the figure reads the matrix, the counts and the accuracy
    return new Evaluation(0, (double) (n - errors) / n, m, predicted, new float[n], null);
  }

  static RunContext context(Evaluation eval, List<String> names) {
    ArrayImageSet none = new ArrayImageSet(1, 1, 1, new float[0], new int[0], null);
    return new RunContext(null, null, new Dataset("t", names, none, none, List.of()), null, null, null, eval, null,
        null, Progress.SILENT);
  }

  static List<String> names(int k) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < k; i++) out.add("class " + i);
    out.set(3, "tabby, cat"); // a comma: the CSV must quote it
    return out;
  }

  @Test
  void mostConfusedPairsAreTheLargestOffDiagonalCellsTiesByTrueClass() {
    List<Confusion.Pair> pairs = Confusion.mostConfused(table(40).confusion(), 4);
    assertThat(pairs).containsExactly(new Confusion.Pair(7, 3, 6), new Confusion.Pair(1, 2, 4),
        new Confusion.Pair(12, 30, 4), new Confusion.Pair(7, 9, 2));
    assertThat(Confusion.byAccuracy(table(40)).subList(0, 4)).containsExactly(7, 1, 12, 39);
  }

  @Test
  void aboveTheThresholdTheFigureIsPairsAndASortedTableAndTheMatrixIsACsvFile() {
    List<String> names = names(40);
    Evaluation eval = table(40);
    Figure f = new Confusion().run(org.deepfig.config.Declared.create(ConfusionSpec.class, null, null, 3), context(eval, names)).get(0);
    assertThat(f.drawing()).isInstanceOf(ChartDrawing.class);
    assertThat(f.title()).isEqualTo("Most-confused classes");
    assertThat(f.caption()).contains("40 classes are too many").contains("confusion.csv");
    Table pairs = f.tables().get(0);
    assertThat(pairs.rows()).containsExactly(List.of("class 7", "tabby, cat", "6", "60.0%"),
        List.of("class 1", "class 2", "4", "40.0%"), List.of("class 12", "class 30", "4", "40.0%"));
    Table perClass = f.tables().get(1);
    assertThat(perClass.rows().get(0)).containsExactly("class 7", "10", "2", "20.0%", "tabby, cat (6)");
    assertThat(perClass.rows().get(3)).containsExactly("class 39", "10", "9", "90.0%", "class 0 (1)");
    assertThat(perClass.rows()).hasSize(41);
    assertThat(perClass.rows().get(40)).containsExactly("all classes", "400", "383", "95.8%", "—");

    assertThat(f.attachments()).hasSize(1);
    Figure.Attachment csv = f.attachments().get(0);
    assertThat(csv.suffix()).isEqualTo(".csv");
    List<String> lines = new String(csv.bytes(), StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(41);
    assertThat(lines.get(0)).startsWith("true \\ predicted,class 0,class 1,class 2,\"tabby, cat\",class 4,");
    String[] row7 = lines.get(8).split(",");
    assertThat(row7[0]).isEqualTo("class 7");
    long[] cells = java.util.Arrays.stream(row7).skip(1).mapToLong(Long::parseLong).toArray();
    assertThat(cells).hasSize(40).isEqualTo(eval.confusion()[7]);
    assertThat(cells[3]).isEqualTo(6);
    assertThat(cells[7]).isEqualTo(2);
  }

  @Test
  void thePairsChartWithLongImageNetNamesIsLaidOutCleanly() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 40; i++) names.add("great white shark, white shark, man-eater no. " + i);
    Figure f = new Confusion().run(org.deepfig.config.Declared.create(ConfusionSpec.class, null, null, 20), context(table(40), names)).get(0);
    org.deepfig.render.LayoutChecker.assertClean("confusion pairs", f.drawing());
  }

  @Test
  void atOrBelowTheThresholdItIsTheMatrixAsBefore() {
    Figure f = new Confusion().run(org.deepfig.config.Declared.create(ConfusionSpec.class, null, 40, null), context(table(40), names(40))).get(0);
    assertThat(f.drawing()).as("40 classes, max_matrix_classes 40").isInstanceOf(HeatmapDrawing.class);
    assertThat(f.title()).isEqualTo("Confusion matrix");
    // the matrix keeps its counts as confusion.json (for deepfig diff), not a CSV
    assertThat(f.attachments()).hasSize(1);
    assertThat(f.attachments().get(0).suffix()).isEqualTo(".json");
    try {
      var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(f.attachments().get(0).bytes());
      assertThat(json.get("classes")).hasSize(40);
      assertThat(json.get("classes").get(3).asText()).isEqualTo(names(40).get(3));
      assertThat(json.get("counts")).hasSize(40);
      assertThat(json.get("counts").get(0)).hasSize(40);
      // class 7: 6 taken for 3 and 2 for 9, so 10 − 8 = 2 right
      assertThat(json.get("counts").get(7).get(3).asLong()).isEqualTo(6);
      assertThat(json.get("counts").get(7).get(7).asLong()).isEqualTo(2);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    Figure more = new Confusion().run(org.deepfig.config.Declared.create(ConfusionSpec.class, null, 39, null), context(table(40), names(40))).get(0);
    assertThat(more.drawing()).as("40 classes, max_matrix_classes 39").isInstanceOf(ChartDrawing.class);
  }

  /**
   * ImageNet's scale with the defaults: 1,000 classes, 10 test images each, the hand-made errors of {@link #table}
   * (17 of 10,000 wrong). On paper: five pairs off the diagonal, so the chart shows those five (of the default 20);
   * the per-class table lists 1,000 classes worst first (7, 1, 12, 39, then the 996 perfect ones in class order)
   * and a total row of 10,000 images, 9,983 right (99.8%); the CSV is the whole 1,000 × 1,000 matrix.
   */
  @Test
  void aThousandClassesWithTheDefaultsGivePairsATableAndTheWholeMatrixAsAFile() {
    List<String> names = names(1000);
    Evaluation eval = table(1000);
    Figure f = new Confusion().run(org.deepfig.config.Declared.defaults(ConfusionSpec.class), context(eval, names)).get(0);
    assertThat(f.drawing()).isInstanceOf(ChartDrawing.class);
    assertThat(f.caption()).contains("1000 classes are too many").contains("confusion.csv");
    assertThat(f.tables().get(0).rows()).containsExactly(List.of("class 7", "tabby, cat", "6", "60.0%"),
        List.of("class 1", "class 2", "4", "40.0%"), List.of("class 12", "class 30", "4", "40.0%"),
        List.of("class 7", "class 9", "2", "20.0%"), List.of("class 39", "class 0", "1", "10.0%"));
    Table perClass = f.tables().get(1);
    assertThat(perClass.rows()).hasSize(1001);
    assertThat(perClass.rows().subList(0, 5).stream().map(r -> r.get(0)).toList())
        .containsExactly("class 7", "class 1", "class 12", "class 39", "class 0");
    assertThat(perClass.rows().get(999)).containsExactly("class 999", "10", "10", "100.0%", "—");
    assertThat(perClass.rows().get(1000)).containsExactly("all classes", "10000", "9983", "99.8%", "—");
    List<String> lines = new String(f.attachments().get(0).bytes(), StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(1001);
    long total = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
      assertThat(cells).hasSize(1001);
      for (int c = 1; c < cells.length; c++) total += Long.parseLong(cells[c]);
    }
    assertThat(total).isEqualTo(10_000);
    // five bars: a figure of ordinary size, not a 1,000 × 1,000 grid
    assertThat(f.drawing().height()).isLessThan(600);
    org.deepfig.render.LayoutChecker.assertClean("confusion of 1,000 classes", f.drawing());
  }
}
