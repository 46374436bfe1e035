package org.deepfig.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers over several seeds: the mean and spread of each table cell, rows matched by their first column (a class,
 * a layer, an epoch), never by position, since tables sort differently per seed (lowest F1 first).
 */
public final class SeedStats {
  private static final Pattern NUMBER = Pattern.compile("\\s*([-+−]?(?:\\d{1,3}(?:,\\d{3})+|\\d*)(?:\\.(\\d+))?"
      + "(?:[eE][-+]?\\d+)?)\\s*(%?)\\s*");

  private SeedStats() {}

  /** Mean, sample standard deviation (n − 1; 0 for one value), minimum and maximum of some values. */
  public record Stat(double mean, double sd, double min, double max, int n) {}

  public static Stat of(double... v) {
    if (v.length == 0) return new Stat(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      sum += x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    double mean = sum / v.length;
    double ss = 0;
    for (double x : v) ss += (x - mean) * (x - mean);
    return new Stat(mean, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0, min, max, v.length);
  }

  /**
   * Means and a band of ± one sample standard deviation, both times {@code scale} (e.g. 0.01 for values written in
   * per cent), ready to draw as a series or bars with their {@link org.deepfig.render.Charts.Spread}.
   */
  public record Band(double[] mean, org.deepfig.render.Charts.Spread spread) {}

  /** The {@link Band} of some per-point statistics. */
  public static Band band(Stat[] stats, double scale) {
    double[] mean = new double[stats.length];
    double[] lo = new double[stats.length];
    double[] hi = new double[stats.length];
    for (int i = 0; i < stats.length; i++) {
      mean[i] = stats[i].mean() * scale;
      lo[i] = (stats[i].mean() - stats[i].sd()) * scale;
      hi[i] = (stats[i].mean() + stats[i].sd()) * scale;
    }
    return new Band(mean, new org.deepfig.render.Charts.Spread(lo, hi));
  }

  /** Mean and sd at each point of several equally long curves (one per seed). */
  public static Stat[] pointwise(List<double[]> curves) {
    int n = curves.get(0).length;
    Stat[] out = new Stat[n];
    for (int i = 0; i < n; i++) {
      double[] v = new double[curves.size()];
      for (int s = 0; s < v.length; s++) v[s] = curves.get(s)[i];
      out[i] = of(v);
    }
    return out;
  }

  /** A cell's number as shown ("97.30%" is 97.3, "1,024" is 1024), or NaN when it is not one number. */
  public static double number(String cell) {
    Matcher m = NUMBER.matcher(cell);
    if (!m.matches() || !m.group(1).matches(".*\\d.*")) return Double.NaN;
    return Double.parseDouble(m.group(1).replace(",", "").replace('−', '-'));
  }

  /**
   * One table from the same table of every seed: a cell that is the same text in all keeps it; a number that differs
   * becomes {@code mean ± sd} with the decimals and unit it was written with; other text that differs lists the seeds'
   * values. Rows are the first seed's, in its order, matched by their first cell; a row some seed lacks keeps the
   * values of the seeds that have it, marked {@code (n of N seeds)}.
   */
  public static Table combine(List<Table> perSeed) {
    Table first = perSeed.get(0);
    List<List<String>> rows = new ArrayList<>();
    List<Map<String, List<String>>> byKey = new ArrayList<>();
    for (Table t : perSeed) byKey.add(rowsByKey(t));
    boolean keyed = byKey.get(0).size() == first.rows().size();
    for (int r = 0; r < first.rows().size(); r++) {
      List<String> row = first.rows().get(r);
      List<List<String>> same = new ArrayList<>();
      for (int s = 0; s < perSeed.size(); s++) {
        List<String> match = keyed ? byKey.get(s).get(row.get(0))
            : r < perSeed.get(s).rows().size() ? perSeed.get(s).rows().get(r) : null;
        if (match != null && match.size() == row.size()) same.add(match);
      }
      List<String> out = new ArrayList<>();
      for (int c = 0; c < row.size(); c++) {
        List<String> cells = new ArrayList<>();
        for (List<String> m : same) cells.add(m.get(c));
        out.add(c == 0 && keyed ? row.get(0) : cell(cells));
      }
      if (same.size() < perSeed.size() && !out.isEmpty()) {
        out.set(0, out.get(0) + " (" + same.size() + " of " + perSeed.size() + " seeds)");
      }
      rows.add(out);
    }
    return new Table(first.title() + " — mean ± sd over " + perSeed.size() + " seeds", first.columns(), rows);
  }

  /** The combined text of one cell over the seeds (see {@link #combine}). */
  public static String cell(List<String> cells) {
    if (cells.stream().distinct().count() <= 1) return cells.isEmpty() ? "" : cells.get(0);
    double[] v = new double[cells.size()];
    int decimals = 0;
    String unit = null;
    for (int i = 0; i < v.length; i++) {
      Matcher m = NUMBER.matcher(cells.get(i));
      v[i] = number(cells.get(i));
      if (Double.isNaN(v[i]) || !m.matches() || unit != null && !unit.equals(m.group(3))) {
        return String.join(" / ", cells);
      }
      unit = m.group(3);
      if (m.group(2) != null) decimals = Math.max(decimals, m.group(2).length());
    }
    Stat s = of(v);
    String f = "%." + decimals + "f";
    return String.format(Locale.ROOT, f + " ± " + f + "%s", s.mean(), s.sd(), unit);
  }

  /**
   * The values of {@code column} over the seeds, by row key (first cell), in the first seed's row order; rows some
   * seed lacks or whose cell is not a number are left out.
   */
  public static Map<String, double[]> column(List<Table> perSeed, String column) {
    Map<String, double[]> out = new LinkedHashMap<>();
    int c = perSeed.get(0).columns().indexOf(column);
    if (c < 0) return out;
    for (List<String> row : perSeed.get(0).rows()) {
      double[] v = new double[perSeed.size()];
      boolean all = true;
      for (int s = 0; s < perSeed.size() && all; s++) {
        List<String> m = rowsByKey(perSeed.get(s)).get(row.get(0));
        int cs = perSeed.get(s).columns().indexOf(column);
        v[s] = m == null || cs < 0 ? Double.NaN : number(m.get(cs));
        all = !Double.isNaN(v[s]);
      }
      if (all) out.put(row.get(0), v);
    }
    return out;
  }

  private static Map<String, List<String>> rowsByKey(Table t) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (List<String> row : t.rows()) if (!row.isEmpty()) m.putIfAbsent(row.get(0), row);
    return m;
  }
}
