package org.deepfig.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One figure of a {@code figures:} entry as each seed's run made it (same id), for {@link AnalysisKind#aggregate}.
 *
 * @param perSeed the figure of each seed, in the order of {@code seeds}
 */
public record SeedFigures(String id, List<Long> seeds, List<RenderedFigure> perSeed) {
  public SeedFigures {
    seeds = List.copyOf(seeds);
    perSeed = List.copyOf(perSeed);
  }

  public RenderedFigure first() {
    return perSeed.get(0);
  }

  /** The table whose title starts with {@code titlePrefix} in every seed's figure; empty when a seed lacks it. */
  public List<Table> table(String titlePrefix) {
    List<Table> out = new ArrayList<>();
    for (RenderedFigure f : perSeed) {
      Table found = null;
      for (Table t : f.tables()) {
        if (t.title().startsWith(titlePrefix)) {
          found = t;
          break;
        }
      }
      if (found == null) return List.of();
      out.add(found);
    }
    return out;
  }

  /** Every table of the first seed's figure combined with the same-titled table of the others (mean ± sd). */
  public List<Table> combinedTables() {
    List<Table> out = new ArrayList<>();
    for (Table t : first().tables()) {
      List<Table> same = new ArrayList<>();
      for (RenderedFigure f : perSeed) {
        f.tables().stream().filter(o -> o.title().equals(t.title()) && o.columns().equals(t.columns())).findFirst()
            .ifPresent(same::add);
      }
      out.add(same.size() == perSeed.size() ? SeedStats.combine(same) : t);
    }
    return out;
  }

  /**
   * Columns of a table as chart data over the seeds: the row keys every seed has a number for in every one of
   * {@code columns} (minus {@code skipRows}), and per column the mean and the ± sd spread, times {@code scale}.
   * Columns no row has a number in are left out (e.g. "—" where a baseline is missing); null without the table.
   */
  public Columns columns(String tablePrefix, List<String> columns, List<String> skipRows, double scale) {
    List<Table> tables = table(tablePrefix);
    if (tables.isEmpty()) return null;
    List<String> names = new ArrayList<>();
    List<java.util.Map<String, double[]>> values = new ArrayList<>();
    for (String c : columns) {
      java.util.Map<String, double[]> v = SeedStats.column(tables, c);
      skipRows.forEach(v::remove);
      if (v.isEmpty()) continue;
      names.add(c);
      values.add(v);
    }
    if (names.isEmpty()) return null;
    List<String> keys = new ArrayList<>(values.get(0).keySet());
    for (var v : values) keys.retainAll(v.keySet());
    List<double[]> means = new ArrayList<>();
    List<org.deepfig.render.Charts.Spread> spreads = new ArrayList<>();
    for (var v : values) {
      SeedStats.Stat[] stats = new SeedStats.Stat[keys.size()];
      for (int i = 0; i < keys.size(); i++) stats[i] = SeedStats.of(v.get(keys.get(i)));
      SeedStats.Band band = SeedStats.band(stats, scale);
      means.add(band.mean());
      spreads.add(band.spread());
    }
    return new Columns(keys, names, means, spreads);
  }

  /** Chart data from {@link #columns}: row keys, the columns found, and per column the means and spreads. */
  public record Columns(List<String> keys, List<String> names, List<double[]> means,
      List<org.deepfig.render.Charts.Spread> spreads) {
    public List<org.deepfig.render.Charts.Bars> bars(java.util.function.UnaryOperator<String> label) {
      List<org.deepfig.render.Charts.Bars> out = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) out.add(new org.deepfig.render.Charts.Bars(label.apply(names.get(i)),
          means.get(i)));
      return out;
    }

    public List<org.deepfig.render.Charts.Series> steps(java.util.function.UnaryOperator<String> label) {
      double[] x = new double[keys.size()];
      for (int i = 0; i < x.length; i++) x[i] = i;
      List<org.deepfig.render.Charts.Series> out = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) out.add(new org.deepfig.render.Charts.Series(label.apply(names.get(i)),
          x, means.get(i)));
      return out;
    }
  }

  /** The figure with a new drawing and caption, its parameters naming the seeds, its tables combined. */
  public Figure with(org.deepfig.render.Drawing drawing, String caption) {
    return new Figure(id, first().title(), caption, parameters(), drawing, combinedTables(), List.of(),
        first().note());
  }

  /** The first seed's parameters and the seeds: those of a figure drawn from all of them. */
  public java.util.Map<String, String> parameters() {
    java.util.Map<String, String> params = new java.util.TreeMap<>(first().parameters());
    params.put("seeds", seeds.toString());
    return params;
  }

  /** "3 seeds (1, 2, 3)". */
  public String seedsText() {
    return String.format(Locale.ROOT, "%d seeds (%s)", seeds.size(),
        seeds.stream().map(String::valueOf).collect(Collectors.joining(", ")));
  }

  /** The caption sentence of a figure drawn from the first seed with its tables combined. */
  public String firstSeedSentence() {
    String drawn = "Drawn from the first seed (" + seeds.get(0) + ") of " + seedsText();
    return first().tables().isEmpty() ? drawn + "." : drawn + "; the tables show mean ± sample standard deviation "
        + "(n − 1) over the seeds.";
  }
}
