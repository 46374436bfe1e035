package org.deepfig.config;

import java.util.List;

@Doc("The dataset the model is trained on and analysed with.")
public record DataConfig(
    @Doc(value = "shapes (embedded, synthetic), idx (MNIST/Fashion-MNIST), cifar10, folder, or toy2d (the "
        + "TensorFlow Playground's 2-D point sets: vectors, not images)", def = "shapes")
    DataSource source,
    @Doc(value = "For idx: mnist or fashion-mnist (sets class names and the default path); for toy2d: circles, "
        + "xor, gaussian or spiral", defText = "fashion-mnist (idx), circles (toy2d)")
    String name,
    @Doc(value = "Folder holding the files; idx fashion-mnist defaults to /usr/share/datasets/fashion-mnist")
    String path,
    @Doc(value = "Training images to use (0 = all; shapes and toy2d generate this many; at most 1000000, and for "
        + "shapes at most 2³¹ pixel values: 699050 images of 32×32)", defText = "8000 (shapes), 500 (toy2d), 0",
        min = "0", max = "1000000")
    Integer trainSize,
    @Doc(value = "Test images to use (0 = all; shapes and toy2d generate this many; bounded as train_size)",
        defText = "2000 (shapes), 500 (toy2d), 0", min = "0", max = "1000000")
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
    @Doc(value = "Per-channel mean subtracted inside the model: one value for all channels, or one per channel (3 "
        + "for shapes and cifar10, 1 for idx, channels for folder, one per feature for toy2d)",
        defText = "[0.5]; [0] for toy2d")
    List<Double> mean,
    @Doc(value = "Per-channel standard deviation the input is divided by inside the model (one value, or one per "
        + "channel)", defText = "[0.5]; [1] for toy2d")
    List<Double> std,
    @Doc("Groups of test images (slices) that metrics and calibration show beside the whole test set")
    SlicesConfig slices,
    @Doc(value = "A text file of class names, one per line, in the model's output order (relative to the config; "
        + "instead of class_names). For folder data each sub-folder is the class of its name, so a folder may "
        + "hold a few of an ImageNet model's 1,000 classes")
    String classNamesFile,
    @Doc(value = "For folder: scale each image's shorter side to this many pixels, then crop the centre "
        + "image_size square (ImageNet's usual 256 then 224); empty = scale the whole image to the square",
        min = "8", max = "2048")
    Integer resize,
    @Doc(value = "For toy2d: the Playground's noise, 0 to 0.5 (labels near the boundary flip for circles and xor, "
        + "the gaussian blobs widen, spiral points move)", defText = "0", min = "0", max = "0.5")
    Double noise,
    @Doc(value = "For toy2d: the network's inputs computed from each point (x, y), as in the Playground: x, y, "
        + "x2, y2, xy, sin_x, sin_y", defText = "[x, y]")
    List<Toy2dFeature> features) {

  /** The most images a split may hold: more than any dataset deepfig reads (MNIST has 60000, CIFAR-10 50000). */
  public static final int MAX_IMAGES = 1_000_000;
  /** Pixel values one float array can hold: a generated shapes split lives in one array. */
  private static final long MAX_VALUES = Integer.MAX_VALUE - 8;

  public DataConfig {
    boolean toy = source == DataSource.TOY2D;
    if (name == null) {
      name = source == DataSource.IDX ? "fashion-mnist" : toy ? "circles" : source.name().toLowerCase();
    }
    if (trainSize == null) trainSize = source == DataSource.SHAPES ? 8000 : toy ? 500 : 0;
    if (testSize == null) testSize = source == DataSource.SHAPES ? 2000 : toy ? 500 : 0;
    if (noise == null && toy) noise = 0.0; // left out for images: their cache keys stay as they were
    if (toy && features == null) features = List.of(Toy2dFeature.X, Toy2dFeature.Y);
    features = features == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(features));
    ConfigValueException.check(toy || noise == null, "noise", "noise applies to toy2d data only",
        "remove data.noise, or use source: toy2d");
    ConfigValueException.check(toy || features == null, "features", "features apply to toy2d data only",
        "remove data.features, or use source: toy2d");
    if (toy) {
      ConfigValueException.check(!features.isEmpty() && !features.contains(null), "features",
          "features lists no feature", "list some of x, y, x2, y2, xy, sin_x, sin_y");
      ConfigValueException.check(features.stream().distinct().count() == features.size(), "features",
          "features lists a feature twice", "list each feature once");
      ConfigValueException.check(org.deepfig.data.Toy2dDataset.NAMES.contains(name), "name",
          "unknown toy2d data set '" + name + "'", "set name to one of "
              + String.join(", ", org.deepfig.data.Toy2dDataset.NAMES));
      ConfigValueException.check(trainSize > 0 && testSize > 0, trainSize > 0 ? "test_size" : "train_size",
          "toy2d generates train_size and test_size points: both must be positive", "set them to, say, 500");
    }
    if (mean == null) mean = List.of(toy ? 0.0 : 0.5);
    if (std == null) std = List.of(toy ? 1.0 : 0.5);
    classNames = classNames == null ? null : List.copyOf(classNames);
    mean = List.copyOf(mean);
    std = List.copyOf(std);
    ConfigValueException.check(channels == 1 || channels == 3, "channels",
        "channels must be 1 or 3, got " + channels, "set channels to 1 (grey) or 3 (RGB)");
    int perImage = channelCount(source, channels, features) * imageSize * imageSize;
    if (source == DataSource.SHAPES) { // generated into one array per split (folder images are read lazily)
      fitsInOneArray("train_size", trainSize, perImage, imageSize);
      fitsInOneArray("test_size", testSize, perImage, imageSize);
    }
    perChannel("mean", mean, source, channels, features);
    perChannel("std", std, source, channels, features);
    ConfigValueException.check(classNames == null || classNamesFile == null, "class_names_file",
        "class_names and class_names_file both given", "keep one of them");
    if (resize != null) {
      ConfigValueException.check(source == DataSource.FOLDER, "resize", "resize applies to folder images only",
          "remove data.resize, or use source: folder");
      ConfigValueException.check(resize >= imageSize, "resize", "resize " + resize + " is smaller than the "
          + "image_size " + imageSize + " cropped from it", "set resize to at least image_size (e.g. 256 for 224)");
    }
    ConfigValueException.check(source != DataSource.SHAPES || trainSize > 0, "train_size",
        "train_size must be positive for the generated shapes dataset", "set train_size to, say, 8000");
    ConfigValueException.check(source != DataSource.SHAPES || testSize > 0, "test_size",
        "test_size must be positive for the generated shapes dataset", "set test_size to, say, 2000");
    ConfigValueException.check(source != DataSource.IDX || name.equals("mnist") || name.equals("fashion-mnist"),
        "name", "unknown idx dataset '" + name + "'", "set name to mnist or fashion-mnist");
    ConfigValueException.check((source != DataSource.FOLDER && source != DataSource.CIFAR10) || path != null,
        "path", source.name().toLowerCase() + " data needs a path", "set data.path to the dataset's folder");
    ConfigValueException.check(slices == null || slices.folderLevel() == null || source == DataSource.FOLDER,
        "slices", "slices.folder_level needs folder data, not " + source.name().toLowerCase(),
        "use source: folder, or name the slices with a csv of file,slice rows");
    for (double s : std) {
      ConfigValueException.check(s > 0, "std", "std values must be positive, got " + s, "use positive values");
    }
  }

  /** Channels of the images this data section gives the network: 3 for shapes and CIFAR-10, 1 for IDX. */
  public int channelCount() {
    return channelCount(source, channels, features);
  }

  private static int channelCount(DataSource source, int folderChannels, List<Toy2dFeature> features) {
    return switch (source) {
      case SHAPES, CIFAR10 -> 3;
      case IDX -> 1;
      case FOLDER -> folderChannels;
      case TOY2D -> features.size();
    };
  }

  private static void fitsInOneArray(String key, int images, int perImage, int imageSize) {
    long most = MAX_VALUES / perImage;
    ConfigValueException.check(images <= most, key, key + " " + images + " images of " + imageSize + "×" + imageSize
        + " do not fit in memory as one array (at most " + most + " at this size)",
        "set " + key + " to at most " + most + ", or lower image_size");
  }

  private static void perChannel(String key, List<Double> values, DataSource source, int folderChannels,
      List<Toy2dFeature> features) {
    int c = channelCount(source, folderChannels, features);
    if (source == DataSource.TOY2D) {
      ConfigValueException.check(values.size() == 1 || values.size() == c, key, key + " has " + values.size()
          + " values but the toy2d points have " + c + " features", "give one value, or one per feature");
      return;
    }
    ConfigValueException.check(values.size() == 1 || values.size() == c, key, key + " has " + values.size()
        + " values but the " + source.name().toLowerCase() + " images have " + c + (c == 1 ? " channel" : " channels"),
        "give one value for all channels" + (c == 1 ? "" : ", or exactly " + c + ", one per channel"));
  }

  public static DataConfig defaults() {
    return Declared.defaults(DataConfig.class);
  }

  /** A data section without the toy2d keys. */
  public DataConfig(DataSource source, String name, String path, Integer trainSize, Integer testSize,
      Integer imageSize, Integer channels, Double testFraction, List<String> classNames, List<Double> mean,
      List<Double> std, SlicesConfig slices, String classNamesFile, Integer resize) {
    this(source, name, path, trainSize, testSize, imageSize, channels, testFraction, classNames, mean, std, slices,
        classNamesFile, resize, null, null);
  }

  /** This section without its slices: what training reads (slices only regroup the test images for figures). */
  public DataConfig withoutSlices() {
    return slices == null ? this : new DataConfig(source, name, path, trainSize, testSize, imageSize, channels,
        testFraction, classNames, mean, std, null, classNamesFile, resize, noise, features);
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
