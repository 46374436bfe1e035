package org.deepfig.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.deepfig.UserError;
import org.deepfig.analysis.AnalysisKinds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @FigureSpec.DrawnByDefault(order = 0)
  record CurvesSpec(Integer smoothing) implements FigureSpec {}

  @FigureSpec.DrawnByDefault(order = 1)
  record ConfusionSpec(Boolean normalise) implements FigureSpec {}

  record TsneSpec(Double perplexity, Integer iterations) implements FigureSpec {
    TsneSpec {
      if (perplexity == null) perplexity = 30.0;
      ConfigValueException.between("perplexity", perplexity, 2, 100);
    }
  }

  @TempDir Path dir;

  final ConfigLoader loader = new ConfigLoader(Map.of("training-curves", CurvesSpec.class, "tsne", TsneSpec.class,
      "confusion", ConfusionSpec.class));

  UserError error(String yaml) {
    try {
      loader.parse(yaml, "exp.yaml", "exp");
    } catch (UserError e) {
      return e;
    }
    throw new AssertionError("expected a UserError for:\n" + yaml);
  }

  @Test
  void outputSizeTakesANameOrAWidthAndFont() {
    assertThat(loader.parse("title: t\n", "exp.yaml", "exp").output().size()).isEqualTo(FigureSize.SCREEN);
    assertThat(loader.parse("output:\n  size: column\n", "exp.yaml", "exp").output().size().width())
        .isEqualTo(252.0);
    FigureSize custom = loader.parse("output:\n  size: {width: 89mm, font: 7pt}\n", "exp.yaml", "exp").output()
        .size();
    assertThat(custom.width()).isCloseTo(89 * 72 / 25.4, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(custom.font()).isEqualTo(7.0);
    assertThat(custom.titlesByDefault()).isFalse();
    assertThat(FigureSize.SLIDE.titlesByDefault()).isTrue();
  }

  @Test
  void aSizeIsWrittenAsTheConfigSaysItSoTheManifestReadsBack() throws Exception {
    var mapper = loader.canonicalMapper();
    ExperimentConfig named = loader.parse("output:\n  size: column\n", "exp.yaml", "exp");
    assertThat(mapper.writeValueAsString(named.output().size())).isEqualTo("\"column\"");
    ExperimentConfig custom = loader.parse("output:\n  size: {width: 89mm, font: 7pt}\n", "exp.yaml", "exp");
    String json = mapper.writeValueAsString(custom.output());
    ExperimentConfig back = loader.parse("output: " + json + "\n", "manifest.json", "exp");
    assertThat(back.output().size()).isEqualTo(custom.output().size());
    assertThat(loader.parse("output: " + mapper.writeValueAsString(named.output()) + "\n", "m", "exp").output()
        .size()).isEqualTo(FigureSize.COLUMN);
  }

  @Test
  void aMisspelledSizeNameSuggestsTheNearestAndPointsAtIt() {
    UserError e = error("title: t\noutput:\n  size: colum\n");
    assertThat(e.where()).isEqualTo("exp.yaml:3:3");
    assertThat(e.getMessage()).contains("unknown size 'colum'");
    assertThat(e.fix()).isEqualTo("did you mean 'column'?");
  }

  @Test
  void aWidthWithoutAUnitOrAnUnknownSizeKeyIsRefusedWithTheFix() {
    UserError unitless = error("output:\n  size: {width: \"89\"}\n");
    assertThat(unitless.getMessage()).contains("'89' is not a length with a unit");
    assertThat(unitless.fix()).contains("mm, cm, in or pt");
    UserError key = error("output:\n  size: {width: 89mm, fnt: 8pt}\n");
    assertThat(key.getMessage()).contains("unknown key 'fnt'");
    UserError tiny = error("output:\n  size: {width: 89mm, font: 4pt}\n");
    assertThat(tiny.getMessage()).contains("between 6 pt and 48 pt");
  }

  @Test
  void aFigureEntryMayOverrideTheSize() {
    ExperimentConfig c = loader.parse("output:\n  size: page\nfigures:\n  - kind: training-curves\n"
        + "  - kind: tsne\n    size: column\n", "exp.yaml", "exp");
    assertThat(loader.sizeOf(c.figures().get(0))).isEmpty();
    assertThat(loader.sizeOf(c.figures().get(1))).contains(FigureSize.COLUMN);
    UserError e = error("figures:\n  - kind: tsne\n    size: colunm\n");
    assertThat(e.getMessage()).contains("unknown size 'colunm'");
    assertThat(e.where()).isEqualTo("exp.yaml:3:5");
  }

  @Test
  void paletteAndColourMapAreCheckedNames() {
    assertThat(error("output:\n  palette: okabe-itto\n").fix()).isEqualTo("did you mean 'okabe-ito'?");
    assertThat(error("output:\n  colour_map: jet\n").getMessage()).contains("jet");
  }

  @Test
  void fillsDocumentedDefaults() {
    ExperimentConfig c = loader.parse("title: t\n", "exp.yaml", "exp");
    assertThat(c.seed()).isEqualTo(42L);
    assertThat(c.device()).isEqualTo(DeviceChoice.AUTO);
    assertThat(c.data().source()).isEqualTo(DataSource.SHAPES);
    assertThat(c.data().trainSize()).isEqualTo(8000);
    assertThat(c.train().epochs()).isEqualTo(3);
    assertThat(c.train().learningRate()).isEqualTo(0.001);
    assertThat(c.output().dir()).isEqualTo("out/exp");
    assertThat(c.figures()).hasSize(2);
  }

  @Test
  void misspelledKeyNamesFileLineColumnAndTheNearestKey() {
    UserError e = error("title: t\ntrain:\n  epochs: 2\n  batch_szie: 32\n");
    assertThat(e.where()).isEqualTo("exp.yaml:4:3");
    assertThat(e.getMessage()).contains("train.batch_szie");
    assertThat(e.fix()).isEqualTo("did you mean 'batch_size'?");
    assertThat(e.oneLine()).startsWith("exp.yaml:4:3: unknown key 'train.batch_szie'");
  }

  @Test
  void misspelledTopLevelSection() {
    UserError e = error("titel: t\n");
    assertThat(e.where()).isEqualTo("exp.yaml:1:1");
    assertThat(e.fix()).isEqualTo("did you mean 'title'?");
  }

  @Test
  void outOfRangeValuePointsAtTheValueItself() {
    UserError e = error("seed: 1\ntrain:\n  optimizer: sgd\n  epochs: -3\n");
    assertThat(e.where()).isEqualTo("exp.yaml:4:3");
    assertThat(e.getMessage()).contains("train.epochs").contains("-3");
    assertThat(e.fix()).contains("0");
  }

  @Test
  void wrongTypeSaysWhatIsExpected() {
    UserError e = error("train:\n  epochs: many\n");
    assertThat(e.where()).startsWith("exp.yaml:2:");
    assertThat(e.getMessage()).contains("train.epochs").contains("whole number");
  }

  @Test
  void quotedNumberIsNotSilentlyCoerced() {
    assertThat(error("train:\n  epochs: \"3\"\n").getMessage()).contains("train.epochs");
  }

  @Test
  void misspelledEnumValueSuggestsTheValidOne() {
    UserError e = error("device: gpuu\n");
    assertThat(e.where()).isEqualTo("exp.yaml:1:9");
    assertThat(e.fix()).isEqualTo("did you mean 'gpu'?");
  }

  @Test
  void unknownFigureKindSuggestsTheNearestKind() {
    UserError e = error("figures:\n  - kind: training-curve\n");
    assertThat(e.where()).startsWith("exp.yaml:2:");
    assertThat(e.fix()).isEqualTo("did you mean 'training-curves'?");
  }

  @Test
  void figureOptionOutOfRangeInASecondListEntry() {
    UserError e = error("figures:\n  - kind: confusion\n  - kind: tsne\n    perplexity: 500\n");
    assertThat(e.where()).isEqualTo("exp.yaml:4:5");
    assertThat(e.getMessage()).contains("figures.1.perplexity");
  }

  @Test
  void unknownFigureOptionNamesItsEntry() {
    UserError e = error("figures:\n  - kind: tsne\n    perplexiti: 20\n");
    assertThat(e.where()).isEqualTo("exp.yaml:3:5");
    assertThat(e.fix()).isEqualTo("did you mean 'perplexity'?");
  }

  @Test
  void malformedYamlIsAUserErrorWithAPosition() {
    UserError e = error("seed: 1\ntitle: a: b\n");
    assertThat(e.where()).isEqualTo("exp.yaml:2:9");
    assertThat(e.getMessage()).startsWith("malformed YAML");
  }

  @Test
  void duplicateKeyIsRejected() {
    assertThat(error("seed: 1\nseed: 2\n").getMessage()).contains("seed");
  }

  @Test
  void emptyConfigIsRejected() {
    assertThat(error("").getMessage()).contains("empty");
  }

  @Test
  void canonicalHashIgnoresKeyOrderAndFormatting() {
    ExperimentConfig a = loader.parse("seed: 3\ntitle: x\ntrain: {epochs: 2, batch_size: 16}\n", "a", "a");
    ExperimentConfig b = loader.parse("title: x\ntrain:\n  batch_size: 16\n  epochs: 2\nseed: 3\n", "b", "a");
    ExperimentConfig c = loader.parse("title: x\ntrain:\n  batch_size: 16\n  epochs: 3\nseed: 3\n", "c", "a");
    assertThat(loader.sha256(a)).isEqualTo(loader.sha256(b)).isNotEqualTo(loader.sha256(c));
    assertThat(loader.canonicalJson(a)).contains("\"kind\":\"training-curves\"");
  }

  @Test
  void suggestionsIgnoreFarAwayWords() {
    assertThat(Suggestions.nearest("zzzzzz", java.util.List.of("title", "seed"))).isEmpty();
    assertThat(Suggestions.nearest("lerning_rate", java.util.List.of("learning_rate", "momentum")))
        .contains("learning_rate");
  }

  @Test
  void missingFileIsAUserError() {
    assertThatThrownBy(() -> loader.load(java.nio.file.Path.of("/nonexistent/x.yaml")))
        .isInstanceOf(UserError.class).hasMessageContaining("not found");
  }

  @Test
  void fractionalNumberForAWholeNumberKeyIsRefusedAtItsPosition() {
    UserError e = error("title: t\ntrain:\n  epochs: 1.9\n");
    assertThat(e.where()).isEqualTo("exp.yaml:3:3");
    assertThat(e.getMessage()).contains("train.epochs").contains("whole number").contains("1.9");
    assertThat(error("seed: 1.5\n").where()).isEqualTo("exp.yaml:1:1");
    assertThat(error("figures:\n  - kind: training-curves\n    smoothing: 2.5\n").where())
        .isEqualTo("exp.yaml:3:5");
  }

  @Test
  void numbersAndBooleansAreNotText() {
    UserError title = error("title: true\n");
    assertThat(title.where()).isEqualTo("exp.yaml:1:1");
    assertThat(title.getMessage()).contains("title").contains("text");
    assertThat(title.fix()).contains("quotes");
    assertThat(error("model:\n  file: -3\n").where()).isEqualTo("exp.yaml:2:3");
    assertThat(error("data:\n  class_names: [a, 2]\n").getMessage()).contains("data.class_names.1");
  }

  @Test
  void numbersAreNotEnumPositions() {
    UserError e = error("train:\n  optimizer: 1\n");
    assertThat(e.where()).startsWith("exp.yaml:2:");
    assertThat(e.getMessage()).contains("train.optimizer");
    assertThat(e.fix()).contains("adam").contains("sgd");
    assertThat(error("output:\n  formats: [2]\n").getMessage()).contains("output.formats");
  }

  @Test
  void meanAndStdNeedOneValueOrOnePerChannel() {
    UserError empty = error("data:\n  mean: []\n");
    assertThat(empty.where()).isEqualTo("exp.yaml:2:3");
    assertThat(empty.getMessage()).contains("data.mean");
    assertThat(error("data:\n  mean: [0.5, 0.5]\n").getMessage()).contains("3 channels");
    assertThat(error("data: {source: idx, std: [0.2, 0.2, 0.2]}\n").getMessage()).contains("data.std")
        .contains("1 channel");
    assertThat(error("data: {source: folder, path: x, channels: 1, mean: [0.5, 0.5, 0.5]}\n").getMessage())
        .contains("1 channel");
    assertThat(loader.parse("data: {mean: [0.4, 0.5, 0.6], std: [0.2]}\n", "exp.yaml", "exp").data().mean())
        .hasSize(3);
  }

  @Test
  void infinityAndNanAreNotFiniteNumbersRatherThanMalformedYaml() {
    UserError e = error("train:\n  learning_rate: .inf\n");
    assertThat(e.where()).isEqualTo("exp.yaml:2:3");
    assertThat(e.getMessage()).contains("train.learning_rate").contains("finite number").doesNotContain("malformed");
    assertThat(error("data:\n  std: [0.5, .nan]\n").where()).isEqualTo("exp.yaml:2:14");
    UserError overflow = error("data:\n  std: [1e999]\n");
    assertThat(overflow.where()).isEqualTo("exp.yaml:2:9");
    assertThat(overflow.getMessage()).contains("data.std.0").contains("finite number").contains("1e999");
    assertThat(error("train:\n  learning_rate: -1e400\n").getMessage()).contains("finite number");
  }

  @Test
  void trainSizeHasAnUpperBoundAndMustFitInMemoryAddressing() {
    UserError huge = error("data:\n  train_size: 2000000000\n");
    assertThat(huge.where()).isEqualTo("exp.yaml:2:3");
    assertThat(huge.getMessage()).contains("train_size").contains("1000000");
    UserError big = error("data:\n  image_size: 512\n  train_size: 100\n  test_size: 5000\n");
    assertThat(big.where()).isEqualTo("exp.yaml:4:3");
    assertThat(big.getMessage()).contains("512");
    assertThat(loader.parse("data: {source: folder, path: x, image_size: 512, test_size: 5000}\n", "exp.yaml", "exp")
        .data().testSize()).isEqualTo(5000); // folder images are decoded batch by batch, not held in one array
  }

  @Test
  void negativeSaliencyImageIndexIsRefused() {
    ConfigLoader real = new ConfigLoader(AnalysisKinds.specTypes());
    UserError e = assertThrowsUserError(() -> real.parse("figures:\n  - kind: saliency\n    images: [-3]\n",
        "exp.yaml", "exp"));
    assertThat(e.where()).isEqualTo("exp.yaml:3:5");
    assertThat(e.getMessage()).contains("images");
  }

  @Test
  void saliencyTargetTrueStillMeansTheTrueClass() {
    ConfigLoader real = new ConfigLoader(AnalysisKinds.specTypes());
    ExperimentConfig c = real.parse("figures:\n  - kind: saliency\n    target: true\n", "exp.yaml", "exp");
    assertThat(real.canonicalJson(c.figures().get(0))).contains("\"target\":\"true\"");
  }

  @Test
  void configLargerThanOneMegabyteIsRefusedBeforeParsing() throws IOException {
    Path big = dir.resolve("big.yaml");
    Files.writeString(big, "title: \"" + "x".repeat(2_000_000) + "\"\n");
    UserError e = assertThrowsUserError(() -> loader.load(big));
    assertThat(e.where()).isEqualTo(big.toString());
    assertThat(e.getMessage()).contains("MB");
  }

  @Test
  void invalidUtf8NamesTheLineAndByteRatherThanPermissions() throws IOException {
    Path bad = dir.resolve("latin1.yaml");
    Files.write(bad, "seed: 1\ntitle: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    UserError e = assertThrowsUserError(() -> loader.load(bad));
    assertThat(e.where()).isEqualTo(bad + ":2:11");
    assertThat(e.getMessage()).contains("not UTF-8").contains("byte offset 18");
    assertThat(e.fix()).doesNotContain("permissions");
  }

  @Test
  void optionErrorsRaisedWhileRunningPointAtTheirFiguresEntry() {
    ExperimentConfig c = loader.parse("seed: 1\nfigures:\n  - kind: confusion\n  - kind: tsne\n    iterations: 300\n",
        "exp.yaml", "exp");
    UserError atKey = loader.locate(c.figures().get(1),
        new UserError("figures: tsne.iterations", "too few", "raise it"));
    assertThat(atKey.oneLine()).isEqualTo("exp.yaml:5:5: tsne.iterations: too few — raise it");
    UserError atEntry = loader.locate(c.figures().get(1),
        new UserError("figures: tsne.perplexity", "too high", "lower it"));
    assertThat(atEntry.where()).isEqualTo("exp.yaml:4:5");
    UserError other = new UserError("data.path", "missing", "set it");
    assertThat(loader.locate(c.figures().get(1), other)).isSameAs(other);
  }

  static UserError assertThrowsUserError(Runnable r) {
    try {
      r.run();
    } catch (UserError e) {
      return e;
    }
    throw new AssertionError("expected a UserError");
  }
}
