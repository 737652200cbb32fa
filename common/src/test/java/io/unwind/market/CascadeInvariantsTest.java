package io.unwind.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.unwind.config.ImpactModel;
import io.unwind.config.SaleOrder;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * Invariants of the margin cascade over many seeded random books: extreme leverage, crowds and
 * depths included. Deterministic (fixed seeds); a failure message names the scenario's seed.
 */
class CascadeInvariantsTest {
  private static final int SCENARIOS = 2_000;

  /** One random book on the edge of (or past) a margin call. */
  private static final class Scenario {
    final long seed;
    final int n;
    final double[] depth;
    final double[] floor;
    final double[] exposure;
    final double[] exoPrice;
    final double[] sigma;
    final double[] covDiagonal;
    final ImpactModel impact;
    final double coefficient;
    final double crowd;
    final double costBps;
    final double buffer;
    final int maxRounds;
    final SaleOrder order;

    Scenario(long seed) {
      this.seed = seed;
      UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
      n = 1 + rng.nextInt(8);
      depth = new double[n];
      floor = new double[n];
      exposure = new double[n];
      exoPrice = new double[n];
      sigma = new double[n];
      covDiagonal = new double[n * n];
      double leverage = 1 + rng.nextDouble() * 9;
      double total = 0;
      for (int i = 0; i < n; i++) {
        depth[i] = Math.exp(rng.nextDouble() * 9 - 4.5);          // 0.01 .. 90 start equities
        floor[i] = rng.nextDouble() * 0.3;
        exposure[i] = rng.nextDouble() + 0.01;
        total += exposure[i];
        exoPrice[i] = Math.exp(-0.2 * rng.nextDouble());            // a loss of up to 18 %
        sigma[i] = rng.nextDouble() * 0.2;                          // daily vol up to 20 % (300 %/yr)
        covDiagonal[i * n + i] = Math.pow(rng.nextDouble() * 3, 2);  // annual vol up to 300 %
      }
      for (int i = 0; i < n; i++) {
        exposure[i] *= leverage / total;
      }
      impact = ImpactModel.values()[rng.nextInt(3)];
      coefficient = rng.nextDouble() * 3;
      crowd = rng.nextInt(4) == 0 ? 1000 : rng.nextDouble() * 50;
      costBps = rng.nextDouble() * 50;
      buffer = rng.nextDouble();
      maxRounds = 1 + rng.nextInt(50);
      order = rng.nextBoolean() ? SaleOrder.PRO_RATA : SaleOrder.MOST_LIQUID_FIRST;
    }

    Book book(double crowdOverride, double depthScale) {
      double[] d = depth.clone();
      for (int i = 0; i < n; i++) {
        d[i] *= depthScale;
      }
      Book b = new Book(d);
      b.reset(exposure, impact, coefficient, crowdOverride, costBps);
      b.openDay(exoPrice, 0, 0.5, sigma, 0);
      return b;
    }

    Cascade cascade() {
      Cascade c = new Cascade(floor, depth);
      c.updateHaircuts(covDiagonal, 2.33 * Math.sqrt(5 / 252.0), 1.0);
      return c;
    }
  }

