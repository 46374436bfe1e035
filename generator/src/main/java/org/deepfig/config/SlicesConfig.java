package org.deepfig.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

@Doc("Named groups of test images that metrics and calibration show beside the whole test set: from a CSV of "
    + "file,slice rows, from a sub-folder level of a folder dataset, or from a rule.")
public record SlicesConfig(
    @Doc("A CSV file (relative to the config) of file,slice rows: file is a test image's path relative to data.path "
        + "for folder datasets, its test index otherwise; a header line file,slice is allowed")
    String csv,
    @Doc("Instead of csv, a rule: brightness (test images split by their mean pixel value into equally large "
        + "groups, darkest first)")
    Rule rule,
    @Doc(value = "Instead of csv or rule, for folder data: the sub-folder level below each class folder that names "
        + "an image's slice (1: test/cat/indoor/001.png is in slice indoor); images not that deep are in no slice",
        min = "1", max = "8")
    Integer folderLevel,
    @Doc(value = "With rule: the groups' names, darkest first", def = "[low, high]") List<String> groups) {
  /** The deepest sub-folder level a slice may be named by. */
  public static final int MAX_FOLDER_LEVEL = 8;

  /** The rules that group test images into slices. */
  public enum Rule {
    @JsonProperty("brightness") BRIGHTNESS;

    @Override
    public String toString() {
      return Declared.spelling(this);
    }
  }

  /** Without folder_level (CSV or rule slices). */
  public SlicesConfig(String csv, Rule rule, List<String> groups) {
    this(csv, rule, null, groups);
  }

  public SlicesConfig {
    groups = List.copyOf(groups);
    int given = (csv == null ? 0 : 1) + (rule == null ? 0 : 1) + (folderLevel == null ? 0 : 1);
    ConfigValueException.check(given == 1, "csv", "slices needs exactly one of csv, rule and folder_level",
        "give data.slices one of csv: FILE, rule: brightness or folder_level: 1");
    ConfigValueException.check(groups.size() >= 2 && groups.size() <= 10
        && groups.stream().distinct().count() == groups.size(), "groups",
        "groups needs 2 to 10 different names, got " + groups, "name 2 to 10 groups, e.g. [low, high]");
  }
}
