package org.deepfig.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deepfig.provenance.StageCache.Origin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entries shared by runs, and a cache that cannot be written; two real processes: {@code ConcurrentRunsTest}. */
class StageCacheTest {
  @TempDir Path dir;

  @Test
  void aCompleteEntryIsNeverReplacedAndALaterWriterIsGivenIt() throws IOException {
    StageCache first = new StageCache(dir, false);
    StageCache second = new StageCache(dir, false);
    StageCache.Stored a = first.store("train", "k", d -> Files.writeString(d.resolve("trained.params"), "first"));
    Object inode = Files.readAttributes(a.dir().resolve("trained.params"), BasicFileAttributes.class).fileKey();

    StageCache.Stored b = second.store("train", "k", d -> Files.writeString(d.resolve("trained.params"), "second"));

    assertThat(a.origin()).isEqualTo(Origin.THIS_RUN);
    assertThat(b).isEqualTo(new StageCache.Stored(a.dir(), Origin.OTHER_RUN));
    assertThat(Files.readString(b.dir().resolve("trained.params"))).isEqualTo("first");
    assertThat(Files.readAttributes(a.dir().resolve("trained.params"), BasicFileAttributes.class).fileKey())
        .as("the very same file, not a copy").isEqualTo(inode);
    assertThat(names(dir.resolve("train"))).as("the loser's temporary folder is gone").containsExactly("k");
  }

  @Test
  void anEntryCompletedByAnotherRunWhileThisOneWroteWins() {
    StageCache other = new StageCache(dir, false);
    StageCache.Stored mine = new StageCache(dir, false).store("figures", "k", d -> {
      other.store("figures", "k", o -> Files.writeString(o.resolve("figures.json"), "theirs"));
      Files.writeString(d.resolve("figures.json"), "mine");
    });
    assertThat(mine.origin()).isEqualTo(Origin.OTHER_RUN);
    assertThat(mine.dir().resolve("figures.json")).hasContent("theirs");
  }

  @Test
  void anEntryWithoutItsCompletionMarkerIsReplaced() throws IOException {
    Files.createDirectories(dir.resolve("train/k"));
    Files.writeString(dir.resolve("train/k/trained.params"), "partial");
    StageCache.Stored s = new StageCache(dir, false).store("train", "k",
        d -> Files.writeString(d.resolve("trained.params"), "full"));
    assertThat(s.origin()).isEqualTo(Origin.THIS_RUN);
    assertThat(s.dir().resolve("trained.params")).hasContent("full");
    assertThat(names(dir.resolve("train"))).containsExactly("k");
  }

  @Test
  void forcedStoresReplaceTheEntry() {
    new StageCache(dir, false).store("train", "k", d -> Files.writeString(d.resolve("trained.params"), "old"));
    StageCache.Stored s = new StageCache(dir, true).store("train", "k",
        d -> Files.writeString(d.resolve("trained.params"), "new"));
    assertThat(s.origin()).isEqualTo(Origin.THIS_RUN);
    assertThat(s.dir().resolve("trained.params")).hasContent("new");
    assertThat(names(dir.resolve("train"))).containsExactly("k");
  }

  @Test
  void aCacheThatIsAFileKeepsEntriesOutsideItAndWarnsOnce() throws IOException {
    Path file = Files.writeString(dir.resolve("cache"), "a file");
    StageCache cache = new StageCache(file, false);
    List<String> warnings = new ArrayList<>();
    cache.warnTo(warnings::add);

    StageCache.Stored a = cache.store("train", "k", d -> Files.writeString(d.resolve("trained.params"), "p"));
    StageCache.Stored b = cache.store("figures", "f", d -> Files.writeString(d.resolve("figures.json"), "[]"));

    assertThat(a.origin()).isEqualTo(Origin.UNCACHED);
    assertThat(a.dir().resolve("trained.params")).hasContent("p");
    assertThat(b.dir().resolve("figures.json")).hasContent("[]");
    assertThat(a.dir().startsWith(file)).isFalse();
    assertThat(warnings).hasSize(1).first().asString().contains(file + " is a file, not a folder");
    assertThat(file).hasContent("a file");
    assertThat(cache.lookup("train", "k")).isEmpty();
  }

  @Test
  void theCheckBeforeARunWarnsOnceAndLaterStoresAddNoWarning() throws IOException {
    Path file = Files.writeString(dir.resolve("cache"), "a file");
    StageCache cache = new StageCache(file.resolve("under"), false);
    List<String> warnings = new ArrayList<>();
    cache.warnTo(warnings::add);
    assertThat(cache.checkWritable()).isFalse();
    cache.store("train", "k", d -> Files.writeString(d.resolve("trained.params"), "p"));
    assertThat(warnings).hasSize(1).first().asString().contains("cannot be written").contains("--cache DIR");
    assertThat(new StageCache(dir.resolve("fine"), false).checkWritable()).isTrue();
    assertThat(names(dir.resolve("fine"))).as("the probe is removed").isEmpty();
  }

  @Test
  void aWriterThatFailsOnItsOwnStillFailsAndLeavesNothing() {
    StageCache cache = new StageCache(dir, false);
    List<String> warnings = new ArrayList<>();
    cache.warnTo(warnings::add);
    assertThatThrownBy(() -> cache.store("train", "k", d -> {
      throw new IOException("corrupt input");
    })).isInstanceOf(UncheckedIOException.class).hasRootCauseMessage("corrupt input");
    assertThat(warnings).as("not the cache's fault").isEmpty();
    assertThat(names(dir.resolve("train"))).isEmpty();
  }

  private static List<String> names(Path folder) {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
