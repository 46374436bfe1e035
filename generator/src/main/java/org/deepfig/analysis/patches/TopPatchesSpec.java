package org.deepfig.analysis.patches;

import java.util.List;
import org.deepfig.config.ConfigValueException;
import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;

@Doc("The dataset patches that most activate each channel, cropped to the unit's receptive field (Zeiler & Fergus).")
public record TopPatchesSpec(
    @Doc(value = "Layers to scan", def = "every convolution") List<String> layers,
    @Doc(value = "Patches kept per channel", def = "9", min = "1", max = "64") Integer k,
    @Doc(value = "Channels shown per layer, those with the highest top activation first", def = "16", min = "1",
        max = "512") Integer channels,
    @Doc(value = "train or test", def = "test") String split,
    @Doc(value = "Images scanned (0 = the whole split)", def = "0", min = "0") Integer maxImages,
    @Doc(value = "Images per forward pass", def = "256", min = "1", max = "8192") Integer batchSize,
    @Doc(value = "Draw each patch's guided-backprop projection (what in the patch the unit responds to) beside the "
        + "patches, as Zeiler & Fergus do", def = "true") Boolean projections)
    implements FigureSpec {
  public TopPatchesSpec {
    layers = layers == null ? null : List.copyOf(layers);
    if (k == null) k = 9;
    if (channels == null) channels = 16;
    if (split == null) split = "test";
    if (maxImages == null) maxImages = 0;
    if (batchSize == null) batchSize = 256;
    if (projections == null) projections = true;
    ConfigValueException.between("k", k, 1, 64);
    ConfigValueException.between("channels", channels, 1, 512);
    ConfigValueException.check(split.equals("train") || split.equals("test"), "split",
        "split must be train or test, got '" + split + "'", "set split to train or test");
    ConfigValueException.atLeast("max_images", maxImages, 0);
    ConfigValueException.between("batch_size", batchSize, 1, 8192);
  }
}
