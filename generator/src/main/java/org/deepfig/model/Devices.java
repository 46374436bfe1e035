package org.deepfig.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.deepfig.UserError;
import org.deepfig.config.DeviceChoice;

/** Turns the config's {@code device} into a DJL {@link Device}; every computation takes the device from here. */
public final class Devices {
  private Devices() {}

  public static Device resolve(DeviceChoice choice) {
    int gpus = Engine.getEngine("PyTorch").getGpuCount();
    return switch (choice) {
      case CPU -> Device.cpu();
      case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
      case GPU -> {
        if (gpus == 0) {
          throw new UserError("device", "device: gpu asked for, but PyTorch sees no CUDA GPU",
              "use device: auto or cpu, or run with the CUDA build of libtorch (see README, 'Running on a GPU'); with a GPU "
                  + "installed, check that nvidia-smi sees it and that its driver is as new as libtorch's CUDA needs");
        }
        yield Device.gpu();
      }
    };
  }
}
