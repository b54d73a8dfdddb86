"""Line-wrap repair: join the lines a page layout broke back into paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..charsets import CJK_LETTER_CLASS, CJK_PUNCT_CLASS, NO_LINE_START
from ..layout import content, estimate_wrap_width, indent, is_blank, line_spans
from ..normalizer import Edit, Normalizer
from ..registry import register

_CJK_EDGE = re.compile(f"[{CJK_LETTER_CLASS}{CJK_PUNCT_CLASS}]")
_HYPHENATED = re.compile(r"[A-Za-z]-\Z")


def _starts_paragraph(line: str) -> bool:
    """An indented line (two or more spaces, or an ideographic space) opens a paragraph."""
    lead = indent(line)
    return "\u3000" in lead or len(lead) >= 2 or "\t" in lead


@register
@dataclass(frozen=True)
class Reflow(Normalizer):
    """Join lines broken by a page layout into one paragraph per line.

    Changes: estimates the document's wrap width; a line that reaches it continues
    into the next non-blank line (blank lines between them are dropped); CJK lines are
    joined with no space, Latin lines with one space. Paragraphs come out one per line,
    without indentation (``blank_lines``/``indent`` change that).

    Never touches: any non-space character; a text with no consistent wrap width has
    only its blank lines and indentation normalized.

    >>> wrapped = ("　　这是一个被排版\\n切断的句子，它应\\n该被重新连接起来\\n"
    ...            "，不能留下换行。\\n　　第二段很短。\\n")
    >>> print(Reflow()(wrapped), end="")
    这是一个被排版切断的句子，它应该被重新连接起来，不能留下换行。
    第二段很短。
    """

    name = "reflow"
    order = 60
    default = True
    shorthands = {"blank_lines": "blank_lines", "indent": "indent"}  # noqa: RUF012

    blank_lines: bool = False
    indent: bool = False
    lang: Literal["auto", "cjk", "latin"] = "auto"

    def edits(self, text: str) -> list[Edit]:
        spans = [(s, e, line) for s, e, line in line_spans(text) if not is_blank(line)]
        if not spans:
            return []
        width = estimate_wrap_width([len(line.rstrip()) for _, _, line in spans])
        para_sep = "\n\n" if self.blank_lines else "\n"
        lead = "\u3000\u3000" if self.indent else ""
        edits: list[Edit] = []

        def gap(start: int, end: int, new: str, kind: str) -> None:
            old = text[start:end]
            if old != new:
                edits.append(Edit(start, end, old, new, kind))

        prev_end = 0
        prev_line = ""
        for i, (s, _e, line) in enumerate(spans):
            body = content(line)
            c_start = s + len(indent(line))
            if i == 0:
                gap(0, c_start, lead, "indent")
            else:
                joined = (
                    width is not None
                    and (len(prev_line.rstrip()) >= width - 2 or body[:1] in NO_LINE_START)
                    and not _starts_paragraph(line)
                )
                if joined:
                    prev_body = content(prev_line)
                    cjk = bool(_CJK_EDGE.match(prev_body[-1:]) or _CJK_EDGE.match(body[:1]))
                    if self.lang == "latin":
                        cjk = False
                    gap(prev_end, c_start, "" if cjk else " ", "join")
                else:
                    gap(prev_end, c_start, para_sep + lead, "paragraph")
            prev_end = c_start + len(body)
            prev_line = line
        gap(prev_end, len(text), "\n" if text.endswith("\n") else "", "end")
        return edits
