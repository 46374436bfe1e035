package org.deepfig.analysis.basic;

import static org.deepfig.render.Numbers.fmt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deepfig.analysis.AnalysisKind;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.RenderedFigure;
import org.deepfig.analysis.SeedFigures;
import org.deepfig.analysis.SeedStats;
import org.deepfig.analysis.RunContext;
import org.deepfig.analysis.Table;
import org.deepfig.render.Charts;
import org.deepfig.render.Panels;
import org.deepfig.train.EpochStats;
import org.deepfig.train.TrainingHistory;

/** Loss and accuracy per epoch, train beside test, with the numbers as a table. */
public final class TrainingCurves implements AnalysisKind<TrainingCurvesSpec> {
  @Override
  public String kind() {
    return "training-curves";
  }

  @Override
  public Class<TrainingCurvesSpec> specType() {
    return TrainingCurvesSpec.class;
  }

  @Override
  public boolean showsTraining() {
    return true;
  }

  @Override
  public String description() {
    return "train/test loss and accuracy per epoch";
  }

  /** Loss and accuracy by epoch; with more than two runs a chart per curve, so a run keeps its colour in all four. */
  @Override
  public List<org.deepfig.analysis.SharedAxes> sharedAxes(int runs) {
    if (runs > 2) {
      return List.of(curve("Test loss", "cross-entropy", 1), curve("Test accuracy", "accuracy", 0.01),
          curve("Train loss", "cross-entropy", 1), curve("Train accuracy", "accuracy", 0.01));
    }
    return List.of(new org.deepfig.analysis.SharedAxes.Lines("Per epoch", null, List.of("Train loss", "Test loss"),
        "Loss", "epoch", "cross-entropy", false, 1), new org.deepfig.analysis.SharedAxes.Lines("Per epoch", null,
        List.of("Train accuracy", "Test accuracy"), "Accuracy", "epoch", "accuracy", false, 0.01));
  }

  private static org.deepfig.analysis.SharedAxes curve(String column, String yAxis, double scale) {
    return new org.deepfig.analysis.SharedAxes.Lines("Per epoch", null, List.of(column), column, "epoch", yAxis, false,
        scale);
  }

  @Override
  public List<Figure> run(TrainingCurvesSpec spec, RunContext ctx) {
    TrainingHistory h = ctx.history();
    if (h.epochs().isEmpty()) {
      return List.of(Figure.tablesOnly("training-curves", "Training curves",
          "No training curves: this model was not trained by deepfig.", Map.of(), List.of(),
          "The model was loaded, not trained, so there is no training history to plot."));
    }
    int n = h.epochs().size();
    double[] epoch = new double[n];
    double[] trainLoss = new double[n];
    double[] testLoss = new double[n];
    double[] trainAcc = new double[n];
    double[] testAcc = new double[n];
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      EpochStats e = h.epochs().get(i);
      epoch[i] = e.epoch();
      trainLoss[i] = e.trainLoss();
      testLoss[i] = e.testLoss();
      trainAcc[i] = e.trainAccuracy();
      testAcc[i] = e.testAccuracy();
      rows.add(List.of(Integer.toString(e.epoch()), fmt("%.4f", e.trainLoss()), fmt("%.4f", e.testLoss()),
          fmt("%.2f%%", 100 * e.trainAccuracy()), fmt("%.2f%%", 100 * e.testAccuracy())));
    }
    var loss = Charts.line(new Charts.Frame("Loss", "epoch", "cross-entropy", 300, 220),
        List.of(new Charts.Series("train", epoch, trainLoss), new Charts.Series("test", epoch, testLoss)));
    var acc = Charts.line(new Charts.Frame("Accuracy", "epoch", "accuracy", 300, 220),
        List.of(new Charts.Series("train", epoch, trainAcc), new Charts.Series("test", epoch, testAcc)));
    var t = ctx.config().train();
    String caption = fmt("Mean training loss and accuracy over each epoch (the network changes during the epoch) "
        + "beside loss and accuracy on the %d test images after it; %s, learning rate %s, batch %d.",
        ctx.data().test().size(), t.optimizer().name().toLowerCase(Locale.ROOT), t.learningRate(), t.batchSize());
    Table table = new Table("Per epoch", List.of("Epoch", "Train loss", "Test loss", "Train accuracy",
        "Test accuracy"), rows);
    return List.of(new Figure("training-curves", "Training curves", caption,
        Map.of("epochs", Integer.toString(n), "optimizer", t.optimizer().name().toLowerCase(Locale.ROOT),
            "learning_rate", t.learningRate().toString(), "batch_size", t.batchSize().toString()),
        Panels.grid(16, List.of(loss, acc)), List.of(table), List.of(), null));
  }

  @Override
  public boolean aggregates() {
    return true;
  }

  /** Mean curves over the seeds, each with a band of ± one sample standard deviation, from the seeds' tables. */
  @Override
  public Figure aggregate(TrainingCurvesSpec spec, SeedFigures runs) {
    List<Table> tables = runs.table("Per epoch");
    if (tables.isEmpty()) return AnalysisKind.super.aggregate(spec, runs);
    String[] cols = {"Train loss", "Test loss", "Train accuracy", "Test accuracy"};
    java.util.Map<String, double[]> first = SeedStats.column(tables, cols[0]);
    int n = first.size();
    double[] epoch = first.keySet().stream().mapToDouble(Double::parseDouble).toArray();
    List<Charts.Series> loss = new ArrayList<>();
    List<Charts.Series> acc = new ArrayList<>();
    List<Charts.Spread> lossSpread = new ArrayList<>();
    List<Charts.Spread> accSpread = new ArrayList<>();
    for (int c = 0; c < cols.length; c++) {
      java.util.Map<String, double[]> values = SeedStats.column(tables, cols[c]);
      if (values.size() != n) return AnalysisKind.super.aggregate(spec, runs);
      double scale = c < 2 ? 1 : 0.01; // accuracies are written in per cent
      SeedStats.Band band = SeedStats.band(values.values().stream().map(SeedStats::of)
          .toArray(SeedStats.Stat[]::new), scale);
      String name = c % 2 == 0 ? "train" : "test";
      (c < 2 ? loss : acc).add(new Charts.Series(name, epoch, band.mean()));
      (c < 2 ? lossSpread : accSpread).add(band.spread());
    }
    var lossChart = Charts.line(new Charts.Frame("Loss", "epoch", "cross-entropy", 300, 220), loss, lossSpread,
        null);
    var accChart = Charts.line(new Charts.Frame("Accuracy", "epoch", "accuracy", 300, 220), acc, accSpread, null);
    RenderedFigure f = runs.first();
    String caption = "Mean over " + runs.seedsText() + " of the training loss and accuracy over each epoch and of "
        + "the test loss and accuracy after it; the bands span ± one sample standard deviation (n − 1) of the "
        + "seeds. " + f.caption().replaceFirst("^Mean training loss[^;]*; ", "Each seed: ");
    return new Figure(f.id(), f.title(), caption, runs.parameters(), Panels.grid(16, List.of(lossChart, accChart)),
        runs.combinedTables(), List.of(), null);
  }
}
