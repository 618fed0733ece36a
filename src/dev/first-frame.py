#!/usr/bin/env python3
"""Waits until an X11 window shows its first frame and prints that moment (ms since the epoch).

    src/dev/first-frame.py WINDOW_ID [TIMEOUT_S]

"Drawn" means the window's pixels hold more than one colour: a mapped window that has not been painted
yet is one flat colour. Reads the pixels with XGetImage through ctypes (libX11), about every 5 ms; a
probe takes a few milliseconds, so the moment is late by little (xwd + ImageMagick took 0.2-1 s a try on
a busy 2-core machine, which hid the real first frame). Exit 1 if the window stays blank or goes away.
Used by src/dev/window-time.sh.
"""
import ctypes
import ctypes.util
import sys
import time

ALL_PLANES = ctypes.c_ulong(~0 & 0xFFFFFFFFFFFFFFFF)
Z_PIXMAP = 2


class XImage(ctypes.Structure):
    # Only the leading fields are read; the struct continues (function pointers) beyond these.
    _fields_ = [("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int),
                ("format", ctypes.c_int), ("data", ctypes.c_void_p), ("byte_order", ctypes.c_int),
                ("bitmap_unit", ctypes.c_int), ("bitmap_bit_order", ctypes.c_int),
                ("bitmap_pad", ctypes.c_int), ("depth", ctypes.c_int), ("bytes_per_line", ctypes.c_int),
                ("bits_per_pixel", ctypes.c_int)]


class XWindowAttributes(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int), ("height", ctypes.c_int),
                ("border_width", ctypes.c_int), ("depth", ctypes.c_int), ("visual", ctypes.c_void_p),
                ("root", ctypes.c_ulong), ("class_", ctypes.c_int), ("bit_gravity", ctypes.c_int),
                ("win_gravity", ctypes.c_int), ("backing_store", ctypes.c_int),
                ("backing_planes", ctypes.c_ulong), ("backing_pixel", ctypes.c_ulong),
                ("save_under", ctypes.c_int), ("colormaps", ctypes.c_ulong),
                ("map_installed", ctypes.c_int), ("map_state", ctypes.c_int),
                ("all_event_masks", ctypes.c_long), ("your_event_mask", ctypes.c_long),
                ("do_not_propagate_mask", ctypes.c_long), ("override_redirect", ctypes.c_int),
                ("screen", ctypes.c_void_p)]


def main():
    if len(sys.argv) < 2:
        print("first-frame: usage: first-frame.py WINDOW_ID [TIMEOUT_S]", file=sys.stderr)
        return 2
    window = int(sys.argv[1], 0)
    deadline = time.time() + (float(sys.argv[2]) if len(sys.argv) > 2 else 120)
    x11 = ctypes.CDLL(ctypes.util.find_library("X11"))
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XGetImage.restype = ctypes.POINTER(XImage)
    x11.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int, ctypes.c_uint,
                              ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
    x11.XGetWindowAttributes.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(XWindowAttributes)]
    x11.XDestroyImage = None  # a macro in Xlib; the image is freed with XFree on its data and itself
    x11.XFree.argtypes = [ctypes.c_void_p]
    x11.XSetErrorHandler.argtypes = [ctypes.c_void_p]
    handler_type = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
    ignore_errors = handler_type(lambda display, event: 0)  # a window going away is an answer, not a crash
    x11.XSetErrorHandler(ctypes.cast(ignore_errors, ctypes.c_void_p))
    display = x11.XOpenDisplay(None)
    if not display:
        print("first-frame: cannot open the display", file=sys.stderr)
        return 1
    while time.time() < deadline:
        attributes = XWindowAttributes()
        if not x11.XGetWindowAttributes(display, window, ctypes.byref(attributes)):
            print("first-frame: the window went away", file=sys.stderr)
            return 1
        image = x11.XGetImage(display, window, 0, 0, attributes.width, attributes.height, ALL_PLANES, Z_PIXMAP)
        if image:
            img = image.contents
            size = img.bytes_per_line * img.height
            pixels = ctypes.string_at(img.data, size)
            step = img.bits_per_pixel // 8
            x11.XFree(ctypes.c_void_p(img.data))
            x11.XFree(image)
            if step > 0 and pixels != pixels[:step] * (size // step):
                print(int(time.time() * 1000))
                return 0
        time.sleep(0.005)
    print("first-frame: the window stayed blank", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
