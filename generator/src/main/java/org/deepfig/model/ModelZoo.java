package org.deepfig.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.List;
import org.deepfig.config.ModelConfig;
import org.deepfig.config.ModelConfig.Arch;

/**
 * The built-in architectures, with stable layer names ({@code conv1}, {@code relu1}, {@code pool1}, …) that configs
 * and figures refer to. Each takes the input shape (C, H, W) and the number of classes.
 */
public final class ModelZoo {
  private ModelZoo() {}

  public static Net create(Arch arch, Shape inputShape, List<String> classNames, float[] mean, float[] std) {
    return create(new ModelConfig(arch, null, null), inputShape, classNames, mean, std);
  }

  /** The zoo network of a model section: its architecture, and for mlp its hidden widths and activation. */
  public static Net create(ModelConfig model, Shape inputShape, List<String> classNames, float[] mean,
      float[] std) {
    List<Object> parts = switch (model.arch()) {
      case MLP -> mlp(classNames.size(), model.hiddenWidths(), model.mlpActivation());
      case LENET5 -> lenet5(inputShape, classNames.size());
      case VGG -> vgg(classNames.size());
      case RESNET -> resnet(classNames.size());
    };
    return new Net(parts, inputShape, mean, std, classNames);
  }

  /** A two-hidden-layer perceptron on the flattened image. */
  static List<Object> mlp(int classes) {
    return mlp(classes, List.of(256, 128), ModelConfig.Activation.RELU);
  }

  /**
   * A perceptron on the flattened input: a linear layer per hidden width ({@code fc1}, {@code fc2}, …), each
   * followed by the activation ({@code relu1}, {@code tanh1} or {@code sigmoid1}, …), then the output layer.
   */
  static List<Object> mlp(int classes, List<Integer> hidden, ModelConfig.Activation activation) {
    List<Object> p = new ArrayList<>();
    p.add(flatten("flatten"));
    for (int i = 0; i < hidden.size(); i++) {
      p.add(linear("fc" + (i + 1), hidden.get(i)));
      p.add(switch (activation) {
        case RELU -> relu("relu" + (i + 1));
        case TANH -> new Leaf("tanh" + (i + 1), LayerKind.TANH, Activation.tanhBlock(), Geometry.IDENTITY);
        case SIGMOID -> new Leaf("sigmoid" + (i + 1), LayerKind.SIGMOID, Activation.sigmoidBlock(),
            Geometry.IDENTITY);
      });
    }
    p.add(linear("fc" + (hidden.size() + 1), classes));
    return p;
  }

  /**
   * LeCun et al. (1998) LeNet-5 with ReLU and max pooling. conv1 is padded so that 28×28 and 32×32 inputs both give
   * 28×28 feature maps, as in the usual MNIST variant.
   */
  static List<Object> lenet5(Shape input, int classes) {
    int side = (int) input.get(1);
    int pad = side < 32 ? (32 - side + 1) / 2 : 0;
    return List.of(conv("conv1", 6, 5, 1, pad), relu("relu1"), maxPool("pool1", 2, 2),
        conv("conv2", 16, 5, 1, 0), relu("relu2"), maxPool("pool2", 2, 2),
        flatten("flatten"), linear("fc1", 120), relu("relu3"), linear("fc2", 84), relu("relu4"),
        linear("fc3", classes));
  }

  /** A small VGG-style network (Simonyan & Zisserman 2015): stacks of 3×3 convolutions and 2×2 pooling. */
  static List<Object> vgg(int classes) {
    List<Object> p = new ArrayList<>();
    int[] widths = {32, 64, 128};
    for (int b = 0; b < widths.length; b++) {
      int stage = b + 1;
      int convs = b == 2 ? 1 : 2;
      for (int c = 1; c <= convs; c++) {
        p.add(conv("conv" + stage + "_" + c, widths[b], 3, 1, 1));
        p.add(relu("relu" + stage + "_" + c));
      }
      p.add(maxPool("pool" + stage, 2, 2));
    }
    p.add(flatten("flatten"));
    p.add(linear("fc1", 128));
    p.add(relu("relu_fc1"));
    p.add(linear("fc2", classes));
    return p;
  }

  /** A small ResNet (He et al. 2016): a 3×3 stem, three basic blocks (16, 32, 64 channels), global pooling. */
  static List<Object> resnet(int classes) {
    List<Object> p = new ArrayList<>();
    p.add(conv("conv1", 16, 3, 1, 1));
    p.add(batchNorm("bn1"));
    p.add(relu("relu1"));
    p.add(residual("res1", 16, 1, false));
    p.add(residual("res2", 32, 2, true));
    p.add(residual("res3", 64, 2, true));
    p.add(new Leaf("gap", LayerKind.GLOBAL_AVG_POOL, Pool.globalAvgPool2dBlock(), null));
    p.add(flatten("flatten"));
    p.add(linear("fc", classes));
    return p;
  }

  static ResidualBlock residual(String name, int filters, int stride, boolean project) {
    List<Leaf> body = List.of(conv(name + ".conv1", filters, 3, stride, 1), batchNorm(name + ".bn1"),
        relu(name + ".relu1"), conv(name + ".conv2", filters, 3, 1, 1), batchNorm(name + ".bn2"));
    List<Leaf> shortcut = project
        ? List.of(conv(name + ".proj", filters, 1, stride, 0), batchNorm(name + ".proj_bn"))
        : List.of();
    Leaf add = new Leaf(name + ".add", LayerKind.ADD, Blocks.identityBlock(), Geometry.IDENTITY);
    return new ResidualBlock(name, body, shortcut, add, relu(name + ".relu"));
  }

  static Leaf conv(String name, int filters, int kernel, int stride, int padding) {
    Block b = Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride)).optPadding(new Shape(padding, padding)).build();
    return new Leaf(name, LayerKind.CONV, b, new Geometry(kernel, stride, padding, 1));
  }

  static Leaf linear(String name, int units) {
    return new Leaf(name, LayerKind.LINEAR, Linear.builder().setUnits(units).build(), null);
  }

  static Leaf relu(String name) {
    return new Leaf(name, LayerKind.RELU, Activation.reluBlock(), Geometry.IDENTITY);
  }

  static Leaf maxPool(String name, int kernel, int stride) {
    return new Leaf(name, LayerKind.MAX_POOL,
        Pool.maxPool2dBlock(new Shape(kernel, kernel), new Shape(stride, stride)),
        new Geometry(kernel, stride, 0, 1));
  }

  static Leaf batchNorm(String name) {
    return new Leaf(name, LayerKind.BATCH_NORM, BatchNorm.builder().build(), Geometry.IDENTITY);
  }

  static Leaf flatten(String name) {
    return new Leaf(name, LayerKind.FLATTEN, Blocks.batchFlattenBlock(), null);
  }
}
