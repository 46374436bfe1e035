package org.deepfig.analysis.activations;

import java.util.List;
import org.deepfig.config.ConfigValueException;
import org.deepfig.config.Doc;
import org.deepfig.config.FigureSpec;

@Doc("Feature maps of chosen layers for chosen test images, beside the input.")
public record ActivationsSpec(
    @Doc(value = "Test-image indices", def = "[0, 1]") List<Integer> images,
    @Doc(value = "Layers to show", def = "every ReLU (spatial ones as maps, dense ones as strips)") List<String> layers,
    @Doc(value = "Channels shown per spatial layer", def = "8", min = "1", max = "64") Integer channels,
    @Doc(value = "random (seeded) or top (highest mean activation on that image)", def = "top") String pick,
    @Doc(value = "shared (one colour scale per layer) or per-map", def = "shared") String scale)
    implements FigureSpec {
  public ActivationsSpec {
    if (images == null || images.isEmpty()) images = List.of(0, 1);
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
    for (int i : images) ConfigValueException.atLeast("images", i, 0);
  }
}
