"""A corruption generator: damage clean paragraphs the way real documents are damaged.

Used by the accuracy benchmark (``benchmarks/accuracy.py``), the accuracy floor test and
the trace test. It is deliberately independent of the library: it does not import
``cleantext``, so that the damage it makes is not shaped by the repairs being measured.

Clean material lives in ``fixtures/clean/<split>/``: UTF-8 files with one paragraph per
line, ``zh_*.txt`` (Chinese) or ``en_*.txt`` (English). ``dev`` may be used to tune;
``test`` is held out (see the README, "Accuracy").

Every generated :class:`Sample` is ``(text, truth, layout)`` plus bookkeeping: ``text`` is
the damaged document, ``truth`` the clean paragraphs it was made from (ads, page
furniture, continuation notes, doubled glyphs and wrap hyphens are *not* part of the
truth), and ``noise`` lists the spans of ``text`` that the generator inserted and that a
perfect cleaner removes. White space (wraps, indents, blank lines, OCR spaces) is not
listed: :func:`strip_noise` followed by deleting every white-space character gives the
truth with its white space deleted, which ``tests/test_corruption.py`` checks.

The generator is deterministic: the same ``seed`` gives the same samples in every
process (only ``random.Random(int)`` is used, never ``hash()``).

>>> s = generate(3, seed=1, layouts=("single_line",))
>>> [x.layout for x in s]
['single_line', 'single_line', 'single_line']
>>> all(x.text.replace("\\u3000", "").replace("\\n", "") == "".join(x.truth) for x in s)
True
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLEAN_DIR = ROOT / "fixtures" / "clean"

#: Every layout the generator makes, in the order ``generate`` cycles through them.
LAYOUTS: tuple[str, ...] = (
    "indented_columns",  # CJK column wraps with a 　　 indent (seed 000 style)
    "plain_columns",  # CJK column wraps without indent, blank lines between paragraphs (003)
    "double_spaced",  # every line followed by a blank line; leading-space page breaks (002)
    "single_line",  # no newlines, paragraphs separated by 　　 only (004)
    "doubled_headings",  # headings with every glyph doubled/tripled, one or two lines (000)
    "page_marks",  # page numbers, running headers, \f, continuation notes, width changes
    "ads",  # ad blocks of several trades at the end, between articles, mid-paragraph
    "ocr_spacing",  # spurious spaces around CJK punctuation and digits (003)
    "latin",  # English wrapped at 50-80 with hyphenated wraps, running headers, numbers
    "newspaper",  # everything CJK at once
)

CJK_LAYOUTS = tuple(x for x in LAYOUTS if x != "latin")

# Characters a Chinese typesetter keeps off the start of a line (kinsoku). The generator
# keeps its own list so that it does not share the library's assumptions.
_NO_START = frozenset("，。、；：？！）》」』”’】…·")
_FINAL = frozenset('。！？；：…”’）》」』.!?;:")')
_ZH_PUNCT_BEFORE_SPACE = frozenset("，、。；：")
_IDEO_SPACE = "\u3000"

Cell = tuple[str, str | None]  # (character, noise kind or None)
Line = list[Cell]


@dataclass(frozen=True)
class Document:
    """A clean document: its file name, language (``zh``/``en``) and paragraphs."""

    name: str
    lang: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Sample:
    """One damaged document and the truth it was made from."""

    text: str
    truth: tuple[str, ...]
    layout: str
    source: str
    noise: tuple[tuple[int, int, str], ...] = field(default=())

    @property
    def truth_text(self) -> str:
        """The truth as the chain should print it: one paragraph per line."""
        return "\n".join(self.truth) + "\n"


# -- material -----------------------------------------------------------------------------


def load_material(split: str = "dev", root: Path | None = None) -> list[Document]:
    """The clean documents of ``split`` (``dev``, ``test`` or ``all``), sorted by name."""
    base = root or CLEAN_DIR
    splits = ("dev", "test") if split == "all" else (split,)
    docs: list[Document] = []
    for sp in splits:
        folder = base / sp
        if not folder.is_dir():
            raise FileNotFoundError(f"no clean material in {folder}")
        for path in sorted(folder.glob("*.txt")):
            lang = path.name.split("_", 1)[0]
            if lang not in ("zh", "en"):
                raise ValueError(f"{path}: clean files are named zh_*.txt or en_*.txt")
            text = path.read_text(encoding="utf-8")
            paras = tuple(p for p in text.split("\n") if p.strip(" \t\u3000"))
            docs.append(Document(f"{sp}/{path.name}", lang, paras))
    return docs


def is_heading(p: str) -> bool:
    """A short paragraph without final punctuation: the kind that gets bold type."""
    return 2 <= len(p) <= 32 and p[-1] not in _FINAL and not p.startswith(("——", "（", "("))


# -- building a damaged document ------------------------------------------------------------


def _cells(s: str, kind: str | None = None) -> Line:
    return [(c, kind) for c in s]


def _build(lines: Sequence[Line]) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    out: list[str] = []
    spans: list[list[int | str]] = []
    pos = 0
    for i, line in enumerate(lines):
        if i:
            out.append("\n")
            pos += 1
        for ch, kind in line:
            if kind is not None:
                if spans and spans[-1][1] == pos and spans[-1][2] == kind:
                    spans[-1][1] = pos + 1
                else:
                    spans.append([pos, pos + 1, kind])
            out.append(ch)
            pos += 1
    return "".join(out), tuple((int(a), int(b), str(k)) for a, b, k in spans)


def strip_noise(sample: Sample) -> str:
    """``sample.text`` with every noise span removed (white space is left as it is)."""
    parts: list[str] = []
    pos = 0
    for start, end, _kind in sample.noise:
        parts.append(sample.text[pos:start])
        pos = end
    parts.append(sample.text[pos:])
    return "".join(parts)


def _is_alnum(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _wrap_cjk(
    cells: Line, width: int, first_indent: str, kinsoku: bool, rng: random.Random
) -> list[Line]:
    """Cut one paragraph into lines of ``width`` characters (indent included)."""
    lines: list[Line] = []
    i, n = 0, len(cells)
    first = True
    while i < n:
        cap = width - (len(first_indent) if first else 0)
        j = min(n, i + max(cap, 4))
        if j < n:
            # A typesetter does not break inside a Latin word or a number.
            if _is_alnum(cells[j - 1][0]) and _is_alnum(cells[j][0]):
                k = j
                while k > i and _is_alnum(cells[k - 1][0]):
                    k -= 1
                if k > i:
                    j = k
            # A space between two Chinese words (``第一条 为规范``) is content that a
            # line break would swallow without a trace: keep it inside a line. Only a
            # space between two Latin words may become the line break.
            while (
                j - 1 > i
                and (cells[j][0] == " " or cells[j - 1][0] == " ")
                and not (_is_alnum(cells[j - 1][0]) and j + 1 < n and _is_alnum(cells[j + 1][0]))
            ):
                j -= 1
            if kinsoku and cells[j][0] in _NO_START:
                j += 1  # hang the punctuation at the line end
        line = cells[i:j]
        while line and line[-1][0] == " " and line[-1][1] is None:
            line = line[:-1]  # the space at a Latin break becomes the line break
        if first and first_indent:
            line = _cells(first_indent) + line
        lines.append(line)
        i = j
        while i < n and cells[i][0] == " " and cells[i][1] is None:
            i += 1
        first = False
    return lines


def _wrap_latin(words: list[str], width: int, first_indent: str, rng: random.Random) -> list[Line]:
    """Greedy word wrap; long words are hyphenated at the break (the hyphen is noise).

    A compound with its own hyphen (``well-known``) may break after that hyphen, which
    then stays part of the truth.
    """
    lines: list[Line] = []
    line: Line = _cells(first_indent)
    base = len(first_indent)
    for word in words:
        rest = word
        while rest:
            has_words = len(line) > base
            sep = 1 if has_words else 0
            if len(line) + sep + len(rest) <= width:
                if sep:
                    line.append((" ", None))
                line += _cells(rest)
                rest = ""
                break
            room = width - len(line) - sep
            cut, hyphen_noise = 0, False
            for h in range(len(rest) - 2, 1, -1):
                if rest[h] == "-" and h + 1 <= room:
                    cut = h + 1
                    break
            core = rest.rstrip(".,;:!?)\"'")
            if not cut and core.isalpha() and len(core) >= 7 and rng.random() < 0.75:
                hi = min(len(core) - 3, room - 1)
                if hi >= 3:
                    cut = rng.randint(3, hi)
                    hyphen_noise = True
            if cut:
                if sep:
                    line.append((" ", None))
                line += _cells(rest[:cut])
                if hyphen_noise:
                    line.append(("-", "hyphen"))
                rest = rest[cut:]
            elif not has_words:  # longer than a whole line: it overflows
                line += _cells(rest)
                rest = ""
            lines.append(line)
            line, base = [], 0
    if len(line) > base:
        lines.append(line)
    return lines


def _double(text: str, rng: random.Random) -> list[Line]:
    """Every glyph drawn 2 (sometimes 3) times, one group per original character.

    Punctuation is sometimes drawn only once (``「字字节节」``, pdf-inspector #313).
    """
    k = 3 if rng.random() < 0.2 else 2
    punct_single = rng.random() < 0.5
    groups: list[Line] = []
    for c in text:
        group: Line = [(c, None)]
        if c != " " and not (punct_single and not c.isalnum()):
            group += [(c, "doubled-glyph")] * (k - 1)
        groups.append(group)
    return groups


def _ocr_space(p: str, rng: random.Random, rate: float) -> Line:
    """Spurious spaces before CJK punctuation and around digits next to Han."""
    out: Line = []
    n = len(p)
    for i, c in enumerate(p):
        prev = p[i - 1] if i else ""
        if 0 < i < n - 1 and prev != " " and c != " ":
            digit_edge = (c.isascii() and c.isdigit() and not prev.isascii()) or (
                prev.isascii() and prev.isdigit() and not c.isascii()
            )
            if (
                (c in _ZH_PUNCT_BEFORE_SPACE and rng.random() < rate)
                or (c == "“" and rng.random() < rate)
                or (digit_edge and rng.random() < 3 * rate)
                or (prev in "。，" and rng.random() < rate / 2)
            ):
                out.append((" ", None))
        out.append((c, None))
    return out


# -- page furniture, continuation notes, ads ------------------------------------------------

_WEEKDAYS = "一二三四五六日"
_PAPERS = ("人民日报", "光明日报", "经济日报", "青海日报", "南方日报", "城市晚报")
_JOURNALS = ("党建研究", "中国电力教育", "计算机工程与应用", "城市规划学刊")


def _zh_page_style(rng: random.Random) -> tuple[str, str | None, bool, bool]:
    """(footer format, header format or None, form feed?, blank lines around?)."""
    footers = (
        "— {p} —",
        "- {p} -",
        "第{p}页",
        "第 {p} 页 共 {total} 页",
        "{p}",
        "·{p}·",
        "{p}/{total}",
    )
    y, m, d = rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28)
    headers = (
        None,
        f"{rng.choice(_PAPERS)} {y}年{m}月{d}日 星期{rng.choice(_WEEKDAYS)}",
        f"{rng.choice(_JOURNALS)}  {y}年第{rng.randint(1, 12)}期",
        f"{rng.choice(_PAPERS)}  第{{p}}版",
        "专题报道",
    )
    return rng.choice(footers), rng.choice(headers), rng.random() < 0.4, rng.random() < 0.6


def _en_page_style(rng: random.Random) -> tuple[str, str | None, bool, bool]:
    footers = ("{p}", "- {p} -", "Page {p}", "Page {p} of {total}", "[{p}]", "— {p} —")
    headers = (
        None,
        "ANNUAL REPORT {y}".replace("{y}", str(rng.randint(2001, 2024))),
        f"Journal of Coastal Studies, Vol. {rng.randint(3, 40)}, No. {rng.randint(1, 4)}",
        "{p}    Regional Services Review",
        "Working Paper Series",
    )
    return rng.choice(footers), rng.choice(headers), rng.random() < 0.4, rng.random() < 0.6


def _page_block(
    style: tuple[str, str | None, bool, bool], page: int, total: int, lead_space: bool = False
) -> list[Line]:
    footer, header, ff, blanks = style
    lines: list[Line] = []
    if blanks:
        lines.append([])
    lines.append(_cells(footer.format(p=page, total=total), "page-number"))
    if ff:
        lines.append(_cells("\f", "page-break"))
    if header is not None:
        lines.append(_cells(header.format(p=page + 1, total=total), "running-header"))
    if blanks:
        lines.append([])
    return lines


def _phone(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return f"0{rng.randint(100, 999)}-{rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    if kind == 1:
        return f"400-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}"
    if kind == 2:
        mobile = f"1{rng.choice('3589')}{rng.randint(0, 9)}"
        return f"{mobile} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"
    return f"(0{rng.randint(10, 99)}){rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"


def _addr(rng: random.Random) -> str:
    road = rng.choice(("建设大道", "人民路", "滨江路", "中山北路", "开发区创业大道"))
    return f"{rng.choice(('通辽市', '柳州市', '绵阳市', '宜昌市'))}{road}{rng.randint(1, 399)}号"


def _ad_lines(trade: str, rng: random.Random) -> list[str]:
    y, n = rng.randint(2012, 2024), rng.randint(10, 999)
    phone = _phone(rng)
    if trade == "property":
        zh, en = rng.choice(
            (("锦绣华庭", "JINXIU GARDEN"), ("滨江壹号", "RIVERSIDE NO.1"), ("云栖湾", "CLOUD BAY"))
        )
        return [
            "■广告",
            f"({y}) 房预售证第{n}-{n + rng.randint(5, 40)}号",
            f"【现房 {rng.randint(40, 90)}-{rng.randint(100, 160)}m²】",
            zh,
            en,
            "宜居·宜商·宜投资",
            "精装公寓 拎包入住",
            f"销售 | {phone}",
            f" 接待中心：{_addr(rng)}",
            "本广告仅为要约邀请，不作为合同附件，买卖双方权利义务以双方签署的合同为准。",
        ]
    if trade == "education":
        school = rng.choice(("启明教育", "博学培训学校", "新思维学堂"))
        return [
            "■ 招生简章",
            f"{school}{y}年春季班火热报名中",
            "小班授课 · 名师辅导 · 提分保障",
            "初高中数理化 一对一 / 3-6人小班",
            f"报名热线：{phone}",
            f"地址：{_addr(rng)}",
            f"办学许可证号：教民{rng.randint(10**10, 10**11)}号",
        ]
    if trade == "medical":
        hosp = rng.choice(("仁和骨科医院", "康达中医门诊部", "华夏耳鼻喉医院"))
        return [
            "【健康提示】",
            hosp,
            "专治：颈肩腰腿痛 风湿骨病 关节炎",
            "医保定点 · 专家坐诊 · 无需排队",
            f"预约电话：{phone}",
            f"医疗广告审查证明文号：（{rng.choice('川鄂桂蒙')}）医广【{y}】第{n}号",
            f"地址：{_addr(rng)}",
        ]
    if trade == "retail":
        store = rng.choice(("万佳超市", "百盛家电城", "优品生活馆"))
        m, d = rng.randint(1, 12), rng.randint(1, 20)
        return [
            f"{store}开业大酬宾",
            "全场满300减100 · 会员日双倍积分",
            f"活动时间：{m}月{d}日—{m}月{d + 7}日",
            f"地址：{_addr(rng)}",
            f"咨询热线：{phone}",
            "*活动最终解释权归本店所有",
        ]
    if trade == "recruitment":
        company = rng.choice(("宏远物流有限公司", "鑫达机械制造厂", "蓝海科技股份有限公司"))
        return [
            "招  聘",
            f"{company}因业务发展需要，诚聘：",
            f"1.销售经理 {rng.randint(2, 5)}名 月薪8000-15000元",
            "2.会计 1名 持证上岗",
            "3.普工 若干 包吃住",
            f"联系人：{rng.choice('王李张刘陈')}先生 {phone}",
            f"简历投递：hr{rng.randint(1, 99)}@example.com",
        ]
    raise ValueError(trade)


AD_TRADES = ("property", "education", "medical", "retail", "recruitment")


def _ad_block(rng: random.Random) -> list[Line]:
    trade = rng.choice(AD_TRADES)
    lines: list[Line] = [[]]
    for text in _ad_lines(trade, rng):
        lead = len(text) - len(text.lstrip(" "))
        lines.append(_cells(text[:lead]) + _cells(text[lead:], f"ad-{trade}"))
        if rng.random() < 0.5:
            lines.append([])
    lines.append([])
    return lines


# -- layouts ------------------------------------------------------------------------------


def _pick(
    docs: Sequence[Document], rng: random.Random, budget: int, need_heading: bool
) -> tuple[Document, list[str]]:
    """A run of consecutive paragraphs of about ``budget`` characters (at least 3)."""
    pool = [d for d in docs if not need_heading or any(is_heading(p) for p in d.paragraphs)]
    doc = rng.choice(pool)
    paras = doc.paragraphs
    if need_heading:
        starts = [i for i, p in enumerate(paras) if is_heading(p)]
        start = max(0, rng.choice(starts) - rng.randint(0, 2))
    else:
        start = rng.randrange(len(paras))
    end = start
    total = 0
    while end < len(paras) and (total < budget or end - start < 3):
        total += len(paras[end])
        end += 1
    while start > 0 and (total < budget // 2 or end - start < 3):
        start -= 1
        total += len(paras[start])
    return doc, list(paras[start:end])


def _cjk_sample(layout: str, docs: Sequence[Document], rng: random.Random) -> Sample:
    need_heading = layout in ("doubled_headings", "newspaper")
    budget = rng.randint(1000, 2400) if layout == "ads" else rng.randint(600, 1600)
    doc, truth = _pick(docs, rng, budget, need_heading)
    if layout == "single_line":
        parts: Line = []
        for i, p in enumerate(truth):
            if i or rng.random() < 0.5:
                parts += _cells(_IDEO_SPACE * 2)
            parts += _cells(p)
        lines = [parts] + ([[]] if rng.random() < 0.5 else [])
        text, noise = _build(lines)
        return Sample(text, tuple(truth), layout, doc.name, noise)

    width = rng.randint(12, 40) if layout != "double_spaced" else rng.randint(18, 32)
    indented = layout in ("indented_columns", "newspaper") or (
        layout in ("doubled_headings", "page_marks", "ads") and rng.random() < 0.5
    )
    if layout in ("plain_columns", "ocr_spacing", "double_spaced"):
        indented = False
    blank_between = layout != "double_spaced" and (not indented or rng.random() < 0.3)
    if layout == "plain_columns" and rng.random() < 0.25:
        blank_between = False  # paragraph ends shown only by short lines
    kinsoku = rng.random() < 0.6
    mid_blank = {"indented_columns": 0.04, "plain_columns": 0.03, "newspaper": 0.05}.get(
        layout, 0.01
    )
    if layout == "double_spaced":
        mid_blank = 0.0
    ocr_rate = {"ocr_spacing": 0.12, "newspaper": 0.03}.get(layout, 0.0)
    double_headings = layout in ("doubled_headings", "newspaper")
    width_changes = layout in ("page_marks", "newspaper")

    # 1. Paragraphs -> lines (a paragraph is a list of lines; blank lines are [])
    blocks: list[list[Line]] = []
    for p in truth:
        if width_changes and blocks and rng.random() < 0.12:
            width = rng.randint(12, 40)
        if double_headings and is_heading(p):
            groups = _double(p, rng)
            if rng.random() < 0.4 and len(groups) >= 6:
                # split over two lines with a blank line between (seed 000 lines 422-424)
                cut = rng.randint(2, len(groups) - 2)
                first = [c for g in groups[:cut] for c in g]
                second = [c for g in groups[cut:] for c in g]
                blocks.append([first, [], second])
            else:
                blocks.append([[c for g in groups for c in g]])
            continue
        cells = _ocr_space(p, rng, ocr_rate) if ocr_rate else _cells(p)
        lead = _IDEO_SPACE * 2 if indented else ""
        if indented and rng.random() < 0.05:
            lead = " " + lead  # a stray ASCII space before the indent (seed 000 line 1)
        wrapped = _wrap_cjk(cells, width, lead, kinsoku, rng)
        if ocr_rate and rng.random() < 0.3:
            wrapped[-1] = [*wrapped[-1], (" ", None)]  # "。 " at a line end
        block: list[Line] = []
        for k, line in enumerate(wrapped):
            block.append(line)
            if k < len(wrapped) - 1 and rng.random() < mid_blank:
                block.append([])
        blocks.append(block)

    # 2. Blocks -> lines, with paragraph separation, page breaks, ads, notes
    lines: list[Line] = []
    page_len = rng.randint(10, 28)
    page = rng.randint(1, 40)
    total = page + 30
    style = _zh_page_style(rng)
    pages = layout in ("page_marks", "newspaper")
    notes = layout in ("page_marks", "newspaper") and rng.random() < 0.7
    ads = layout == "ads" or (layout == "newspaper" and rng.random() < 0.35)
    place = rng.choice(("end", "end", "between", "middle")) if ads else ""
    ad_mid_para = place == "middle"  # inside a paragraph, between two of its lines
    ad_between = place == "between"  # between two paragraphs (articles)
    extra_end_ad = ads and place != "end" and rng.random() < 0.2
    since_page = 0
    ad_slot = rng.randrange(max(1, len(blocks) - 1))
    for bi, block in enumerate(blocks):
        if bi and blank_between:
            lines.append([])
        for li, line in enumerate(block):
            if layout == "double_spaced":
                since_page += 1
                if since_page >= page_len and lines:
                    since_page = 0
                    if rng.random() < 0.4:
                        lines += [_cells(str(page), "page-number"), []]
                        page += 1
                    # a page break: the next line starts with one ASCII space
                    lines.append([(" ", None), *line])
                else:
                    lines.append(line)
                lines.append([])
                continue
            if pages and line:
                since_page += 1
                if since_page >= page_len:
                    since_page = 0
                    if notes and rng.random() < 0.5 and lines and lines[-1]:
                        note = f"（下转{rng.randint(2, 16)}版）"
                        lines[-1] = (
                            lines[-1]
                            + _cells(" " * rng.randint(0, 6))
                            + _cells(note, "continuation")
                        )
                    lines += _page_block(style, page, total)
                    page += 1
            if ad_mid_para and bi == ad_slot and li == len(block) // 2 and li:
                lines += _ad_block(rng)
                ad_mid_para = False
            lines.append(line)
        if ad_between and bi == ad_slot and bi < len(blocks) - 1:
            lines += _ad_block(rng)
            ad_between = False
    if notes and rng.random() < 0.6:
        note = f"（下转{rng.randint(2, 16)}版）"
        lines[-1] = lines[-1] + _cells(" " * rng.randint(2, 6)) + _cells(note, "continuation")
    if place == "end" or extra_end_ad or ad_between or ad_mid_para:
        lines += _ad_block(rng)
    if pages and rng.random() < 0.5:
        lines += _page_block(style, page, total)[:-1]
    lines.append([])  # final newline
    text, noise = _build(lines)
    return Sample(text, tuple(truth), layout, doc.name, noise)


def _latin_sample(docs: Sequence[Document], rng: random.Random) -> Sample:
    doc, truth = _pick(docs, rng, rng.randint(1200, 2600), False)
    width = rng.randint(50, 80)
    sep = rng.choice(("blank", "blank", "indent", "indent", "none"))
    indent = " " * rng.randint(2, 5)  # one paragraph indent per document
    style = _en_page_style(rng)
    page_len = rng.randint(14, 40)
    page = rng.randint(1, 300)
    lines: list[Line] = []
    since_page = 0
    for bi, p in enumerate(truth):
        if bi and sep == "blank":
            lines.append([])
        lead = indent if sep == "indent" else ""
        for line in _wrap_latin(p.split(" "), width, lead, rng):
            since_page += 1
            if since_page >= page_len:
                since_page = 0
                lines += _page_block(style, page, page + 50)
                page += 1
            lines.append(line)
    lines.append([])
    text, noise = _build(lines)
    return Sample(text, tuple(truth), "latin", doc.name, noise)


def make_sample(layout: str, docs: Sequence[Document], rng: random.Random) -> Sample:
    """One damaged sample of ``layout`` from the documents ``docs``."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; known: {', '.join(LAYOUTS)}")
    if layout == "latin":
        en = [d for d in docs if d.lang == "en"]
        if not en:
            raise ValueError("no English material for the latin layout")
        return _latin_sample(en, rng)
    zh = [d for d in docs if d.lang == "zh"]
    if not zh:
        raise ValueError("no Chinese material")
    return _cjk_sample(layout, zh, rng)


def generate(
    n: int,
    seed: int = 0,
    layouts: Iterable[str] | None = None,
    split: str = "test",
    docs: Sequence[Document] | None = None,
) -> list[Sample]:
    """``n`` samples cycling through ``layouts`` (all by default), from clean ``split``.

    Deterministic: sample ``i`` depends only on ``seed``, ``i``, its layout and the
    material, never on the process or ``PYTHONHASHSEED``.
    """
    chosen = tuple(layouts) if layouts is not None else LAYOUTS
    if not chosen:
        raise ValueError("no layouts given")
    material = list(docs) if docs is not None else load_material(split)
    samples = []
    for i in range(n):
        layout = chosen[i % len(chosen)]
        rng = random.Random(seed * 1_000_003 + i)
        samples.append(make_sample(layout, material, rng))
    return samples
