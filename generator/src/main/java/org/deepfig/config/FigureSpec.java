package org.deepfig.config;

/**
 * The options of one entry of {@code figures:}. Each analysis kind has its own record implementing this; the
 * {@code kind} key chooses the record. Implementations are registered by {@code org.deepfig.analysis.AnalysisKind}.
 */
public interface FigureSpec {}
