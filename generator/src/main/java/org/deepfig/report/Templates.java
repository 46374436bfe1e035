package org.deepfig.report;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.TemplateClassResolver;
import freemarker.ext.beans.ClassMemberAccessPolicy;
import freemarker.ext.beans.MemberAccessPolicy;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
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
import org.deepfig.SafeTree;
import org.deepfig.UserError;

/**
 * The Freemarker set-up: templates from the user's folder first (if the config names one), then the built-in ones
 * packaged from {@code templates/}. {@code .ftlh} templates escape every interpolation as HTML.
 *
 * <p>A templates folder is untrusted input (a config from a colleague, a course page's repository), so templates
 * run sandboxed: {@code ?new} resolves no class (no {@code Execute}, no {@code ObjectConstructor}), {@code ?api} is
 * off, and the object wrapper exposes only the accessors of deepfig's own view records — no {@code getClass()}, no
 * constructors, no fields, nothing of any other Java class. A symbolic link in the folder that leads out of it is
 * refused: a template or stylesheet linked to {@code /etc/shadow} would publish that file.
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
    fm.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    fm.setAPIBuiltinEnabled(false);
    DefaultObjectWrapperBuilder wrapper = new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34);
    wrapper.setMemberAccessPolicy(OWN_RECORDS_ONLY);
    fm.setObjectWrapper(wrapper.build());
    List<TemplateLoader> loaders = new ArrayList<>();
    if (userDir != null) {
      if (!Files.isDirectory(userDir)) {
        throw new UserError(userDir.toString(), "templates folder not found", "fix output.templates in the config");
      }
      SafeTree.refuseLinksOut(userDir, "templates folder");
      try {
        loaders.add(new FileTemplateLoader(userDir.toFile()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    loaders.add(new ClassTemplateLoader(Templates.class, BUILT_IN));
    fm.setTemplateLoader(new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new)));
  }

  /** Methods declared by deepfig's classes (the view records' accessors); nothing else, no constructors or fields. */
  private static final MemberAccessPolicy OWN_RECORDS_ONLY = new MemberAccessPolicy() {
    @Override
    public ClassMemberAccessPolicy forClass(Class<?> contextClass) {
      return new ClassMemberAccessPolicy() {
        @Override
        public boolean isMethodExposed(java.lang.reflect.Method method) {
          return method.getDeclaringClass().getName().startsWith("org.deepfig.")
              && !java.lang.reflect.Modifier.isStatic(method.getModifiers());
        }

        @Override
        public boolean isConstructorExposed(java.lang.reflect.Constructor<?> constructor) {
          return false;
        }

        @Override
        public boolean isFieldExposed(java.lang.reflect.Field field) {
          return false;
        }
      };
    }

    @Override
    public boolean isToStringAlwaysExposed() {
      return true;
    }
  };

  public String render(String name, Map<String, Object> model) {
    try {
      Template t = fm.getTemplate(name);
      StringWriter out = new StringWriter();
      t.process(model, out);
      return out.toString();
    } catch (TemplateException e) {
      String source = e.getTemplateSourceName() == null ? name : e.getTemplateSourceName();
      String at = where(source) + ":" + e.getLineNumber() + ":" + e.getColumnNumber();
      String message = "template error: " + e.getMessageWithoutStackTop().lines().findFirst().orElse("");
      if (!isUsers(name) && !isUsers(source)) throw new IllegalStateException("built-in " + at + ": " + message, e);
      throw new UserError(at, message, "fix the template or remove output.templates to use the built-in ones", e);
    } catch (IOException e) {
      if (!isUsers(name)) throw new UncheckedIOException("built-in template " + name, e);
      throw new UserError(where(name), "cannot read template: " + e.getMessage(), "check the templates folder", e);
    }
  }

  /** Whether {@code name} comes from the user's templates folder (else it is built in: its errors are deepfig's). */
  private boolean isUsers(String name) {
    return userDir != null && Files.exists(userDir.resolve(name));
  }

  /** A static resource (CSS, script): the user's copy if present, else the built-in one. */
  public byte[] resource(String name) {
    try {
      if (userDir != null && Files.isRegularFile(userDir.resolve(name))) {
        return Files.readAllBytes(SafeTree.inside(userDir, userDir.resolve(name), "templates folder"));
      }
      try (InputStream in = Templates.class.getResourceAsStream(BUILT_IN + "/" + name)) {
        if (in == null) throw new IllegalStateException("missing built-in resource " + name);
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String where(String name) {
    return isUsers(name) ? userDir.resolve(name).toString() : "templates/" + name;
  }
}
