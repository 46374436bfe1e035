package org.deepfig.config;

import java.util.List;

/** One experiment: what to train or load, on which data, and which figures to produce. Immutable. */
@Doc("A deepfig experiment.")
public record ExperimentConfig(
    @Doc(value = "Shown on the report and in every figure's provenance", def = "the config file name") String title,
    @Doc(value = "The one run seed; every random choice derives its own seed from it", def = "42") Long seed,
    @Doc(value = "auto, cpu or gpu (CUDA)", def = "auto") DeviceChoice device,
    @Doc("The dataset") DataConfig data,
    @Doc("The network") ModelConfig model,
    @Doc("Training") TrainConfig train,
    @Doc(value = "The analyses to run, in report order, each with its own options (see the figure kinds)",
        def = "[{kind: training-curves}, {kind: confusion}]")
    List<FigureSpec> figures,
    @Doc("Output") OutputConfig output,
    @Doc("The model card shown at the top of the report (none when left out)") CardConfig card) {

  public ExperimentConfig {
    if (title == null || title.isBlank()) title = "deepfig experiment";
    if (seed == null) seed = 42L;
    if (device == null) device = DeviceChoice.AUTO;
    if (data == null) data = DataConfig.defaults();
    if (model == null) model = ModelConfig.defaults();
    if (train == null) train = TrainConfig.defaults();
    figures = figures == null ? null : List.copyOf(figures);
    if (output == null) output = OutputConfig.defaults();
  }

  public ExperimentConfig withFigures(List<FigureSpec> newFigures) {
    return new ExperimentConfig(title, seed, device, data, model, train, newFigures, output, card);
  }

  public ExperimentConfig withTitle(String newTitle) {
    return new ExperimentConfig(newTitle, seed, device, data, model, train, figures, output, card);
  }

  public ExperimentConfig withOutput(OutputConfig newOutput) {
    return new ExperimentConfig(title, seed, device, data, model, train, figures, newOutput, card);
  }
}
