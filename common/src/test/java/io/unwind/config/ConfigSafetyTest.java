package io.unwind.config;

import static io.unwind.config.Scenarios.THREE_REGIMES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario reads only itself, its own directory's includes and its own substitutions (issue 20
 * cases 6, 7 and 9's hostile files): every refusal is a problem naming the file or the name.
 */
class ConfigSafetyTest {
  @TempDir
  Path tmp;

  private List<String> problemsOfFile(Path file) {
    InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class,
        () -> ScenarioLoader.loadFile(file, Map.of()));
    assertThat(e).as("%s should be rejected", file).isNotNull();
    return e.problems();
  }

  private Path write(String name, String text) throws IOException {
    Path p = tmp.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void loadText_optionalEnvironmentSubstitution_problemNamesTheVariable() {
    // PATH is set in every test environment: were the environment read, it would resolve.
    InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class,
        () -> ScenarioLoader.loadText(THREE_REGIMES + "\ndescription = ${?PATH}\n", "s.conf",
            null, Map.of()));

    assertThat(e).isNotNull();
    assertThat(e.problems()).singleElement().asString().startsWith("s.conf: substitution ${PATH}")
        .contains("does not define").contains("no environment variables");
  }

  @Test
  void loadText_requiredEnvironmentSubstitution_problemNamesTheVariable() {
    InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class,
        () -> ScenarioLoader.loadText(THREE_REGIMES + "\ndescription = ${HOME}\n", "s.conf",
            null, Map.of()));

    assertThat(e.problems()).singleElement().asString().contains("${HOME}");
  }

  @Test
  void loadText_substitutionThroughSet_problemNamesTheVariable() {
    InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class,
        () -> ScenarioLoader.loadText(THREE_REGIMES, "s.conf", null,
            Map.of("description", "${?SECRET_TOKEN}")));

    assertThat(e.problems()).singleElement().asString().contains("${SECRET_TOKEN}");
  }

  @Test
  void loadText_substitutionDefinedInFile_resolves() {
    ResolvedScenario own = ScenarioLoader.loadText(
        THREE_REGIMES + "\ndescription = ${name}\n", "s.conf", null, Map.of());
    assertThat(own.description()).isEqualTo("test");
  }

  @Test
  void loadFile_absoluteInclude_refusedWithoutReadingIt() throws IOException {
    Path secret = write("elsewhere/secret.conf", "token-abc123 = 1\n");
    Path top = write("conf/top.conf", "include \"" + secret + "\"\n" + THREE_REGIMES);

    List<String> problems = problemsOfFile(top);

    assertThat(problems).singleElement().asString().contains("is refused")
        .contains("relative").doesNotContain("token-abc123");
  }

  @Test
  void loadFile_parentInclude_refused() throws IOException {
    write("elsewhere/base.conf", "token-abc123 = 1\n");
    Path top = write("conf/top.conf", "include \"../elsewhere/base.conf\"\n" + THREE_REGIMES);

    assertThat(problemsOfFile(top)).singleElement().asString().contains("'..'")
        .doesNotContain("token-abc123");
  }

  @Test
  void loadFile_fileAndUrlIncludes_refused() throws IOException {
    Path top = write("conf/top.conf", "include file(\"/etc/hostname\")\n"
        + "include url(\"http://127.0.0.1:9/x.conf\")\n" + THREE_REGIMES);

    List<String> problems = problemsOfFile(top);

    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).contains("/etc/hostname").contains("is refused");
    assertThat(problems.get(1)).contains("url(").contains("not supported");
  }

  @Test
  void loadFile_includeThroughSymbolicLinkOutOfDirectory_refused() throws IOException {
    Path outside = write("elsewhere/base.conf", "token-abc123 = 1\n");
    Path top = write("conf/top.conf", "include \"base.conf\"\n" + THREE_REGIMES);
    Files.createSymbolicLink(tmp.resolve("conf/base.conf"), outside);

    assertThat(problemsOfFile(top)).singleElement().asString().contains("leads outside")
        .doesNotContain("token-abc123");
  }

  @Test
  void loadFile_directoryReachedThroughASymbolicLink_includesStillRead() throws IOException {
    write("real/conf/base.conf", THREE_REGIMES);
    write("real/conf/top.conf", "include \"base.conf\"\nseed = 42\n");
    Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("real"));

    assertThat(ScenarioLoader.loadFile(tmp.resolve("link/conf/top.conf"), Map.of()).seed())
        .isEqualTo(42);
  }

  @Test
  void loadFile_includeInSubdirectory_read() throws IOException {
    write("conf/parts/base.conf", THREE_REGIMES);
    Path top = write("conf/top.conf", "include \"parts/base.conf\"\nseed = 99\n");

    assertThat(ScenarioLoader.loadFile(top, Map.of()).seed()).isEqualTo(99);
  }

  @Test
  void loadFile_device_refusedAsNotARegularFile() {
    Path zero = Path.of("/dev/zero");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero));

    assertThat(problemsOfFile(zero)).singleElement().asString()
        .isEqualTo("/dev/zero: is not a regular file");
  }

  @Test
  void loadFile_fifo_refusedWithoutBlocking() throws Exception {
    Path fifo = tmp.resolve("pipe.conf");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0);

    // Opening a FIFO with no writer blocks forever: the check must come before any open.
    assertThat(problemsOfFile(fifo)).singleElement().asString().endsWith("is not a regular file");
  }

  @Test
  void loadFile_largerThanTheBound_refused() throws IOException {
    Path big = write("big.conf", THREE_REGIMES + "#".repeat(ConfigSafety.MAX_BYTES));

    assertThat(problemsOfFile(big)).singleElement().asString().contains("larger than "
        + ConfigSafety.MAX_BYTES + " bytes");
  }

  @Test
  void loadText_200000DeepNesting_problemNotStackOverflow() {
    String deep = "x = " + "[".repeat(200_000) + "]".repeat(200_000) + "\n";

    InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class,
        () -> ScenarioLoader.loadText(deep + THREE_REGIMES, "deep.conf", null, Map.of()));

    assertThat(e.problems()).singleElement().asString()
        .isEqualTo("deep.conf: objects and lists nest 200000 deep; at most "
            + ConfigSafety.MAX_NESTING + " levels are allowed");
  }

  @Test
  void loadText_deepDottedPath_problemNotStackOverflow() {
    String deep = "a" + ".a".repeat(200_000) + " = 1\n";

    InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class,
        () -> ScenarioLoader.loadText(deep + THREE_REGIMES, "deep.conf", null, Map.of()));

    assertThat(e).isNotNull();
    assertThat(e.problems()).isNotEmpty();
  }

  @Test
  void nesting_bracketsInStringsAndComments_notCounted() {
    assertThat(ConfigSafety.nesting("a = \"[[[[\" # {{{{\nb = [[1]] // [[[[[\n"
        + "c = \"\"\"{{{{{{\"\"\"")).isEqualTo(2);
  }
}
