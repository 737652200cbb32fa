package io.unwind.config;

import static io.unwind.config.Scenarios.THREE_REGIMES;
import static io.unwind.config.Scenarios.load;
import static io.unwind.config.Scenarios.sets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code sampling} section: defaults, the tilted chain, and the rules of its keys. */
class SamplingConfigTest {

  // Regimes in name order: calm 0, crisis 1, stressed 2.
  private static final int CALM = 0;
  private static final int CRISIS = 1;
  private static final int STRESSED = 2;

  @Test
  void resolve_withoutSection_plainFromTheScenariosOwnChain() {
    ResolvedScenario s = load(THREE_REGIMES);
    SamplingSettings sp = s.sampling();
    assertThat(sp.method()).isEqualTo(SamplingSettings.Method.PLAIN);
    assertThat(sp.isWeighted()).isFalse();
    assertThat(sp.transition()).isSameAs(s.dailyTransition());
    assertThat(sp.initial()).isSameAs(s.stationary());
    assertThat(sp.logRatio()).containsOnly(0.0);
    assertThat(sp.initialLogRatio()).containsOnly(0.0);
  }

  @Test
  void resolve_volatileTilt_entersTheMostVolatileRegimeThreeTimesMoreOften() {
    ResolvedScenario s = load(THREE_REGIMES, sets("sampling.method", "importance",
        "sampling.tilt", "volatile"));
    SamplingSettings sp = s.sampling();
    assertThat(sp.isWeighted()).isTrue();
    assertThat(sp.tilt()).isEqualTo(SamplingSettings.VOLATILE);
    assertThat(sp.entry()).containsExactly(1.0, 3.0, 1.0);
    double[] p = s.dailyTransition();
    double[] q = sp.transition();
    int k = 3;
    for (int from = 0; from < k; from++) {
      double row = 0;
      for (int to = 0; to < k; to++) {
        row += q[from * k + to];
        assertThat(q[from * k + to] > 0).isEqualTo(p[from * k + to] > 0);
        double expected = p[from * k + to] > 0 ? Math.log(p[from * k + to] / q[from * k + to]) : 0;
        assertThat(sp.logRatio()[from * k + to]).isEqualTo(expected);
      }
      assertThat(row).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
    }
    // q(s, crisis) = 3 p(s, crisis); other exits and the crisis's own exit unchanged.
    for (int from : new int[] {CALM, STRESSED}) {
      assertThat(q[from * k + CRISIS]).isCloseTo(3 * p[from * k + CRISIS],
          org.assertj.core.api.Assertions.within(1e-15));
      int other = from == CALM ? STRESSED : CALM;
      assertThat(q[from * k + other]).isCloseTo(p[from * k + other],
          org.assertj.core.api.Assertions.within(1e-15));
    }
    assertThat(q[CRISIS * k + CRISIS]).isEqualTo(p[CRISIS * k + CRISIS]);
    assertThat(sp.initial()[CRISIS]).isGreaterThan(s.stationary()[CRISIS]);
    assertThat(sp.initialLogRatio()[CRISIS]).isLessThan(0.0);
  }

  @Test
  void resolve_importanceOnAnyScenario_pilotAndShockShiftByDefault() {
    ResolvedScenario s = load(THREE_REGIMES, sets("sampling.method", "importance"));
    assertThat(s.sampling().tilt()).isEqualTo(SamplingSettings.AUTO);
    assertThat(s.sampling().needsPilot()).isTrue();
    assertThat(s.sampling().shockShift()).isEqualTo(0.035);
  }

  @Test
  void resolve_givenTiltOfOne_isThePlainChainBitForBit() {
    ResolvedScenario s = load(THREE_REGIMES, sets("sampling.method", "importance",
        "sampling.tilt", "given", "sampling.entry.crisis", "1", "sampling.stay.crisis", "1"));
    assertThat(s.sampling().isWeighted()).isTrue();
    assertThat(s.sampling().transition()).isEqualTo(s.dailyTransition());
    assertThat(s.sampling().initial()).isEqualTo(s.stationary());
    assertThat(s.sampling().logRatio()).containsOnly(0.0);
    assertThat(s.sampling().initialLogRatio()).containsOnly(0.0);
  }

