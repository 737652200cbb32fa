package io.unwind.calibrate;

import java.time.LocalDate;

/**
 * Prices as read from the file, after missing values were dropped or filled.
 *
 * @param source the file name, for messages
 * @param columns the asset columns' header text, as written
 * @param assetNames the asset names: the header's spelling and case, characters other than
 *     letters, digits, {@code _ - .} replaced by {@code _} ({@link PriceCsvReader#sanitise})
 * @param dates one date per kept row, strictly increasing
 * @param prices row-major {@code dates.length x assetNames.length}, all positive
 * @param rowsRead data rows in the file (blank lines excluded)
 * @param rowsDropped rows dropped for a missing value ({@link MissingValues#DROP_ROW})
 * @param valuesFilled cells filled from the previous row ({@link MissingValues#FORWARD_FILL})
 */
public record PriceTable(
    String source,
    String[] columns,
    String[] assetNames,
    LocalDate[] dates,
    double[] prices,
    int rowsRead,
    int rowsDropped,
    int valuesFilled) {

  /** Number of assets, n. */
  public int assetCount() {
    return assetNames.length;
  }

  /** Number of kept rows. */
  public int rowCount() {
    return dates.length;
  }
}
