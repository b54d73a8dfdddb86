"""Hypothesis strategies that look like the real input, shared by the test modules."""

from __future__ import annotations

from hypothesis import strategies as st

# Any string at all, lone surrogates and control characters included.
any_text = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=300)

HAN = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
    "同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自"
    "二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日"
    "那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变"
    "条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总"
    "次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指"
    "几九区强放决西被干做必战先回则任取据处理府研质世"
)
CJK_PUNCT = "，。、；：？！“”‘’（）《》——……"
LATIN_WORDS = [
    "information",
    "well",
    "known",
    "state",
    "of",
    "the",
    "art",
    "bookkeeper",
    "committee",
    "PDF",
    "OCR",
    "2022",
    "10:30",
    "1,000",
    "http://example.com/a-b",
    "e-mail",
]

han_char = st.sampled_from(HAN)
cjk_sentence = st.builds(
    lambda body, end: body + end,
    st.text(alphabet=st.sampled_from(HAN + "，、“”（）0123456789"), min_size=4, max_size=60),
    st.sampled_from("。！？；：”"),
)
cjk_paragraph = st.lists(cjk_sentence, min_size=1, max_size=5).map("".join)
latin_paragraph = st.lists(st.sampled_from(LATIN_WORDS), min_size=3, max_size=40).map(
    lambda ws: " ".join(ws) + "."
)


@st.composite
def wrapped_document(draw: st.DrawFn) -> str:
    """Clean paragraphs laid out the way the seeds are damaged (hard wraps, indents,
    mid-sentence blank lines, double spacing, leading-space page breaks)."""
    paras = draw(
        st.lists(st.one_of(cjk_paragraph, cjk_paragraph, latin_paragraph), min_size=1, max_size=6)
    )
    width = draw(st.integers(min_value=8, max_value=40))
    para_indent = draw(st.sampled_from(["", "\u3000\u3000", "  "]))
    double = draw(st.booleans())
    lines: list[str] = []
    for p in paras:
        text = para_indent + p
        for i in range(0, len(text), width):
            lines.append(text[i : i + width])
            if draw(st.integers(0, 12)) == 0:
                lines.append("")
            if draw(st.integers(0, 20)) == 0:
                lines.append(" " + "\u3000")
    sep = "\n\n" if double else "\n"
    return sep.join(lines) + draw(st.sampled_from(["", "\n"]))


# Text made of the characters the normalizers care about, in dense random mixtures.
NOISE_ALPHABET = (
    HAN[:40] + CJK_PUNCT + "\u3000 \t\n\n\n\r\f\x00\x85\u2028\u200b\u200c\u200d\ufeff"
    "abcAB-.,:;!?()\"'0123456789０１ＡＢ…—－·|■▲【】第页版下转上接"
    "ÃÂ©â€™¦浣犲ソ"
)
noisy_text = st.text(alphabet=st.sampled_from(NOISE_ALPHABET), max_size=400)
# Short texts over the few characters whose meaning one step changes for another: a
# space that normalize_spacing removes next to a mark, a digit or a dash
# normalize_punctuation or reflow reads differently (``a 。。``, ``中  :``, ``- —、``,
# ``、 1.\n1``, ``。 (1)`` each once broke the chain's idempotence). Short and few characters,
# so the search reaches such corners in a few hundred examples.
SHORT_ALPHABETS = ("a中1。 ，、.…\n:,—-", "中a1 \n“”\"'()（）《!?。，")
short_mixture = st.one_of(
    [st.text(alphabet=st.sampled_from(a), max_size=12) for a in SHORT_ALPHABETS]
)

realistic_text = st.one_of(wrapped_document(), noisy_text, any_text)


# --- added for dedupe_glyphs ---------------------------------------------------------


def _single_runs(text: str) -> int:
    """How many runs of identical characters in ``text`` are one character long."""
    runs: list[int] = []
    for i, c in enumerate(text):
        if i and text[i - 1] == c:
            runs[-1] += 1
        else:
            runs.append(1)
    return runs.count(1)


#: A short Han heading (4-20 characters) that may reduplicate a few characters (常常,
#: 人人, 哈哈哈) but is not itself made of pairs: at least two of its runs of identical
#: characters are single characters.
cjk_heading = (
    st.lists(st.tuples(han_char, st.sampled_from([1, 1, 1, 1, 2, 3])), min_size=4, max_size=20)
    .map(lambda cs: "".join(c * r for c, r in cs)[:20])
    .filter(lambda h: _single_runs(h) >= 2)
)


def repeat_glyphs(text: str, k: int) -> str:
    """``text`` as a PDF with fake-bold type extracts it: every glyph ``k`` times."""
    return "".join(c * k for c in text)


# --- printed pages (added with remove_page_marks) -------------------------------------


@st.composite
def paged_document(draw: st.DrawFn) -> str:
    """Random Chinese/English text laid out in pages with running headers, footers and
    page numbers of many styles (see ``tests/pages.py``)."""
    import random

    from tests.pages import make_document

    seed = draw(st.integers(min_value=0, max_value=2**64))
    return make_document(random.Random(seed)).text


# --- reflow round trip (added by the reflow branch) ------------------------------------


def _cols(ch: str) -> int:
    from cleantext.layout import display_width

    return display_width(ch)