  @Test
  void describe_plainAndImportance_oneLineWithTheMatrix() {
    assertThat(load(THREE_REGIMES).sampling().describe()).isEqualTo("plain");
    ResolvedScenario s = load(THREE_REGIMES, sets("sampling.method", "importance",
        "sampling.tilt", "volatile"));
    double[] q = s.sampling().transition();
    assertThat(s.sampling().describe()).startsWith("importance tilt=volatile entry=[1.0, 3.0, 1.0]"
        + " stay=[1.0, 1.0, 1.0] shock-shift=0.035 q=[[" + q[0] + ", " + q[1] + ", " + q[2] + "], [")
        .endsWith(q[8] + "]]");
  }

  @Test
  void resolve_givenStay_lengthensTheStay() {
    ResolvedScenario s = load(THREE_REGIMES, sets("sampling.method", "importance",
        "sampling.tilt", "given", "sampling.stay.crisis", "2"));
    // crisis: expected 20 days -> 40: stay probability 1 - 1/40.
    assertThat(s.sampling().transition()[CRISIS * 3 + CRISIS]).isCloseTo(1.0 - 1.0 / 40.0,
        org.assertj.core.api.Assertions.within(1e-15));
    assertThat(s.sampling().stay()).containsExactly(1.0, 2.0, 1.0);
  }

  @Test
  void resolve_fixedInitialRegime_carriesNoInitialRatio() {
    ResolvedScenario s = load(THREE_REGIMES, sets("sampling.method", "importance",
        "initial-regime", "calm"));
    assertThat(s.sampling().initialLogRatio()).containsOnly(0.0);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "sampling.method | sometimes | sampling.method | sometimes must be one of plain | importance",
      "sampling.tilt | lucky | sampling.tilt | lucky must be one of volatile | given | auto",
      "sampling.volatile-entry | 0.5 | sampling.volatile-entry | 0.5 must lie in [1, 1000]",
      "sampling.entry.crisis | 3 | sampling.entry.crisis | applies only with sampling.tilt = given",
      "sampling.pilot.level | 1.2 | sampling.pilot.level | 1.2 must lie in [0.5, 0.9999]",
      "sampling.pilot.smoothing | 0 | sampling.pilot.smoothing | 0 must lie in (0, 1]",
      "sampling.pilot.paths | 10 | sampling.pilot.paths | 10 must lie in [100, 1000000]",
      "sampling.shock-shift | 0.5 | sampling.shock-shift | 0.5 must lie in [0, 0.2]",
      "sampling.colour | red | sampling.colour | ",
  })
  void load_badSamplingKey_namesKeyValueAndRule(String key, String value, String named,
      String rule) {
    List<String> problems = problems(sets("sampling.method", "importance", key, value));
    assertThat(problems).anySatisfy(p -> {
      assertThat(p).contains(named);
      if (rule != null) {
        assertThat(p).contains(rule);
      }
    });
  }

  @Test
  void load_givenTiltThatForbidsAStay_rejectedAsAnInfiniteRatio() {
    // crisis stays 20 days; x 0.04 = 0.8 days would make staying impossible under q.
    List<String> problems = problems(sets("sampling.method", "importance", "sampling.tilt",
        "given", "sampling.stay.crisis", "0.04"));
    assertThat(problems).singleElement().asString().contains("sampling.stay.crisis")
        .contains("0.04").contains("must stay > 1").contains("infinite");
    // calm: 60 days, exits 0.9 stressed, 0.1 crisis; entering crisis 1000 x: 60 / 100.9 < 1 day.
    assertThat(problems(sets("sampling.method", "importance", "sampling.tilt", "volatile",
        "sampling.volatile-entry", "1000")))
        .singleElement().asString().contains("sampling.volatile-entry").contains("1000")
        .contains("regime calm").contains("must stay > 1");
  }

  @Test
  void load_givenTiltOfUnknownRegimeOrZero_rejected() {
    assertThat(problems(sets("sampling.method", "importance", "sampling.tilt", "given",
        "sampling.entry.panic", "2"))).singleElement().asString()
        .contains("sampling.entry.panic").contains("unknown regime panic");
    assertThat(problems(sets("sampling.method", "importance", "sampling.tilt", "given",
        "sampling.entry.crisis", "0"))).singleElement().asString()
        .contains("sampling.entry.crisis").contains("0 must lie in [0.001, 1000]");
  }

  private static List<String> problems(Map<String, String> overrides) {
    InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class,
        () -> load(THREE_REGIMES, overrides));
    assertThat(e).as("scenario should be rejected").isNotNull();
    return e.problems();
  }
}
