#include "windowactivation.h"

#include <QGuiApplication>
#include <QWidget>

#ifdef LANPIGEON_HAVE_XCB
#include <xcb/xcb.h>

#include <cstdlib>
#include <cstring>
#endif

namespace lanpigeon::ui {

#ifdef LANPIGEON_HAVE_XCB
namespace {
xcb_atom_t atom(xcb_connection_t *c, const char *name)
{
    const xcb_intern_atom_cookie_t cookie =
        xcb_intern_atom(c, 0, uint16_t(std::strlen(name)), name);
    xcb_intern_atom_reply_t *reply = xcb_intern_atom_reply(c, cookie, nullptr);
    const xcb_atom_t a = reply ? reply->atom : xcb_atom_t(XCB_ATOM_NONE);
    std::free(reply);
    return a;
}

bool hasWindowManager(xcb_connection_t *c, xcb_window_t root, xcb_atom_t check)
{
    const xcb_get_property_cookie_t cookie =
        xcb_get_property(c, 0, root, check, XCB_ATOM_WINDOW, 0, 1);
    xcb_get_property_reply_t *reply = xcb_get_property_reply(c, cookie, nullptr);
    const bool has = reply && xcb_get_property_value_length(reply) > 0;
    std::free(reply);
    return has;
}

// Qt stamps its activation with the time of the last X event it saw, which is older than
// the focus change that put another window in front, so the server or the window manager
// refuses it. Starting LanPigeon again is the user's own request: say so (source 2, as a
// taskbar does) and use the current time.
void activateOnX11(QWidget *window)
{
    auto *x11 = qApp->nativeInterface<QNativeInterface::QX11Application>();
    // The offscreen platform answers as X11 too, with no connection.
    xcb_connection_t *c = x11 ? x11->connection() : nullptr;
    if (!c)
        return;
    const auto id = xcb_window_t(window->winId());
    xcb_window_t root = xcb_setup_roots_iterator(xcb_get_setup(c)).data->root;
    if (hasWindowManager(c, root, atom(c, "_NET_SUPPORTING_WM_CHECK"))) {
        xcb_client_message_event_t event = {};
        event.response_type = XCB_CLIENT_MESSAGE;
        event.format = 32;
        event.window = id;
        event.type = atom(c, "_NET_ACTIVE_WINDOW");
        event.data.data32[0] = 2;
        event.data.data32[1] = XCB_CURRENT_TIME;
        xcb_send_event(c, 0, root,
                       XCB_EVENT_MASK_SUBSTRUCTURE_REDIRECT | XCB_EVENT_MASK_SUBSTRUCTURE_NOTIFY,
                       reinterpret_cast<const char *>(&event));
    } else {
        // Without a window manager the map request above is already done, in order.
        xcb_set_input_focus(c, XCB_INPUT_FOCUS_PARENT, id, XCB_CURRENT_TIME);
    }
    xcb_flush(c);
}
} // namespace
#endif

void bringToFront(QWidget *window)
{
    window->showNormal();
    window->raise();
    window->activateWindow();
#ifdef LANPIGEON_HAVE_XCB
    activateOnX11(window);
#endif
}

} // namespace lanpigeon::ui
