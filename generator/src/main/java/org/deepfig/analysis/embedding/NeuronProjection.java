package org.deepfig.analysis.embedding;

import org.deepfig.embed.Matrix;
import org.deepfig.embed.NeighbourhoodHit;
import org.deepfig.embed.TSne;
import org.deepfig.embed.TSneResult;

/**
 * Rauber et al. (2017)'s neuron projection: the units of one layer as points, each described by its activations
 * over the same test images, embedded by t-SNE. A unit's activations are standardised over the images first (z-scores),
 * so two units lie close when they fire on the same images, whatever their scale: the squared distance between two
 * standardised units is 2n(1 − r) for their correlation r over n images. Each unit is coloured by the class it
 * responds to most (the highest class mean of its z-scores), so groups of units that serve one class show up as
 * clusters of one colour; the neighbourhood hit of that colouring against its chance level (Σ share²) says how much
 * they group. Units that never change over the images (dead or constant) have no pattern and are left out.
 *
 * @param units indices into the layer's units of the points, in order
 * @param xy t-SNE coordinates of those units, interleaved
 * @param preferred the class each unit responds to most
 * @param selectivity that class's mean z-score minus the mean of the other classes' means
 * @param constant how many units were left out because their activation never changed
 * @param neighbourhoodHit share of each unit's k nearest units (in the projection) that prefer its class
 * @param chance the neighbourhood hit a random placement would have: Σ over classes of (share of units)²
 */
record NeuronProjection(int[] units, double[] xy, int[] preferred, double[] selectivity, int constant,
    double neighbourhoodHit, double chance) {

  /** The fewest varying units a projection is drawn for. */
  static final int MIN_UNITS = 8;

  /**
   * Projects the units (columns) of {@code activations} (images × units), with {@code labels[i]} the class of image i.
   *
   * @return the projection, or null when fewer than {@link #MIN_UNITS} units vary
   */
  static NeuronProjection of(Matrix activations, int[] labels, int classes, double perplexity, int iterations, int k,
      long seed) {
    int n = activations.rows();
    int u = activations.cols();
    int[] counts = new int[classes];
    for (int l : labels) counts[l]++;
    int[] keep = new int[u];
    int kept = 0;
    double[] rows = new double[u * n];
    for (int j = 0; j < u; j++) {
      double mean = 0;
      for (int i = 0; i < n; i++) mean += activations.get(i, j);
      mean /= n;
      double var = 0;
      for (int i = 0; i < n; i++) var += (activations.get(i, j) - mean) * (activations.get(i, j) - mean);
      double sd = Math.sqrt(var / n);
      if (!(sd > 1e-9 * Math.max(1, Math.abs(mean)))) continue;
      for (int i = 0; i < n; i++) rows[kept * n + i] = (activations.get(i, j) - mean) / sd;
      keep[kept++] = j;
    }
    if (kept < MIN_UNITS) return null;
    int[] units = java.util.Arrays.copyOf(keep, kept);
    Matrix x = new Matrix(kept, n, java.util.Arrays.copyOf(rows, kept * n));
    int[] preferred = new int[kept];
    double[] selectivity = new double[kept];
    for (int a = 0; a < kept; a++) {
      double[] classMean = new double[classes];
      for (int i = 0; i < n; i++) classMean[labels[i]] += x.get(a, i);
      int best = -1;
      for (int c = 0; c < classes; c++) {
        if (counts[c] == 0) continue;
        classMean[c] /= counts[c];
        if (best < 0 || classMean[c] > classMean[best]) best = c;
      }
      double others = 0;
      int present = 0;
      for (int c = 0; c < classes; c++) {
        if (c != best && counts[c] > 0) {
          others += classMean[c];
          present++;
        }
      }
      preferred[a] = best;
      selectivity[a] = classMean[best] - (present == 0 ? 0 : others / present);
    }
    TSneResult r = new TSne().optPerplexity(Math.min(perplexity, (kept - 1) / 3.0)).optIterations(iterations)
        .optMethod(kept < 5000 ? TSne.Method.BARNES_HUT : TSne.Method.FFT).optSeed(seed).fit(x);
    Matrix y = new Matrix(kept, 2, r.coordinates());
    int kk = Math.max(1, Math.min(k, kept - 1));
    int[] share = new int[classes];
    for (int p : preferred) share[p]++;
    double chance = 0;
    for (int s : share) chance += (double) s / kept * s / kept;
    return new NeuronProjection(units, r.coordinates(), preferred, selectivity, u - kept,
        NeighbourhoodHit.of(y, preferred, kk), chance);
  }
}
