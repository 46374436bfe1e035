package org.deepfig.analysis.activations;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.deepfig.config.Declared;
import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;
import org.deepfig.config.ImageChoice;

@Doc("Feature maps of chosen layers for chosen test images, beside the input.")
public record ActivationsSpec(
    @Doc(value = "Images: test-image indices, {path: FILE} (relative to the config file), {class: NAME, count: N} "
        + "or {rule: most-confident | most-confident-wrong | least-confident | random, count: N, class: NAME}",
        def = "[0, 1]", emptyIsDefault = true) List<ImageChoice> images,
    @Doc(value = "Layers to show", defText = "every ReLU (spatial ones as maps, dense ones as strips)")
    List<String> layers,
    @Doc(value = "Channels shown per spatial layer", def = "8", min = "1", max = "64") Integer channels,
    @Doc(value = "random (seeded) or top (highest mean activation on that image)", def = "top") Pick pick,
    @Doc(value = "shared (one colour scale per layer) or per-map", def = "shared") Scale scale)
    implements FigureSpec {

  /** Which channels of a layer are shown. */
  public enum Pick {
    @JsonProperty("random") RANDOM,
    @JsonProperty("top") TOP;

    @Override
    public String toString() {
      return Declared.spelling(this);
    }
  }

  /** One colour scale per layer, or one per map. */
  public enum Scale {
    @JsonProperty("shared") SHARED,
    @JsonProperty("per-map") PER_MAP;

    @Override
    public String toString() {
      return Declared.spelling(this);
    }
  }

  public ActivationsSpec {
    ImageChoice.check("images", images);
    images = List.copyOf(images);
    layers = layers == null ? null : List.copyOf(layers);
  }
}
