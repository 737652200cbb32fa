package io.unwind.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad-input rule, through the public entry point where the rule fires before fitting. */
class PriceCsvReaderTest {

  @TempDir
  Path dir;

  private Path file(String text) throws IOException {
    Path f = dir.resolve("p.csv");
    Files.writeString(f, text);
    return f;
  }

  private static CalibrationRequest request(Path f, MissingValues missing) {
    return new CalibrationRequest(f, 2, Frequency.DAILY, ',', null, null, missing, 1, 1, 1e-6, 100);
  }

  private static CalibrationRequest request(Path f) {
    return request(f, MissingValues.DROP_ROW);
  }

  @Test
  void calibrate_missingFile_namesTheFile() {
    Path missing = dir.resolve("nope.csv");
    assertThatThrownBy(() -> Calibrator.calibrate(request(missing)))
        .isInstanceOf(CalibrationInputException.class)
        .hasMessageContaining("nope.csv").hasMessageContaining("does not exist");
  }

  @Test
  void calibrate_moreRowsThanTheBound_refusedBeforeFitting() throws IOException {
    StringBuilder csv = new StringBuilder("date,a,b\n");
    java.time.LocalDate d = java.time.LocalDate.of(1700, 1, 1);
    for (int i = 0; i <= PriceCsvReader.MAX_ROWS; i++) {
      csv.append(d.plusDays(i)).append(",1,2\n");
    }
    Path f = file(csv.toString());
    assertThatThrownBy(() -> Calibrator.calibrate(request(f)))
        .isInstanceOf(CalibrationInputException.class)
        .hasMessageContaining((PriceCsvReader.MAX_ROWS + 1) + " price rows")
        .hasMessageContaining("at most " + PriceCsvReader.MAX_ROWS);
  }

