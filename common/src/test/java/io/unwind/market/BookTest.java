package io.unwind.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import static io.unwind.strategy.NumericsFixtures.rawBits;

import io.unwind.config.ImpactModel;
import org.junit.jupiter.api.Test;

/**
 * The book's day cycle against an independent recomputation of its impact state: prices are
 * {@code exo * exp(-I)}, yesterday's impact decays by the persistence, and a day with no impact
 * carried and no sale (the book's fast path) marks at the exogenous prices exactly.
 */
class BookTest {
  private static final double PERSISTENCE = 0.5;
  private static final double[] SIGMA = {0.01, 0.02};

  @Test
  void openAndCloseDay_afterOneSale_impactDecaysThenPricesReturnToExogenousExactly() {
    Book book = new Book(new double[] {5.0, 3.0});
    book.reset(new double[] {1.2, 0.8}, ImpactModel.SQRT, 1.0, 4, 0);
    double[] exo = new double[2];
    double[] exposure = new double[2];
    double[] change = new double[2];
    // Independent model of the log-impact state: closed impact per asset.
    double[] closed = new double[2];
    boolean sawFastDay = false;
    for (int day = 0; day < 120; day++) {
      exo[0] = 1.0 + 0.001 * day;
      exo[1] = 1.0 - 0.0005 * day;
      book.openDay(exo, 0, PERSISTENCE, SIGMA, 0, exposure);
      double[] decayed = new double[2];
      for (int i = 0; i < 2; i++) {
        decayed[i] = closed[i] * PERSISTENCE < 1e-15 ? 0 : closed[i] * PERSISTENCE;
        assertThat(book.price(i)).as("day %d asset %d", day, i)
            .isCloseTo(exo[i] * Math.exp(-decayed[i]), within(1e-15));
        assertThat(exposure[i]).isEqualTo(book.units(i) * book.price(i));
      }
      if (decayed[0] == 0 && decayed[1] == 0) {
        sawFastDay |= day > 1;
        assertThat(book.price(0)).as("day %d", day).isEqualTo(exo[0]);
        assertThat(book.price(1)).as("day %d", day).isEqualTo(exo[1]);
      }
      double after0 = decayed[0];
      if (day == 1) {
        book.sell(0, 0.3);
        // log-impact now F(Q/V) on top of the decayed part (zero on day 1)
        after0 = Math.log(book.basePrice(0) / book.price(0));
        assertThat(after0).isPositive();
      }
      book.closeDay(change);
      assertThat(change[0]).as("day %d", day).isCloseTo(after0 - closed[0], within(1e-15));
      assertThat(change[1]).as("day %d", day).isCloseTo(decayed[1] - closed[1], within(1e-15));
      closed[0] = after0;
      closed[1] = decayed[1];
    }
    assertThat(closed[0]).isZero();
    assertThat(sawFastDay).isTrue();
    assertThat(book.gross()).isCloseTo(book.units(0) * exo[0] + book.units(1) * exo[1],
        within(1e-15));
  }

  @Test
  void openDay_secondSaleAfterImpactDied_seesFreshDayVolume() {
    // The day's crowd volume must start at zero every day, also when the fast path skipped the
    // reset of the impact arrays: each sale on an impact-free day moves the price by the impact of
    // its own volume alone, (1 + crowd * A / E) * notional over depth, E the equity before it.
    Book book = new Book(new double[] {5.0});
    book.reset(new double[] {1.0}, ImpactModel.SQRT, 1.0, 4, 0);
    double[] change = new double[1];
    book.openDay(new double[] {1.0}, 0, 0.0, SIGMA, 0);
    double equityFirst = book.equity();
    book.sell(0, 0.1);
    assertThat(book.price(0)).isCloseTo(soldAlone(equityFirst), within(1e-15));
    book.closeDay(change);
    // persistence 0: tomorrow carries nothing
    book.openDay(new double[] {1.0}, 0, 0.0, SIGMA, 0);
    assertThat(book.price(0)).isEqualTo(1.0);
    book.closeDay(change);
    book.openDay(new double[] {1.0}, 0, 0.0, SIGMA, 0);
    double equitySecond = book.equity();
    assertThat(equitySecond).isLessThan(equityFirst);
    book.sell(0, 0.1);
    assertThat(book.price(0)).isCloseTo(soldAlone(equitySecond), within(1e-15));
  }

