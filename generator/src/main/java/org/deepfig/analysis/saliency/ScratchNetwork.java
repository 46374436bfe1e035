package org.deepfig.analysis.saliency;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import org.deepfig.analysis.RunContext;
import org.deepfig.config.ExperimentConfig;
import org.deepfig.model.Net;
import org.deepfig.model.Network;
import org.deepfig.model.TorchScriptNetwork;
import org.deepfig.train.Batches;
import org.deepfig.train.ModelStage;

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
    Net net = ModelStage.newNet(c, ctx.data());
    return new ScratchNetwork(net, ModelStage.initialised(net, "deepfig-sanity-check", ctx.device(),
        new Shape(1).addAll(sample)));
  }

  @Override
  public void close() {
    model.close();
  }
}
