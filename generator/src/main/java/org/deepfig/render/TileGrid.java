package org.deepfig.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Images in rows × columns, each with a caption underneath and an optional title above the grid: conv filters,
 * top-9 activating patches, saliency maps per class. Pixels stay crisp squares at any tile size.
 */
public final class TileGrid implements Drawing {
  private static final double MARGIN = 6;
  private static final double GAP = 6;
  private static final double CAPTION_GAP = 2;
  /** Width a colour bar and its labels take beside a grid. */
  private static final double BAR_ROOM = 70;

  /** One image and its caption (may be null or empty). */
  public record Tile(BufferedImage image, String caption) {}

  private final List<Tile> tiles;
  private final int columns;
  private final double tileSize;
  private final String title;
  private final double captionHeight;
  private final double cellWidth;

  /**
   * @param tileSize side of each (square) tile in points; images that are not square are fitted inside it
   */
  public TileGrid(String title, List<Tile> tiles, int columns, double tileSize) {
    this(title, tiles, columns, tileSize, -1);
  }

  /**
   * Tiles that form a collection rather than a table (filters, class images, channels): at most {@code maxColumns}
   * per row, fewer when the rows would not fit the {@linkplain FigureStyle#layoutWidth() style's width}, with the rows
   * balanced (ten tiles that fit seven to a row go in two rows of five).
   */
  public static TileGrid wrapped(String title, List<Tile> tiles, int maxColumns, double tileSize) {
    return new TileGrid(title, tiles, maxColumns, tileSize, 0);
  }

  /** {@link #wrapped} for a grid that will get a {@linkplain #withColourBar colour bar} on its right. */
  public static TileGrid wrappedBesideBar(String title, List<Tile> tiles, int maxColumns, double tileSize) {
    return new TileGrid(title, tiles, maxColumns, tileSize, BAR_ROOM);
  }

  /** @param reserve width kept free beside the grid when it wraps to the style's width; negative: never wrap */
  private TileGrid(String title, List<Tile> tiles, int columns, double tileSize, double reserve) {
    if (tiles.isEmpty()) throw new IllegalArgumentException("a tile grid needs at least one tile");
    if (columns < 1) throw new IllegalArgumentException("columns must be >= 1, got " + columns);
    this.title = title;
    this.tiles = List.copyOf(tiles);
    this.tileSize = tileSize;
    boolean captions = tiles.stream().anyMatch(t -> t.caption() != null && !t.caption().isEmpty());
    this.captionHeight = captions ? CAPTION_GAP + Typography.lineHeight(Typography.caption()) : 0;
    double widestCaption = 0;
    for (Tile t : tiles) {
      if (t.caption() != null) widestCaption = Math.max(widestCaption, Typography.width(Typography.caption(), t.caption()));
    }
    // a tile's column is as wide as its longest caption, so neighbouring captions never overlap
    this.cellWidth = Math.max(tileSize, widestCaption);
    int n = tiles.size();
    int c = Math.min(columns, n);
    if (reserve >= 0) {
      double room = FigureStyle.current().layoutWidth() - reserve - 2 * MARGIN;
      int fit = (int) Math.floor((room + GAP) / (cellWidth + GAP));
      c = Math.max(1, Math.min(c, fit));
      int rows = (n + c - 1) / c;
      c = (n + rows - 1) / rows;
    }
    this.columns = c;
  }

  /** Tiles per row after wrapping to the style's width. */
  public int columns() {
    return columns;
  }

  public int rows() {
    return (tiles.size() + columns - 1) / columns;
  }

  @Override
  public double width() {
    double title = this.title == null ? 0 : Typography.width(Typography.title(), this.title) + 2 * MARGIN;
    return Math.ceil(Math.max(title, 2 * MARGIN + contentWidth()));
  }

  private double contentWidth() {
    return columns * cellWidth + (columns - 1) * GAP;
  }

  /** Top of the first row of tiles. */
  public double tilesTop() {
    return gridTop();
  }

  /** From the top of the first row of tiles to the bottom of the last row's tiles (its captions not included). */
  public double tilesHeight() {
    return rows() * (tileSize + captionHeight) + (rows() - 1) * GAP - captionHeight;
  }

  /**
   * This grid with a colour bar on its right whose ramp runs from the top of the first row of tiles to the bottom of
   * the last; the composite is as tall as the taller of the two, so nothing hangs below an empty band.
   */
  public Drawing withColourBar(ColourMap map, Normalisation normalisation, String label) {
    ColourBar bar = new ColourBar(map, normalisation, label, Math.max(tilesHeight(), 40));
    return Padded.right(Panels.row(10, List.of(this, Padded.top(bar, tilesTop() - ColourBar.inset()))), MARGIN);
  }

  @Override
  public double height() {
    return Math.ceil(gridTop() + rows() * (tileSize + captionHeight) + (rows() - 1) * GAP + MARGIN);
  }

  @Override
  public void paint(Graphics2D g) {
    g.setColor(Color.BLACK);
    if (title != null) {
      TextAnchor.draw(g, title, Typography.title(), width() / 2, MARGIN + Typography.capHeight(Typography.title()),
          TextAnchor.Align.CENTRE);
    }
    Font captionFont = Typography.caption();
    for (int i = 0; i < tiles.size(); i++) {
      Tile t = tiles.get(i);
      double cellX = (width() - contentWidth()) / 2 + (i % columns) * (cellWidth + GAP);
      double y = gridTop() + (i / columns) * (tileSize + captionHeight + GAP);
      double x = cellX + (cellWidth - tileSize) / 2;
      Rectangle2D box = fit(t.image(), x, y);
      Rasters.draw(g, t.image(), box.getX(), box.getY(), box.getWidth(), box.getHeight());
      g.setColor(new Color(0x999999));
      g.setStroke(new BasicStroke(0.4f));
      g.draw(box);
      if (t.caption() != null && !t.caption().isEmpty()) {
        g.setColor(Color.BLACK);
        double baseline = y + tileSize + CAPTION_GAP + Typography.capHeight(captionFont);
        TextAnchor.draw(g, t.caption(), captionFont, cellX + cellWidth / 2, baseline, TextAnchor.Align.CENTRE);
      }
    }
  }

  private double gridTop() {
    return title == null ? MARGIN : MARGIN + Typography.capHeight(Typography.title()) + 2 * GAP;
  }

  private Rectangle2D fit(BufferedImage image, double x, double y) {
    double scale = tileSize / Math.max(image.getWidth(), image.getHeight());
    double w = image.getWidth() * scale;
    double h = image.getHeight() * scale;
    return new Rectangle2D.Double(x + (tileSize - w) / 2, y + (tileSize - h) / 2, w, h);
  }
}
