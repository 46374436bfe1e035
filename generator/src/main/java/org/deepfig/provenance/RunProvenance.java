package org.deepfig.provenance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a run's results come from, as its report states them in the provenance table and its manifest records them:
 * the config's and the trained parameters' sha256, the git commit, the device and the versions.
 *
 * @param gitCommit null outside a git work tree
 * @param versions {@link Versions#runtime}
 */
public record RunProvenance(String configSha256, String checkpointSha256, String gitCommit, String device,
    Map<String, String> versions) {
  public RunProvenance {
    versions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(versions));
  }

  /** The report's provenance rows, label → value, in the order shown. */
  public Map<String, String> rows() {
    Map<String, String> rows = new LinkedHashMap<>();
    rows.put("Config sha256", configSha256);
    rows.put("Checkpoint sha256", checkpointSha256);
    rows.put("Git commit", gitCommit == null ? "not in a git work tree" : gitCommit);
    rows.put("Device", device);
    versions.forEach(rows::putIfAbsent);
    return rows;
  }

  /** The manifest's versions: {@link #versions()} and, on a GPU, the determinism settings in force as gpu.NAME. */
  public Map<String, String> manifestVersions(Map<String, String> gpuDeterminism) {
    Map<String, String> m = new LinkedHashMap<>(versions);
    gpuDeterminism.forEach((k, v) -> m.put("gpu." + k, v));
    return m;
  }
}
