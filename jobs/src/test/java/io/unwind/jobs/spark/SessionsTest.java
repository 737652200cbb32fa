package io.unwind.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class SessionsTest {
  @Test
  void create_local_setsTheOutputContractSettings() {
    SparkSession spark = SharedSpark.session();
    assertThat(spark.conf().get("spark.sql.sources.partitionOverwriteMode")).isEqualToIgnoringCase("dynamic");
    assertThat(spark.conf().get("spark.sql.parquet.compression.codec")).isEqualTo("zstd");
    assertThat(spark.sparkContext().getConf().get("spark.ui.enabled")).isEqualTo("false");
    assertThat(Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions"))).isLessThan(200);
  }

  @Test
  void resolveMaster_explicit_winsOverEverything() {
    assertThat(Sessions.resolveMaster("spark://h:7077")).isEqualTo("spark://h:7077");
  }

  @Test
  void resolveMaster_noOptionNoSparkSubmit_isLocalStar() {
    String before = System.getProperty(Sessions.MASTER_PROPERTY);
    try {
      System.clearProperty(Sessions.MASTER_PROPERTY);
      assertThat(Sessions.resolveMaster(null)).isEqualTo("local[*]");
      System.setProperty(Sessions.MASTER_PROPERTY, "yarn");
      assertThat(Sessions.resolveMaster(null)).isNull();
    } finally {
      if (before == null) {
        System.clearProperty(Sessions.MASTER_PROPERTY);
      } else {
        System.setProperty(Sessions.MASTER_PROPERTY, before);
      }
    }
  }
}