def wrap_paragraph(text: str, width: int, indent: str) -> list[str]:
    """Lay ``text`` out the way a page does: CJK text cut at the column width (in
    display columns), Latin text wrapped greedily at word boundaries; ``indent`` opens
    the first line and counts toward its width."""
    if text.isascii():
        lines: list[str] = []
        line = indent
        for word in text.split(" "):
            if line.strip() and _cols(line) + 1 + _cols(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line.strip() else line + word
        lines.append(line)
        return lines
    lines = []
    line, used = indent, _cols(indent)
    for ch in text:
        w = _cols(ch)
        if used + w > width and line.strip():
            lines.append(line)
            line, used = "", 0
        line += ch
        used += w
    lines.append(line)
    return lines


@st.composite
def reflow_case(
    draw: st.DrawFn, ambiguous: bool = False, script: str = "mixed", min_lines: int = 1
) -> tuple[list[str], str]:
    """``(paragraphs, damaged)``: clean paragraphs, and the same text wrapped at a random
    width with a random paragraph indent, random mid-sentence blank lines (after a line
    that stops mid-sentence, as a column break leaves them), optional double spacing
    and optional blank lines between paragraphs.

    Unless ``ambiguous``, the layout keeps paragraph boundaries recoverable: paragraphs
    are indented or separated by blank lines. With ``ambiguous=True`` they may be
    neither, as in PDF text that lost its indentation (then a paragraph whose last
    line happens to be full cannot be told from the next one). ``script`` is
    ``"cjk"``, ``"latin"`` or ``"mixed"`` (paragraphs of both). A paragraph shorter
    than ``min_lines`` lines is repeated until it fills them.
    """
    from cleantext.charsets import NO_LINE_START

    paras = draw(
        st.lists(
            # A paragraph never opens with a character that cannot start a line.
            {
                "cjk": cjk_paragraph,
                "latin": latin_paragraph,
                "mixed": st.one_of(cjk_paragraph, cjk_paragraph, latin_paragraph),
            }[script]
            .map(lambda p: p.lstrip("".join(NO_LINE_START)))
            .filter(bool),
            min_size=1,
            max_size=6,
        )
    )
    # Columns of 12-40 CJK characters; text with Latin words gets at least 36 columns
    # (narrower columns of words up to 22 letters are not a layout anyone prints).
    width = draw(st.integers(min_value=24 if script == "cjk" else 36, max_value=80))
    para_indent = draw(st.sampled_from(["", "\u3000\u3000", "  "]))
    double = draw(st.booleans())
    separated = draw(st.booleans())
    if not ambiguous and not para_indent:
        separated, double = True, False
    laid: list[tuple[str, bool]] = []  # (line, a blank line may follow it)
    for n, para in enumerate(paras):
        if n and separated and not double:
            laid.append(("", False))
        lines = wrap_paragraph(para, width, para_indent)
        while len(lines) < min_lines:
            paras[n] = f"{paras[n]} {paras[n]}" if para.isascii() else paras[n] * 2
            lines = wrap_paragraph(paras[n], width, para_indent)
        for i, line in enumerate(lines):
            laid.append((line, i + 1 < len(lines) and line[-1:].isalnum()))
            if double:
                laid.append(("", False))
    # Column and page breaks: a few blank lines after lines that stop mid-sentence.
    spots = [i for i, (_, may) in enumerate(laid) if may]
    picked = (
        set(draw(st.lists(st.sampled_from(spots), max_size=len(laid) // 6))) if spots else set()
    )
    out: list[str] = []
    for i, (line, _) in enumerate(laid):
        out.append(line)
        if i in picked:
            out.append("")
    return paras, "\n".join(out) + draw(st.sampled_from(["", "\n"]))


# --- remove_ads (issue 6): article text with one ad block from tests/ads_corpus.py -------

#: Article prose as the seeds have it: clauses of Han from HAN, each with at least one
#: function character (的了是在…, about one in ten characters in real prose), joined by
#: commas and enumeration commas, each sentence ending in a full stop. No digits: the
#: ad's phone numbers and prices must be the only ones around.
article_clause = st.builds(
    lambda a, fn, b: a + fn + b,
    st.text(alphabet=st.sampled_from(HAN), min_size=2, max_size=9),
    st.sampled_from("的了是在和也都就着把这"),
    st.text(alphabet=st.sampled_from(HAN), min_size=1, max_size=8),
)
article_sentence = st.builds(
    lambda clauses, sep, end: sep.join(clauses) + end,
    st.lists(article_clause, min_size=1, max_size=4),
    st.sampled_from("，，，、"),
    st.sampled_from("。。。！？"),
)
article_paragraph = st.lists(article_sentence, min_size=1, max_size=4).map("".join)


@st.composite
def article_with_ad(draw: st.DrawFn) -> tuple[str, str, list[str]]:
    """(text, text without the ad's lines, the ad's lines): one Chinese ad from the corpus
    inserted into random article paragraphs, at the end, between paragraphs or in the
    middle of one, in one-paragraph-per-line or narrow-column wrapped layout."""
    from tests.ads_corpus import ADS, ad_lines, compose

    ad = draw(st.sampled_from([a for a in ADS if a.lang == "zh"]))
    paras = draw(st.lists(article_paragraph, min_size=1, max_size=5))
    form = draw(st.sampled_from(["line", "wrapped"]))
    width = draw(st.integers(min_value=17, max_value=26))
    where = draw(st.integers(min_value=0, max_value=len(paras)))
    split = draw(st.integers(min_value=0, max_value=3)) if form == "wrapped" else 0
    doc = compose(paras, ad, where, form, width, split=split)
    return doc.text, doc.expected, ad_lines(ad, form, width)
