package org.deepfig.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deepfig.analysis.AnalysisKinds;
import org.junit.jupiter.api.Test;

/**
 * The user guide ({@code mvn site}, from {@code site/}) documents every figure kind and every option: its pages are
 * generated from the records the loader and the schema use, and kept in step here. Regenerate them with
 * {@code mvn -pl generator test -Dtest=ConfigDocsTest -Ddeepfig.updateDocs=true}.
 */
class ConfigDocsTest {
  static final Path SITE = Path.of("..", "site");
  static final boolean UPDATE = Boolean.getBoolean("deepfig.updateDocs");

  @Test
  void everyKindHasAPageInStepWithItsOptions() throws IOException {
    Map<String, String> descriptions = AnalysisKinds.descriptions();
    List<String> stale = new ArrayList<>();
    AnalysisKinds.specTypes().forEach((kind, spec) -> {
      Path prose = SITE.resolve("prose/kinds/" + kind + ".md");
      assertThat(prose).as("hand-written prose of kind " + kind).isRegularFile();
      String text = read(prose);
      assertThat(text).as(prose.toString()).startsWith("# ").contains("**What it shows.**")
          .contains("**Method.**").contains("**Reference.**");
      String generated = ConfigDocs.kindPage(kind, spec, descriptions.get(kind), text);
      Path page = SITE.resolve("markdown/kinds/" + kind + ".md");
      if (UPDATE) write(page, generated);
      if (!Files.isRegularFile(page) || !read(page).equals(generated)) stale.add(page.toString());
    });
    assertThat(stale).as("stale pages: regenerate with -Ddeepfig.updateDocs=true").isEmpty();
  }

  @Test
  void theConfigReferenceIsInStepWithTheRecords() {
    Path page = SITE.resolve("markdown/config.md");
    String generated = ConfigDocs.configPage();
    if (UPDATE) write(page, generated);
    assertThat(read(page)).as("site/markdown/config.md is stale: regenerate with -Ddeepfig.updateDocs=true")
        .isEqualTo(generated);
    for (String key : List.of("train_size", "batch_size", "learning_rate", "formats", "templates", "arch")) {
      assertThat(generated).contains("| `" + key + "` |");
    }
  }

  @Test
  void everyOptionOfEverySectionAndKindIsDocumented() {
    List<Class<?>> records = new ArrayList<>(List.of(ExperimentConfig.class, DataConfig.class, ModelConfig.class,
        TrainConfig.class, OutputConfig.class, CardConfig.class, SlicesConfig.class));
    records.addAll(AnalysisKinds.specTypes().values());
    for (Class<?> r : records) {
      for (ConfigDocs.Option o : ConfigDocs.options(r)) {
        assertThat(o.text()).as(r.getSimpleName() + "." + o.key() + " has no @Doc").isNotBlank();
      }
    }
  }

  @Test
  void theSiteMenuListsEveryKindAndNoPageIsLeftOver() throws IOException {
    String menu = read(SITE.resolve("site.xml"));
    for (String kind : AnalysisKinds.names()) {
      assertThat(menu).as("site/site.xml menu item for " + kind).contains("href=\"kinds/" + kind + ".html\"");
    }
    try (Stream<Path> s = Files.list(SITE.resolve("markdown/kinds"))) {
      assertThat(s.map(p -> p.getFileName().toString().replace(".md", "")))
          .as("pages of kinds that no longer exist").allMatch(AnalysisKinds.names()::contains);
    }
  }

  @Test
  void aKindWithoutDocumentationFailsTheCheck() {
    // the check above must be able to fail: an option without @Doc, and a page generated without its prose
    record Undocumented(Integer steps) implements FigureSpec {}
    assertThat(ConfigDocs.options(Undocumented.class)).singleElement()
        .satisfies(o -> assertThat(o.text()).isBlank());
    String page = ConfigDocs.kindPage("x", Undocumented.class, "does x", "# X\n\nprose");
    assertThat(page).contains("| `steps` | whole number | — |  |  |").contains("prose")
        .contains("(../images/x.png)");
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return "";
    }
  }

  private static void write(Path p, String text) {
    try {
      Files.writeString(p, text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
