package org.deepfig.config;

import java.util.List;

/** One experiment: what to train or load, on which data, and which figures to produce. Immutable. */
@Doc("A deepfig experiment.")
public record ExperimentConfig(
    @Doc(value = "Shown on the report and in every figure's provenance", defText = "the config file name") String title,
    @Doc(value = "The one run seed; every random choice derives its own seed from it", defText = "42") Long seed,
    @Doc(value = "auto, cpu or gpu (CUDA)", def = "auto") DeviceChoice device,
    @Doc("The dataset") DataConfig data,
    @Doc("The network") ModelConfig model,
    @Doc("Training") TrainConfig train,
    @Doc(value = "The analyses to run, in report order, each with its own options (see the figure kinds)",
        defText = "[{kind: training-curves}, {kind: confusion}]")
    List<FigureSpec> figures,
    @Doc("Output") OutputConfig output,
    @Doc("The model card shown at the top of the report (none when left out)") CardConfig card,
    @Doc(value = "Run the experiment once per seed (each its own cached training): figures with numbers show the "
        + "mean and spread over the seeds, pictures the first seed's; instead of seed", defText = "[seed]")
    List<Long> seeds,
    @Doc(value = "Run the experiment this many times, with seeds seed, seed+1, …; instead of seeds", defText = "1",
        min = "1", max = "20") Integer repeats,
    @Doc(value = "A baseline to compare this run with: another config or a report folder (relative to this "
        + "config); the run also writes the comparison with it (as deepfig diff does) into <output>-compare",
        defText = "none") String compare) {

  public ExperimentConfig {
    if (title == null || title.isBlank()) title = "deepfig experiment";
    if (seed == null) seed = seeds != null && !seeds.isEmpty() ? seeds.get(0) : 42L;
    if (data == null) data = DataConfig.defaults();
    if (model == null) model = ModelConfig.defaults();
    if (train == null) train = TrainConfig.defaults();
    figures = figures == null ? null : List.copyOf(figures);
    if (output == null) output = OutputConfig.defaults();
    seeds = seeds == null ? null : List.copyOf(seeds);
    ConfigValueException.check(seeds == null || repeats == null, "repeats", "seeds and repeats are both set",
        "keep one: seeds lists them, repeats counts up from seed");
    if (seeds != null) {
      ConfigValueException.check(!seeds.isEmpty() && seeds.size() <= 20, "seeds",
          "seeds needs 1 to 20 seeds, got " + seeds.size(), "list e.g. seeds: [1, 2, 3]");
      ConfigValueException.check(seeds.stream().distinct().count() == seeds.size(), "seeds",
          "seeds lists a seed twice: " + seeds, "list each seed once");
    }
    // the first seed is the run's seed: pictures and the card use it
    ConfigValueException.check(seeds == null || seed.equals(seeds.get(0)), "seeds", "seed " + seed
        + " is not the first of seeds " + seeds, "leave seed out: with seeds, the first one is the run's seed");
  }

  /** A config without the seeds and comparison extensions (the card's and older callers' form). */
  public ExperimentConfig(String title, Long seed, DeviceChoice device, DataConfig data, ModelConfig model,
      TrainConfig train, List<FigureSpec> figures, OutputConfig output, CardConfig card) {
    this(title, seed, device, data, model, train, figures, output, card, null, null, null);
  }

  /** The seeds the experiment runs with: {@code seeds}, or {@code repeats} counting up from {@code seed}. */
  public List<Long> runSeeds() {
    if (seeds != null) return seeds;
    int n = repeats == null ? 1 : repeats;
    List<Long> out = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) out.add(seed + i);
    return List.copyOf(out);
  }

  /** This experiment with one seed: what one of its seeds' runs is (the same cache entries as a config so written). */
  public ExperimentConfig withSeed(long newSeed) {
    return new ExperimentConfig(title, newSeed, device, data, model, train, figures, output, card, null, null,
        compare);
  }

  public ExperimentConfig withFigures(List<FigureSpec> newFigures) {
    return new ExperimentConfig(title, seed, device, data, model, train, newFigures, output, card, seeds, repeats,
        compare);
  }

  public ExperimentConfig withTitle(String newTitle) {
    return new ExperimentConfig(newTitle, seed, device, data, model, train, figures, output, card, seeds, repeats, compare);
  }

  public ExperimentConfig withOutput(OutputConfig newOutput) {
    return new ExperimentConfig(title, seed, device, data, model, train, figures, newOutput, card, seeds, repeats, compare);
  }
}
