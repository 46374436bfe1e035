package org.deepfig.analysis.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deepfig.UserError;
import org.deepfig.analysis.AnalysisKind;
import org.deepfig.analysis.Cost;
import org.deepfig.analysis.Figure;
import org.deepfig.analysis.Parameters;
import org.deepfig.analysis.RunContext;
import org.deepfig.analysis.Table;
import org.deepfig.data.Dataset;
import org.deepfig.data.VectorSet;
import org.deepfig.model.Network;
import org.deepfig.render.Panels;
import org.deepfig.train.Evaluation;
import org.deepfig.train.Snapshots;

/**
 * The TensorFlow Playground's view of training (Smilkov, Carter et al. 2016) for toy2d data: at each snapshot of
 * training, the input plane coloured by the network's output with the points on top, and every hidden unit's
 * activation over the plane laid out as the network. One overview figure shows the decision boundary forming,
 * snapshot by snapshot; one figure per snapshot shows the whole network.
 */
public final class Playground implements AnalysisKind<PlaygroundSpec> {
  @Override
  public String kind() {
    return "playground";
  }

  @Override
  public Class<PlaygroundSpec> specType() {
    return PlaygroundSpec.class;
  }

  @Override
  public String description() {
    return "toy2d: the input plane coloured by the output and each hidden unit's map, laid out as the network, "
        + "at every snapshot";
  }

  @Override
  public boolean usesSnapshots() {
    return true;
  }

  /** Why it needs vector data: it draws over the plane of the toy2d points. */
  public static final String NEEDS_POINTS = "it draws the network over the plane of toy2d points";

  @Override
  public String needsPoints(PlaygroundSpec spec) {
    return NEEDS_POINTS;
  }

  @Override
  public Cost cost(PlaygroundSpec spec, Dataset data, Network network) {
    double grid = (double) spec.resolution() * spec.resolution();
    return Cost.forward(grid + data.test().size(), "a " + spec.resolution() + "×" + spec.resolution()
        + " grid per snapshot", spec.resolution() > 20 ? "resolution: " + spec.resolution() / 2 : null);
  }

  @Override
  public List<Figure> run(PlaygroundSpec spec, RunContext ctx) {
    if (!(ctx.data().train() instanceof VectorSet train)) {
      throw new UserError("figures: playground", "playground needs toy2d data: " + NEEDS_POINTS,
          "set data.source: toy2d, or remove this entry");
    }
    VectorSet shown = spec.testPoints() ? (VectorSet) ctx.data().test() : train;
    PlaygroundDrawing.Points points = points(shown);
    int n = spec.resolution();
    float[][] features = featureMaps(train, n);
    List<String> labels = train.features().stream().map(f -> f.label()).toList();
    Snapshots snaps = ctx.snapshots();
    List<Integer> epochs = snaps.isEmpty() ? List.of(-1) : snaps.epochs();
    List<Figure> perEpoch = new ArrayList<>();
    List<PlaygroundDrawing.Output> outputs = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    StringBuilder losses = new StringBuilder();
    String which = spec.testPoints() ? "test" : "training";
    for (int e : epochs) {
      Snapshots.Snapshot s = e < 0 ? null : snaps.open(e);
      try {
        Network net = s == null ? ctx.network() : s.network();
        PlaneMaps maps = PlaneMaps.of(net, ctx.manager(), train, n);
        Evaluation ev = Evaluation.of(net, ctx.manager(), ctx.data().test(), 2, 256, null);
        String epoch = e < 0 ? "trained" : "epoch " + e;
        String loss = String.format(Locale.ROOT, "%.3f", ev.loss());
        rows.add(List.of(e < 0 ? "—" : Integer.toString(e), loss,
            String.format(Locale.ROOT, "%.1f%%", 100 * ev.accuracy())));
        losses.append(losses.length() == 0 ? "" : ", ").append(epoch).append(": ").append(loss);
        outputs.add(new PlaygroundDrawing.Output(maps.output(), n, points, epoch, "test loss " + loss, 110));
        String id = e < 0 ? "playground-network" : "playground-epoch-" + e;
        String title = "Playground · " + epoch;
        perEpoch.add(Figure.of(id, title, "The network at " + epoch + " (test loss " + loss + ", test accuracy "
            + rows.get(rows.size() - 1).get(2) + "): each input feature and hidden unit as a map of its "
            + "activation over the plane (from the negative class's colour through white to the positive class's; "
            + "tanh and sigmoid on their fixed range, ReLU and features scaled to their largest magnitude per "
            + "column), lines for the weights (red positive, blue negative, width by size within each pair of "
            + "layers), and the output's probability "
            + "of the positive class with its 0.5 boundary and the " + which + " points.", params(spec, e),
            new PlaygroundDrawing.Network(maps, labels, features, points, spec.maxUnits(), title)));
      } finally {
        if (s != null) s.close();
      }
    }
    String note = snaps.note("Without train.snapshots only the initialisation and the trained network are drawn; "
        + "list epochs in train.snapshots to watch the boundary form.");
    Figure overview = new Figure("playground", "Playground · decision boundary by epoch", "The input plane "
        + "coloured by the network's probability of the positive class against the negative one (the classes' "
        + "colours, white at 0.5), "
        + "with its 0.5 boundary and the " + which + " points, at each snapshot of training. Test loss per "
        + "snapshot: " + losses + ".", params(spec, null), Panels.grid(8, outputs),
        List.of(new Table("Test loss per snapshot", List.of("epoch", "test loss", "test accuracy"), rows)),
        List.of(), note);
    List<Figure> out = new ArrayList<>();
    out.add(overview);
    out.addAll(perEpoch);
    return out;
  }

  /** The options, with the snapshot's epoch on a figure of one snapshot. */
  private static Map<String, String> params(PlaygroundSpec spec, Integer epoch) {
    return Parameters.of(spec).with("epoch", epoch != null && epoch >= 0 ? epoch : null).map();
  }

  static PlaygroundDrawing.Points points(VectorSet set) {
    int k = set.size();
    float[] x = new float[k];
    float[] y = new float[k];
    int[] label = new int[k];
    for (int i = 0; i < k; i++) {
      x[i] = set.x(i);
      y[i] = set.y(i);
      label[i] = set.label(i);
    }
    return new PlaygroundDrawing.Points(x, y, label);
  }

  /** Each input feature's value over the plane's n×n grid (row 0 at the top). */
  static float[][] featureMaps(VectorSet set, int n) {
    int f = set.channels();
    float[][] out = new float[f][n * n];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        float[] v = set.inputs(PlaneMaps.coordinate(c, n), -PlaneMaps.coordinate(r, n));
        for (int i = 0; i < f; i++) out[i][r * n + c] = v[i];
      }
    }
    return out;
  }
}
