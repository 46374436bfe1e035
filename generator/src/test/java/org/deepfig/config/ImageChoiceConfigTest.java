package org.deepfig.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.deepfig.UserError;
import org.deepfig.analysis.AnalysisKinds;
import org.deepfig.analysis.embedding.EmbeddingSpec;
import org.deepfig.analysis.filters.FiltersSpec;
import org.deepfig.analysis.patches.TopPatchesSpec;
import org.deepfig.analysis.saliency.SaliencySpec;
import org.junit.jupiter.api.Test;

/** The images:, channels: and tiles: options as a user writes them, and the errors they give. */
class ImageChoiceConfigTest {
  final ConfigLoader loader = new ConfigLoader(AnalysisKinds.specTypes());

  ExperimentConfig parse(String figures) {
    return loader.parse("title: t\nfigures:\n" + figures, "exp.yaml", "exp");
  }

  UserError error(String figures) {
    try {
      parse(figures);
    } catch (UserError e) {
      return e;
    }
    throw new AssertionError("expected an error for " + figures);
  }

  @Test
  void everyFormOfAnImageEntryParsesAndIsWrittenBackAsWritten() {
    ExperimentConfig c = parse("""
          - kind: saliency
            images:
              - 3
              - {path: cats/1.jpg}
              - {path: x.png, class: cat}
              - {class: dog, count: 2}
              - {rule: most-confident-wrong, count: 4}
              - {rule: random, count: 5, class: cat}
        """);
    List<ImageChoice> images = ((SaliencySpec) c.figures().get(0)).images();
    assertThat(images.get(0)).isEqualTo(ImageChoice.index(3));
    assertThat(images.get(1).selector()).isEqualTo(new ImageChoice.Selector("cats/1.jpg", null, null, null));
    assertThat(images.get(2).selector().className()).isEqualTo("cat");
    assertThat(images.get(3).selector()).isEqualTo(new ImageChoice.Selector(null, "dog", null, 2));
    assertThat(images.get(4).selector().rule()).isEqualTo(ImageChoice.Rule.MOST_CONFIDENT_WRONG)
        .hasToString("most-confident-wrong");
    assertThat(images.get(4).selector().count()).isEqualTo(4);
    assertThat(images.get(5).selector().count()).isEqualTo(5);
    String json = loader.canonicalJson(c.figures().get(0));
    assertThat(json).contains("\"images\":[3,{\"path\":\"cats/1.jpg\"},{\"class\":\"cat\",\"path\":\"x.png\"},"
        + "{\"class\":\"dog\",\"count\":2},{\"count\":4,\"rule\":\"most-confident-wrong\"},");
    // the manifest's config is read back by `deepfig verify`: the canonical form parses to the same options
    assertThat(parse("  - " + json + "\n").figures().get(0)).isEqualTo(c.figures().get(0));
    // defaults keep the plain-number form, so configs written before stay byte-identical in the manifest
    assertThat(loader.canonicalJson(parse("  - kind: activations\n").figures().get(0)))
        .contains("\"images\":[0,1]");
  }

  @Test
  void mistakesInAnImageEntryNameItsLineAndTheFix() {
    UserError rule = error("  - kind: saliency\n    images:\n      - 1\n      - {rule: most-confused, count: 2}\n");
    assertThat(rule.where()).isEqualTo("exp.yaml:6:16"); // a rule is an enum: the error points at the value
    assertThat(rule.getMessage()).isEqualTo("invalid value 'most-confused' for figures.0.images.1.rule");
    assertThat(rule.fix()).isEqualTo("did you mean 'most-confident'?");
    UserError far = error("  - kind: saliency\n    images: [{rule: best, count: 2}]\n");
    assertThat(far.fix()).isEqualTo("use one of most-confident, most-confident-wrong, least-confident, random");

    UserError key = error("  - kind: activations\n    images: [{pth: a.png}]\n");
    assertThat(key.where()).startsWith("exp.yaml:4:");
    assertThat(key.getMessage()).contains("unknown key").contains("pth");
    assertThat(key.fix()).isEqualTo("did you mean 'path'?");

    UserError both = error("  - kind: activations\n    images:\n      - {path: a.png, count: 3}\n");
    assertThat(both.where()).startsWith("exp.yaml:5:");
    assertThat(both.getMessage()).contains("count selects test images; it cannot go with path");

    UserError empty = error("  - kind: activations\n    images:\n      - {count: 3}\n");
    assertThat(empty.getMessage()).contains("needs path, class or rule");

    UserError negative = error("  - kind: activations\n    images: [2, -1]\n");
    assertThat(negative.where()).isEqualTo("exp.yaml:4:5");
    assertThat(negative.getMessage()).contains("at least 0");

    UserError type = error("  - kind: activations\n    images: [true]\n");
    assertThat(type.getMessage()).contains("a test-image index or {path: FILE}");

    UserError count = error("  - kind: saliency\n    images: [{class: cat, count: 0}]\n");
    assertThat(count.getMessage()).contains("count must be between 1 and 10000");
  }

