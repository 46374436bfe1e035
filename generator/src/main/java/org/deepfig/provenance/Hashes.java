package org.deepfig.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * SHA-256, the one digest deepfig uses: of bytes, text (UTF-8), a file or a folder's files, as lower-case hex; and
 * its first 64 bits as a number (the PDF document ids).
 */
public final class Hashes {
  private Hashes() {}

  public static String sha256(byte[] bytes) {
    return hex(digest().digest(bytes));
  }

  /** Of {@code text}'s UTF-8 bytes. */
  public static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  public static String sha256(Path file) {
    MessageDigest md = digest();
    update(md, file);
    return hex(md.digest());
  }

  /**
   * Of every regular file below {@code dir}, in sorted path order, each as its relative path's UTF-8 bytes then its
   * content.
   */
  public static String sha256Tree(Path dir) throws IOException {
    MessageDigest md = digest();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        md.update(dir.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
        update(md, f);
      }
    }
    return hex(md.digest());
  }

  /** The digest's first eight bytes, big-endian, as a number. */
  public static long sha256Long(byte[] bytes) {
    return ByteBuffer.wrap(digest().digest(bytes)).getLong();
  }

  /** {@link #sha256Long(byte[])} of {@code text}'s UTF-8 bytes. */
  public static long sha256Long(String text) {
    return sha256Long(text.getBytes(StandardCharsets.UTF_8));
  }

  private static void update(MessageDigest md, Path file) {
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-256", e);
    }
  }
}
