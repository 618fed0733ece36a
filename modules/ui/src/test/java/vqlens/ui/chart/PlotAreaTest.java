package vqlens.ui.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The viewport transform the charts and the 2-D view share: pixels and data, zoom and pan. */
class PlotAreaTest {

    /** Pixel and data maths are a few double operations: rounding only. */
    private static final double ROUNDING = 1e-9;

    private final PlotArea area = new Margins(40, 10, 20, 30).plot(450, 250, new Range(0, 8), new Range(-1, 1));

    @Test
    void marginsPlaceThePlotAndPixelsMapBothWays() {
        assertEquals(40, area.left());
        assertEquals(400, area.width());
        assertEquals(200, area.height());
        assertEquals(220, area.bottom());
        assertEquals(40, area.px(0), ROUNDING);
        assertEquals(440, area.px(8), ROUNDING);
        assertEquals(220, area.py(-1), ROUNDING, "y grows upwards");
        assertEquals(20, area.py(1), ROUNDING);
        assertEquals(3.25, area.xAt(area.px(3.25)), ROUNDING);
        assertEquals(-0.4, area.yAt(area.py(-0.4)), ROUNDING);
        assertTrue(area.contains(100, 100));
        assertFalse(area.contains(30, 100), "the left margin is outside");
        assertTrue(new Margins(40, 10, 20, 30).fit(450, 250));
        assertFalse(new Margins(40, 10, 20, 30).fit(60, 250));
    }

    @Test
    void zoomKeepsTheDataUnderTheMouseInPlace() {
        double mx = 140;
        double my = 70;
        double x = area.xAt(mx);
        double y = area.yAt(my);
        PlotArea zoomed = area.zoomedAt(mx, my, 0.5);
        assertEquals(4, zoomed.x().span(), ROUNDING);
        assertEquals(1, zoomed.y().span(), ROUNDING);
        assertEquals(mx, zoomed.px(x), ROUNDING);
        assertEquals(my, zoomed.py(y), ROUNDING);
        assertEquals(area.left(), zoomed.left(), "the rectangle stays");
    }

    @Test
    void panMovesTheDataWithTheMouse() {
        PlotArea panned = area.pannedBy(50, -20);
        assertEquals(area.x().span(), panned.x().span(), ROUNDING);
        assertEquals(area.px(2) + 50, panned.px(2), ROUNDING);
        assertEquals(area.py(0.3) - 20, panned.py(0.3), ROUNDING);
    }
}
