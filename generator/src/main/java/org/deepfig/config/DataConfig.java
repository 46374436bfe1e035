package org.deepfig.config;

import java.util.List;

@Doc("The dataset the model is trained on and analysed with.")
public record DataConfig(
    @Doc(value = "shapes (embedded, synthetic), idx (MNIST/Fashion-MNIST), cifar10 or folder", def = "shapes")
    DataSource source,
    @Doc(value = "For idx: mnist or fashion-mnist (sets class names and the default path)", def = "fashion-mnist")
    String name,
    @Doc(value = "Folder holding the files; idx fashion-mnist defaults to /usr/share/datasets/fashion-mnist")
    String path,
    @Doc(value = "Training images to use (0 = all; shapes generates this many)", def = "8000", min = "0")
    Integer trainSize,
    @Doc(value = "Test images to use (0 = all; shapes generates this many)", def = "2000", min = "0")
    Integer testSize,
    @Doc(value = "Image side in pixels for shapes and folder", def = "32", min = "8", max = "512")
    Integer imageSize,
    @Doc(value = "Channels for folder images: 1 (grey) or 3 (RGB)", def = "3", min = "1", max = "3")
    Integer channels,
    @Doc(value = "For folder without train/ and test/ sub-folders: the share held out for testing", def = "0.2",
        min = "0.01", max = "0.9")
    Double testFraction,
    @Doc(value = "Class names to show instead of the dataset's own (one per class, in label order)")
    List<String> classNames,
    @Doc(value = "Per-channel mean subtracted inside the model (one value, or one per channel)", def = "[0.5]")
    List<Double> mean,
    @Doc(value = "Per-channel standard deviation the input is divided by inside the model", def = "[0.5]")
    List<Double> std) {

  public DataConfig {
    if (source == null) source = DataSource.SHAPES;
    if (name == null) name = source == DataSource.IDX ? "fashion-mnist" : source.name().toLowerCase();
    if (trainSize == null) trainSize = source == DataSource.SHAPES ? 8000 : 0;
    if (testSize == null) testSize = source == DataSource.SHAPES ? 2000 : 0;
    if (imageSize == null) imageSize = 32;
    if (channels == null) channels = 3;
    if (testFraction == null) testFraction = 0.2;
    if (mean == null) mean = List.of(0.5);
    if (std == null) std = List.of(0.5);
    classNames = classNames == null ? null : List.copyOf(classNames);
    mean = List.copyOf(mean);
    std = List.copyOf(std);
    ConfigValueException.atLeast("train_size", trainSize, 0);
    ConfigValueException.atLeast("test_size", testSize, 0);
    ConfigValueException.between("image_size", imageSize, 8, 512);
    ConfigValueException.check(channels == 1 || channels == 3, "channels",
        "channels must be 1 or 3, got " + channels, "set channels to 1 (grey) or 3 (RGB)");
    ConfigValueException.between("test_fraction", testFraction, 0.01, 0.9);
    ConfigValueException.check(source != DataSource.SHAPES || trainSize > 0, "train_size",
        "train_size must be positive for the generated shapes dataset", "set train_size to, say, 8000");
    ConfigValueException.check(source != DataSource.SHAPES || testSize > 0, "test_size",
        "test_size must be positive for the generated shapes dataset", "set test_size to, say, 2000");
    ConfigValueException.check(source != DataSource.IDX || name.equals("mnist") || name.equals("fashion-mnist"),
        "name", "unknown idx dataset '" + name + "'", "set name to mnist or fashion-mnist");
    ConfigValueException.check((source != DataSource.FOLDER && source != DataSource.CIFAR10) || path != null,
        "path", source.name().toLowerCase() + " data needs a path", "set data.path to the dataset's folder");
    for (double s : std) {
      ConfigValueException.check(s > 0, "std", "std values must be positive, got " + s, "use positive values");
    }
  }

  public static DataConfig defaults() {
    return new DataConfig(null, null, null, null, null, null, null, null, null, null, null);
  }

  /** {@link #mean()} as floats, one per channel (or one for all), as the network's normalisation takes them. */
  public float[] meanFloats() {
    return floats(mean);
  }

  /** {@link #std()} as floats, one per channel (or one for all). */
  public float[] stdFloats() {
    return floats(std);
  }

  private static float[] floats(List<Double> v) {
    float[] out = new float[v.size()];
    for (int i = 0; i < out.length; i++) out[i] = v.get(i).floatValue();
    return out;
  }
}
