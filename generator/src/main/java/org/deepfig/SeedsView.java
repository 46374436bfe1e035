package org.deepfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deepfig.analysis.SeedStats;
import org.deepfig.provenance.RunManifest;
import org.deepfig.report.ReportView;

/** The report page of a several-seed run: its summary names the seeds and gives accuracy as mean ± sd. */
final class SeedsView {
  private SeedsView() {}

  static ReportView of(ReportView v, List<RunManifest.SeedRecord> seeds) {
    double[] acc = seeds.stream().mapToDouble(RunManifest.SeedRecord::testAccuracy).toArray();
    SeedStats.Stat s = SeedStats.of(acc);
    String accuracy = String.format(Locale.ROOT, "%.1f%% ± %.1f%%", 100 * s.mean(), 100 * s.sd());
    List<String> each = new ArrayList<>();
    for (RunManifest.SeedRecord r : seeds) {
      each.add(String.format(Locale.ROOT, "%d (%.1f%%)", r.seed(), 100 * r.testAccuracy()));
    }
    List<ReportView.Row> summary = new ArrayList<>();
    for (ReportView.Row r : v.summary()) {
      switch (r.name()) {
        case "Test accuracy" -> summary.add(new ReportView.Row("Test accuracy", accuracy + " (mean ± sample sd over "
            + seeds.size() + " seeds)"));
        case "Seed" -> summary.add(new ReportView.Row("Seeds", String.join(", ", each)
            + "; pictures show the first seed"));
        default -> summary.add(r);
      }
    }
    List<ReportView.Row> provenance = new ArrayList<>(v.provenance());
    for (RunManifest.SeedRecord r : seeds) {
      provenance.add(new ReportView.Row("Checkpoint sha256, seed " + r.seed(), r.checkpoint().sha256()));
    }
    String subtitle = v.subtitle().replaceFirst("test accuracy .*$", "test accuracy " + accuracy + " over "
        + seeds.size() + " seeds");
    return new ReportView(v.title(), subtitle, summary, provenance, v.figures(), v.classNames(), accuracy,
        v.stylesheet(), v.config(), v.verifyCommand(), v.card());
  }
}
