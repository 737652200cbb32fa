package io.unwind.sim;

import java.util.Arrays;

/**
 * Rows of primitive columns that grow together: the storage under {@link EventLog} and
 * {@link SampleLog}. A workspace keeps one per log and clears it for every path, so appending
 * allocates nothing once the buffer has grown to the busiest path's size (capacity doubles).
 * Enums are stored as their ordinals, flags as 0 or 1.
 */
final class ColumnBuffer {
  private final int[][] ints;
  private final double[][] doubles;
  private int size;
  private int capacity;

  /**
   * @param intColumns number of int columns
   * @param doubleColumns number of double columns
   * @param initialCapacity rows before the first growth, &gt; 0
   */
  ColumnBuffer(int intColumns, int doubleColumns, int initialCapacity) {
    this.ints = new int[intColumns][initialCapacity];
    this.doubles = new double[doubleColumns][initialCapacity];
    this.capacity = initialCapacity;
  }

  /** Forgets every row; keeps the capacity. */
  void clear() {
    size = 0;
  }

  int size() {
    return size;
  }

  /** Appends a row of zeros and returns its index. */
  int addRow() {
    if (size == capacity) {
      capacity *= 2;
      for (int c = 0; c < ints.length; c++) {
        ints[c] = Arrays.copyOf(ints[c], capacity);
      }
      for (int c = 0; c < doubles.length; c++) {
        doubles[c] = Arrays.copyOf(doubles[c], capacity);
      }
    }
    int row = size++;
    for (int[] column : ints) {
      column[row] = 0;
    }
    for (double[] column : doubles) {
      column[row] = 0.0;
    }
    return row;
  }

  void setInt(int column, int row, int value) {
    ints[column][row] = value;
  }

  int getInt(int column, int row) {
    return ints[column][row];
  }

  void setDouble(int column, int row, double value) {
    doubles[column][row] = value;
  }

  double getDouble(int column, int row) {
    return doubles[column][row];
  }
}
