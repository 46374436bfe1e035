package org.deepfig.render;

import java.nio.file.Path;

/** A figure file on disk and the SHA-256 of its bytes (lower-case hex), for manifests and cache keys. */
public record WrittenFile(Path path, FigureFormat format, String sha256) {}
