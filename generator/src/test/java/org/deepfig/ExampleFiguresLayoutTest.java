package org.deepfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deepfig.render.LayoutChecker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The {@link LayoutChecker} over a folder of figures: {@link ExampleConfigsTest} applies it to every figure of every
 * example config it runs (shrunk), and this test to a folder made elsewhere ({@code -Ddeepfig.layout.dir=…}).
 */
class ExampleFiguresLayoutTest {
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
}
