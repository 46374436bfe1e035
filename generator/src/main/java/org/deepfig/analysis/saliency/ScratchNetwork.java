package org.deepfig.analysis.saliency;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.deepfig.analysis.RunContext;
import org.deepfig.config.ExperimentConfig;
import org.deepfig.model.ModelZoo;
import org.deepfig.model.Net;
import org.deepfig.model.Network;
import org.deepfig.model.TorchScriptNetwork;
import org.deepfig.train.Batches;

/**
 * A private copy of the run's network, for the sanity check to randomise layer by layer: the network every other
 * figure reads (and the untrained copy the run keeps) is never written. A zoo network is built again from the
 * config (its parameters are then set by the caller); an imported one is loaded again from its file. Close it to
 * free its native memory.
 */
final class ScratchNetwork implements AutoCloseable {
  private final Network network;
  private final Model model;

  private ScratchNetwork(Network network, Model model) {
    this.network = network;
    this.model = model;
  }

  Network network() {
    return network;
  }

  static ScratchNetwork of(RunContext ctx) {
    ExperimentConfig c = ctx.config();
    Shape sample = Batches.sample(ctx.data().test());
    if (c.model().file() != null) {
      TorchScriptNetwork t = TorchScriptNetwork.load(ctx.configDir().resolve(c.model().file()).normalize(),
          ctx.device(), sample, ctx.data().classNames(), c.data().meanFloats(), c.data().stdFloats());
      return new ScratchNetwork(t, t.model());
    }
    Net net = ModelZoo.create(c.model(), sample, ctx.data().classNames(), c.data().meanFloats(),
        c.data().stdFloats());
    Model model = Model.newInstance("deepfig-sanity-check", ctx.device(), "PyTorch");
    try {
      model.setBlock(net);
      net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1).addAll(sample));
      return new ScratchNetwork(net, model);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
