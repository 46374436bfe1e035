package org.deepfig.analysis.lesion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.RenderedFigure;
import org.deepfig.analysis.SeedFigures;
import org.deepfig.analysis.Table;
import org.junit.jupiter.api.Test;

/** Lesion studies over seeds compare channels by rank (a channel index means a different unit in each network). */
class LesionSeedsTest {
  static RenderedFigure seed(String id, List<List<String>> channels, List<List<String>> curve) {
    List<Table> tables = List.of(
        new Table("Channels of conv1 by importance", List.of("Channel", "Accuracy ablated (%)", "Drop (pp)",
            "Class that loses most", "Its drop (pp)"), channels),
        new Table(Lesion.CURVES_TABLE + "conv1", List.of("Channels ablated", "importance (%)", "random (%)"), curve));
    return new RenderedFigure("lesion", id, "Lesion study of conv1", "caption.", Map.of("layer", "conv1"), tables,
        List.of(), null, 400, 300, List.of(), null);
  }

  @Test
  void dropsAreAveragedByRankNotByChannelIndex() {
    // seed 1: channel 2 matters most (10 pp), then 0 (5), then 1 (1); seed 2: channel 0 (6), 1 (3), 2 (1)
    RenderedFigure a = seed("lesion-conv1", List.of(List.of("2", "80.0", "10.0", "cat", "20.0"),
        List.of("0", "85.0", "5.0", "cat", "9.0"), List.of("1", "89.0", "1.0", "dog", "2.0")),
        List.of(List.of("0", "90.0", "90.0"), List.of("3", "10.0", "30.0")));
    RenderedFigure b = seed("lesion-conv1", List.of(List.of("0", "84.0", "6.0", "dog", "8.0"),
        List.of("1", "87.0", "3.0", "cat", "5.0"), List.of("2", "89.0", "1.0", "cat", "1.0")),
        List.of(List.of("0", "90.0", "90.0"), List.of("3", "20.0", "40.0")));
    Figure f = new Lesion().aggregate(null, new SeedFigures("lesion-conv1", List.of(1L, 2L), List.of(a, b)));
    Table byRank = f.tables().get(0);
    // rank 1: (10 + 6)/2 = 8, sd √((2² + 2²)/1) = 2.83; rank 2: 4 ± 1.41; rank 3: 1 ± 0
    assertThat(byRank.rows()).containsExactly(List.of("1", "8.0 ± 2.8", "6.0", "10.0"),
        List.of("2", "4.0 ± 1.4", "3.0", "5.0"), List.of("3", "1.0 ± 0.0", "1.0", "1.0"));
    // the curves combine by the number ablated, which is the same in every seed
    Table curves = f.tables().get(1);
    assertThat(curves.rows().get(1).get(1)).startsWith("15.0 ± 7.1");
    assertThat(f.drawing()).isNotNull();
    assertThat(f.caption()).contains("by rank, not by index").contains("2 seeds (1, 2)");
  }

  @Test
  void theClassMapIsTheFirstSeedsAndSaysWhy() {
    RenderedFigure a = seed("lesion-conv1-classes", List.of(List.of("2", "80.0", "10.0", "cat", "20.0")), List.of());
    RenderedFigure b = seed("lesion-conv1-classes", List.of(List.of("0", "84.0", "6.0", "dog", "8.0")), List.of());
    Figure f = new Lesion().aggregate(null, new SeedFigures("lesion-conv1-classes", List.of(1L, 2L), List.of(a, b)));
    assertThat(f.drawing()).isNull(); // the first seed's picture is kept
    assertThat(f.tables().get(0).rows()).containsExactly(List.of("2", "80.0", "10.0", "cat", "20.0"));
    assertThat(f.caption()).contains("first seed (1)").contains("not averaged");
  }
}
