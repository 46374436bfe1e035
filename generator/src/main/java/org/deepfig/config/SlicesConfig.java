package org.deepfig.config;

import java.util.List;

@Doc("Named groups of test images that metrics and calibration show beside the whole test set: from a CSV of "
    + "file,slice rows, or from a rule.")
public record SlicesConfig(
    @Doc("A CSV file (relative to the config) of file,slice rows: file is a test image's path relative to data.path "
        + "for folder datasets, its test index otherwise; a header line file,slice is allowed")
    String csv,
    @Doc("Instead of csv, a rule: brightness (test images split by their mean pixel value into equally large "
        + "groups, darkest first)")
    String rule,
    @Doc(value = "With rule: the groups' names, darkest first", def = "[low, high]") List<String> groups) {
  public SlicesConfig {
    groups = groups == null ? List.of("low", "high") : List.copyOf(groups);
    ConfigValueException.check((csv == null) != (rule == null), "csv",
        "slices needs exactly one of csv and rule", "give data.slices either csv: FILE or rule: brightness");
    ConfigValueException.check(rule == null || rule.equals("brightness"), "rule",
        "unknown slice rule '" + rule + "'", "use rule: brightness, or a csv");
    ConfigValueException.check(groups.size() >= 2 && groups.size() <= 10
        && groups.stream().distinct().count() == groups.size(), "groups",
        "groups needs 2 to 10 different names, got " + groups, "name 2 to 10 groups, e.g. [low, high]");
  }
}
