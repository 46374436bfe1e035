package org.deepfig.probe;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.deepfig.model.TorchScriptNetworkTestAccess;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Started by {@link FullInstructionSetTest} in a JVM without {@code DNNL_MAX_CPU_ISA}: prints this process's {@link
 * ConvKernels} verdict, then runs {@link ProbeTest} and the TorchScript gradient tests and prints their summary.
 * Exit code 0 when every test passed.
 */
public final class FullInstructionSet {
  private FullInstructionSet() {}

  public static void main(String[] args) {
    ConvKernels.Verdict v = ConvKernels.verdict();
    System.out.println("verdict: " + v.route() + " " + v.onednnError());
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(ProbeTest.class), selectClass(TorchScriptNetworkTestAccess.testClass())).build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(request, listener);
    TestExecutionSummary s = listener.getSummary();
    s.printFailuresTo(new java.io.PrintWriter(System.out, true), 5);
    System.out.println("tests: " + s.getTestsSucceededCount() + " passed, " + s.getTestsFailedCount() + " failed, "
        + s.getTestsSkippedCount() + " skipped, " + s.getTestsAbortedCount() + " aborted");
    System.exit(s.getTestsFailedCount() == 0 && s.getTestsSucceededCount() > 0 ? 0 : 1);
  }
}
