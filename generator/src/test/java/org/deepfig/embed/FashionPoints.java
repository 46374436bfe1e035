package org.deepfig.embed;

import java.nio.file.Files;
import org.deepfig.data.Dataset;
import org.deepfig.data.Datasets;
import org.deepfig.data.IdxDataset;
import org.deepfig.data.ImageSet;

/**
 * Real points for t-SNE tests and benches: Fashion-MNIST images (Debian's dataset-fashion-mnist, test split first,
 * then train) reduced to 50 dimensions by PCA, as deepfig's t-SNE figure reduces activations.
 */
public final class FashionPoints {
  private FashionPoints() {}

  public static boolean available() {
    return Files.isRegularFile(Datasets.FASHION_MNIST.resolve("t10k-images-idx3-ubyte.gz"))
        || Files.isRegularFile(Datasets.FASHION_MNIST.resolve("t10k-images-idx3-ubyte"));
  }

  /** The first n images (the 10,000 test images, then training images) as PCA-50 rows; labels filled in. */
  public static Matrix pca50(int n, int[] labels) {
    int fromTrain = Math.max(0, n - 10_000);
    Dataset d = IdxDataset.load(Datasets.FASHION_MNIST, "fashion-mnist", Math.max(1, fromTrain), Math.min(n, 10_000));
    int len = d.test().imageLength();
    float[] px = new float[n * len];
    int fromTest = Math.min(n, d.test().size());
    copy(d.test(), fromTest, px, 0, labels, 0);
    if (fromTrain > 0) copy(d.train(), fromTrain, px, fromTest * len, labels, fromTest);
    return Pca.project(Matrix.of(px, n, len), 50, 0);
  }

  private static void copy(ImageSet s, int count, float[] px, int offset, int[] labels, int at) {
    s.copyImages(0, count, px, offset);
    for (int i = 0; i < count; i++) labels[at + i] = s.label(i);
  }
}