  @Test
  void calibrate_pricesIsAFifo_refusedWithoutBlocking() throws Exception {
    Path fifo = dir.resolve("prices.csv");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0);
    assertThatThrownBy(() -> Calibrator.calibrate(request(fifo)))
        .isInstanceOf(CalibrationInputException.class)
        .hasMessageContaining("not a regular file");
  }

  @Test
  void calibrate_nonPositivePrice_namesLineColumnAndValue() throws IOException {
    Path f = file("date,a,b\n2020-01-01,1,2\n2020-01-02,1.1,2\n2020-01-03,1.2,-0.5\n");
    assertThatThrownBy(() -> Calibrator.calibrate(request(f)))
        .isInstanceOf(CalibrationInputException.class)
        .hasMessageContaining("p.csv line 4, column 3 (b)").hasMessageContaining("-0.5")
        .hasMessageContaining("must be positive");
  }

  @Test
  void calibrate_zeroPrice_isRejectedToo() throws IOException {
    Path f = file("date,a,b\n2020-01-01,0,2\n");
    assertThatThrownBy(() -> Calibrator.calibrate(request(f)))
        .hasMessageContaining("line 2, column 2 (a)").hasMessageContaining("price 0 must be positive");
  }

  @Test
  void calibrate_unparseableDate_namesLineValueAndFormat() throws IOException {
    Path f = file("date,a,b\n2020-01-01,1,2\n2020-13-45,1,2\n");
    assertThatThrownBy(() -> Calibrator.calibrate(request(f)))
        .isInstanceOf(CalibrationInputException.class)
        .hasMessageContaining("line 3, column 1 (date)").hasMessageContaining("'2020-13-45'")
        .hasMessageContaining("yyyy-MM-dd");
  }

  @Test
  void calibrate_nonNumericCell_namesLineColumnAndValue() throws IOException {
    Path f = file("date,a,b\n2020-01-01,1,2\n2020-01-02,abc,2\n");
    assertThatThrownBy(() -> Calibrator.calibrate(request(f)))
        .isInstanceOf(CalibrationInputException.class)
        .hasMessageContaining("line 3, column 2 (a)").hasMessageContaining("'abc' is not a number");
  }

  @Test
  void calibrate_duplicateDate_namesBothLines() throws IOException {
    Path f = file("date,a,b\n2020-01-01,1,2\n2020-01-02,1,2\n2020-01-02,1,2\n");
    assertThatThrownBy(() -> Calibrator.calibrate(request(f)))
        .hasMessageContaining("line 4, column 1").hasMessageContaining("2020-01-02 repeats")
        .hasMessageContaining("line 3");
  }

  @Test
  void calibrate_unsortedDates_namesTheLine() throws IOException {
    Path f = file("date,a,b\n2020-01-02,1,2\n2020-01-01,1,2\n");
    assertThatThrownBy(() -> Calibrator.calibrate(request(f)))
        .hasMessageContaining("line 3, column 1").hasMessageContaining("2020-01-01 comes before");
  }

  @Test
  void calibrate_oneAsset_saysTwoAreNeeded() throws IOException {
    Path f = file("date,a\n2020-01-01,1\n");
    assertThatThrownBy(() -> Calibrator.calibrate(request(f)))
        .isInstanceOf(CalibrationInputException.class)
        .hasMessageContaining("line 1").hasMessageContaining("at least two assets");
  }

  @Test
  void calibrate_wrongDelimiter_seesOneColumnAndSaysSo() throws IOException {
    Path f = file("date;a;b\n2020-01-01;1;2\n");
    assertThatThrownBy(() -> Calibrator.calibrate(request(f)))
        .hasMessageContaining("at least two assets").hasMessageContaining("delimiter ','");
  }

  @Test
  void calibrate_rowWithTooFewCells_namesLineAndCounts() throws IOException {
    Path f = file("date,a,b\n2020-01-01,1,2\n2020-01-02,1\n");
    assertThatThrownBy(() -> Calibrator.calibrate(request(f)))
        .hasMessageContaining("line 3: 2 cells, but the header has 3");
  }

  @Test
  void calibrate_duplicateAssetNamesAfterSanitising_namesBothColumns() throws IOException {
    Path f = file("date,US Equity,us equity\n2020-01-01,1,2\n");
    assertThatThrownBy(() -> Calibrator.calibrate(request(f)))
        .hasMessageContaining("column 3").hasMessageContaining("'us_equity'")
        .hasMessageContaining("column 2");
  }

  @Test
  void calibrate_unknownDateColumn_listsTheHeader() throws IOException {
    Path f = file("day,a,b\n2020-01-01,1,2\n");
    CalibrationRequest r = new CalibrationRequest(f, 2, Frequency.DAILY, ',', "date", null,
        MissingValues.DROP_ROW, 1, 1, 1e-6, 100);
    assertThatThrownBy(() -> Calibrator.calibrate(r))
        .hasMessageContaining("no column named 'date'").hasMessageContaining("[day, a, b]");
  }

  @Test
  void calibrate_tooFewRows_saysHowManyAreNeeded() throws IOException {
    StringBuilder csv = new StringBuilder("date,a,b\n");
    LocalDate[] dates = TestModels.weekdays(40);
    for (int i = 0; i < 40; i++) {
      csv.append(dates[i]).append(',').append(1 + 0.01 * (i % 3)).append(',').append(2 + 0.01 * (i % 5)).append('\n');
    }
    Path f = file(csv.toString());
    // K = 2, n = 2: 5 * 2 * (2 + 3 + 2) = 70 returns needed, 39 available.
    assertThat(Calibrator.minimumObservations(2, 2)).isEqualTo(70);
    assertThatThrownBy(() -> Calibrator.calibrate(request(f)))
        .isInstanceOf(CalibrationInputException.class)
        .hasMessageContaining("39 daily returns").hasMessageContaining("at least 70");
  }

  @Test
  void calibrate_constantPrice_namesTheAsset() throws IOException {
    StringBuilder csv = new StringBuilder("date,a,flat\n");
    LocalDate[] dates = TestModels.weekdays(100);
    for (int i = 0; i < 100; i++) {
      csv.append(dates[i]).append(',').append(1 + 0.01 * (i % 3)).append(",5\n");
    }
    Path f = file(csv.toString());
    assertThatThrownBy(() -> Calibrator.calibrate(request(f)))
        .hasMessageContaining("'flat' never changes price");
  }

  @Test
  void calibrate_missingValueInFirstRowWithForwardFill_namesLineAndColumn() throws IOException {
    Path f = file("date,a,b\n2020-01-01,1,\n2020-01-02,1,2\n");
    assertThatThrownBy(() -> Calibrator.calibrate(request(f, MissingValues.FORWARD_FILL)))
        .isInstanceOf(CalibrationInputException.class)
        .hasMessageContaining("line 2, column 3 (b)").hasMessageContaining("first row");
  }

  @Test
  void read_dropRow_dropsEveryRowWithAMissingValue() throws IOException {
    Path f = file("date,a,b\n2020-01-01,1,2\n2020-01-02,NA,2\n2020-01-03,1.5,\n2020-01-06,2,3\n");

    PriceTable table = PriceCsvReader.read(request(f, MissingValues.DROP_ROW));

    assertThat(table.rowsRead()).isEqualTo(4);
    assertThat(table.rowsDropped()).isEqualTo(2);
    assertThat(table.valuesFilled()).isZero();
    assertThat(table.dates()).containsExactly(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 6));
    assertThat(table.prices()).containsExactly(1, 2, 2, 3);
  }

  @Test
  void read_forwardFill_fillsFromThePreviousRowAndCounts() throws IOException {
    Path f = file("date,a,b\n2020-01-01,1,2\n2020-01-02,NA,2.5\n2020-01-03,,\n2020-01-06,2,3\n");

    PriceTable table = PriceCsvReader.read(request(f, MissingValues.FORWARD_FILL));

    assertThat(table.rowsDropped()).isZero();
    assertThat(table.valuesFilled()).isEqualTo(3);
    assertThat(table.prices()).containsExactly(1, 2, 1, 2.5, 1, 2.5, 2, 3);
  }

  @Test
  void read_quotedCellsCustomDelimiterDateColumnAndFormat_parse() throws IOException {
    Path f = file("\uFEFF\"S&P 500\";\"Bund; 10y\";Datum\n1,2;3;02.01.2020\n1,5;3,5;03.01.2020\n");
    CalibrationRequest r = new CalibrationRequest(f, 2, Frequency.DAILY, ';', "datum", "dd.MM.yyyy",
        MissingValues.DROP_ROW, 1, 1, 1e-6, 100);

    assertThatThrownBy(() -> PriceCsvReader.read(r))
        .hasMessageContaining("'1,2' is not a number");
    Path g = file("\uFEFF\"S&P 500\";\"Bund; 10y\";Datum\n1.2;3;02.01.2020\n1.5;3.5;03.01.2020\n");
    CalibrationRequest rg = new CalibrationRequest(g, 2, Frequency.DAILY, ';', "datum", "dd.MM.yyyy",
        MissingValues.DROP_ROW, 1, 1, 1e-6, 100);
    PriceTable table = PriceCsvReader.read(rg);

    assertThat(table.assetNames()).containsExactly("S_P_500", "Bund_10y");
    assertThat(table.dates()).containsExactly(LocalDate.of(2020, 1, 2), LocalDate.of(2020, 1, 3));
    assertThat(table.prices()).containsExactly(1.2, 3, 1.5, 3.5);
  }

  @Test
  void returnSeries_weekly_differencesTheLastPriceOfEachIsoWeek() throws IOException {
    // Mon..Fri of ISO week 2 (Friday a holiday), Mon..Wed of week 3, Mon of week 4.
    Path f = file("date,a,b\n2020-01-06,1,1\n2020-01-07,2,1\n2020-01-09,4,1\n"
        + "2020-01-13,3,1\n2020-01-15,8,2\n2020-01-20,16,4\n");

    ReturnSeries weekly = ReturnSeries.of(PriceCsvReader.read(request(f)), Frequency.WEEKLY);

    assertThat(weekly.dates()).containsExactly(LocalDate.of(2020, 1, 15), LocalDate.of(2020, 1, 20));
    assertThat(weekly.values()).containsExactly(new double[] {Math.log(2), Math.log(2), Math.log(2), Math.log(2)},
        within(1e-15));
  }

  @Test
  void request_badOptions_nameTheOptionAndRule() {
    Path p = Path.of("x.csv");
    assertThatThrownBy(() -> CalibrationRequest.of(p, 0))
        .isInstanceOf(CalibrationInputException.class)
        .hasMessageContaining("regimes to 0").hasMessageContaining("at least 1");
    assertThatThrownBy(() -> new CalibrationRequest(p, 2, Frequency.DAILY, ',', null, "yyyy-qq-MM{",
        MissingValues.DROP_ROW, 1, 1, 1e-6, 10))
        .isInstanceOf(CalibrationInputException.class).hasMessageContaining("date-format");
    assertThatThrownBy(() -> new CalibrationRequest(p, 2, Frequency.DAILY, ',', null, null,
        MissingValues.DROP_ROW, 0, 1, 1e-6, 10)).hasMessageContaining("starts to 0");
    assertThatThrownBy(() -> new CalibrationRequest(p, 2, Frequency.DAILY, ',', null, null,
        MissingValues.DROP_ROW, 1, 1, 0.0, 10)).hasMessageContaining("tolerance");
    assertThat(CalibrationRequest.of(p, 3).dateFormat()).isEqualTo("yyyy-MM-dd");
  }

  @Test
  void sanitise_headerText_keepsSpellingAndCaseAndReplacesOtherCharacters() {
    assertThat(PriceCsvReader.sanitise(" S&P 500 (TR) ")).isEqualTo("S_P_500_TR");
    assertThat(PriceCsvReader.sanitise("Iboxx HY US")).isEqualTo("Iboxx_HY_US");
    assertThat(PriceCsvReader.sanitise("SPY")).isEqualTo("SPY");
    assertThat(PriceCsvReader.sanitise("us_treasury-10y.tr")).isEqualTo("us_treasury-10y.tr");
  }

  @Test
  void read_headersDifferingOnlyInCase_areRejectedAsDuplicates() throws IOException {
    Path f = file("date,SPY,spy\n2020-01-02,1,2\n2020-01-03,2,3\n");

    assertThatThrownBy(() -> PriceCsvReader.read(request(f)))
        .isInstanceOf(CalibrationInputException.class)
        .hasMessageContaining("'spy'").hasMessageContaining("ignoring case");
  }
}
