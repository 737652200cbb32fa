package io.unwind.jobs.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathBlocksTest {
  @Test
  void blocksOfChunks_unevenSplit_coverEveryIdExactlyOnceInOrder() {
    PathBlocks blocks = new PathBlocks(2_345, 100, 1_000);
    List<Long> ids = new ArrayList<>();
    assertThat(blocks.chunkCount()).isEqualTo(3);
    for (int c = 0; c < blocks.chunkCount(); c++) {
      for (long b : blocks.blocksOfChunk(c)) {
        for (long id = blocks.blockStart(b); id < blocks.blockEnd(b); id++) {
          assertThat(blocks.chunkOf(id)).isEqualTo(c);
          ids.add(id);
        }
      }
    }
    assertThat(ids).hasSize(2_345);
    for (int i = 0; i < ids.size(); i++) {
      assertThat(ids.get(i)).isEqualTo(i);
    }
  }

  @Test
  void chunkEnd_lastChunk_stopsAtPaths() {
    PathBlocks blocks = new PathBlocks(2_345, 100, 1_000);
    assertThat(blocks.chunkStart(2)).isEqualTo(2_000);
    assertThat(blocks.chunkEnd(2)).isEqualTo(2_345);
    assertThat(blocks.blocksOfChunk(2)).containsExactly(20L, 21L, 22L, 23L);
    assertThat(blocks.blockEnd(23)).isEqualTo(2_345);
  }

  @Test
  void new_chunkNotMultipleOfBlock_isRejected() {
    assertThatThrownBy(() -> new PathBlocks(10, 100, 150)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chunkPaths");
    assertThatThrownBy(() -> new PathBlocks(0, 100, 100)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("paths");
  }

  @Test
  void of_defaults_fixedBlockSizeIndependentOfAnythingElse() {
    PathBlocks blocks = PathBlocks.of(100_000);
    assertThat(blocks.blockPaths()).isEqualTo(PathBlocks.DEFAULT_BLOCK_PATHS);
    assertThat(blocks.chunkCount()).isEqualTo(1);
    assertThat(blocks.blocksOfChunk(0)).hasSize(100);
  }

  @Test
  void blockPathsFor_smallRuns_stillGiveAtLeast64Blocks() {
    assertThat(PathBlocks.blockPathsFor(100_000)).isEqualTo(1_000);
    assertThat(PathBlocks.blockPathsFor(64_000)).isEqualTo(1_000);
    assertThat(PathBlocks.blockPathsFor(63_999)).isEqualTo(100);
    assertThat(PathBlocks.blockPathsFor(2_000)).isEqualTo(10);
    assertThat(PathBlocks.blockPathsFor(300)).isEqualTo(1);
    assertThat(PathBlocks.of(300).blocksOfChunk(0)).hasSize(300);
  }
}
