package org.deepfig.model;

/** Lets tests in other packages name {@link TorchScriptNetworkTest} (package-private, as JUnit tests are). */
public final class TorchScriptNetworkTestAccess {
  private TorchScriptNetworkTestAccess() {}

  public static Class<?> testClass() {
    return TorchScriptNetworkTest.class;
  }
}
