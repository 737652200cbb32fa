package io.unwind.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per run, in one JVM: a live owner blocks, --fresh takes over, a dead one is replaced. */
class RunOwnerTest {
  @TempDir
  Path tmp;

  private final Configuration hadoop = new Configuration();

  @Test
  void acquire_liveOwner_failsNamingItsAttempt() {
    OutputLayout out = OutputLayout.of(tmp.toString());
    try (RunOwner first = RunOwner.acquire(hadoop, out, "A", false)) {
      assertThatThrownBy(() -> RunOwner.acquire(hadoop, out, "A", false))
          .isInstanceOf(RunOwnershipException.class)
          .hasMessageContaining("run 'A' is being written by attempt " + first.attemptId())
          .hasMessageContaining("--fresh");
      first.check();
      // Another run id in the same root is independent.
      try (RunOwner other = RunOwner.acquire(hadoop, out, "B", false)) {
        other.check();
      }
    }
  }

  @Test
  void acquire_takeOver_theOldOwnerFailsItsNextCheckAndKeepsTheNewOwnersFile() {
    OutputLayout out = OutputLayout.of(tmp.toString());
    RunOwner first = RunOwner.acquire(hadoop, out, "A", false);
    try (RunOwner second = RunOwner.acquire(hadoop, out, "A", true)) {
      assertThatThrownBy(first::check).isInstanceOf(RunOwnershipException.class)
          .hasMessageContaining(first.attemptId() + " no longer owns the run")
          .hasMessageContaining(second.attemptId());
      first.close();
      second.check();
    }
    assertThat(Path.of(out.owner("A"))).doesNotExist();
  }

  @Test
  void acquire_ownerProcessGoneOnThisHost_takesTheRunOver() throws Exception {
    OutputLayout out = OutputLayout.of(tmp.toString());
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path owner = Path.of(out.owner("A"));
    Files.createDirectories(owner.getParent());
    Files.writeString(owner, "{\"attempt_id\":\"dead-attempt\",\"host\":\""
        + InetAddress.getLocalHost().getHostName() + "\",\"pid\":\"" + gone.pid() + "\"}");

    try (RunOwner next = RunOwner.acquire(hadoop, out, "A", false)) {
      next.check();
      assertThat(Files.readString(owner)).contains(next.attemptId());
    }
  }

  @Test
  void acquire_ownerOnAnotherHostWithoutHeartbeat_takesTheRunOver() throws Exception {
    OutputLayout out = OutputLayout.of(tmp.toString());
    Path owner = Path.of(out.owner("A"));
    Files.createDirectories(owner.getParent());
    Files.writeString(owner, "{\"attempt_id\":\"far-attempt\",\"host\":\"elsewhere.invalid\",\"pid\":\"1\"}");

    try (RunOwner next = RunOwner.acquire(hadoop, out, "A", false)) {
      next.check();
      assertThat(Files.readString(owner)).contains(next.attemptId()).doesNotContain("far-attempt");
    }
  }

  @Test
  void close_releasesTheRun() throws Exception {
    OutputLayout out = OutputLayout.of(tmp.toString());
    Path owner = Path.of(out.owner("A"));
    RunOwner first = RunOwner.acquire(hadoop, out, "A", false);
    assertThat(Files.readString(owner)).contains(first.attemptId());
    first.close();
    assertThat(owner).doesNotExist();
    // Not taken over (no --fresh): a live owner would make this throw.
    try (RunOwner again = RunOwner.acquire(hadoop, out, "A", false)) {
      again.check();
      assertThat(again.attemptId()).isNotEqualTo(first.attemptId());
      assertThat(Files.readString(owner)).contains(again.attemptId());
    }
  }
}
