package io.unwind.jobs.cli;

import io.unwind.jobs.io.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the unwind version and the Spark it was built for. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
        "unwind " + BuildInfo.version(),
        "Spark " + BuildInfo.sparkVersion() + " (Scala " + BuildInfo.scalaBinaryVersion() + "), Java "
            + System.getProperty("java.version")};
  }
}
