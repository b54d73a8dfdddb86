"""Accuracy of ``--encoding auto`` on the seeds re-encoded in each supported encoding.

Each seed (whole document) and each of its paragraphs of at least ``--min-chars``
characters is encoded in UTF-8, GB18030, Big5 (after OpenCC s2t, dropping the few
characters Big5 lacks), UTF-16 (with BOM), UTF-16-LE and UTF-16-BE (no BOM), and
detected again. With ``--compare``, charset-normalizer (if installed) runs on the
same samples.

    python benchmarks/detect_encoding.py [--min-chars 20] [--compare]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleantext.encodings import detect  # noqa: E402

ENCODINGS = ["utf-8", "gb18030", "big5", "utf-16", "utf-16-le", "utf-16-be"]
SAME = {"utf-8-sig": "utf-8", "utf-16": "utf-16", "gbk": "gb18030", "gb2312": "gb18030"}


def family(name: str | None) -> str:
    n = (name or "none").lower().replace("_", "-")
    n = SAME.get(n, n)
    if n.startswith("utf-16"):
        return "utf-16"
    if n in ("cp950", "big5hkscs"):
        return "big5"
    return n


def samples(min_chars: int) -> list[str]:
    out = []
    for path in sorted((ROOT / "fixtures" / "raw").glob("*.txt")):
        text = path.read_text("utf-8")
        out.append(text)
        out += [p for p in text.split("\n") if len(p.strip()) >= min_chars]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--min-chars", type=int, default=20)
    ap.add_argument("--compare", action="store_true", help="also run charset-normalizer")
    args = ap.parse_args()
    import opencc

    s2t = opencc.OpenCC("s2t")
    texts = samples(args.min_chars)
    detectors = {"cleantext": detect}
    if args.compare:
        from charset_normalizer import from_bytes

        def cn(data: bytes) -> str:
            best = from_bytes(data).best()
            return best.encoding if best else "none"

        detectors["charset-normalizer"] = cn
    print(f"{len(texts)} samples per encoding (5 documents + paragraphs >= {args.min_chars} chars)")
    for name, fn in detectors.items():
        t0 = time.perf_counter()
        total_ok = total = 0
        for enc in ENCODINGS:
            ok = 0
            for t in texts:
                data = (s2t.convert(t) if enc == "big5" else t).encode(enc, "ignore")
                ok += family(fn(data)) == family(enc)
            total_ok += ok
            total += len(texts)
            print(f"  {name:<18} {enc:<10} {ok}/{len(texts)} = {ok / len(texts):.1%}")
        dt = time.perf_counter() - t0
        print(f"  {name:<18} overall    {total_ok}/{total} = {total_ok / total:.1%} ({dt:.2f} s)")


if __name__ == "__main__":
    main()
