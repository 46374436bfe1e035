package org.deepfig.analysis.embedding;

import java.util.List;
import org.deepfig.config.ConfigValueException;
import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;

@Doc("Per-layer t-SNE of test-set activations, with neighbourhood hit, trustworthiness and continuity.")
public record EmbeddingSpec(
    @Doc(value = "Layers to embed; 'input' is the image itself", def = "input, each pooling stage, hidden "
        + "dense layers and the logits") List<String> layers,
    @Doc(value = "Test images embedded (the same subset for every layer)", def = "1000", min = "50",
        max = "70000") Integer points,
    @Doc(value = "t-SNE perplexity", def = "30", min = "2", max = "100") Double perplexity,
    @Doc(value = "t-SNE iterations", def = "1000", min = "100", max = "10000") Integer iterations,
    @Doc(value = "Learning rate; empty = openTSNE's schedule, max(N / exaggeration / 4, 50) in each phase: "
        + "N / early_exaggeration / 4 while exaggerating, N / 4 after (openTSNE's N/12 and N; its gradient leaves out "
        + "t-SNE's factor 4); a value given holds in both phases", min = "1") Double learningRate,
    @Doc(value = "Early exaggeration factor (first 250 iterations)", def = "12", min = "1", max = "100")
    Double earlyExaggeration,
    @Doc(value = "Initial layout: pca or random", def = "pca") String init,
    @Doc(value = "Repulsive forces: fft (interpolation on a grid, Linderman et al. 2019), barnes-hut (accuracy "
        + "set by theta), exact (O(N²)), or auto: barnes-hut below 5000 points, fft from there (the grid's cost does "
        + "not shrink with N)", def = "auto") String method,
    @Doc(value = "Barnes-Hut accuracy θ, for method barnes-hut (0 = exact gradient)", def = "0.5", min = "0",
        max = "1.5") Double theta,
    @Doc(value = "Neighbours k for neighbourhood hit, trustworthiness and continuity", def = "6", min = "1",
        max = "50") Integer k,
    @Doc(value = "Also embed the untrained network (before/after training)", def = "true")
    Boolean compareUntrained,
    @Doc(value = "Cells along the longer side of the image-grid view (the inputs placed at their t-SNE positions "
        + "in the last layer; 0 = no grid)", def = "24", min = "0", max = "80") Integer imageGrid,
    @Doc(value = "How wide layers are reduced before t-SNE: auto (layers with more than max_dimensions values per "
        + "image by streamed PCA), pca (every layer wider than pca_dimensions by streamed PCA), pool (spatial layers "
        + "averaged over positions: one value per channel), none (every layer whole, in memory)", def = "auto")
    String reduce,
    @Doc(value = "With reduce: auto, layers wider than this many values per image are reduced", def = "65536",
        min = "100", max = "100000000") Integer maxDimensions,
    @Doc(value = "Dimensions streamed PCA keeps (randomised PCA over batches of images, in memory bounded by the "
        + "layer's width, not the number of points)", def = "50", min = "2", max = "200") Integer pcaDimensions,
    @Doc(value = "Nearest neighbours behind t-SNE's input similarities: exact (brute force, O(N²)), approximate "
        + "(random-projection forest refined by neighbours of neighbours, as FIt-SNE and openTSNE; ≥ 0.98 recall in "
        + "the tests), or auto: exact up to 5000 points, approximate above", def = "auto") String neighbours,
    @Doc(value = "Layers whose units are embedded as well (Rauber et al. 2017's neuron projection): each unit a point "
        + "described by its activations over the same test images (spatial layers: each channel's mean over "
        + "positions), standardised, and coloured by the class it responds to most", def = "none")
    List<String> neurons)
    implements FigureSpec {
  /** The values of {@code reduce}. */
  public static final List<String> REDUCE = List.of("auto", "pca", "pool", "none");

  public EmbeddingSpec {
    if (points == null) points = 1000;
    if (perplexity == null) perplexity = 30.0;
    if (iterations == null) iterations = 1000;
    if (earlyExaggeration == null) earlyExaggeration = 12.0;
    if (init == null) init = "pca";
    if (method == null) method = "auto";
    if (theta == null) theta = 0.5;
    if (k == null) k = 6;
    if (compareUntrained == null) compareUntrained = true;
    if (imageGrid == null) imageGrid = 24;
    if (reduce == null) reduce = "auto";
    if (maxDimensions == null) maxDimensions = 65536;
    if (pcaDimensions == null) pcaDimensions = 50;
    ConfigValueException.check(REDUCE.contains(reduce), "reduce", "reduce must be auto, pca, pool or none, got '"
        + reduce + "'", "set reduce to auto, pca, pool or none");
    ConfigValueException.between("max_dimensions", maxDimensions, 100, 100_000_000);
    ConfigValueException.between("pca_dimensions", pcaDimensions, 2, 200);
    if (neighbours == null) neighbours = "auto";
    ConfigValueException.check(List.of("auto", "exact", "approximate").contains(neighbours), "neighbours",
        "neighbours must be auto, exact or approximate, got '" + neighbours + "'",
        "set neighbours to auto, exact or approximate");
    ConfigValueException.between("image_grid", imageGrid, 0, 80);
    layers = layers == null ? null : List.copyOf(layers);
    neurons = neurons == null ? List.of() : List.copyOf(neurons);
    ConfigValueException.between("points", points, 50, 70000);
    ConfigValueException.between("perplexity", perplexity, 2, 100);
    ConfigValueException.between("iterations", iterations, 100, 10000);
    ConfigValueException.between("early_exaggeration", earlyExaggeration, 1, 100);
    ConfigValueException.between("theta", theta, 0, 1.5);
    ConfigValueException.between("k", k, 1, 50);
    if (learningRate != null) ConfigValueException.atLeast("learning_rate", learningRate, 1);
    ConfigValueException.check(List.of("auto", "fft", "barnes-hut", "exact").contains(method),
        "method", "method must be auto, fft, barnes-hut or exact, got '" + method + "'",
        "set method to auto, fft, barnes-hut or exact");
    ConfigValueException.check(init.equals("pca") || init.equals("random"), "init",
        "init must be pca or random, got '" + init + "'", "set init to pca or random");
    ConfigValueException.check(3 * perplexity < points, "perplexity", "perplexity " + perplexity
        + " needs more than " + (int) (3 * perplexity) + " points", "lower perplexity or raise points");
  }
}
