package org.deepfig.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deepfig.UserError;
import org.deepfig.config.DataConfig;

/**
 * Image files a config names by path ({@code images: [{path: cats/1.jpg}]}): resolved against the config file's
 * folder and read only from inside the folders a config may read, the config's own folder and the dataset's folder.
 * A path that leads elsewhere, by {@code ..}, by an absolute path or through a symbolic link, is refused like a link
 * out of a templates folder: a config someone sends you cannot make a report publish a picture from your disk.
 */
public final class ImageFiles {
  private ImageFiles() {}

  /**
   * The real path of the image {@code path} names, checked: it exists, is a file, lies inside an allowed folder
   * and has a readable PNG or JPEG header.
   *
   * @throws UserError without a position (the caller knows the config key), saying what is wrong and the fix
   */
  public static Path resolve(Path configDir, DataConfig data, String path) {
    Path file = configDir.resolve(path).normalize();
    if (!Files.exists(file)) {
      throw new UserError(null, "image file not found: " + file, "check the path (relative to the config file's "
          + "folder " + configDir + ")");
    }
    if (!Files.isRegularFile(file)) {
      throw new UserError(null, "not an image file: " + file, "name a PNG or JPEG file, not a folder");
    }
    Path real;
    try {
      real = file.toRealPath();
    } catch (IOException e) {
      throw new UserError(null, "cannot read image file " + file + ": " + e.getMessage(), "check its permissions");
    }
    List<Path> roots = allowedFolders(configDir, data);
    if (roots.stream().noneMatch(real::startsWith)) {
      throw new UserError(null, "image file " + file + (real.equals(file) ? "" : " (a link to " + real + ")")
          + " lies outside the config file's folder" + (roots.size() > 1 ? " and the dataset's folder" : ""),
          "copy the image into " + configDir + " (deepfig reads images only from there"
          + (roots.size() > 1 ? " and the dataset's folder" : "") + ")");
    }
    if (!FolderDataset.readableHeader(real)) {
      throw new UserError(null, file + " is not a readable PNG or JPEG image", "convert it to PNG or JPEG");
    }
    return real;
  }

  /** The config's folder and, when the dataset is read from a folder, that folder (real paths). */
  static List<Path> allowedFolders(Path configDir, DataConfig data) {
    List<Path> out = new ArrayList<>();
    addReal(out, configDir);
    Path dataDir = Datasets.folder(data, configDir);
    if (dataDir != null) addReal(out, dataDir);
    return out;
  }

  private static void addReal(List<Path> out, Path dir) {
    try {
      out.add(dir.toRealPath());
    } catch (IOException e) {
      // a folder that does not exist holds no image
    }
  }

  /** The true class of an image file from its folder's name ({@code cat/1.jpg} is a cat), or -1. */
  public static int classFromFolder(Path file, List<String> classNames) {
    Path parent = file.getParent();
    return parent == null || parent.getFileName() == null ? -1
        : classNames.indexOf(parent.getFileName().toString());
  }

  /** Decodes {@code file} at the geometry of {@code like} (its side and channels), as the dataset does. */
  public static float[] read(Path file, ImageSet like) {
    return read(file, like, 0);
  }

  /**
   * As {@link #read(Path, ImageSet)}, with the dataset's {@code data.resize} (shorter side, then the centre square;
   * 0 for none), so an image named by path is preprocessed exactly as the folder dataset's images are.
   */
  public static float[] read(Path file, ImageSet like, int resize) {
    if (like.height() != like.width()) {
      throw new IllegalStateException("images by path need a square dataset, got " + like.height() + "×"
          + like.width());
    }
    float[] out = new float[like.imageLength()];
    FolderDataset.readImage(file, like.height(), like.channels(), resize, out, 0);
    return out;
  }
}
