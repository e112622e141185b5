"""PDFium loaded with a bundled Japanese font, so that a PDF's text does not depend on the fonts a machine has.

A report whose Japanese font is not embedded (common with older tools and with reportlab's CID fonts) is laid out
by PDFium with the glyphs of a system font. With no CJK font installed the characters' boxes collapse, and PDFium's
text then breaks lines where a machine with the fonts writes a space: 「1 事業名 瑠璃沢温泉郷の…」 came out as three
lines, and the readers built on one machine read less on another (held-out 5's 一覧表 lost its three titles, held-out
11's 概要版 every record). Loading PDFium with IPAexGothic (shipped by the matplotlib-fontja package) as its font path
gives the same text everywhere: on all 108 fixture pages, identical to the text with Noto CJK installed, and it
gives citation highlights boxes with a height.
"""

from __future__ import annotations

import ctypes
import importlib.util
import threading
from pathlib import Path
from types import ModuleType

LOCK = threading.RLock()  # PDFium is not thread-safe: every use of a document holds this lock
_state = {"ready": False, "font_dir": None}


def font_dir() -> Path | None:
    """The folder holding the bundled font (ipaexg.ttf), found without importing its package (which needs matplotlib)."""
    spec = importlib.util.find_spec("matplotlib_fontja")
    for root in (spec.submodule_search_locations or []) if spec else []:
        folder = Path(root) / "fonts"
        if (folder / "ipaexg.ttf").is_file():
            return folder
    return None


def pdfium() -> ModuleType:
    """pypdfium2, its library started once with the bundled font folder as PDFium's font path (where it is found)."""
    import pypdfium2

    with LOCK:
        if not _state["ready"]:
            _state["ready"] = True
            folder = font_dir()
            if folder is not None and _restart_with_fonts(folder):
                _state["font_dir"] = str(folder)
    return pypdfium2


def _restart_with_fonts(folder: Path) -> bool:
    """Start PDFium again with `folder` as its user font path; False (left as it was) if a document is open."""
    import pypdfium2.raw as pdfium_c
    from pypdfium2 import _library_scope
    from pypdfium2.internal import bases

    if any(bases.ObjectTracker.values()):
        return False  # closing PDFium now would close a document someone holds
    _library_scope.destroy_lib()
    path = ctypes.create_string_buffer(str(folder).encode())
    paths = (ctypes.POINTER(ctypes.c_char) * 2)(ctypes.cast(path, ctypes.POINTER(ctypes.c_char)), None)
    config = pdfium_c.FPDF_LIBRARY_CONFIG(
        version=2, m_pUserFontPaths=ctypes.cast(paths, ctypes.POINTER(ctypes.POINTER(ctypes.c_char))),
        m_pIsolate=None, m_v8EmbedderSlot=0)
    pdfium_c.FPDF_InitLibraryWithConfig(config)
    bases.LIBRARY_AVAILABLE = True
    _state["keep"] = (path, paths)  # PDFium may keep the pointers: they live as long as the process
    return True
