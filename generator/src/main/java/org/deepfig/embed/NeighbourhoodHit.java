package org.deepfig.embed;

/**
 * Neighbourhood hit (Paulovich et al. 2008, used by Rauber et al. 2017 to score projections of hidden layers): the
 * mean over points of the share of their k nearest neighbours in the projection that have the same label.
 */
public final class NeighbourhoodHit {
  private NeighbourhoodHit() {}

  public static double of(Matrix projection, int[] labels, int k) {
    Neighbours.Result nn = Neighbours.of(projection, k);
    double sum = 0;
    for (int i = 0; i < nn.n(); i++) {
      int same = 0;
      for (int r = 0; r < k; r++) if (labels[nn.indices()[i * k + r]] == labels[i]) same++;
      sum += (double) same / k;
    }
    return sum / nn.n();
  }
}
