package org.deepfig.analysis.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageGridTest {
  @Test
  void eachCellShowsThePointNearestItsCentreAndEmptyCellsStayEmpty() {
    // a 4×4 grid over the square [0, 4]²: cells are unit squares, row-major with y down
    double[] xy = {
        0, 0,        // 0: corner of cell (0, 0), far from its centre
        0.6, 0.4,    // 1: nearer the centre (0.5, 0.5) of cell (0, 0) than point 0
        4, 4,        // 2: the far corner, in cell (3, 3) (the upper edge belongs to the last cell)
        2.5, 1.5,    // 3: the centre of cell row 1, column 2
        2.9, 1.1,    // 4: same cell, farther from its centre
        0.5, 3.5};   // 5: centre of row 3, column 0
    int[] cells = ImageGrid.assign(xy, 6, 4);
    assertThat(cells).hasSize(16);
    assertThat(cells[0]).isEqualTo(1);
    assertThat(cells[15]).isEqualTo(2);
    assertThat(cells[4 + 2]).isEqualTo(3);
    assertThat(cells[12]).isEqualTo(5);
    long filled = java.util.Arrays.stream(cells).filter(c -> c >= 0).count();
    assertThat(filled).isEqualTo(4);
  }

  @Test
  void aWideMapGetsFewerRowsSoNoBandOfTheCanvasStaysEmpty() {
    // spread 8 wide, 2 high with 4 cells across: cells of side 2, so one row; both axes keep one scale
    double[] xy = {0, 0, 8, 2, 4.2, 1};
    assertThat(ImageGrid.shape(xy, 3, 4)).containsExactly(4, 1);
    int[] cells = ImageGrid.assign(xy, 3, 4);
    assertThat(cells).containsExactly(0, -1, 2, 1);
    // and a tall one fewer columns
    double[] tall = {0, 0, 1, 8};
    assertThat(ImageGrid.shape(tall, 2, 8)).containsExactly(1, 8);
  }
}
