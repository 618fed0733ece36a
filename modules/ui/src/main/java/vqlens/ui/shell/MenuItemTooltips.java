package vqlens.ui.shell;

import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Skin;
import javafx.scene.control.Tooltip;
import javafx.stage.Window;

/**
 * Tooltips for menu items, which JavaFX does not offer (a {@code MenuItem} is no node).
 *
 * <p>When the menu has opened, the row that shows the item is found in the menu's popup (the skin
 * tags each row with its item under the {@code MenuItem.class} property key) and the tooltip is
 * installed on that row. A disabled item's row is only styled {@code :disabled}, not disabled, so
 * the tooltip also shows on a disabled item, which is the point: it says why the item is off.
 */
final class MenuItemTooltips {

    private MenuItemTooltips() {
    }

    /** Shows {@code tooltip} over {@code item}'s row whenever {@code menu} is open. */
    static void install(Menu menu, MenuItem item, Tooltip tooltip) {
        menu.addEventHandler(Menu.ON_SHOWN, event -> {
            Node row = findRow(item);
            if (row != null && !row.getProperties().containsKey(MenuItemTooltips.class)) {
                Tooltip.install(row, tooltip);
                row.getProperties().put(MenuItemTooltips.class, tooltip);
            }
        });
    }

    /** The node showing {@code item} in an open popup menu, or {@code null}. */
    static Node findRow(MenuItem item) {
        for (Window window : Window.getWindows()) {
            if (!(window instanceof ContextMenu) || !window.isShowing()) {
                continue;
            }
            Skin<?> skin = ((ContextMenu) window).getSkin();
            if (skin == null || skin.getNode() == null) {
                continue;
            }
            for (Node node : skin.getNode().lookupAll(".menu-item")) {
                if (node.getProperties().get(MenuItem.class) == item) {
                    return node;
                }
            }
        }
        return null;
    }
}
