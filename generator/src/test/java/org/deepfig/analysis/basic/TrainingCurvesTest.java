package org.deepfig.analysis.basic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.RenderedFigure;
import org.deepfig.analysis.RunContext;
import org.deepfig.analysis.SeedFigures;
import org.deepfig.analysis.Table;
import org.deepfig.train.TrainingHistory;
import org.junit.jupiter.api.Test;

/** Training curves over seeds, from the seeds' per-epoch tables, checked against means and sds worked by hand. */
class TrainingCurvesTest {
  static final List<String> COLUMNS = List.of("Epoch", "Train loss", "Test loss", "Train accuracy", "Test accuracy");
  static final String CAPTION = "Mean training loss and accuracy over each epoch (the network changes during the "
      + "epoch) beside loss and accuracy on the 100 test images after it; adam, learning rate 0.001, batch 32.";

  static RenderedFigure seed(List<List<String>> rows) {
    return new RenderedFigure("training-curves", "training-curves", "Training curves", CAPTION,
        Map.of("epochs", "2", "optimizer", "adam"), List.of(new Table("Per epoch", COLUMNS, rows)), List.of(), null,
        600, 220, List.of(), null);
  }

  @Test
  void twoSeedsGiveTheMeanAndSampleSdOfEachCell() {
    RenderedFigure one = seed(List.of(List.of("1", "0.5000", "0.6000", "80.00%", "70.00%"),
        List.of("2", "0.3000", "0.4000", "90.00%", "80.00%")));
    RenderedFigure two = seed(List.of(List.of("1", "0.7000", "0.8000", "60.00%", "50.00%"),
        List.of("2", "0.5000", "0.4000", "90.00%", "84.00%")));
    Figure f = new TrainingCurves().aggregate(new TrainingCurvesSpec(),
        new SeedFigures("training-curves", List.of(1L, 2L), List.of(one, two)));
    assertThat(f.drawing()).isNotNull();
    assertThat(f.tables()).hasSize(1);
    Table t = f.tables().get(0);
    assertThat(t.title()).isEqualTo("Per epoch — mean ± sd over 2 seeds");
    assertThat(t.columns()).isEqualTo(COLUMNS);
    // epoch 1: 0.5 and 0.7 → 0.6 ± √((0.1² + 0.1²) / 1) = 0.1414; 80 % and 60 % → 70 ± 14.14 %
    // epoch 2: equal test losses stay as they are; 80 % and 84 % → 82 ± √8 = 2.83 %
    assertThat(t.rows()).containsExactly(
        List.of("1", "0.6000 ± 0.1414", "0.7000 ± 0.1414", "70.00 ± 14.14%", "60.00 ± 14.14%"),
        List.of("2", "0.4000 ± 0.1414", "0.4000", "90.00%", "82.00 ± 2.83%"));
    assertThat(f.parameters()).containsEntry("seeds", "[1, 2]").containsEntry("epochs", "2");
    assertThat(f.caption()).startsWith("Mean over 2 seeds (1, 2) of the training loss and accuracy")
        .endsWith("of the seeds. Each seed: adam, learning rate 0.001, batch 32.");
  }

  @Test
  void withoutEveryTablesEpochsTheFirstSeedsFigureIsShownWithTheTablesCombined() {
    RenderedFigure one = seed(List.of(List.of("1", "0.5000", "0.6000", "80.00%", "70.00%")));
    RenderedFigure two = seed(List.of(List.of("1", "0.7000", "0.8000", "60.00%", "50.00%"),
        List.of("2", "0.5000", "0.4000", "90.00%", "84.00%")));
    Figure f = new TrainingCurves().aggregate(new TrainingCurvesSpec(),
        new SeedFigures("training-curves", List.of(1L, 2L), List.of(one, two)));
    // SeedStats.column keeps rows every seed has; both have epoch 1, so the curves are still drawn
    assertThat(f.drawing()).isNotNull();
    assertThat(f.tables().get(0).rows()).containsExactly(
        List.of("1", "0.6000 ± 0.1414", "0.7000 ± 0.1414", "70.00 ± 14.14%", "60.00 ± 14.14%"));
  }

  @Test
  void aModelThatWasNotTrainedHasASentenceNotCurves() {
    RunContext ctx = new RunContext(null, null, null, null, null, TrainingHistory.none(), null, null, null, null);
    List<Figure> figures = new TrainingCurves().run(new TrainingCurvesSpec(), ctx);
    assertThat(figures).hasSize(1);
    assertThat(figures.get(0).drawing()).isNull();
    assertThat(figures.get(0).caption()).isEqualTo("No training curves: this model was not trained by deepfig.");
  }
}
