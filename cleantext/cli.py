"""The ``cleantext`` command-line filter.

Every cleaning option maps onto a configuration key of :class:`cleantext.Pipeline`
(``--blank-lines`` → ``blank_lines``, ``--convert t2s`` → ``convert``, ``--set
normalize_spacing.mode=pangu`` → ``[normalize_spacing] mode``), so the CLI, config
files and the Python API are the same features under the same names.

How one input becomes output: :func:`process_input` reads it, decodes it, cleans it
(plain text with :func:`clean_document`, JSON Lines with :func:`clean_jsonl_lines`)
and encodes the result into an :class:`Outcome`; :func:`document_parts` is the hook
where chunked streaming of huge files plugs in. :func:`main` then sends each outcome
where it belongs (stdout, ``-o``, the file itself for ``--in-place``, a diff, a
``--check`` verdict). Workers of ``-j N`` run :func:`process_input` only; all writing
happens in the main process, in input order.

Exit status: 0 success; 1 ``--check`` found files that would change; 2 a user error
(bad arguments, configuration, input or output), 3 an internal error, 130 interrupted.

>>> args = build_parser().parse_args(["--blank-lines", "--skip", "reflow", "--set", "x.y=3"])
>>> config_from_args(args)
{'skip': ['reflow'], 'blank_lines': True, 'x': {'y': 3}}
>>> s = Settings(Pipeline.default())
>>> o = process_input(("doc.txt", "a\\r\\nb\\x00".encode()), s)
>>> o.changed, o.error, o.output
(True, None, b'a\\nb')
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import re
import signal
import sys
import time
import typing
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO, Literal, TextIO, get_args, get_origin

from . import __version__, registry
from .config import ConfigFile, build_pipeline, find_config, load_config, to_toml
from .io import (
    BINARY_SAMPLE,
    ERROR_HANDLERS,
    AtomicOutput,
    InputError,
    OutputError,
    canonical,
    decode,
    encode,
    open_input,
    read_bytes,
    refuse_binary,
)
from .jsonl import RecordError, clean_record
from .normalizer import apply_edits
from .pipeline import ConfigError, Pipeline
from .progress import Progress
from .reports import StepTotals, Style, unified_diff, use_color, write_explain, write_stats
from .streaming import clean_stream, iter_decode

EXIT_OK = 0
EXIT_CHANGED = 1
EXIT_ERROR = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130

#: A single plain-text input at least this large gets a per-step progress bar.
LARGE_INPUT = 8 << 20
#: Files at least this large are cleaned in chunks, in bounded memory (see document_parts).
STREAM_INPUT = 32 << 20
#: With ``-j N``, inputs go to the workers in tasks (a group of files, or a block of
#: whole JSON Lines) of about the remaining work / (N × TASKS_AHEAD) bytes, within
#: these bounds: big tasks while much is left (few round trips), small ones at the end
#: (no worker waits long for the last one). A JSONL stream of unknown size (stdin) is
#: read in blocks of TASK_BYTES.
TASK_MIN_BYTES = 32 << 10
TASK_BYTES = 128 << 10
TASK_MAX_BYTES = 1 << 20
#: Tasks sent ahead per worker: keeps every worker busy, and memory bounded.
TASKS_AHEAD = 4

_EXAMPLES = """\
examples:
  cleantext < scanned.txt > clean.txt        clean stdin to stdout with the default chain
  cleantext a.txt b.txt -o all.txt           clean files into one output file (atomically)
  cleantext --in-place --backup .orig *.txt  rewrite files in place, keeping a backup
  cleantext --check *.txt                    exit 1 if any file would change (for CI)
  cleantext --diff doc.txt                   show what would change, as a unified diff
  cleantext --explain doc.txt > /dev/null    what each step changed, removed text included
  cleantext --blank-lines doc.txt            one blank line between paragraphs
  cleantext --steps reflow,dedupe_glyphs     run only these steps, in this order
  cleantext --skip remove_ads doc.txt        the default chain without one step
  cleantext --encoding auto big5.txt         detect GB18030/Big5/UTF-16/UTF-8
  cleantext --jsonl --field body -j 0 < in.jsonl > out.jsonl
                                             clean one field of each record on all cores
  cleantext --show-config                    the configuration in effect, as TOML
  cleantext --list                           every normalizer, and which are default

