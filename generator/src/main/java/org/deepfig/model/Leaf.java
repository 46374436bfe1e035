package org.deepfig.model;

import ai.djl.nn.Block;

/** A named single layer inside a {@link Net} or a {@link ResidualBlock}; {@code name} is the full, dotted name. */
record Leaf(String name, LayerKind kind, Block block, Geometry geometry) {}