  /** Price after selling 0.1 units at price 1 with crowd 4, depth 5, sigma 1 %, equity e. */
  private static double soldAlone(double e) {
    return Math.exp(-SIGMA[0] * Math.sqrt((1.0 + 4.0 / e) * 0.1 / 5.0));
  }

  @Test
  void openDay_sixAssets_sameAsLoopBitForBit() {
    // Six assets re-mark in a written-out form; two books living the same days, one opening each
    // day that way and one in the loop, must agree bit for bit on every price, value and impact
    // change, through sales under impact, buys, decaying impact and impact-free days.
    java.util.SplittableRandom random = new java.util.SplittableRandom(20261124L);
    double[] depth = {4, 3, 2, 1, 0.5, 0.25};
    double[] sigma = {0.01, 0.012, 0.004, 0.003, 0.015, 0.02};
    double[] drift = {3e-4, -2e-4, 1e-4, 1.5e-4, -5e-4, 2.5e-4};
    Book six = new Book(depth);
    Book loop = new Book(depth);
    double[] start = {0.5, 0.4, 0.9, 0.8, 0.3, 0.2};
    six.reset(start, ImpactModel.SQRT, 1.0, 4, 2);
    loop.reset(start, ImpactModel.SQRT, 1.0, 4, 2);
    double[] exo = new double[6];
    double[] exposureSix = new double[6];
    double[] exposureLoop = new double[6];
    double[] changeSix = new double[6];
    double[] changeLoop = new double[6];
    int impactFreeDays = 0;
    for (int day = 0; day < 400; day++) {
      for (int i = 0; i < 6; i++) {
        exo[i] = Math.exp(0.02 * (random.nextDouble() - 0.5) * Math.sqrt(day + 1));
      }
      String where = "day " + day;
      // Every other day the six-asset book also takes the drift P&L in its pass, as the kernel
      // does: the same bits as valueAtDrift before the loop's re-marking.
      double loopEarned = loop.valueAtDrift(drift, 0);
      if (day % 2 == 0) {
        six.openDay(exo, 0, PERSISTENCE, sigma, 0, exposureSix);
      } else {
        double sixEarned = six.openDayEarningDrift(exo, 0, PERSISTENCE, sigma, 0, drift, 0,
            exposureSix);
        assertThat(rawBits(sixEarned)).as(where).containsExactly(rawBits(loopEarned));
      }
      loop.openDayInLoop(exo, 0, PERSISTENCE, sigma, 0, exposureLoop);
      assertThat(rawBits(exposureSix)).as(where).containsExactly(rawBits(exposureLoop));
      for (int i = 0; i < 6; i++) {
        assertThat(rawBits(six.price(i), six.basePrice(i))).as("%s asset %d", where, i)
            .containsExactly(rawBits(loop.price(i), loop.basePrice(i)));
      }
      assertThat(rawBits(six.gross())).as(where).containsExactly(rawBits(loop.gross()));
      impactFreeDays += six.price(0) == exo[0] && six.price(5) == exo[5] ? 1 : 0;
      // Sell on a few days in bursts (impact builds, then dies away over quiet weeks), buy back.
      if (day % 60 < 3) {
        int asset = random.nextInt(6);
        double quantity = 0.2 * random.nextDouble() * six.units(asset);
        six.sell(asset, quantity);
        loop.sell(asset, quantity);
      } else if (day % 60 == 30) {
        six.buy(1, 0.05);
        loop.buy(1, 0.05);
      }
      six.closeDay(changeSix);
      loop.closeDay(changeLoop);
      assertThat(rawBits(changeSix)).as(where).containsExactly(rawBits(changeLoop));
      assertThat(rawBits(six.equity())).as(where).containsExactly(rawBits(loop.equity()));
    }
    assertThat(impactFreeDays).as("days with no impact left in any price").isGreaterThan(20);
  }
}
