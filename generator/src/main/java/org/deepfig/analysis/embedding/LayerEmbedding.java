package org.deepfig.analysis.embedding;

/**
 * One layer's projections and scores.
 *
 * @param tsne N×2 t-SNE coordinates; {@code pca} N×2 PCA coordinates
 * @param dimensions the layer's size per example
 * @param reduction how the layer was reduced before t-SNE ({@code 802816 → 50 by streamed PCA}), or null
 */
record LayerEmbedding(String layer, int dimensions, String reduction, double[] tsne, double[] pca, double neighbourhoodHit,
    double pcaNeighbourhoodHit, double trustworthiness, double continuity, double kl, double seconds) {}
