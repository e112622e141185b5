"""Decode report bytes (UTF-8 or CP932/Shift_JIS/EUC-JP) and normalize each line, keeping the original."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .errors import ReportError

# Tried in order, strictly: a wrong guess fails loudly instead of producing mojibake.
_ENCODINGS = ("utf-8-sig", "cp932", "euc_jp")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚㉛㉜㉝㉞㉟㊱㊲㊳㊴㊵㊶㊷㊸㊹㊺㊻㊼㊽㊾㊿"
CIRCLED_VALUE = {ch: i + 1 for i, ch in enumerate(_CIRCLED)}
MAX_REPORT_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Line:
    """One source line: its 1-based number, the raw text and the normalized text (stripped)."""

    no: int
    raw: str
    text: str


def decode(data: bytes, file: str) -> tuple[str, str]:
    """Decode a report's bytes, returning (text, encoding name).

    Raises:
        ReportError: empty, binary, too large, or in an encoding other than UTF-8 / CP932 / EUC-JP / UTF-16 with BOM.
    """
    if len(data) > MAX_REPORT_BYTES:
        raise ReportError(file, f"file is too large ({len(data):,} bytes; limit {MAX_REPORT_BYTES:,})")
    if not data.strip():
        raise ReportError(file, "file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise ReportError(file, f"broken UTF-16 text ({exc.reason})") from None
    if b"\x1b$B" in data or b"\x1b$@" in data:  # ISO-2022-JP (JIS), still found in old mail-derived files
        try:
            return data.decode("iso2022_jp"), "iso2022_jp"
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise ReportError(file, "looks like a binary file (contains NUL bytes); expected a text report "
                          "in UTF-8 or CP932 (UTF-16 needs a BOM)")
    for enc in _ENCODINGS:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, "utf-8" if enc == "utf-8-sig" else enc
    raise ReportError(file, "cannot decode: not UTF-8, CP932/Shift_JIS or EUC-JP text")


def _looks_like_text(text: str) -> bool:
    """Reject decodes full of control characters (a binary file that happened to decode)."""
    if not text:
        return False
    bad = sum(1 for ch in text if unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\n\r\t\f")
    return bad / len(text) < 0.01


def normalize(text: str) -> str:
    """NFKC for digits, letters and punctuation, keeping circled numbers (NFKC would turn ① into 1)."""
    if not text:
        return text
    parts = re.split(f"([{_CIRCLED}])", text)
    out = [p if (len(p) == 1 and p in CIRCLED_VALUE) else unicodedata.normalize("NFKC", p) for p in parts]
    s = "".join(out)
    # Dashes that stand for "no value" come in many shapes; one ASCII hyphen-minus is enough downstream.
    s = re.sub(r"[‐‑‒–—―−]", "-", s)
    s = s.replace("\u3000", " ").replace("\t", " ")
    return s


def split_lines(text: str) -> list[Line]:
    """Split into lines (only on \\n, so form feeds survive for page splitting) with normalized text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [Line(i + 1, raw, re.sub(r" {2,}", " ", normalize(raw).strip())) for i, raw in enumerate(text.split("\n"))]


_NUM = re.compile(r"^(△|▲|-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")


def parse_number(token: str) -> int | float | None:
    """Parse "67,055" → 67055, "2.50" → 2.5, "△3" → -3; None when it is not a clean number."""
    m = _NUM.match(token)
    if not m:
        return None
    sign = -1 if m.group(1) else 1
    whole = int(m.group(2).replace(",", ""))
    if m.group(3) is None:
        return sign * whole
    return sign * float(f"{whole}.{m.group(3)}")



_OKU_MAN = re.compile(r"(\d+)億(\d{1,3},\d{3}|\d{1,4})万")


def oku_man(text: str) -> str:
    """An amount written with 億 and 万 in one number, in 万 (the unit it ends with): 「3億5,000万円」 → 「35,000万円」,
    「1億500万人」 → 「10,500万人」. An amount in 億 alone (「45億円」) keeps its unit."""
    return _OKU_MAN.sub(lambda m: f"{int(m.group(1)) * 10000 + int(m.group(2).replace(',', '')):,}万", text)

_BREAK_BEFORE = re.compile(r"^([・●○■◆◇※(（]|第\d+期|[^\s、。①-⑳]{1,8}[:：])")


def join_jp(parts: list[str]) -> str:
    """Join wrapped lines: no space between Japanese neighbours, one space between Latin words.

    A line that opens a new item (a bullet, a bracketed label, "第1期", "日時:") starts a new line instead,
    so quoted details stay readable.
    """
    out = ""
    for p in (x.strip() for x in parts):
        if not p:
            continue
        if out and _BREAK_BEFORE.match(p):
            out += "\n"
        elif out and out[-1].isascii() and out[-1].isalnum() and p[0].isascii() and p[0].isalnum():
            out += " "
        out += p
    return out