  @Test
  void channelsAreANumberOrAListAndTilesLikewise() {
    TopPatchesSpec n = (TopPatchesSpec) parse("  - kind: top-patches\n    channels: 40\n").figures().get(0);
    assertThat(n.channels()).isEqualTo(ChannelPick.count(40));
    TopPatchesSpec list = (TopPatchesSpec) parse("  - kind: top-patches\n    channels: [3, 17, 1024]\n")
        .figures().get(0);
    assertThat(list.channels().indices()).containsExactly(3, 17, 1024);
    assertThat(loader.canonicalJson(list)).contains("\"channels\":[3,17,1024]");
    assertThat(loader.canonicalJson(n)).contains("\"channels\":40");
    TopPatchesSpec top = (TopPatchesSpec) parse("  - kind: top-patches\n    top: 8\n").figures().get(0);
    assertThat(top.top()).isEqualTo(8);
    assertThat(top.channels()).isNull();
    // what the manifest records is read back by `deepfig verify`
    for (TopPatchesSpec t : List.of(n, list, top)) {
      assertThat(parse("  - " + loader.canonicalJson(t) + "\n").figures().get(0)).isEqualTo(t);
    }

    assertThat(error("  - kind: top-patches\n    channels: [1, 2]\n    top: 4\n").getMessage())
        .contains("give channels or top, not both");
    assertThat(error("  - kind: top-patches\n    channels: [1, 1]\n").getMessage()).contains("twice");
    assertThat(error("  - kind: top-patches\n    channels: [-2]\n").getMessage()).contains("start at 0");
    assertThat(error("  - kind: top-patches\n    channels: 0\n").getMessage()).contains("between 1 and 4096");
    assertThat(error("  - kind: top-patches\n    channels: 1.5\n").getMessage())
        .contains("a number of channels or a list of channel indices");
    assertThat(error("  - kind: top-patches\n    split: train\n    images: [1]\n").getMessage())
        .contains("cannot go with split: train");

    FiltersSpec f = (FiltersSpec) parse("  - kind: filters\n    tiles: [0, 5]\n").figures().get(0);
    assertThat(f.tiles().indices()).containsExactly(0, 5);
    assertThat(((FiltersSpec) parse("  - kind: filters\n").figures().get(0)).tiles()).isEqualTo(ChannelPick.count(64));
  }

  @Test
  void everyKindsDefaultsSurviveTheManifestRoundTrip() {
    for (String kind : AnalysisKinds.names()) {
      FigureSpec spec = parse("  - kind: " + kind + "\n").figures().get(0);
      assertThat(parse("  - " + loader.canonicalJson(spec) + "\n").figures().get(0)).as(kind).isEqualTo(spec);
    }
  }

  @Test
  void tsneReduceIsOneOfFour() {
    EmbeddingSpec e = (EmbeddingSpec) parse("  - kind: tsne\n    reduce: pool\n").figures().get(0);
    assertThat(e.reduce()).isEqualTo(EmbeddingSpec.Reduce.POOL);
    assertThat(((EmbeddingSpec) parse("  - kind: tsne\n").figures().get(0)).reduce()).isEqualTo(EmbeddingSpec.Reduce.AUTO);
    UserError bad = error("  - kind: tsne\n    reduce: average\n");
    assertThat(bad.where()).isEqualTo("exp.yaml:4:13"); // an enum's error points at the value
    assertThat(bad.fix()).isEqualTo("use one of auto, pca, pool, none");
  }

  @Test
  void theSchemaTakesAnIndexOrAnEntryAndANumberOrAList() {
    String schema = ConfigSchema.generate(AnalysisKinds.specTypes(), AnalysisKinds.descriptions());
    assertThat(schema).contains("\"class\"").contains("\"rule\"");
    assertThatThrownBy(() -> parse("  - kind: saliency\n    images: {path: a.png}\n"))
        .isInstanceOf(UserError.class).hasMessageContaining("expected a list");
  }
}
