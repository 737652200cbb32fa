package io.unwind.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.unwind.config.ImpactModel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every trade pays impact, buys as well as sales, so no trade sequence on one day makes money; and
 * the book's gross and equity always equal what its positions are worth.
 */
class RoundTripTest {

  @ParameterizedTest
  @EnumSource(value = ImpactModel.class, names = {"SQRT", "EXPONENTIAL"})
  void sellThenBuyBack_randomBooks_neverGains(ImpactModel model) {
    SplittableRandom random = new SplittableRandom(20261206L);
    int checked = 0;
    for (int trial = 0; trial < 2000; trial++) {
      int n = 1 + random.nextInt(6);
      Book book = randomBook(random, n, model);
      double costBps = trial % 2 == 0 ? 0.0 : 5.0 * random.nextDouble();
      double[] exposure = new double[n];
      for (int i = 0; i < n; i++) {
        exposure[i] = 3.0 * random.nextDouble();
      }
      book.reset(exposure, model, 0.5 + random.nextDouble(), 1000 * random.nextDouble(), costBps,
          1 + 19 * random.nextDouble());
      openRandomDay(book, random, n);
      // some trading earlier in the day, either way, so the round trip starts anywhere on the curve
      int earlier = random.nextInt(n);
      if (random.nextBoolean()) {
        book.sell(earlier, random.nextDouble() * book.units(earlier));
      } else {
        book.buy(earlier, random.nextDouble() * book.units(earlier));
      }
      int i = random.nextInt(n);
      double quantity = random.nextDouble() * book.units(i);
      double equityBefore = book.equity();
      double cashBefore = book.cash();
      double unitsBefore = book.units(i);
      double sold = book.sell(i, quantity);
      double fee = (book.cash() - cashBefore) * costBps * 1e-4 / (1 + costBps * 1e-4);
      book.buy(i, sold);
      assertThat(book.units(i)).isCloseTo(unitsBefore, within(1e-12 * (1 + unitsBefore)));
      // cash: what the round trip cost; it must cost (or, without fees, at most round to zero)
      double scale = 1e-12 * (1 + Math.abs(cashBefore) + sold * book.basePrice(i));
      assertThat(book.cash()).as("trial %d", trial).isLessThanOrEqualTo(cashBefore + scale);
      assertThat(book.equity()).as("trial %d", trial)
          .isLessThanOrEqualTo(equityBefore + 1e-12 * (1 + Math.abs(equityBefore) + book.gross()));
      if (fee > 1e-9 * (1 + Math.abs(cashBefore))) {
        assertThat(book.cash()).as("trial %d: fees make a round trip a loss", trial)
            .isLessThan(cashBefore);
      }
      checked += sold > 0 ? 1 : 0;
    }
    assertThat(checked).isGreaterThan(1500);
  }

  @ParameterizedTest
  @EnumSource(value = ImpactModel.class, names = {"SQRT", "EXPONENTIAL"})
  void buy_underImpact_paysAboveThePreTradePriceAndRaisesIt(ImpactModel model) {
    Book book = new Book(new double[] {2.0});
    book.reset(new double[] {1.0}, model, 1.0, 10, 0);
    book.openDay(new double[] {1.0}, 0, 0.5, new double[] {0.03}, 0);
    double cash = book.cash();
    double impactBefore = book.impactCost();
    book.buy(0, 0.5);
    // pays above the pre-trade price; the mark stays (buying does not mark the book up)
    assertThat(book.price(0)).isEqualTo(1.0);
    assertThat(cash - book.cash()).as("paid").isGreaterThan(0.5).isLessThan(0.5 * 1.5);
    assertThat(book.impactCost() - impactBefore).isCloseTo(cash - book.cash() - 0.5, within(1e-15));
  }

  @ParameterizedTest
  @EnumSource(value = ImpactModel.class, names = {"SQRT", "EXPONENTIAL"})
  void buy_splitIntoPieces_costsTheSameAsOneBuy(ImpactModel model) {
    Book once = new Book(new double[] {2.0});
    Book split = new Book(new double[] {2.0});
    for (Book b : new Book[] {once, split}) {
      b.reset(new double[] {1.5}, model, 1.0, 10, 3);
      b.openDay(new double[] {1.0}, 0, 0.5, new double[] {0.03}, 0);
    }
    double quoted = once.costToBuy(0, 0.9);
    double cash = once.cash();
    once.buy(0, 0.9);
    for (int k = 0; k < 9; k++) {
      split.buy(0, 0.1);
    }
    assertThat(cash - once.cash()).as("costToBuy quotes the buy").isCloseTo(quoted, within(1e-15));
    assertThat(split.price(0)).isCloseTo(once.price(0), within(1e-14));
    assertThat(split.cash()).isCloseTo(once.cash(), within(1e-12));
  }

  @Test
  void trades_randomSequences_grossAndEquityEqualThePositionsExactly() {
    SplittableRandom random = new SplittableRandom(7L);
    double[] change = new double[6];
    for (int trial = 0; trial < 300; trial++) {
      int n = 1 + random.nextInt(6);
      Book book = randomBook(random, n, ImpactModel.SQRT);
      double[] exposure = new double[n];
      for (int i = 0; i < n; i++) {
        exposure[i] = 20 * random.nextDouble();
      }
      book.reset(exposure, ImpactModel.SQRT, 1.0, 1000, 2, 20);
      for (int day = 0; day < 30; day++) {
        openRandomDay(book, random, n);
        for (int k = 0; k < 4; k++) {
          int i = random.nextInt(n);
          if (random.nextBoolean()) {
            book.sell(i, 2 * random.nextDouble() * book.units(i));
          } else {
            // as the kernel's rebalance does, buy only what a (generous) budget pays for
            double quantity = random.nextDouble() * (1 + book.units(i));
            while (!(book.costToBuy(i, quantity) < 1e6)) {
              quantity /= 2;
            }
            book.buy(i, quantity);
          }
          double value = 0;
          for (int j = 0; j < n; j++) {
            assertThat(book.units(j)).isGreaterThanOrEqualTo(0);
            value += book.units(j) * book.price(j);
          }
          assertThat(Double.isFinite(book.equity())).isTrue();
          assertThat(book.gross()).as("trial %d day %d", trial, day)
              .isCloseTo(value, within(1e-9 * (1 + value)));
          assertThat(book.equity()).isCloseTo(value + book.cash(),
              within(1e-9 * (1 + value + Math.abs(book.cash()))));
        }
        book.closeDay(change);
      }
    }
  }

  private static Book randomBook(SplittableRandom random, int n, ImpactModel model) {
    double[] depth = new double[n];
    for (int i = 0; i < n; i++) {
      depth[i] = 0.5 + 100 * random.nextDouble();
    }
    return new Book(depth);
  }

  private static void openRandomDay(Book book, SplittableRandom random, int n) {
    double[] exo = new double[n];
    double[] sigma = new double[n];
    for (int i = 0; i < n; i++) {
      exo[i] = Math.exp(random.nextDouble(-1, 1));
      sigma[i] = 0.19 * random.nextDouble();
    }
    book.openDay(exo, 0, random.nextDouble(), sigma, 0);
    book.setDepthMultiplier(0.2 + random.nextDouble());
  }
}
