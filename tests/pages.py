"""Synthetic printed pages: random text laid out with headers, footers and page numbers.

:func:`make_document` flows random paragraphs (Chinese and English) into pages and
decorates every page the way printed books, newspapers and reports are: running
headers (a constant title, a title with the page number in it, alternating even/odd
titles, a newspaper name and date), footers, and page numbers in one of many styles,
at the top or the bottom; pages are separated by a form feed, by a run of blank lines
or by nothing, and the whole is single- or double-spaced. It returns the lines and,
for each, whether it is furniture (what ``remove_page_marks`` must remove).

Every document carries at least one kind of page evidence that the step documents
(form feeds, a blank run between pages, or page numbers), and has at least three pages
(six when headers alternate), because a header seen once or twice is, by design, not a
header — except that a document may have only two pages when each page number stands
right before a repeat of the header (numbers at the top, a header on every page): that
pairing is evidence enough. The body never contains a line that is just a small number:
lone content numbers are covered by the before/after tables of ``test_pagemarks.py``.

:func:`damage` makes a harder copy (lines lost, distractors added). Measure precision
and recall over many documents, clean and damaged, with::

    python -m tests.pages 300
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field

HAN = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
    "同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自"
    "二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日"
    "那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气向道命此变"
)
WORDS = [
    "the",
    "of",
    "and",
    "a",
    "to",
    "in",
    "is",
    "was",
    "that",
    "for",
    "it",
    "with",
    "as",
    "his",
    "on",
    "be",
    "at",
    "by",
    "had",
    "not",
    "are",
    "but",
    "from",
    "or",
    "have",
    "an",
    "they",
    "which",
    "one",
    "you",
    "were",
    "her",
    "all",
    "she",
    "there",
    "would",
    "their",
    "we",
    "him",
    "been",
    "has",
    "when",
    "who",
    "will",
    "more",
    "no",
    "if",
    "out",
    "so",
    "said",
    "what",
    "up",
    "its",
    "about",
    "into",
    "than",
    "them",
    "can",
    "only",
    "other",
    "new",
    "some",
    "could",
    "time",
    "these",
    "two",
    "may",
    "then",
    "do",
    "first",
    "any",
    "my",
    "now",
    "such",
    "like",
    "our",
    "over",
    "man",
    "me",
    "even",
    "most",
    "made",
    "after",
    "also",
    "did",
    "many",
    "before",
    "must",
    "through",
    "back",
    "years",
    "where",
]
STYLES = [
    "bare",
    "dash",
    "emdash",
    "dot",
    "ye",
    "ban",
    "slash",
    "page",
    "p",
    "of",
    "pageof",
    "roman",
    "fullwidth",
    "bracketed",
]
WEAK_STYLES = {"bare", "slash", "of", "roman", "fullwidth", "bracketed"}
_FW = str.maketrans("0123456789", "０１２３４５６７８９")


def _roman(n: int) -> str:
    out = []
    for value, letters in (
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def page_number(style: str, n: int, total: int) -> str:
    """Page ``n`` of ``total`` printed in ``style``."""
    return {
        "bare": str(n),
        "dash": f"- {n} -",
        "emdash": f"— {n} —",
        "dot": f"·{n}·",
        "ye": f"第{n}页",
        "ban": f"第{n}版",
        "slash": f"{n}/{total}",
        "page": f"Page {n}",
        "p": f"p. {n}",
        "of": f"{n} of {total}",
        "pageof": f"Page {n} of {total}",
        "roman": _roman(n),
        "fullwidth": str(n).translate(_FW),
        "bracketed": f"[{n}]",
    }[style]


def _han(rng: random.Random, a: int, b: int) -> str:
    return "".join(rng.choice(HAN) for _ in range(rng.randint(a, b)))


def cjk_paragraph(rng: random.Random) -> str:
    """A paragraph of Chinese-looking sentences, with numbers and datelines in it."""
    sentences = []
    for _ in range(rng.randint(1, 5)):
        s = _han(rng, 6, 30)
        roll = rng.random()
        if roll < 0.15:
            s += f"{rng.randint(1990, 2030)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
        elif roll < 0.3:
            s += f"{rng.randint(2, 99)}个" + _han(rng, 2, 6)
        s += rng.choice("。。。，；！？")
        sentences.append(s)
    para = "".join(sentences)
    if para[-1] not in "。！？":
        para += "。"
    roll = rng.random()
    if roll < 0.1:
        para += "（新华社北京10月10日电）"
    elif roll < 0.2:
        para += f"（记者 {_han(rng, 2, 3)}）"
    return para


def latin_paragraph(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 60))]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), str(rng.randint(1, 2030)))
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def wrap(para: str, width: int, latin: bool, indent: str) -> list[str]:
    """Hard-wrap a paragraph the way a page layout does."""
    if not latin:
        text = indent + para
        return [text[i : i + width] for i in range(0, len(text), width)]
    lines: list[str] = []
    current = indent.rstrip("\u3000")
    for word in para.split(" "):
        if current.strip() and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current.strip() else current + word
    if current.strip():
        lines.append(current)
    return lines


# Content lines that must survive even at a page edge.
def content_line(rng: random.Random) -> str:
    return rng.choice(
        [
            "2019  2020  2021",
            str(rng.randint(1990, 2030)),
            f"{rng.randint(1, 9)}. {_han(rng, 4, 12)}",
            f"一、{_han(rng, 4, 12)}",
            "（据新华社电）",
            f"（记者 {_han(rng, 2, 3)}）",
            f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
        ]
    )


@dataclass
class Document:
    """Lines of a laid-out document and, for each line, whether it is page furniture."""

    lines: list[str] = field(default_factory=list)
    furniture: list[bool] = field(default_factory=list)
    description: str = ""

    def add(self, line: str, furniture: bool = False) -> None:
        self.lines.append(line)
        self.furniture.append(furniture)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def body(self) -> list[str]:
        """The non-blank lines that are not furniture, in order."""
        return [
            x
            for x, f in zip(self.lines, self.furniture, strict=True)
            if not f and x.strip(" \u3000")
        ]


def make_document(rng: random.Random) -> Document:
    """A random document of pages (see the module docstring)."""
    latin_share = rng.choice([0.0, 0.0, 0.3, 1.0])
    width = rng.randint(14, 30)
    latin_width = rng.randint(40, 72)
    per_page = rng.randint(8, 30)
    pages = rng.randint(3, 8)
    sep = rng.choice(["ff", "ff", "blank", "none"])
    double = rng.random() < 0.3
    style = rng.choice([*STYLES, None])
    position = rng.choice(["top", "bottom"])
    if sep == "none" and style is None:
        style = rng.choice(STYLES)
    header_style = rng.choice([None, "title", "title+number", "newspaper", "alternate", "footer"])
    if header_style == "alternate" and pages < 6:
        pages = 6
    if (
        style is not None
        and position == "top"
        and header_style in ("title", "title+number", "newspaper")
        and rng.random() < 0.3
    ):
        pages = 2  # each page number stands right before a repeat of the header
    first = 1 if style == "roman" else rng.choice([1, 1, 2, 5, 17, 123])
    total = first + pages - 1
    title = _han(rng, 2, 8) + rng.choice(["日报", "报", "学报", "杂志", ""])
    latin_title = " ".join(rng.choice(WORDS).upper() for _ in range(rng.randint(2, 5)))
    chapter = _han(rng, 3, 10)
    two_line = rng.random() < 0.5
    date = f"{rng.randint(1990, 2030)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日 星期二"

    # The body: wrapped paragraphs with a few content lines between them.
    body: list[str] = []
    while len(body) < per_page * pages:
        if rng.random() < 0.08:
            body.append(content_line(rng))
            continue
        latin = rng.random() < latin_share
        para = latin_paragraph(rng) if latin else cjk_paragraph(rng)
        indent = rng.choice(["", "\u3000\u3000"])
        body.extend(wrap(para, latin_width if latin else width, latin, indent))

    doc = Document(
        description=f"pages={pages} sep={sep} double={double} style={style}@{position} "
        f"header={header_style} per_page={per_page}"
    )

    def emit(line: str, furniture: bool = False) -> None:
        doc.add(line, furniture)
        if double:
            doc.add("")

    for p in range(pages):
        n = first + p
        if p:
            if sep == "ff":
                doc.add("\f", True)
            elif sep == "blank":
                for _ in range(rng.randint(2, 3)):
                    doc.add("")
        number = page_number(style, n, total) if style else None
        top: list[str] = []
        bottom: list[str] = []
        if header_style == "title":
            top.append(title)
        elif header_style == "title+number":
            top.append(f"{title} 第{n}版")
        elif header_style == "newspaper":
            top.extend([title, date] if two_line else [f"{title}  {date}"])
        elif header_style == "alternate":
            top.append(latin_title if n % 2 == 0 else chapter)
        elif header_style == "footer":
            bottom.append(latin_title)
        if number is not None:
            (top if position == "top" else bottom).insert(
                0 if position == "top" else len(bottom), number
            )
        for line in top:
            emit(line, True)
        if top and not double and rng.random() < 0.3:
            doc.add("")
        for line in body[p * per_page : (p + 1) * per_page]:
            emit(line)
        if bottom and not double and rng.random() < 0.3:
            doc.add("")
        for line in bottom:
            emit(line, True)
    if doc.lines and doc.lines[-1] == "" and rng.random() < 0.5:
        doc.lines.pop()
        doc.furniture.pop()
    return doc


def damage(doc: Document, rng: random.Random) -> Document:
    """A harder copy of ``doc``: a few lines lost (furniture too), and distractors added
    in the body — a lone small number between blank lines, a one-off heading at the top
    of a page, a short line that occurs twice — which must all stay."""
    out = Document(description=doc.description + " damaged")
    ff_seen = False
    for line, furniture in zip(doc.lines, doc.furniture, strict=True):
        if rng.random() < 0.03:
            continue
        if line == "\f":
            ff_seen = True
        elif ff_seen and not furniture and line and rng.random() < 0.2:
            out.add(f"{rng.choice('一二三四五')}、{_han(rng, 4, 10)}")  # a one-off heading
            ff_seen = False
        elif not furniture and line and rng.random() < 0.01:
            out.add("")
            out.add(str(rng.randint(1, 9)))  # a numbered heading, or a figure
            out.add("")
        elif not furniture and line and rng.random() < 0.01:
            out.add("同志们：")
        out.add(line, furniture)
    return out


def removed_lines(text: str) -> set[int]:
    """0-based indices of the lines of ``text`` that remove_page_marks removes whole."""
    from cleantext.normalizers.pagemarks import RemovePageMarks

    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    out: set[int] = set()
    for e in RemovePageMarks().edits(text):
        if e.kind == "continuation-note" and "\n" not in e.old:
            continue
        # The edit covers one whole line and one line break (before or after it).
        a = e.start + 1 if e.old.startswith("\n") else e.start
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= a:
                lo = mid
            else:
                hi = mid - 1
        out.add(lo)
    return out


def measure(count: int, seed: int = 0, damaged: bool = False) -> tuple[int, int, int]:
    """True positives, false positives and false negatives over ``count`` documents."""
    tp = fp = fn = 0
    for k in range(count):
        rng = random.Random(seed + k)
        doc = make_document(rng)
        if damaged:
            doc = damage(doc, rng)
        got = removed_lines(doc.text)
        want = {i for i, f in enumerate(doc.furniture) if f}
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
    return tp, fp, fn


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    for damaged in (False, True):
        tp, fp, fn = measure(n, damaged=damaged)
        print(f"{'damaged' if damaged else 'clean'}: documents={n} furniture_lines={tp + fn}")
        print(f"  tp={tp} fp={fp} fn={fn}")
        print(f"  precision={tp / max(1, tp + fp):.4f} recall={tp / max(1, tp + fn):.4f}")
