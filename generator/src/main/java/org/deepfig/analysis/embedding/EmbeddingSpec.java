package org.deepfig.analysis.embedding;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.deepfig.config.Declared;
import org.deepfig.config.ConfigValueException;
import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;

@Doc("Per-layer t-SNE of test-set activations, with neighbourhood hit, trustworthiness and continuity.")
public record EmbeddingSpec(
    @Doc(value = "Layers to embed; 'input' is the image itself", defText = "input, each pooling stage, hidden "
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
    @Doc(value = "Initial layout: pca or random", def = "pca") Init init,
    @Doc(value = "Repulsive forces: fft (interpolation on a grid, Linderman et al. 2019), barnes-hut (accuracy "
        + "set by theta), exact (O(N²)), or auto: barnes-hut below 5000 points, fft from there (the grid's cost does "
        + "not shrink with N)", def = "auto") Method method,
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
    Reduce reduce,
    @Doc(value = "With reduce: auto, layers wider than this many values per image are reduced", def = "65536",
        min = "100", max = "100000000") Integer maxDimensions,
    @Doc(value = "Dimensions streamed PCA keeps (randomised PCA over batches of images, in memory bounded by the "
        + "layer's width, not the number of points)", def = "50", min = "2", max = "200") Integer pcaDimensions,
    @Doc(value = "Nearest neighbours behind t-SNE's input similarities: exact (brute force, O(N²)), approximate "
        + "(random-projection forest refined by neighbours of neighbours, as FIt-SNE and openTSNE; ≥ 0.98 recall in "
        + "the tests), or auto: exact up to 5000 points, approximate above", def = "auto") Neighbours neighbours,
    @Doc(value = "Layers whose units are embedded as well (Rauber et al. 2017's neuron projection): each unit a point "
        + "described by its activations over the same test images (spatial layers: each channel's mean over "
        + "positions), standardised, and coloured by the class it responds to most", defText = "none")
    List<String> neurons)
    implements FigureSpec {
  /** The initial layout. */
  public enum Init {
    @JsonProperty("pca") PCA,
    @JsonProperty("random") RANDOM;

    @Override
    public String toString() {
      return Declared.spelling(this);
    }
  }

  /** How the repulsive forces are computed. */
  public enum Method {
    @JsonProperty("auto") AUTO,
    @JsonProperty("fft") FFT,
    @JsonProperty("barnes-hut") BARNES_HUT,
    @JsonProperty("exact") EXACT;

    @Override
    public String toString() {
      return Declared.spelling(this);
    }
  }

  /** How wide layers are reduced before t-SNE. */
  public enum Reduce {
    @JsonProperty("auto") AUTO,
    @JsonProperty("pca") PCA,
    @JsonProperty("pool") POOL,
    @JsonProperty("none") NONE;

    @Override
    public String toString() {
      return Declared.spelling(this);
    }
  }

  /** How the nearest neighbours behind the input similarities are found. */
  public enum Neighbours {
    @JsonProperty("auto") AUTO,
    @JsonProperty("exact") EXACT,
    @JsonProperty("approximate") APPROXIMATE;

    @Override
    public String toString() {
      return Declared.spelling(this);
    }
  }

  public EmbeddingSpec {
    layers = layers == null ? null : List.copyOf(layers);
    neurons = neurons == null ? List.of() : List.copyOf(neurons);
    ConfigValueException.check(3 * perplexity < points, "perplexity", "perplexity " + perplexity
        + " needs more than " + (int) (3 * perplexity) + " points", "lower perplexity or raise points");
  }
}
