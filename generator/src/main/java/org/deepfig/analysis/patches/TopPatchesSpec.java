package org.deepfig.analysis.patches;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.deepfig.config.Declared;
import org.deepfig.config.ChannelPick;
import org.deepfig.config.ConfigValueException;
import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;
import org.deepfig.config.ImageChoice;

@Doc("The dataset patches that most activate each channel, cropped to the unit's receptive field (Zeiler & Fergus).")
public record TopPatchesSpec(
    @Doc(value = "Layers to scan", defText = "every convolution") List<String> layers,
    @Doc(value = "Patches kept per channel", def = "9", min = "1", max = "64") Integer k,
    @Doc(value = "Channels shown per layer: how many (those with the highest top activation first) or which, as a "
        + "list of indices ([3, 17, 1024]); more than " + TopPatchesSpec.PAGE + " go on several pages (figures)",
        defText = "16", min = "1", max = "4096") ChannelPick channels,
    @Doc(value = "Instead of channels: the N channels with the highest mean activation over the scanned images "
        + "(channels is then left unset)",
        min = "1", max = "4096") Integer top,
    @Doc(value = "train or test", def = "test") Split split,
    @Doc(value = "Images scanned (0 = the whole split)", def = "0", min = "0") Integer maxImages,
    @Doc(value = "Scan only these images instead of the split: test-image indices, {path: FILE}, {class: NAME, "
        + "count: N} or {rule: most-confident | most-confident-wrong | least-confident | random, count: N}",
        defText = "the whole split") List<ImageChoice> images,
    @Doc(value = "Images per forward pass", def = "256", min = "1", max = "8192") Integer batchSize,
    @Doc(value = "Draw each patch's guided-backprop projection (what in the patch the unit responds to) beside the "
        + "patches, as Zeiler & Fergus do", def = "true") Boolean projections)
    implements FigureSpec {
  /** Channels per figure: a layer with more chosen channels gets several pages, none an unreadable wall. */
  public static final int PAGE = 64;

  /** The images scanned. */
  public enum Split {
    @JsonProperty("train") TRAIN,
    @JsonProperty("test") TEST;

    @Override
    public String toString() {
      return Declared.spelling(this);
    }
  }

  public TopPatchesSpec {
    layers = layers == null ? null : List.copyOf(layers);
    ConfigValueException.check(top == null || channels == null, "top", "give channels or top, not both",
        "remove one of them (top picks by mean activation, channels by number or index)");
    if (channels == null && top == null) channels = ChannelPick.count(16); // with top, channels stays unset
    if (channels != null) channels.check("channels", 4096);
    if (images != null) {
      ImageChoice.check("images", images);
      images = List.copyOf(images);
      ConfigValueException.check(!images.isEmpty(), "images", "images is empty", "name images, or remove the key "
          + "to scan the whole split");
      ConfigValueException.check(split == Split.TEST, "split", "images picks test images and files; it cannot go "
          + "with split: train", "remove split, or images");
    }
  }
}
