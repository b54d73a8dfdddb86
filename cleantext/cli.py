"""The ``cleantext`` command-line filter.

Every option maps onto a configuration key of :class:`cleantext.Pipeline`, so the
CLI and the Python API are the same features under the same names.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any, BinaryIO

from . import __version__, registry
from .io import InputError, decode, read_bytes, write_atomic
from .pipeline import ConfigError, Pipeline

EXIT_OK = 0
EXIT_ERROR = 2

_EXAMPLES = """\
examples:
  cleantext < scanned.txt > clean.txt      clean stdin to stdout with the default chain
  cleantext a.txt b.txt -o all.txt         clean files into one output file
  cleantext --blank-lines doc.txt          one blank line between paragraphs
  cleantext --steps reflow,dedupe_glyphs   run only these steps, in this order
  cleantext --skip remove_ads doc.txt      the default chain without one step
  cleantext --convert t2s doc.txt          also convert Traditional to Simplified
  cleantext --explain doc.txt > /dev/null  show what each step changed (on stderr)
  cleantext --list                         every normalizer, and which are default
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    p = argparse.ArgumentParser(
        prog="cleantext",
        description=(
            "Repair text damaged by OCR, PDF extraction and web scraping: rebuild "
            "paragraphs, remove page furniture and ads, fix encoding and spacing. "
            "Reads UTF-8 from the files given (or stdin) and writes one paragraph per line."
        ),
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="input files (default: stdin)")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write here instead of stdout (atomically)"
    )
    p.add_argument("--steps", metavar="A,B,C", help="run only these steps, in this order")
    p.add_argument(
        "--skip", metavar="A,B", action="append", default=[], help="leave these steps out"
    )
    p.add_argument(
        "--blank-lines", action="store_true", default=None, help="one blank line between paragraphs"
    )
    p.add_argument(
        "--convert",
        metavar="CONFIG",
        help="convert Traditional/Simplified Chinese with this OpenCC config (t2s, s2t, s2twp, …)",
    )
    p.add_argument("--explain", action="store_true", help="report each step's changes on stderr")
    p.add_argument("--list", action="store_true", help="list every normalizer and exit")
    p.add_argument("--version", action="version", version=f"cleantext {__version__}")
    return p


def config_from_args(args: argparse.Namespace) -> dict[str, Any]:
    """The configuration mapping that the command-line options describe."""
    config: dict[str, Any] = {}
    if args.steps:
        config["steps"] = [s.strip() for s in args.steps.split(",") if s.strip()]
    if args.skip:
        config["skip"] = [s.strip() for v in args.skip for s in v.split(",") if s.strip()]
    if args.blank_lines:
        config["blank_lines"] = True
    if args.convert:
        config["convert"] = args.convert
    return config


def _list_normalizers(out: Any) -> None:
    rows = [
        (c.name, "default" if c.default else "opt-in", c.summary())
        for c in registry.all_normalizers()
    ]
    width = max(len(r[0]) for r in rows)
    for name, kind, summary in rows:
        out.write(f"{name:<{width}}  {kind:<7}  {summary}\n")


def _explain(pipeline: Pipeline, text: str, source: str, err: Any) -> str:
    result = pipeline.explain(text)
    for step in result.changed:
        kinds: dict[str, int] = {}
        for e in step.edits:
            kinds[e.kind] = kinds.get(e.kind, 0) + 1
        summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
        err.write(f"{source}: {step.name}: {summary}\n")
        for e in step.edits:
            if e.old.strip() and not e.new.strip():
                err.write(f"  - removed at {e.start}: {e.old!r}\n")
    return result.text


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    args = build_parser().parse_args(argv)
    out = sys.stdout
    err = sys.stderr
    if args.list:
        _list_normalizers(out)
        return EXIT_OK
    try:
        pipeline = Pipeline.from_config(config_from_args(args), source="command line")
    except ConfigError as exc:
        err.write(f"cleantext: {exc}\n")
        return EXIT_ERROR

    try:
        chunks = []
        sources = args.files or ["-"]
        for source in sources:
            if source == "-":
                data = sys.stdin.buffer.read()
                name = "<stdin>"
            else:
                data = read_bytes(source)
                name = source
            text = decode(data, name)
            cleaned = _explain(pipeline, text, name, err) if args.explain else pipeline(text)
            if cleaned and not cleaned.endswith("\n") and len(sources) > 1:
                cleaned += "\n"
            chunks.append(cleaned)
        result = "".join(chunks).encode("utf-8", "surrogateescape")
        if args.output:
            write_atomic(args.output, result)
        else:
            _write_stdout(sys.stdout.buffer, result)
    except InputError as exc:
        err.write(f"cleantext: {exc}\n")
        return EXIT_ERROR
    except BrokenPipeError:
        _silence_broken_pipe()
        return EXIT_OK
    except OSError as exc:
        target = args.output or "<stdout>"
        err.write(f"cleantext: {target}: cannot write ({exc.strerror or exc})\n")
        return EXIT_ERROR
    return EXIT_OK


def _write_stdout(buf: BinaryIO, data: bytes) -> None:
    buf.write(data)
    buf.flush()


def _silence_broken_pipe() -> None:
    # Python flushes stdout again at exit; point it at devnull so that does not fail.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
