package org.deepfig.analysis.activations;

import java.util.List;
import org.deepfig.config.ConfigValueException;
import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;
import org.deepfig.config.ImageChoice;

@Doc("Feature maps of chosen layers for chosen test images, beside the input.")
public record ActivationsSpec(
    @Doc(value = "Images: test-image indices, {path: FILE} (relative to the config file), {class: NAME, count: N} "
        + "or {rule: most-confident | most-confident-wrong | least-confident | random, count: N, class: NAME}",
        def = "[0, 1]") List<ImageChoice> images,
    @Doc(value = "Layers to show", def = "every ReLU (spatial ones as maps, dense ones as strips)") List<String> layers,
    @Doc(value = "Channels shown per spatial layer", def = "8", min = "1", max = "64") Integer channels,
    @Doc(value = "random (seeded) or top (highest mean activation on that image)", def = "top") String pick,
    @Doc(value = "shared (one colour scale per layer) or per-map", def = "shared") String scale)
    implements FigureSpec {
  public ActivationsSpec {
    if (images == null || images.isEmpty()) images = ImageChoice.indices(0, 1);
    ImageChoice.check("images", images);
    images = List.copyOf(images);
    layers = layers == null ? null : List.copyOf(layers);
    if (channels == null) channels = 8;
    if (pick == null) pick = "top";
    if (scale == null) scale = "shared";
    ConfigValueException.between("channels", channels, 1, 64);
    ConfigValueException.check(pick.equals("random") || pick.equals("top"), "pick",
        "pick must be random or top, got '" + pick + "'", "set pick to random or top");
    ConfigValueException.check(scale.equals("shared") || scale.equals("per-map"), "scale",
        "scale must be shared or per-map, got '" + scale + "'", "set scale to shared or per-map");
  }
}
