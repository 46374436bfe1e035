package org.deepfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deepfig.cli.Main;
import org.deepfig.render.LayoutChecker;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every figure kind of every example config passes the {@link LayoutChecker}: each of configs/*.yaml is run shrunk
 * (300 training images, one epoch, cheap figure options) and every SVG it writes is checked.
 */
class ExampleFiguresLayoutTest {
  static final Path CONFIGS = Path.of("..", "configs").toAbsolutePath().normalize();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path dir;

  static Stream<String> exampleConfigs() throws IOException {
    try (Stream<Path> s = Files.list(CONFIGS)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("exampleConfigs")
  void everyFigureOfTheExampleIsLaidOutCleanly(String name) throws IOException {
    ObjectNode config = (ObjectNode) YAML.readTree(CONFIGS.resolve(name).toFile());
    String modelFile = config.path("model").path("file").asText(null);
    if (modelFile != null) {
      Path model = CONFIGS.resolve(modelFile);
      Assumptions.assumeTrue(Files.exists(model), "make " + model + " first (configs/models/fashion_cnn.py)");
      ((ObjectNode) config.get("model")).put("file", model.toString());
    }
    Path cfg = dir.resolve(name);
    YAML.writeValue(cfg.toFile(), shrunk(config));
    Path out = dir.resolve("out");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8);
    int code = Main.execute(new String[] {"run", cfg.toString(), "--out", out.toString(), "--cache",
        dir.resolve("cache").toString()}, ps, ps);
    assertThat(code).as(log.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(problems(out.resolve("figures"))).isEmpty();
  }

  /** Checks a folder of figures made elsewhere: {@code -Ddeepfig.layout.dir=out/shapes-lenet/figures}. */
  @Test
  @EnabledIfSystemProperty(named = "deepfig.layout.dir", matches = ".+")
  void figuresInAFolderAreLaidOutCleanly() throws IOException {
    assertThat(problems(Path.of(System.getProperty("deepfig.layout.dir")))).isEmpty();
  }

  static List<String> problems(Path figures) throws IOException {
    List<String> problems = new ArrayList<>();
    List<Path> svgs;
    try (Stream<Path> s = Files.list(figures)) {
      svgs = s.filter(p -> p.toString().endsWith(".svg")).sorted().toList();
    }
    assertThat(svgs).isNotEmpty();
    for (Path svg : svgs) {
      for (String p : LayoutChecker.check(Files.readAllBytes(svg))) problems.add(svg.getFileName() + ": " + p);
    }
    return problems;
  }

  /** The same config, small: 300/150 images, one epoch, each figure's costly options turned down. */
  static ObjectNode shrunk(ObjectNode config) {
    ObjectNode data = config.with("data");
    data.put("train_size", 300);
    data.put("test_size", 150);
    config.with("train").put("epochs", 1);
    config.remove("output");
    for (var f : (ArrayNode) config.withArray("figures")) {
      ObjectNode figure = (ObjectNode) f;
      switch (figure.path("kind").asText()) {
        case "tsne" -> {
          figure.put("points", 120);
          figure.put("iterations", 250);
          figure.put("perplexity", 10);
        }
        case "top-patches" -> {
          figure.put("max_images", 60);
          figure.put("projections", false);
        }
        case "activation-max" -> figure.put("steps", 20);
        case "saliency" -> {
          figure.put("score_images", 3);
          figure.put("smoothgrad_samples", 2);
          figure.put("images", YAML.createArrayNode().add(0).add(1));
        }
        default -> { }
      }
    }
    return config;
  }
}
