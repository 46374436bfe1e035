package org.deepfig.embed;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The butterflies of {@link Fft} on the Vector API (JEP 414; {@code jdk.incubator.vector}, an incubator module in
 * Java 17, so the JVM must be started with {@code --add-modules jdk.incubator.vector}; {@link Fft#LANES} tells).
 * Each butterfly is one loop over the columns in steps of the widest float vector the CPU has: its inputs are
 * loaded once and all its outputs stored from registers. C2's auto-vectorisation of {@link Fft}'s scalar kernels
 * needs one loop per output, each loading its inputs again, and comes nowhere near: measured on this machine
 * (AVX-512, 16 floats a vector), 768 columns of length 768 took 0.9–1.2 ms here against 6–14 ms there.
 *
 * <p>Every output is the same expression, operation by operation, as in {@link Fft}'s scalar kernel (a vector
 * add or multiply rounds each lane as the scalar one does, and neither side fuses a multiply-add), so both give the
 * same bits; {@code FftRepulsionTest} checks it. Each method transforms the columns in whole vectors from {@code
 * from} on and returns where it stopped; {@link Fft} does the remaining columns (fewer than a vector) with the
 * scalar kernels. Which columns the lanes take thus depends on the vector width, never the result.
 *
 * <p>Each kernel broadcasts its twiddles before its loop and loads each row once at the top of the loop body, written
 * out in every kernel (blocks of the same shape): a twiddle read from its array where it is used would be loaded and
 * broadcast again in every iteration (C2 cannot tell the rows written in the loop from the twiddle array), and a
 * row loaded where used would be loaded twice. The complex products are written out too: with a helper taking the
 * vectors, one comparison (session 7) was 5–15 % slower.
 */
final class FftLanes {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private FftLanes() {}

  /** The butterfly of {@link Fft}'s stage (arguments as there) on the columns [from, returned). */
  static int butterfly(int radix, float[][] in, float[][] out, float[] w, float sign, int from, int to) {
    int upper = from + S.loopBound(to - from);
    switch (radix) {
      case 4 -> radix4(in, out, w, sign, from, upper);
      case 2 -> radix2(in, out, w, from, upper);
      default -> radix3(in, out, w, sign, from, upper);
    }
    return upper;
  }

  private static FloatVector load(float[] row, int c) {
    return FloatVector.fromArray(S, row, c);
  }

  private static void radix2(float[][] in, float[][] out, float[] w, int from, int to) {
    FloatVector wr = FloatVector.broadcast(S, w[0]);
    FloatVector wi = FloatVector.broadcast(S, w[1]);
    for (int c = from; c < to; c += S.length()) {
      FloatVector ar = load(in[0], c);
      FloatVector ai = load(in[1], c);
      FloatVector br = load(in[2], c);
      FloatVector bi = load(in[3], c);
      ar.add(br).intoArray(out[0], c);
      ai.add(bi).intoArray(out[1], c);
      FloatVector dr = ar.sub(br);
      FloatVector di = ai.sub(bi);
      dr.mul(wr).sub(di.mul(wi)).intoArray(out[2], c);
      dr.mul(wi).add(di.mul(wr)).intoArray(out[3], c);
    }
  }

  private static void radix4(float[][] in, float[][] out, float[] w, float sign, int from, int to) {
    boolean forward = sign > 0;
    FloatVector w2r = FloatVector.broadcast(S, w[2]);
    FloatVector w2i = FloatVector.broadcast(S, w[3]);
    FloatVector w1r = FloatVector.broadcast(S, w[0]);
    FloatVector w1i = FloatVector.broadcast(S, w[1]);
    FloatVector w3r = FloatVector.broadcast(S, w[4]);
    FloatVector w3i = FloatVector.broadcast(S, w[5]);
    for (int c = from; c < to; c += S.length()) {
      // a and c, b and d: the pairs the first additions join
      FloatVector ar = load(in[0], c);
      FloatVector cr = load(in[4], c);
      FloatVector ai = load(in[1], c);
      FloatVector ci = load(in[5], c);
      FloatVector br = load(in[2], c);
      FloatVector dr = load(in[6], c);
      FloatVector bi = load(in[3], c);
      FloatVector di = load(in[7], c);
      FloatVector sumAcR = ar.add(cr);
      FloatVector sumAcI = ai.add(ci);
      FloatVector sumBdR = br.add(dr);
      FloatVector sumBdI = bi.add(di);
      sumAcR.add(sumBdR).intoArray(out[0], c);
      sumAcI.add(sumBdI).intoArray(out[1], c);
      FloatVector ur = sumAcR.sub(sumBdR);
      FloatVector ui = sumAcI.sub(sumBdI);
      ur.mul(w2r).sub(ui.mul(w2i)).intoArray(out[4], c);
      ur.mul(w2i).add(ui.mul(w2r)).intoArray(out[5], c);
      // (a − c) ∓ i(b − d): adding sign·x is adding or subtracting x, to the bit
      FloatVector difAcR = ar.sub(cr);
      FloatVector difAcI = ai.sub(ci);
      FloatVector difBdI = bi.sub(di);
      FloatVector difBdR = br.sub(dr);
      FloatVector vr = forward ? difAcR.add(difBdI) : difAcR.sub(difBdI);
      FloatVector vi = forward ? difAcI.sub(difBdR) : difAcI.add(difBdR);
      vr.mul(w1r).sub(vi.mul(w1i)).intoArray(out[2], c);
      vr.mul(w1i).add(vi.mul(w1r)).intoArray(out[3], c);
      FloatVector xr = forward ? difAcR.sub(difBdI) : difAcR.add(difBdI);
      FloatVector xi = forward ? difAcI.add(difBdR) : difAcI.sub(difBdR);
      xr.mul(w3r).sub(xi.mul(w3i)).intoArray(out[6], c);
      xr.mul(w3i).add(xi.mul(w3r)).intoArray(out[7], c);
    }
  }

  private static void radix3(float[][] in, float[][] out, float[] w, float sign, int from, int to) {
    float h = sign * (float) (Math.sqrt(3) / 2);
    FloatVector w1r = FloatVector.broadcast(S, w[0]);
    FloatVector w1i = FloatVector.broadcast(S, w[1]);
    FloatVector w2r = FloatVector.broadcast(S, w[2]);
    FloatVector w2i = FloatVector.broadcast(S, w[3]);
    for (int c = from; c < to; c += S.length()) {
      FloatVector ar = load(in[0], c);
      FloatVector ai = load(in[1], c);
      FloatVector br = load(in[2], c);
      FloatVector bi = load(in[3], c);
      FloatVector cr = load(in[4], c);
      FloatVector ci = load(in[5], c);
      FloatVector sr = br.add(cr);
      FloatVector si = bi.add(ci);
      ar.add(sr).intoArray(out[0], c);
      ai.add(si).intoArray(out[1], c);
      FloatVector mr = ar.sub(sr.mul(0.5f));
      FloatVector mi = ai.sub(si.mul(0.5f));
      FloatVector er = bi.sub(ci).mul(h);
      FloatVector ei = br.sub(cr).mul(-h);
      FloatVector pr = mr.add(er);
      FloatVector pi = mi.add(ei);
      pr.mul(w1r).sub(pi.mul(w1i)).intoArray(out[2], c);
      pr.mul(w1i).add(pi.mul(w1r)).intoArray(out[3], c);
      FloatVector nr = mr.sub(er);
      FloatVector ni = mi.sub(ei);
      nr.mul(w2r).sub(ni.mul(w2i)).intoArray(out[4], c);
      nr.mul(w2i).add(ni.mul(w2r)).intoArray(out[5], c);
    }
  }
}