  @Test
  void meetCall_randomBooks_roundsKeepEveryInvariant() {
    int calls = 0;
    int cascades = 0;
    for (long seed = 1; seed <= SCENARIOS; seed++) {
      Scenario sc = new Scenario(seed);
      Book book = sc.book(sc.crowd, 1.0);
      Cascade cascade = sc.cascade();
      double[] unitsBefore = new double[sc.n];
      double[] pricesBefore = new double[sc.n];
      double[] state = new double[3]; // equity, trading cost, impact cost before the round
      snapshot(book, unitsBefore, pricesBefore, state);
      final long s = seed;
      cascade.observeRounds((round, b) -> {
        double reval = 0;
        double markedDown = 0;
        for (int i = 0; i < sc.n; i++) {
          double sold = unitsBefore[i] - b.units(i);
          assertThat(b.units(i)).as("seed %d round %d: holdings never negative", s, round).isGreaterThanOrEqualTo(0);
          assertThat(sold).as("seed %d round %d: sales never exceed holdings or turn into buys", s, round)
              .isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(unitsBefore[i]);
          assertThat(b.price(i)).as("seed %d round %d: prices never rise in a cascade", s, round)
              .isLessThanOrEqualTo(pricesBefore[i]);
          reval += b.units(i) * (b.price(i) - pricesBefore[i]);
          markedDown += sold * (b.basePrice(i) - pricesBefore[i]);
        }
        // E1 - E0 = revaluation of what is kept - impact cost - trading cost + (base - mark) on what was sold
        double expected = state[0] + reval - (b.tradingCost() - state[1]) - (b.impactCost() - state[2]) + markedDown;
        assertThat(b.equity()).as("seed %d round %d: equity accounting identity", s, round)
            .isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-10 * (1 + Math.abs(expected))));
        snapshot(b, unitsBefore, pricesBefore, state);
      });
      boolean called = cascade.meetCall(book, sc.buffer, sc.maxRounds, sc.order);
      if (called) {
        calls++;
        cascades += cascade.rounds() > 1 ? 1 : 0;
        assertThat(cascade.rounds()).as("seed %d: rounds within max-rounds", seed).isLessThanOrEqualTo(sc.maxRounds);
        if (sc.impact == ImpactModel.NONE && !cascade.defaulted()) {
          assertThat(cascade.rounds()).as("seed %d: without impact one round meets the call", seed).isLessThanOrEqualTo(1);
        }
        if (cascade.defaulted()) {
          for (int i = 0; i < sc.n; i++) {
            assertThat(book.units(i)).as("seed %d: default liquidates everything", seed).isZero();
          }
        } else if (cascade.converged()) {
          assertThat(book.equity()).as("seed %d: a met call restores the buffer", seed)
              .isGreaterThanOrEqualTo((1 + sc.buffer) * cascade.requirement(book) * (1 - 1e-8));
        }
      }
    }
    // the generator must actually exercise calls and multi-round cascades
    assertThat(calls).isGreaterThan(SCENARIOS / 4);
    assertThat(cascades).isGreaterThan(SCENARIOS / 20);
  }

  /**
   * Where {@code (1 + buffer) h_i > 1} a price fall lowers the restore target faster than equity,
   * so more impact can mean fewer sales: the monotonicity holds, and is tested, where every
   * {@code (1 + buffer) h_i < 1} — haircuts below 80 % for a 25 % buffer. Per asset it holds for
   * pro-rata sales; most-liquid-first moves sales between assets as impact grows, so there only
   * the fund's equity is compared.
   */
  @Test
  void meetCall_moreCrowdOrLessDepth_neverGivesHigherPrices() {
    int tested = 0;
    for (long seed = 1; seed <= SCENARIOS; seed++) {
      Scenario sc = new Scenario(seed);
      Cascade haircuts = sc.cascade();
      boolean priceFallHurts = true;
      for (int i = 0; i < sc.n; i++) {
        priceFallHurts &= (1 + sc.buffer) * haircuts.haircut(i) < 1;
      }
      if (!priceFallHurts) {
        continue;
      }
      tested++;
      double[] base = finalState(sc, sc.crowd, 1.0);
      double[] moreCrowd = finalState(sc, sc.crowd * 2 + 1, 1.0);
      double[] thinner = finalState(sc, sc.crowd, 0.5);
      // equity after the cascade (last entry) under either sale order
      assertThat(moreCrowd[sc.n]).as("seed %d: equity, more crowd", seed).isLessThanOrEqualTo(base[sc.n] + 1e-12);
      assertThat(thinner[sc.n]).as("seed %d: equity, less depth", seed).isLessThanOrEqualTo(base[sc.n] + 1e-12);
      if (sc.order != SaleOrder.PRO_RATA) {
        continue; // most-liquid-first shifts sales between assets as impact grows
      }
      for (int i = 0; i < sc.n; i++) {
        assertThat(moreCrowd[i]).as("seed %d asset %d: more crowd", seed, i).isLessThanOrEqualTo(base[i] * (1 + 1e-12));
        assertThat(thinner[i]).as("seed %d asset %d: less depth", seed, i).isLessThanOrEqualTo(base[i] * (1 + 1e-12));
      }
    }
    assertThat(tested).isGreaterThan(SCENARIOS / 5);
  }

  @Test
  void meetCall_equityAboveRequirement_sellsNothing() {
    Book book = new Book(new double[] {10, 10});
    book.reset(new double[] {1.0, 1.0}, ImpactModel.SQRT, 1, 10, 2);
    book.openDay(new double[] {1, 1}, 0, 0.5, new double[] {0.01, 0.01}, 0);
    Cascade cascade = new Cascade(new double[] {0.1, 0.1}, new double[] {10, 10});
    cascade.updateHaircuts(new double[4], 1.0, 1.0);
    // equity 1, requirement 0.2
    assertThat(cascade.meetCall(book, 0.25, 50, SaleOrder.PRO_RATA)).isFalse();
    assertThat(book.units(0)).isEqualTo(1.0);
  }

  @Test
  void meetCall_mostLiquidFirst_sellsDeepestMarketFirst() {
    Book book = new Book(new double[] {5, 50});
    book.reset(new double[] {2.0, 2.0}, ImpactModel.NONE, 1, 10, 0);
    book.openDay(new double[] {0.9, 0.9}, 0, 0.5, new double[] {0.01, 0.01}, 0);
    Cascade cascade = new Cascade(new double[] {0.2, 0.2}, new double[] {5, 50});
    cascade.updateHaircuts(new double[4], 0.0, 1.0);
    // equity 1 + 3.6 - 4 = 0.6 < requirement 0.2 * 3.6 = 0.72; restoring 1.25 M: selling s of the
    // deep asset (worth 1.8) leaves E = 0.6 (no costs, no impact) and M = 0.72 - 0.2 s, so
    // 0.6 = 1.25 (0.72 - 0.2 s) gives s = 1.2, i.e. 1.2 / 0.9 units, in one round; none of the
    // shallow one
    assertThat(cascade.meetCall(book, 0.25, 50, SaleOrder.MOST_LIQUID_FIRST)).isTrue();
    assertThat(cascade.rounds()).isEqualTo(1);
    assertThat(cascade.converged()).isTrue();
    assertThat(book.units(0)).isEqualTo(2.0);
    assertThat(book.units(1)).isCloseTo(2.0 - 1.2 / 0.9, within(1e-12));
    assertThat(book.soldNotional()).isCloseTo(1.2, within(1e-12));
    assertThat(book.equity()).isCloseTo(0.6, within(1e-12));
    assertThat(cascade.requirement(book)).isCloseTo(0.48, within(1e-12));
  }

  private static void snapshot(Book b, double[] units, double[] prices, double[] state) {
    for (int i = 0; i < units.length; i++) {
      units[i] = b.units(i);
      prices[i] = b.price(i);
    }
    state[0] = b.equity();
    state[1] = b.tradingCost();
    state[2] = b.impactCost();
  }

  /** Prices after the cascade, then equity. */
  private static double[] finalState(Scenario sc, double crowd, double depthScale) {
    Book book = sc.book(crowd, depthScale);
    sc.cascade().meetCall(book, sc.buffer, sc.maxRounds, sc.order);
    double[] p = new double[sc.n + 1];
    for (int i = 0; i < sc.n; i++) {
      p[i] = book.price(i);
    }
    p[sc.n] = book.equity();
    return p;
  }
}
