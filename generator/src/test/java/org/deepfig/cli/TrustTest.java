package org.deepfig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What deepfig must never do, tried with real files: replace a folder it did not make, run code from a template,
 * follow a symbolic link out of a folder it reads, or leave a killed run's staging folder behind forever.
 */
@Tag("slow")
class TrustTest {
  @TempDir Path dir;
  @TempDir static Path cache; // shared: the tests train the same tiny model once
  Path config;

  static final String CONFIG = """
      title: trust
      seed: 1
      device: cpu
      data: {source: shapes, train_size: 120, test_size: 40, image_size: 16}
      model: {arch: mlp}
      train: {epochs: 1}
      figures:
        - kind: confusion
      output: {formats: [svg, png]}
      """;

  @BeforeEach
  void writeConfig() throws IOException {
    config = dir.resolve("trust.yaml");
    Files.writeString(config, CONFIG);
  }

  private MainTest.Outcome run(Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("run", config.toString(), "--out", out.toString(), "--cache",
        cache.toString()));
    args.addAll(List.of(more));
    return MainTest.run(args.toArray(String[]::new));
  }

  private static void assertOneLineUserError(MainTest.Outcome o, String... parts) {
    assertThat(o.code()).as(o.out() + o.err()).isEqualTo(2);
    assertThat(o.err().strip().lines()).hasSize(1);
    assertThat(o.err()).startsWith("error: ").contains(parts);
  }

  // --- 1. data loss -------------------------------------------------------------------------------------------

  @Test
  void aFolderDeepfigDidNotMakeIsNeverReplacedForceOrNot() throws IOException {
    Path mine = Files.createDirectories(dir.resolve("thesis"));
    Files.writeString(mine.resolve("chapter1.tex"), "years of work");
    Files.createDirectories(mine.resolve("data"));
    Files.writeString(mine.resolve("data/raw.csv"), "1,2,3");
    for (String[] flags : new String[][] {{}, {"--force"}}) {
      MainTest.Outcome o = run(mine, flags);
      assertOneLineUserError(o, mine.toString(), "not made by deepfig", "--force or not");
      assertThat(o.out()).as("refused before training").doesNotContain("epoch");
      assertThat(Files.readString(mine.resolve("chapter1.tex"))).isEqualTo("years of work");
      assertThat(Files.readString(mine.resolve("data/raw.csv"))).isEqualTo("1,2,3");
      assertThat(siblings()).noneMatch(n -> n.startsWith(".thesis."));
    }
  }

  @Test
  void outDotInTheWorkingDirectoryDeletesNothing() throws Exception {
    // a real process whose working directory is a user's folder: `deepfig run exp.yaml --out .`
    Path work = Files.createDirectories(dir.resolve("work"));
    Files.copy(config, work.resolve("exp.yaml"));
    Files.writeString(work.resolve("notes.md"), "keep me");
    Process p = new ProcessBuilder(MainTest.childJvm("1g", "run", "exp.yaml", "--out", ".", "--cache", cache.toString()))
        .directory(work.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isEqualTo(2);
    assertThat(output).contains("working directory");
    assertThat(Files.readString(work.resolve("notes.md"))).isEqualTo("keep me");
    assertThat(work.resolve("exp.yaml")).isRegularFile();
  }

  @Test
  void theFileSystemRootIsRefused() {
    assertOneLineUserError(run(Path.of("/")), "root of the file system");
  }

  @Test
  void aReportDeepfigMadeIsReplacedButNotWhenSomeoneAddedAFile() throws IOException {
    Path out = dir.resolve("report");
    assertThat(run(out).code()).isZero();
    assertThat(out.resolve(".deepfig-output")).isRegularFile();
    assertThat(Files.readString(out.resolve(".deepfig-output"))).contains("index.html").contains("manifest.json");
    MainTest.Outcome again = run(out);
    assertThat(again.code()).as(again.err()).isZero();

    Files.writeString(out.resolve("figures/my-notes.txt"), "notes");
    MainTest.Outcome withNotes = run(out);
    assertOneLineUserError(withNotes, "my-notes.txt", "deepfig did not write it");
    assertThat(out.resolve("figures/my-notes.txt")).hasContent("notes");
  }

  @Test
  void anEmptyFolderIsTakenAndAFileIsRefused() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThat(run(empty).code()).isZero();
    assertThat(empty.resolve("index.html")).isRegularFile();
    Path file = Files.writeString(dir.resolve("afile"), "x");
    assertOneLineUserError(run(file), "not a folder");
    assertThat(file).hasContent("x");
  }

  @Test
  void siteOutAndVerifyKeepRefuseFoldersDeepfigDidNotMake() throws IOException {
    Path mine = Files.createDirectories(dir.resolve("www"));
    Files.writeString(mine.resolve("index.html"), "my homepage");
    MainTest.Outcome site = MainTest.run("site", config.toString(), "--out", mine.toString(), "--cache",
        cache.toString());
    assertOneLineUserError(site, "not made by deepfig");
    assertThat(site.out()).doesNotContain("epoch");
    assertThat(mine.resolve("index.html")).hasContent("my homepage");

    Path report = dir.resolve("report");
    assertThat(run(report).code()).isZero();
    MainTest.Outcome verify = MainTest.run("verify", report.toString(), "--keep", mine.toString());
    assertOneLineUserError(verify, "not made by deepfig");
    assertThat(mine.resolve("index.html")).hasContent("my homepage");
  }

  // --- 2. code execution from templates -----------------------------------------------------------------------

  @Test
  void templatesCannotRunCodeOrReachJavaObjects() throws IOException {
    Path pwned = dir.resolve("pwned");
    String[] payloads = {
        "<#assign ex = \"freemarker.template.utility.Execute\"?new()>${ex(\"touch " + pwned + "\")}",
        "<#assign oc = \"freemarker.template.utility.ObjectConstructor\"?new()>"
            + "${oc(\"java.io.FileOutputStream\", \"" + pwned + "\")}",
        "${report?api.getClass().forName(\"java.lang.Runtime\")}",
        "${report.getClass().getProtectionDomain().getCodeSource()}",
        "${report.class.protectionDomain.classLoader}",
    };
    for (int i = 0; i < payloads.length; i++) {
      Path templates = Files.createDirectories(dir.resolve("templates" + i));
      Files.writeString(templates.resolve("experiment.ftlh"), "<html>" + payloads[i] + "</html>");
      Files.writeString(config, CONFIG.replace("output: {formats: [svg, png]}",
          "output: {formats: [svg, png], templates: templates" + i + "}"));
      Path out = dir.resolve("out" + i);
      MainTest.Outcome o = run(out);
      assertThat(o.code()).as(payloads[i] + "\n" + o.err()).isEqualTo(2);
      assertThat(o.err()).as(payloads[i]).contains("experiment.ftlh").contains("template");
      assertThat(pwned).as(payloads[i]).doesNotExist();
      assertThat(out).as(payloads[i]).doesNotExist();
    }
  }

  @Test
  void ownTemplatesStillWork() throws IOException {
    Path templates = Files.createDirectories(dir.resolve("mine"));
    Files.writeString(templates.resolve("experiment.ftlh"),
        "<html><h1>${report.title()}</h1><#list report.figures() as f><p>${f.title()}</p></#list></html>");
    Files.writeString(config, CONFIG.replace("output: {formats: [svg, png]}",
        "output: {formats: [svg, png], templates: mine}"));
    Path out = dir.resolve("out");
    MainTest.Outcome o = run(out);
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(Files.readString(out.resolve("index.html"))).startsWith("<html><h1>trust</h1><p>");
  }

  // --- 3. symbolic links out of folders deepfig reads ---------------------------------------------------------

  @Test
  void siteRefusesALinkOutOfAReportFolder() throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "root:$6$secret-hash");
    Path report = dir.resolve("report");
    assertThat(run(report).code()).isZero();
    Files.delete(report.resolve(".deepfig-output")); // an old report, or one a stranger handed over
    Path link = Files.createSymbolicLink(report.resolve("figures/leak.png"), secret);
    Path site = dir.resolve("site");
    MainTest.Outcome o = MainTest.run("site", report.toString(), "--out", site.toString());
    assertOneLineUserError(o, link.toString(), "leads out of it");
    assertThat(site).doesNotExist();
    try (Stream<Path> s = Files.walk(dir)) {
      assertThat(s.filter(p -> !Files.isSymbolicLink(p) && Files.isRegularFile(p) && !p.equals(secret))
          .map(TrustTest::read)).noneMatch(text -> text.contains("secret-hash"));
    }
  }

  @Test
  void aTemplateOrStylesheetLinkedOutOfItsFolderIsRefusedBeforeTraining() throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "secret-hash");
    for (String name : List.of("style.css", "experiment.ftlh")) {
      Path templates = Files.createDirectories(dir.resolve("t-" + name));
      Files.createSymbolicLink(templates.resolve(name), secret);
      Files.writeString(config, CONFIG.replace("output: {formats: [svg, png]}",
          "output: {formats: [svg, png], templates: t-" + name + "}"));
      MainTest.Outcome o = run(dir.resolve("out"));
      assertOneLineUserError(o, templates.resolve(name).toString(), "leads out of it");
      assertThat(o.out()).doesNotContain("epoch");
      assertThat(dir.resolve("out")).doesNotExist();
    }
  }

  // --- 7. bad paths are user errors ---------------------------------------------------------------------------

  @Test
  void aNulInOutputDirIsAUserError() throws IOException {
    Files.writeString(config, CONFIG.replace("output: {formats: [svg, png]}", "output: {dir: \"out/a\\0b\"}"));
    MainTest.Outcome o = MainTest.run("run", config.toString(), "--cache", cache.toString());
    assertOneLineUserError(o, "output.dir", "not a valid path");
  }

  // --- 11. what killed runs left behind -----------------------------------------------------------------------

  @Test
  void stagingFoldersOfDeadRunsAreRemovedAndLiveOnesKept() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    long deadPid = gone.pid();
    Path dead = Files.createDirectories(dir.resolve(".report.staging-" + deadPid + "-1700000000000-0badf00d"));
    Files.writeString(dead.resolve("index.html"), "half");
    Path deadOld = Files.createDirectories(dir.resolve(".report.old-" + deadPid + "-1700000000000-0badf00d"));
    ProcessHandle me = ProcessHandle.current();
    long myStart = me.info().startInstant().map(Instant::toEpochMilli).orElseThrow();
    Path live = Files.createDirectories(dir.resolve(".report.staging-" + me.pid() + "-" + myStart + "-12345678"));
    Path other = Files.createDirectories(dir.resolve(".other.staging-" + deadPid + "-1700000000000-0badf00d"));

    assertThat(run(dir.resolve("report")).code()).isZero();
    assertThat(dead).doesNotExist();
    assertThat(deadOld).doesNotExist();
    assertThat(live).as("a running process's staging folder").isDirectory();
    assertThat(other).as("another output's staging folder").isDirectory();
  }

  // --- 12. messages name the folder the user named ------------------------------------------------------------

  @Test
  void siteMessagesNameTheSiteNotItsStagingFolder() {
    MainTest.Outcome o = MainTest.run("site", config.toString(), "--out", dir.resolve("site").toString(), "--cache",
        cache.toString());
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).doesNotContain("staging").contains(dir.resolve("site").toString());
  }

  private List<String> siblings() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }

  private static String read(Path p) {
    try {
      return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }
}
