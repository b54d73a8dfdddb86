"""Measure the reflow round trip: the share of generated documents restored exactly.

Run from the repository root: ``python -m tests.reflow_roundtrip_stats [N]``.
For each kind of document (CJK, Latin, mixed; with paragraph boundaries marked by
indentation or blank lines, or — "ambiguous" — possibly by neither), N examples from
:func:`tests.strategies.reflow_case` are wrapped and reflowed; the script prints the
share of documents whose paragraphs come back exactly, the share of paragraphs found
intact, the same exact share among the documents that show their wrap width (the
precondition of ``test_round_trip``: at least three lines, and a third of all, stop
on a letter), and the accuracy issue's measures: mean character error rate
(Levenshtein distance / length, paragraphs joined by newlines) and mean exact-paragraph
F1. Needs ``rapidfuzz`` (the ``bench`` extra). Not a test: it asserts nothing
(``tests/test_reflow.py`` does).
"""

from __future__ import annotations

import sys
from collections import Counter


def measure(n: int, script: str, ambiguous: bool, min_lines: int) -> dict[str, float]:
    from hypothesis import HealthCheck, given, settings
    from rapidfuzz.distance import Levenshtein

    from cleantext.normalizers.reflow import Reflow
    from tests.strategies import reflow_case

    reflow = Reflow()
    res = {"docs": 0, "exact": 0, "paras": 0, "intact": 0, "shown": 0, "shown_exact": 0}
    cer: list[float] = []
    f1: list[float] = []

    @settings(max_examples=n, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(case=reflow_case(ambiguous=ambiguous, script=script, min_lines=min_lines))
    def run(case: tuple[list[str], str]) -> None:
        paras, text = case
        out = reflow(text)
        got = (out[:-1] if text.endswith("\n") else out).split("\n")
        res["docs"] += 1
        res["exact"] += got == paras
        res["paras"] += len(paras)
        found = set(got)
        res["intact"] += sum(p in found for p in paras)
        truth = "\n".join(paras)
        cer.append(Levenshtein.distance("\n".join(got), truth) / max(1, len(truth)))
        common = sum((Counter(got) & Counter(paras)).values())
        f1.append(2 * common / (len(got) + len(paras)))
        # The precondition of tests/test_reflow.py::test_round_trip: the wrap shows.
        content = [line for line in text.split("\n") if line.strip()]
        stops = sum(1 for line in content if line.rstrip()[-1:].isalpha())
        if stops >= max(3, len(content) / 3):
            res["shown"] += 1
            res["shown_exact"] += got == paras

    run()
    return {
        "docs": res["docs"],
        "exact": res["exact"] / res["docs"],
        "paragraphs intact": res["intact"] / res["paras"],
        "docs showing the wrap": res["shown"],
        "exact among them": res["shown_exact"] / max(1, res["shown"]),
        "mean CER": sum(cer) / len(cer),
        "mean paragraph F1": sum(f1) / len(f1),
    }


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    print(
        f"{'layout':<14}{'script':<8}{'min lines':>10}{'docs':>6}{'exact':>8}{'intact':>8}"
        f"{'shown':>7}{'exact':>8}{'CER':>8}{'F1':>7}"
    )
    for ambiguous in (False, True):
        for min_lines in (1, 2):
            for script in ("cjk", "latin", "mixed"):
                r = measure(n, script, ambiguous, min_lines)
                layout = "ambiguous" if ambiguous else "recoverable"
                print(
                    f"{layout:<14}{script:<8}{min_lines:>10}{r['docs']:>6}"
                    f"{r['exact']:>8.3f}{r['paragraphs intact']:>8.3f}"
                    f"{r['docs showing the wrap']:>7}{r['exact among them']:>8.3f}"
                    f"{r['mean CER']:>8.2%}{r['mean paragraph F1']:>7.3f}"
                )


if __name__ == "__main__":
    main()
