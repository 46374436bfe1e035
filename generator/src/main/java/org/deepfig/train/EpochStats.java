package org.deepfig.train;

/** What one epoch of training achieved; {@code imagesPerSecond} counts training steps only (no evaluation). */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
    double seconds, double imagesPerSecond) {}
