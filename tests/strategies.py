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

realistic_text = st.one_of(wrapped_document(), noisy_text, any_text)


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
