package org.deepfig.embed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

/**
 * One call of {@link FftRepulsion} timed in isolation (a bench, not a test; in this package for package access): on
 * the coordinates of a file (x,y per line; {@code TSneBench -Ddump.coordinates=DIR} writes final embeddings) or on
 * N Gaussian points of a given spread. Prints process CPU and wall milliseconds per call and per step, the FFT
 * length, the errors against the exact sums on a seeded sample of 400 points, and a checksum of the output (equal
 * checksums for 1 and 2 threads: thread-independent).
 * Usage: FftRepulsionBench FILE|N:SPREAD [calls] [threads] (start the JVM with {@code --add-modules
 * jdk.incubator.vector} for the Vector API's FFT kernels, as the launcher does; without it, the scalar ones)
 */
public final class FftRepulsionBench {
  public static void main(String[] args) throws Exception {
    double[] y;
    int n;
    if (args[0].contains(":")) {
      n = Integer.parseInt(args[0].split(":")[0]);
      double spread = Double.parseDouble(args[0].split(":")[1]);
      y = FftRepulsionTest.gaussianPoints(n, spread / 8, 1);
    } else {
      List<String> lines = Files.readAllLines(Path.of(args[0]));
      n = lines.size();
      y = new double[2 * n];
      for (int i = 0; i < n; i++) {
        String[] f = lines.get(i).split(",");
        y[2 * i] = Double.parseDouble(f[0]);
        y[2 * i + 1] = Double.parseDouble(f[1]);
      }
    }
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    double[] rep = new double[2 * n];
    double[] zOut = new double[1];
    FftRepulsion fft = new FftRepulsion();
    ForkJoinPool pool = new ForkJoinPool(threads);
    int nn = n;
    double[] yy = y;
    // warm up, then time on a fresh clock
    pool.submit(() -> {
      for (int c = 0; c < Math.max(10, calls / 5); c++) zOut[0] = fft.compute(yy, nn, rep, new PhaseClock());
    }).get();
    PhaseClock clock = new PhaseClock();
    long wall = System.nanoTime();
    // the fastest call of each step, wall time: on a loaded machine the least disturbed
    java.util.Map<String, Double> fastest = new java.util.LinkedHashMap<>();
    double[] fastestCall = {Double.MAX_VALUE};
    pool.submit(() -> {
      for (int c = 0; c < calls; c++) {
        PhaseClock one = new PhaseClock();
        long t0 = System.nanoTime();
        zOut[0] = fft.compute(yy, nn, rep, one);
        fastestCall[0] = Math.min(fastestCall[0], (System.nanoTime() - t0) / 1e6);
        one.seconds().forEach((k, v) -> fastest.merge(k, 1e3 * v, Math::min));
        one.cpuSeconds().forEach((k, v) -> clock.lapAdd(k, v));
      }
    }).get();
    StringBuilder fast = new StringBuilder(String.format(Locale.ROOT, "fft-repulsion fastest call %.2f ms, fastest "
        + "steps (ms):", fastestCall[0]));
    fastest.forEach((k, v) -> fast.append(String.format(Locale.ROOT, " %s=%.2f", k, v)));
    fast.append(String.format(Locale.ROOT, " sum=%.2f", fastest.values().stream().mapToDouble(d -> d).sum()));
    System.out.println(fast);
    double wallMs = (System.nanoTime() - wall) / 1e6 / calls;
    pool.shutdown();
    Map<String, Double> cpu = clock.cpuSeconds();
    double total = cpu.values().stream().mapToDouble(Double::doubleValue).sum();
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "fft-repulsion N=%d p=%d threads=%d cpu_ms=%.2f "
        + "wall_ms=%.2f:", n, fft.length(), threads, 1e3 * total / calls, wallMs));
    cpu.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s=%.2f", k, 1e3 * v / calls)));
    System.out.println(sb);
    double z = zOut[0];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += rep[2 * i] * 1.0000001 + rep[2 * i + 1];
    }
    // errors on a sample: exact sums for 400 points against all n
    SplittableRandom r = new SplittableRandom(9);
    double err = 0;
    double norm = 0;
    double[] f = new double[2];
    for (int s = 0; s < 400; s++) {
      int i = r.nextInt(n);
      TSneGradient.repulsiveExact(y, n, i, f);
      err += Math.hypot(rep[2 * i] - f[0], rep[2 * i + 1] - f[1]);
      norm += Math.hypot(f[0], f[1]);
    }
    double zExact = Boolean.getBoolean("exactZ") ? TSne.z(y, n) : Double.NaN;
    System.out.printf(Locale.ROOT, "fft-repulsion N=%d force_error=%.5f z=%.9e z_error=%.2e checksum=%.17g%n", n,
        err / norm, z, Math.abs(z - zExact) / zExact, sum);
  }
}
