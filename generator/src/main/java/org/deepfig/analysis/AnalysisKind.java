package org.deepfig.analysis;

import java.util.List;
import org.deepfig.config.FigureSpec;

/**
 * One kind of figure: its {@code kind:} name in configs, its options record and how to compute it. Registered in
 * {@code META-INF/services/org.deepfig.analysis.AnalysisKind}; adding a figure kind touches only its own class, its
 * options record and that line. Nothing in the pipeline switches on kinds.
 */
public interface AnalysisKind<S extends FigureSpec> {
  /** The {@code kind:} value, lower-case with hyphens. */
  String kind();

  Class<S> specType();

  /** One sentence for {@code deepfig kinds}, the schema and the docs. */
  String description();

  /**
   * What computing the figures will cost, in images through the network (see {@link Cost}), from the options, the
   * data and the model alone: estimated before the run starts, so a run can say what is slow and refuse what would
   * exceed {@code --max-minutes}. Figures that need no passes (or only a few) keep the default.
   */
  default Cost cost(S spec, org.deepfig.data.Dataset data, org.deepfig.model.Network network) {
    return Cost.NONE;
  }

  /**
   * Whether the figures read the network at several epochs of its training ({@link RunContext#snapshots()}): then
   * how it was trained (train, model) is part of their cache key, not only the trained parameters.
   */
  default boolean usesSnapshots() {
    return false;
  }

  /**
   * Why this kind cannot draw vector data (the {@code toy2d} points), or null when it can: kinds that show images,
   * image positions or convolution filters say so, and {@code deepfig validate} refuses them on such data.
   */
  default String needsImages(S spec) {
    return null;
  }

  /**
   * Whether the figures show how training went rather than what the model learned (the training curves): a site's
   * experiment card takes another figure as its thumbnail when there is one, as such figures look alike that small.
   */
  default boolean showsTraining() {
    return false;
  }

  /** Why this kind draws only vector data (toy2d points), or null when images are fine; validate refuses the rest. */
  default String needsPoints(S spec) {
    return null;
  }

  /**
   * The pre-flight check of an entry, made by {@code deepfig validate} and by {@code deepfig run} before any
   * training: every layer, test image, channel and class the options name must exist in the model and the dataset
   * ({@code refs}: the layer graph known before training, the test-set size and the class names). Only what the user
   * wrote is checked; what the analysis picks itself (its default layers) is its own business and, when missing, a
   * note on its figure. Kinds whose options name nothing keep this default.
   *
   * @throws References.Mistake for the first name that does not exist, at its key inside the entry
   */
  default void check(S spec, References refs) {}

  /**
   * Whether the figures take gradients through the network as its options ask (input gradients, guided backprop, a
   * receptive field measured by gradients): on a CPU whose convolution kernels compute them wrongly and cannot be
   * routed around, {@code deepfig validate} and {@code run} refuse such an entry rather than draw a wrong map.
   */
  default boolean takesGradients(S spec, References refs) {
    return false;
  }

  /**
   * What is worth saying about an entry before the run without stopping it (one line, no "warning:" prefix), or
   * null; {@code imported}: the model is a TorchScript file.
   */
  default String warning(S spec, boolean imported) {
    return null;
  }

  /** Computes the figures. Analyses compute with DJL inside their own NDManager and return plain Java data. */
  List<Figure> run(S spec, RunContext context);

  /**
   * Whether the figures are numbers that combine over seeds ({@code seeds:} or {@code repeats:}): then the entry is
   * computed once per seed and {@link #aggregate} combines each figure; otherwise (pictures: filters, patches,
   * saliency) the report shows the first seed's figures and says so.
   */
  default boolean aggregates() {
    return false;
  }

  /**
   * The charts this kind's figure is drawn again as when {@code runs} reports are compared on shared axes, laid out in
   * a grid; none (the default) for kinds whose figures are not charts of their tables.
   */
  default List<SharedAxes> sharedAxes(int runs) {
    return List.of();
  }

  /**
   * One figure from the same figure of every seed. This default combines the tables (mean ± sd, see
   * {@link SeedStats#combine}) and returns no drawing, which keeps the first seed's picture; kinds override it to
   * draw means with bands or error bars from the seeds' tables.
   */
  default Figure aggregate(S spec, SeedFigures runs) {
    RenderedFigure f = runs.first();
    return new Figure(f.id(), f.title(), f.caption() + " " + runs.firstSeedSentence(), f.parameters(), null,
        runs.combinedTables(), List.of(), f.note());
  }
}