configuration: cleantext.toml or [tool.cleantext] in pyproject.toml, searched from
the current directory upwards; command-line options override it.
exit status: 0 ok, 1 --check found changes, 2 error, 3 internal error.
"""


# -- the argument parser -----------------------------------------------------------


def _shorthand_options() -> list[tuple[str, type, Any]]:
    """``(key, owner class, field type)`` for every shorthand of every registered step."""
    out = []
    for cls in registry.all_normalizers():
        hints = typing.get_type_hints(cls)
        for key, fieldname in cls.shorthands.items():
            out.append((key, cls, hints.get(fieldname, str)))
    return sorted(out, key=lambda t: t[0])


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    p = argparse.ArgumentParser(
        prog="cleantext",
        description=(
            "Repair text damaged by OCR, PDF extraction and web scraping: rebuild "
            "paragraphs, remove page furniture and ads, fix encoding and spacing. "
            "Reads the files given (or stdin) and writes one paragraph per line."
        ),
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="input files ('-' or none: stdin)")
    p.add_argument("--version", action="version", version=f"cleantext {__version__}")
    p.add_argument("--list", action="store_true", help="list every normalizer and exit")

    g = p.add_argument_group("output")
    g.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout (atomic)")
    g.add_argument(
        "-i", "--in-place", action="store_true", help="rewrite each file (atomic, keeps its mode)"
    )
    g.add_argument("--backup", metavar="SUFFIX", help="with --in-place: keep FILE+SUFFIX")
    g.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if any file would change"
    )
    g.add_argument("--diff", action="store_true", help="print a unified diff instead of the output")
    g.add_argument("--explain", action="store_true", help="report each step's changes on stderr")
    g.add_argument("--stats", action="store_true", help="per-step summary on stderr at the end")
    g.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="--explain/--stats report format (json: one object per line)",
    )
    g.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the reports (auto: when stderr is a terminal and NO_COLOR is unset)",
    )
    g.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no notices")

    g = p.add_argument_group("encodings")
    g.add_argument(
        "--encoding",
        default="utf-8",
        metavar="ENC",
        help="input encoding (default utf-8; 'auto' detects GB18030/Big5/UTF-16/UTF-8)",
    )
    g.add_argument("--output-encoding", default="utf-8", metavar="ENC", help="default utf-8")
    g.add_argument(
        "--errors",
        choices=ERROR_HANDLERS,
        default="strict",
        help="undecodable bytes: stop (strict), U+FFFD, drop, or keep as-is (surrogateescape)",
    )

    g = p.add_argument_group("JSON Lines and parallelism")
    g.add_argument("--jsonl", action="store_true", help="input is one JSON object per line")
    g.add_argument("--field", default="text", help="JSONL field to clean (default: text)")
    g.add_argument(
        "--skip-bad-lines",
        action="store_true",
        help="report and drop malformed JSONL lines instead of stopping",
    )
    g.add_argument(
        "-j", "--jobs", type=int, default=1, metavar="N", help="worker processes (0: all cores)"
    )

    g = p.add_argument_group("configuration")
    g.add_argument("--config", metavar="FILE", help="read this TOML file instead of searching")
    g.add_argument("--no-config", action="store_true", help="ignore configuration files")
    g.add_argument("--show-config", action="store_true", help="print the effective configuration")

    g = p.add_argument_group("steps")
    g.add_argument("--steps", metavar="A,B,C", help="run only these steps, in this order")
    g.add_argument("--skip", metavar="A,B", action="append", help="leave these steps out")
    g.add_argument(
        "--set",
        metavar="STEP.OPTION=VALUE",
        action="append",
        default=[],
        help="set a step option (VALUE is TOML: true, 3, pangu)",
    )
    taken = set(p._option_string_actions)
    for key, cls, hint in _shorthand_options():
        flag = "--" + key.replace("_", "-")
        if flag in taken or f"--no-{flag[2:]}" in taken:
            continue  # a plugin's shorthand must not break the CLI; --set still reaches it
        taken.add(flag)
        helptext = f"sets {cls.name}.{cls.shorthands[key]} (config key {key!r})"
        if hint is bool:
            g.add_argument(
                flag,
                dest=f"sh_{key}",
                action=argparse.BooleanOptionalAction,
                default=None,
                help=helptext,
            )
        elif get_origin(hint) is Literal:
            choices = [str(c) for c in get_args(hint)]
            g.add_argument(flag, dest=f"sh_{key}", choices=choices, default=None, help=helptext)
        elif hint is int:
            g.add_argument(flag, dest=f"sh_{key}", type=int, default=None, help=helptext)
        else:
            g.add_argument(flag, dest=f"sh_{key}", metavar="VALUE", default=None, help=helptext)
    return p


def _parse_value(text: str) -> Any:
    """A ``--set`` value: TOML when it parses (``true``, ``3``, ``["a"]``), else a string."""
    from .config import tomllib  # noqa: PLC0415 - only needed for --set

    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text


def config_from_args(args: argparse.Namespace) -> dict[str, Any]:
    """The configuration mapping that the command-line options describe."""
    config: dict[str, Any] = {}
    if args.steps:
        config["steps"] = [s.strip() for s in args.steps.split(",") if s.strip()]
    if args.skip:
        config["skip"] = [s.strip() for v in args.skip for s in v.split(",") if s.strip()]
    for name, value in vars(args).items():
        if name.startswith("sh_") and value is not None:
            config[name[3:]] = value
    for item in args.set:
        target, sep, raw = item.partition("=")
        step, dot, option = target.strip().partition(".")
        if not sep or not dot or not step or not option:
            raise ConfigError(f"--set {item!r}: expected STEP.OPTION=VALUE")
        config.setdefault(step, {})[option] = _parse_value(raw.strip())
    return config


# -- cleaning one input ------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs to clean an input (picklable)."""

    pipeline: Pipeline
    encoding: str = "utf-8"
    errors: str = "strict"
    output_encoding: str = "utf-8"
    detailed: bool = False  # collect per-step edits (for --explain and --stats)
    keep_text: bool = False  # keep input and output text (for --diff)
    jsonl: bool = False
    field: str = "text"
    skip_bad_lines: bool = False


