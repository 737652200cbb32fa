package io.unwind.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** The checksum sees any changed field and not the order of rows. */
class PathChecksumTest {
  private static final long BASE = PathChecksum.row(7, "levered-erc", -0.125, 0.3, 2, false);

  @Test
  void row_anyFieldChangedByTheSmallestStep_hashDiffers() {
    assertThat(PathChecksum.row(8, "levered-erc", -0.125, 0.3, 2, false)).isNotEqualTo(BASE);
    assertThat(PathChecksum.row(7, "levered-ew", -0.125, 0.3, 2, false)).isNotEqualTo(BASE);
    assertThat(PathChecksum.row(7, "levered-erc", Math.nextUp(-0.125), 0.3, 2, false)).isNotEqualTo(BASE);
    assertThat(PathChecksum.row(7, "levered-erc", -0.125, Math.nextDown(0.3), 2, false)).isNotEqualTo(BASE);
    assertThat(PathChecksum.row(7, "levered-erc", -0.125, 0.3, 3, false)).isNotEqualTo(BASE);
    assertThat(PathChecksum.row(7, "levered-erc", -0.125, 0.3, 2, true)).isNotEqualTo(BASE);
  }

  @Test
  void plus_partsInAnyOrder_sameTotal() {
    PathChecksum a = new PathChecksum(1, BASE);
    PathChecksum b = new PathChecksum(1, PathChecksum.row(8, "sixty-forty", 0.5, 0.1, 0, false));
    PathChecksum c = new PathChecksum(1, PathChecksum.row(9, "oracle", -1.0, 1.0, 4, true));
    assertThat(a.plus(b).plus(c)).isEqualTo(c.plus(a).plus(b));
    assertThat(a.plus(b).plus(c).rows()).isEqualTo(3);
  }

  @Test
  void asStored_floatColumn_roundsToFloat() {
    assertThat(PathChecksum.asStored(0.1, DataTypes.DoubleType)).isEqualTo(0.1);
    assertThat(PathChecksum.asStored(0.1, DataTypes.FloatType)).isEqualTo((double) 0.1f).isNotEqualTo(0.1);
    assertThatThrownBy(() -> PathChecksum.asStored(0.1, DataTypes.StringType))
        .isInstanceOf(IllegalStateException.class);
  }
}
