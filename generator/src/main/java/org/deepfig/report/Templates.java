package org.deepfig.report;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deepfig.UserError;

/**
 * The Freemarker set-up: templates from the user's folder first (if the config names one), then the built-in ones
 * packaged from {@code templates/}. {@code .ftlh} templates escape every interpolation as HTML.
 */
public final class Templates {
  static final String BUILT_IN = "/deepfig/templates";
  private final Configuration fm;
  private final Path userDir;

  public Templates(Path userDir) {
    this.userDir = userDir;
    fm = new Configuration(Configuration.VERSION_2_3_34);
    fm.setDefaultEncoding("UTF-8");
    fm.setLocale(Locale.ROOT);
    fm.setNumberFormat("computer");
    fm.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    fm.setLogTemplateExceptions(false);
    fm.setWrapUncheckedExceptions(true);
    fm.setFallbackOnNullLoopVariable(false);
    List<TemplateLoader> loaders = new ArrayList<>();
    if (userDir != null) {
      if (!Files.isDirectory(userDir)) {
        throw new UserError(userDir.toString(), "templates folder not found", "fix output.templates in the config");
      }
      try {
        loaders.add(new FileTemplateLoader(userDir.toFile()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    loaders.add(new ClassTemplateLoader(Templates.class, BUILT_IN));
    fm.setTemplateLoader(new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new)));
  }

  public String render(String name, Map<String, Object> model) {
    try {
      Template t = fm.getTemplate(name);
      StringWriter out = new StringWriter();
      t.process(model, out);
      return out.toString();
    } catch (TemplateException e) {
      throw new UserError(where(name) + ":" + e.getLineNumber() + ":" + e.getColumnNumber(),
          "template error: " + e.getMessageWithoutStackTop().lines().findFirst().orElse(""),
          "fix the template or remove output.templates to use the built-in ones", e);
    } catch (IOException e) {
      throw new UserError(where(name), "cannot read template: " + e.getMessage(), "check the templates folder", e);
    }
  }

  /** A static resource (CSS, script): the user's copy if present, else the built-in one. */
  public byte[] resource(String name) {
    try {
      if (userDir != null && Files.isRegularFile(userDir.resolve(name))) return Files.readAllBytes(userDir.resolve(name));
      try (InputStream in = Templates.class.getResourceAsStream(BUILT_IN + "/" + name)) {
        if (in == null) throw new IllegalStateException("missing built-in resource " + name);
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String where(String name) {
    return (userDir != null && Files.exists(userDir.resolve(name)) ? userDir.resolve(name).toString()
        : "templates/" + name);
  }
}