@dataclass
class Outcome:
    """The result of cleaning one input: output bytes, or an error, and the reports."""

    name: str
    output: bytes = b""
    changed: bool = False
    error: str | None = None
    bytes_in: int = 0
    original: str | None = None  # with Settings.keep_text
    cleaned: str | None = None
    reports: list[dict[str, Any]] = field(default_factory=list)  # --explain records
    stats: dict[str, StepTotals] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)  # e.g. skipped JSONL lines
    records: int = 0


def _utf8_len(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def clean_document(
    text: str, settings: Settings, outcome: Outcome, label: str, on_step: Any = None
) -> str:
    """Clean one text; with ``settings.detailed`` record edits and per-step totals."""
    pipeline = settings.pipeline
    if not settings.detailed and on_step is None:
        return pipeline(text)
    changed_steps = []
    for step in pipeline.steps:
        t0 = time.perf_counter()
        if settings.detailed:
            edits = step.edits(text)
            out = apply_edits(text, edits)
        else:
            edits = []
            out = step(text)
        dt = time.perf_counter() - t0
        if on_step is not None:
            on_step(step.name)
        if settings.detailed:
            totals = outcome.stats.setdefault(step.name, StepTotals())
            totals.add(
                StepTotals(
                    docs_changed=1 if edits else 0,
                    edits=len(edits),
                    chars_in=len(text),
                    chars_out=len(out),
                    bytes_in=_utf8_len(text),
                    bytes_out=_utf8_len(out),
                    seconds=dt,
                )
            )
            if edits:
                starts = _line_starts(text)
                records = []
                for e in edits:
                    d = e.to_dict()
                    d["line"] = bisect.bisect_right(starts, e.start)
                    records.append(d)
                changed_steps.append(
                    {
                        "step": step.name,
                        "chars_in": len(text),
                        "chars_out": len(out),
                        "edits": records,
                    }
                )
        text = out
    if changed_steps:
        outcome.reports.append({"file": label, "steps": changed_steps})
    return text


def _clean_text_input(data: bytes, settings: Settings, outcome: Outcome, on_step: Any) -> None:
    text = decode(data, outcome.name, settings.encoding, settings.errors)
    cleaned = clean_document(text, settings, outcome, outcome.name, on_step)
    outcome.changed = cleaned != text
    if settings.keep_text:
        outcome.original, outcome.cleaned = text, cleaned
    outcome.output = encode(cleaned, outcome.name, settings.output_encoding, settings.errors)


def clean_jsonl_lines(
    lines: Sequence[bytes], first_line: int, settings: Settings, outcome: Outcome
) -> int | None:
    """Clean the records ``lines`` (numbered from ``first_line``) into ``outcome``.

    Output bytes are appended to ``outcome.output``. Returns ``None``, or the number
    of the malformed line that stops the run (its message is in ``outcome.error``).
    """
    encoding = "utf-8" if settings.encoding == "auto" else settings.encoding
    parts: list[bytes] = []
    originals: list[str] = []
    cleaned_parts: list[str] = []
    for n, raw in enumerate(lines, first_line):
        outcome.records += 1
        body = raw[:-1] if raw.endswith(b"\n") else raw
        newline = "\n" if raw.endswith(b"\n") else ""
        where = f"{outcome.name}:{n}"
        try:
            line = body.decode(encoding, settings.errors)
            if line.strip(" \t\r"):

                def _clean(value: str, where: str = where) -> str:
                    return clean_document(value, settings, outcome, where)

                new = clean_record(line, settings.field, _clean)
            else:
                new = line
        except (RecordError, UnicodeDecodeError) as exc:
            reason = (
                f"not valid {encoding} at byte {exc.start}"
                if isinstance(exc, UnicodeDecodeError)
                else f"malformed JSON ({exc})"
            )
            if settings.skip_bad_lines:
                outcome.notices.append(f"{where}: {reason}; line skipped")
                continue
            outcome.error = f"{where}: {reason}; use --skip-bad-lines to drop such lines"
            outcome.output += b"".join(parts)
            return n
        if new is not line:
            outcome.changed = True
        if settings.keep_text:
            originals.append(line + newline)
            cleaned_parts.append(new + newline)
        parts.append(
            body + newline.encode()
            if new is line and encoding == settings.output_encoding
            else encode(new + newline, where, settings.output_encoding, settings.errors)
        )
    outcome.output += b"".join(parts)
    if settings.keep_text:
        outcome.original = (outcome.original or "") + "".join(originals)
        outcome.cleaned = (outcome.cleaned or "") + "".join(cleaned_parts)
    return None


def process_input(
    source: str | tuple[str, bytes], settings: Settings, on_step: Any = None
) -> Outcome:
    """Read, decode, clean and encode one input (a path, or a name with its bytes).

    This is the whole per-file path short of writing; it never raises for bad input
    (the message goes into ``Outcome.error``). Huge-file streaming plugs in here.
    """
    name, data = source if isinstance(source, tuple) else (source, None)
    outcome = Outcome(name)
    try:
        if data is None:
            data = read_bytes(name)
        outcome.bytes_in = len(data)
        if settings.jsonl:
            clean_jsonl_lines(_split_lines(data), 1, settings, outcome)
        else:
            _clean_text_input(data, settings, outcome, on_step)
    except (InputError, OutputError) as exc:
        outcome.error = str(exc)
    return outcome


def document_parts(
    source: str | tuple[str, bytes], settings: Settings, on_step: Any = None
) -> Iterator[Outcome]:
    """The output of one plain-text input as a sequence of parts, for serial runs.

    A file of at least ``STREAM_INPUT`` bytes is streamed (:func:`_stream_parts`): read,
    cleaned and written in chunks, in bounded memory, when nothing needs the whole text
    at once (``--explain``, ``--stats``, ``--diff`` and ``--encoding auto`` do). Anything
    else is one part, the whole document (:func:`process_input`). Delivery — stdout,
    atomic ``-o``, ``--in-place``, ``--check`` — handles many parts.
    """
    if (
        not isinstance(source, tuple)
        and not settings.jsonl
        and not settings.detailed
        and not settings.keep_text
        and settings.encoding != "auto"
        and _size(source) >= STREAM_INPUT
    ):
        yield from _stream_parts(source, settings)
        return
    yield process_input(source, settings, on_step)


class _Prepended:
    """A binary reader that returns ``head`` first, then the rest of ``fh``."""

    def __init__(self, head: bytes, fh: BinaryIO) -> None:
        self._head = head
        self._fh = fh

    def read(self, size: int = -1) -> bytes:
        if self._head:
            data, self._head = self._head, b""
            return data
        return self._fh.read(size)


def _stream_parts(path: str, settings: Settings) -> Iterator[Outcome]:
    """Stream one file through the pipeline (:mod:`cleantext.streaming`).

    Each cleaned piece is one part. Whether the file changed is known only at the end:
    input and output are hashed as they pass, and a last, empty part carries the verdict.
    """
    import hashlib  # noqa: PLC0415 - only huge files are streamed

    digest_in = hashlib.blake2b()
    digest_out = hashlib.blake2b()

    def hashed(pieces: Iterable[str]) -> Iterator[str]:
        for piece in pieces:
            digest_in.update(piece.encode("utf-8", "surrogatepass"))
            yield piece

    try:
        with open_input(path) as fh:
            head = fh.read(BINARY_SAMPLE)
            refuse_binary(head, path, canonical(settings.encoding))
            reader = _Prepended(head, fh)
            pieces = hashed(iter_decode(reader, path, settings.encoding, settings.errors))
            for piece in clean_stream(settings.pipeline, pieces):
                digest_out.update(piece.encode("utf-8", "surrogatepass"))
                yield Outcome(
                    path, output=encode(piece, path, settings.output_encoding, settings.errors)
                )
    except (InputError, OutputError) as exc:
        yield Outcome(path, error=str(exc))
        return
    yield Outcome(path, changed=digest_in.digest() != digest_out.digest())


# -- parallel map ------------------------------------------------------------------

_WORKER_SETTINGS: Settings | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER_SETTINGS  # noqa: PLW0603 - one value per worker process
    _WORKER_SETTINGS = settings
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C


def _work_inputs(sources: list[str | tuple[str, bytes]]) -> list[Outcome]:
    settings = _WORKER_SETTINGS
    assert settings is not None
    return [process_input(source, settings) for source in sources]


def _split_lines(blob: bytes) -> list[bytes]:
    """``blob`` cut after each ``\\n`` (the last piece may lack one)."""
    parts = blob.split(b"\n")
    out = [p + b"\n" for p in parts[:-1]]
    if parts[-1]:
        out.append(parts[-1])
    return out


def _work_jsonl(task: tuple[str, int, bytes]) -> tuple[Outcome, int | None, int]:
    """Clean one block of whole lines: ``(outcome, line that stops the run, block size)``."""
    assert _WORKER_SETTINGS is not None
    name, first, blob = task
    lines = _split_lines(blob)  # one bytes object per task: cheaper to pickle than a list
    outcome = Outcome(name)
    stop = clean_jsonl_lines(lines, first, _WORKER_SETTINGS, outcome)
    return outcome, stop, len(blob)


def _jobs(n: int) -> int:
    return (os.cpu_count() or 1) if n == 0 else n


class _Pool:
    """Serial or multiprocessing ordered map with the settings installed once per worker.

    Workers receive the (picklable) settings once, through the pool initializer, and
    every task function is a module-level function: the code is spawn-safe. On Linux
    the ``fork`` start method is used because workers then start at once; elsewhere
    ``spawn``. ``CLEANTEXT_START_METHOD`` overrides the choice (some tests run spawn).
    """

    def __init__(self, jobs: int, settings: Settings) -> None:
        self.jobs = jobs
        self.settings = settings
        self._pool: Any = None
        if jobs > 1:
            default = "fork" if sys.platform.startswith("linux") else "spawn"
            method = os.environ.get("CLEANTEXT_START_METHOD", default)
            import multiprocessing  # noqa: PLC0415 - only -j N needs it (and it is slow to import)

            ctx = multiprocessing.get_context(method)
            if method == "fork":  # what the steps build on first use, built once
                settings.pipeline.warm()
            self._pool = ctx.Pool(jobs, initializer=_init_worker, initargs=(settings,))

    def ordered(self, fn: Any, tasks: Iterable[Any]) -> Iterator[Any]:
        """``fn`` over ``tasks``, results in order, ``TASKS_AHEAD`` tasks per worker ahead.

        ``tasks`` is consumed lazily, in this thread, only as results are taken: a
        stream is read while the workers clean what came before it, in bounded memory,
        and without a pause between rounds (a worker that is done takes the next task).
        """
        if self._pool is None:
            _init_worker_inline(self.settings)
            yield from map(fn, tasks)
            return
        pending: deque[Any] = deque()
        ahead = self.jobs * TASKS_AHEAD
        for task in tasks:
            pending.append(self._pool.apply_async(fn, (task,)))
            if len(pending) >= ahead:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()

    def close(self, terminate: bool = False) -> None:
        if self._pool is not None:
            if terminate:
                self._pool.terminate()
            else:
                self._pool.close()
            self._pool.join()


def _init_worker_inline(settings: Settings) -> None:
    global _WORKER_SETTINGS  # noqa: PLW0603 - the serial path uses the same functions
    _WORKER_SETTINGS = settings


# -- main --------------------------------------------------------------------------


class _Stdout:
    """Output sink writing straight to stdout's binary buffer."""

    def __init__(self, buf: BinaryIO) -> None:
        self.buf = buf

    def write(self, data: bytes) -> None:
        self.buf.write(data)

    def commit(self) -> None:
        self.buf.flush()

    def abort(self) -> None:
        self.buf.flush()


def _list_normalizers(out: TextIO) -> None:
    rows = [
        (c.name, "default" if c.default else "opt-in", c.summary())
        for c in registry.all_normalizers()
    ]
    width = max(len(r[0]) for r in rows)
    for name, kind, summary in rows:
        out.write(f"{name:<{width}}  {kind:<7}  {summary}\n")


def _usage_problem(args: argparse.Namespace) -> str | None:
    if args.in_place and args.output:
        return "--in-place and --output cannot be combined"
    if args.in_place and (not args.files or "-" in args.files):
        return "--in-place needs file arguments (it cannot rewrite stdin)"
    if args.backup is not None and not args.in_place:
        return "--backup only makes sense with --in-place"
    if args.backup is not None and not args.backup:
        return "--backup needs a non-empty suffix"
    if args.check and (args.in_place or args.output):
        return "--check writes nothing; drop --in-place/--output"
    if args.diff and (args.in_place or args.output):
        return "--diff writes nothing; drop --in-place/--output"
    if args.jobs < 0:
        return "-j/--jobs must be 0 (all cores) or a positive number"
    if args.files.count("-") > 1:
        return "stdin ('-') can be read only once"
    return None


def _settings(args: argparse.Namespace, pipeline: Pipeline) -> Settings:
    encoding = canonical(args.encoding)
    output_encoding = canonical(args.output_encoding)
    if output_encoding == "auto":
        raise InputError("--output-encoding cannot be 'auto'")
    return Settings(
        pipeline=pipeline,
        encoding=encoding,
        errors=args.errors,
        output_encoding=output_encoding,
        detailed=args.explain or args.stats,
        keep_text=args.diff,
        jsonl=args.jsonl,
        field=args.field,
        skip_bad_lines=args.skip_bad_lines,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (never raises for a user error)."""
    err = sys.stderr
    try:
        return _main(argv)
    except KeyboardInterrupt:
        err.write("cleantext: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_broken_pipe()
        return EXIT_OK
    except Exception as exc:
        if os.environ.get("CLEANTEXT_DEBUG"):
            raise
        err.write(
            f"cleantext: internal error: {type(exc).__name__}: {exc}\n"
            "cleantext: please report it (see SECURITY.md); "
            "CLEANTEXT_DEBUG=1 shows the traceback\n"
        )
        return EXIT_INTERNAL


class _Run:
    """Delivers outcomes in input order to wherever the options send them."""

    def __init__(
        self, args: argparse.Namespace, settings: Settings, sink: Any, out: TextIO, err: TextIO
    ) -> None:
        self.args = args
        self.settings = settings
        self.sink = sink
        self.out = out
        self.err = err
        self.color = Style(use_color(args.color, err))
        self.status = EXIT_OK
        self.would_change: list[str] = []
        self.totals: dict[str, StepTotals] = {}
        self.records = 0
        self.inputs = 0
        self.multi = len(args.files) > 1

    def _report(self, part: Outcome) -> None:
        self.records += part.records
        if not self.args.quiet:
            for notice in part.notices:
                self.err.write(f"cleantext: {notice}\n")
        if self.args.explain:
            for report in part.reports:
                if self.args.format == "json":
                    self.err.write(json.dumps(report, ensure_ascii=False) + "\n")
                else:
                    write_explain(report, self.err, self.color)
        for step, t in part.stats.items():
            self.totals.setdefault(step, StepTotals()).add(t)

    def deliver(self, name: str, parts: Iterable[Outcome]) -> bool:
        """Send every part of one input; False means the whole run must stop."""
        args = self.args
        self.inputs += 1
        target: AtomicOutput | None = None
        changed = False
        original: list[str] = []
        cleaned: list[str] = []
        tail = b""
        try:
            for part in parts:
                self._report(part)
                changed |= part.changed
                if self.settings.keep_text:
                    original.append(part.original or "")
                    cleaned.append(part.cleaned or "")
                if args.in_place and target is None and part.error is None:
                    target = AtomicOutput(name, args.backup)
                if part.error is not None:
                    self.err.write(f"cleantext: {part.error}\n")
                    self.status = EXIT_ERROR
                    if target is not None:
                        target.abort()
                        target = None
                    if self.sink is not None and isinstance(self.sink, _Stdout):
                        self.sink.write(part.output)  # JSONL records before a malformed line
                    # -o never gets a partial file; a malformed JSONL line stops the run
                    return not (self.settings.jsonl or isinstance(self.sink, AtomicOutput))
                if target is not None:
                    target.write(part.output)
                if self.sink is not None:
                    self.sink.write(part.output)
                    if part.output:
                        tail = part.output[-1:]
        except OutputError as exc:
            self.err.write(f"cleantext: {exc}\n")
            self.status = EXIT_ERROR
            if target is not None:
                target.abort()
            return not isinstance(self.sink, AtomicOutput)
        if target is not None:
            try:
                if changed:
                    target.commit()
                else:
                    target.abort()  # unchanged: leave the file (and its mtime) alone
            except OutputError as exc:
                self.err.write(f"cleantext: {exc}\n")
                self.status = EXIT_ERROR
        if args.diff and changed:
            self.out.write(unified_diff(name, "".join(original), "".join(cleaned)))
            self.out.flush()
        if args.check and changed:
            self.would_change.append(name)
        if self.sink is not None and self.multi and tail and tail != b"\n":
            self.sink.write(encode("\n", "<output>", self.settings.output_encoding))
        return True

    def finish(self, ok: bool) -> int:
        """Commit or discard the output, print the summaries; the exit status."""
        args, err = self.args, self.err
        if self.sink is not None:
            if ok and (self.status == EXIT_OK or isinstance(self.sink, _Stdout)):
                try:
                    self.sink.commit()
                except OutputError as exc:
                    err.write(f"cleantext: {exc}\n")
                    self.status = EXIT_ERROR
            else:
                self.sink.abort()
        if args.stats:
            write_stats(
                self.totals,
                self.settings.pipeline,
                self.inputs,
                self.records,
                fmt=args.format,
                err=err,
            )
        if args.check:
            for name in self.would_change:
                err.write(f"would clean {name}\n")
            if not args.quiet:
                n, left = len(self.would_change), self.inputs - len(self.would_change)
                parts = []
                if n:
                    parts.append(f"{n} file{'s' if n != 1 else ''} would be cleaned")
                parts.append(f"{left} file{'s' if left != 1 else ''} already clean")
                err.write(", ".join(parts) + ".\n")
            if self.status == EXIT_OK and self.would_change:
                self.status = EXIT_CHANGED
        return self.status


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    out, err = sys.stdout, sys.stderr
    if args.list:
        _list_normalizers(out)
        return EXIT_OK
    problem = _usage_problem(args)
    if problem:
        parser.error(problem)

    try:
        file_config: ConfigFile | None = None
        if args.config:
            file_config = load_config(args.config)
        elif not args.no_config:
            file_config = find_config()
        pipeline, _ = build_pipeline(file_config, config_from_args(args))
        settings = _settings(args, pipeline)
    except (ConfigError, InputError) as exc:
        err.write(f"cleantext: {exc}\n")
        return EXIT_ERROR

    if args.show_config:
        where = file_config.source if file_config else "no configuration file (defaults)"
        out.write(f"# effective configuration: {where}, then the command line\n")
        out.write(to_toml(pipeline.to_config()))
        return EXIT_OK

    # Where output goes: stdout, one atomic -o file, each file itself, or nowhere.
    sink: Any = None
    if not (args.check or args.diff or args.in_place):
        try:
            sink = AtomicOutput(args.output) if args.output else _Stdout(out.buffer)
        except OutputError as exc:
            err.write(f"cleantext: {exc}\n")
            return EXIT_ERROR

    sources: list[str] = args.files or ["-"]
    show_progress = hasattr(err, "isatty") and err.isatty() and not args.quiet
    jobs = _jobs(args.jobs) if (len(sources) > 1 or settings.jsonl) else 1
    run = _Run(args, settings, sink, out, err)
    pool = _Pool(jobs, settings)
    ok = True
    try:
        if settings.jsonl:
            ok = _run_jsonl(sources, pool, run, show_progress)  # stdin is streamed
        else:
            items: list[str | tuple[str, bytes]] = [
                ("<stdin>", sys.stdin.buffer.read()) if s == "-" else s for s in sources
            ]
            ok = _run_documents(items, pool, run, show_progress)
        pool.close(terminate=not ok)  # a stopped run does not wait for work sent ahead
    except BaseException:
        pool.close(terminate=True)
        if sink is not None:
            sink.abort()
        raise
    status = run.finish(ok)
    out.flush()
    return status


def _size(item: str | tuple[str, bytes]) -> int:
    if isinstance(item, tuple):
        return len(item[1])
    try:
        return os.path.getsize(item)
    except OSError:
        return 0


def _name(item: str | tuple[str, bytes]) -> str:
    return item[0] if isinstance(item, tuple) else item


def _run_documents(
    items: list[str | tuple[str, bytes]], pool: _Pool, run: _Run, show_progress: bool
) -> bool:
    """Plain-text inputs: each is cleaned whole (by a worker with ``-j``), in order."""
    err = run.err
    progress = Progress(len(items), "files", err, show_progress and len(items) > 1)
    step_bar: Progress | None = None
    on_step = None
    if show_progress and len(items) == 1 and _size(items[0]) >= LARGE_INPUT:
        bar = step_bar = Progress(
            len(run.settings.pipeline.steps), "steps", err, True, label="cleaning "
        )

        def on_step(_name: str) -> None:
            bar.update()

    try:
        if pool.jobs == 1:
            for item in items:
                parts = document_parts(item, run.settings, on_step)
                progress.update()
                if not run.deliver(_name(item), parts):
                    return False
        else:
            # Workers read the files themselves; a task is a group of files, and only
            # the output bytes come back to be written.
            for outcomes in pool.ordered(_work_inputs, _file_tasks(items, pool.jobs)):
                for outcome in outcomes:
                    progress.update()
                    if not run.deliver(outcome.name, [outcome]):
                        return False
    finally:
        progress.close()
        if step_bar is not None:
            step_bar.close()
    return True


def _task_bytes(remaining: int, jobs: int) -> int:
    """The size of the next task when ``remaining`` bytes are left (see TASK_MIN_BYTES)."""
    return min(TASK_MAX_BYTES, max(TASK_MIN_BYTES, remaining // (jobs * TASKS_AHEAD)))


def _file_tasks(
    items: Sequence[str | tuple[str, bytes]], jobs: int
) -> Iterator[list[str | tuple[str, bytes]]]:
    """Consecutive inputs grouped into tasks of about :func:`_task_bytes` bytes."""
    sizes = [max(_size(item), 4096) for item in items]  # opening a file costs too
    remaining = sum(sizes)
    group: list[str | tuple[str, bytes]] = []
    size = 0
    target = _task_bytes(remaining, jobs)
    for item, n in zip(items, sizes, strict=True):
        group.append(item)
        size += n
        if size >= target:
            yield group
            remaining -= size
            group, size = [], 0
            target = _task_bytes(remaining, jobs)
    if group:
        yield group


def _jsonl_blocks(fh: BinaryIO, total: int | None, jobs: int) -> Iterator[tuple[int, bytes]]:
    """``(number of the first line, whole lines)`` blocks read from the binary ``fh``.

    The parent only cuts the stream after a ``\\n`` and counts lines: decoding, JSON
    parsing and encoding happen in the workers. ``total`` is the size when known
    (blocks then shrink towards the end, see :func:`_task_bytes`).

    >>> import io
    >>> list(_jsonl_blocks(io.BytesIO(b"a\\nb\\nc"), None, 1))
    [(1, b'a\\nb\\n'), (3, b'c')]
    """
    first = 1
    remaining = total
    pending: list[bytes] = []  # the start of a line longer than one read
    while True:
        if remaining is None or jobs == 1:
            size = TASK_BYTES if jobs > 1 else TASK_MAX_BYTES
        else:
            size = _task_bytes(remaining, jobs)
        data = fh.read(size)
        if not data:
            break
        if remaining is not None:
            remaining -= len(data)
        cut = data.rfind(b"\n") + 1
        if not cut:
            pending.append(data)
            continue
        head = data if cut == len(data) else data[:cut]
        block = b"".join((*pending, head)) if pending else head
        pending = [data[cut:]] if cut < len(data) else []
        yield first, block
        first += block.count(b"\n")
    tail = b"".join(pending)
    if tail:
        yield first, tail


def _jsonl_parts(source: str, pool: _Pool, progress: Progress) -> Iterator[Outcome]:
    """The cleaned record blocks of one JSONL input, in order, in bounded memory."""
    name = "<stdin>" if source == "-" else source
    fh: BinaryIO
    if source == "-":
        fh = sys.stdin.buffer
    else:
        try:
            fh = open_input(source)
        except InputError as exc:
            yield Outcome(name, error=str(exc))
            return
    try:
        total = None if source == "-" else _size(source) or None
        tasks = ((name, first, blob) for first, blob in _jsonl_blocks(fh, total, pool.jobs))
        for part, stop, size in pool.ordered(_work_jsonl, tasks):
            progress.update(size)
            yield part
            if stop is not None:
                return
    except OSError as exc:
        yield Outcome(name, error=f"{name}: cannot read ({exc.strerror or exc})")
    finally:
        if source != "-":
            fh.close()


def _run_jsonl(sources: list[str], pool: _Pool, run: _Run, show_progress: bool) -> bool:
    """JSON Lines inputs, one after the other; the records of each in parallel."""
    for source in sources:
        size = 0 if source == "-" else _size(source)
        progress = Progress(size or None, "B", run.err, show_progress)
        try:
            name = "<stdin>" if source == "-" else source
            if not run.deliver(name, _jsonl_parts(source, pool, progress)):
                return False
        finally:
            progress.close()
    return True


def _silence_broken_pipe() -> None:
    # Python flushes stdout again at exit; point it at devnull so that does not fail.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
