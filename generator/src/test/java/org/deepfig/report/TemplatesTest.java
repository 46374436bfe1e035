package org.deepfig.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.deepfig.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplatesTest {
  @Test
  void anErrorInABuiltInTemplateIsDeepfigsNotTheUsers() {
    // the built-in page given no model fails inside the built-in template: a bug, not something the user can fix
    assertThatThrownBy(() -> new Templates(null).render("experiment.ftlh", Map.of()))
        .isInstanceOf(IllegalStateException.class).isNotInstanceOf(UserError.class)
        .hasMessageStartingWith("built-in templates/").hasMessageContaining("template error");
  }

  @Test
  void anErrorInTheUsersTemplateIsAUserErrorAtItsLine(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("experiment.ftlh"), "<p>fine</p>\n<p>${nosuch.value}</p>\n");
    assertThatThrownBy(() -> new Templates(dir).render("experiment.ftlh", Map.of()))
        .isInstanceOfSatisfying(UserError.class,
            e -> assertThat(e.where()).startsWith(dir.resolve("experiment.ftlh") + ":2:"));
    Files.writeString(dir.resolve("experiment.ftlh"), "<p>${greeting}</p>");
    assertThat(new Templates(dir).render("experiment.ftlh", Map.of("greeting", "hi"))).isEqualTo("<p>hi</p>");
  }
}
