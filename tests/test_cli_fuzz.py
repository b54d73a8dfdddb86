"""Fuzz targets: random options and random bytes through the CLI, random configs.

The CLI must never raise, never print a traceback, never report an internal error
(exit 3), and never leave a partial or temporary file behind, whatever the options and
the input bytes. In CI each target runs a bounded number of examples; for a longer
run set ``CLEANTEXT_FUZZ_EXAMPLES``:

    CLEANTEXT_FUZZ_EXAMPLES=20000 python -m pytest tests/test_cli_fuzz.py -q

(see "Fuzzing" in the README).
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
from contextlib import redirect_stderr
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleantext import Pipeline, registry
from cleantext.cli import main
from cleantext.pipeline import ConfigError
from tests.strategies import any_text

EXAMPLES = int(os.environ.get("CLEANTEXT_FUZZ_EXAMPLES", "80"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

STEP_NAMES = registry.names()

# -- inputs: bytes that look like what people feed the tool, and some that do not ----

_text_bytes = st.one_of(
    any_text.map(lambda t: t.encode("utf-8", "surrogatepass")),  # lone surrogates: bad UTF-8
    st.text(alphabet="中文，。\n　\r\x0c ab1-", max_size=200).map(str.encode),
    st.text(alphabet="繁體中文，。\n　", max_size=80).map(lambda t: t.encode("big5")),
    st.text(alphabet="简体中文，。\n　", max_size=80).map(lambda t: t.encode("gb18030")),
    st.text(max_size=60).map(lambda t: t.encode("utf-16", "surrogatepass")),
    st.binary(max_size=300),
)


def _record(text: str, key: str) -> bytes:
    return f'{{"{key}": {json.dumps(text)}, "n": 1}}'.encode("utf-8", "surrogatepass")


_jsonl_bytes = st.lists(
    st.one_of(
        st.builds(_record, any_text, st.sampled_from(["text", "body", "x"])),
        st.binary(max_size=40),
        st.just(b""),
        st.just(b"[1, 2]"),
    ),
    max_size=6,
).map(b"\n".join)

_options = st.fixed_dictionaries(
    {},
    optional={
        "encoding": st.sampled_from(["utf-8", "auto", "gb18030", "big5", "utf-16", "latin-1"]),
        "output_encoding": st.sampled_from(["utf-8", "gb18030", "big5", "utf-16"]),
        "errors": st.sampled_from(["strict", "replace", "ignore", "surrogateescape"]),
        "mode": st.sampled_from(["--explain", "--diff", "--check", "--stats"]),
        "format": st.sampled_from(["text", "json"]),
        "blank_lines": st.booleans(),
        "steps": st.lists(st.sampled_from(STEP_NAMES), max_size=3),
        "skip": st.lists(st.sampled_from(STEP_NAMES), min_size=1, max_size=2),
        "quiet": st.booleans(),
        "where": st.sampled_from(["stdin", "file", "file-o", "in-place"]),
    },
)


def _argv(opts: dict, jsonl: bool) -> list[str]:
    argv = ["--no-config"]
    for key in ("encoding", "output_encoding", "errors", "format"):
        if key in opts:
            argv += ["--" + key.replace("_", "-"), opts[key]]
    if "mode" in opts:
        argv.append(opts["mode"])
    if opts.get("blank_lines"):
        argv.append("--blank-lines")
    if opts.get("steps"):
        argv += ["--steps", ",".join(opts["steps"])]
    if opts.get("skip"):
        argv += ["--skip", ",".join(opts["skip"])]
    if opts.get("quiet"):
        argv.append("-q")
    if jsonl:
        argv.append("--jsonl")
    return argv


def _run(argv: list[str], stdin: bytes) -> tuple[int, bytes, str]:
    out_buf = io.BytesIO()
    out = io.TextIOWrapper(out_buf, encoding="utf-8")
    err = io.StringIO()
    fake_in = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    with (
        mock.patch.object(sys, "stdin", fake_in),
        mock.patch.object(sys, "stdout", out),
        redirect_stderr(err),
    ):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse rejects an option combination
            code = exc.code if isinstance(exc.code, int) else 2
    out.flush()
    return code, out_buf.getvalue(), err.getvalue()


def _check_run(opts: dict, data: bytes, jsonl: bool, extra: list[str]) -> None:
    argv = _argv(opts, jsonl) + extra
    where = opts.get("where", "stdin")
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        stdin = b""
        before: dict[str, bytes] = {}
        if where == "stdin":
            stdin = data
        else:
            src = d / "in.txt"
            src.write_bytes(data)
            before["in.txt"] = data
            argv.append(str(src))
            if where == "file-o":
                (d / "out.txt").write_bytes(b"previous")
                before["out.txt"] = b"previous"
                argv += ["-o", str(d / "out.txt")]
            elif where == "in-place":
                argv += ["--in-place", "--backup", ".bak"]
        code, _, err = _run(argv, stdin)
        assert code in (0, 1, 2), (argv, code, err)
        assert "Traceback" not in err and "internal error" not in err, (argv, err)
        names = sorted(p.name for p in d.iterdir())
        # never a temporary file left behind
        assert all(not n.startswith(".") for n in names), names
        if code == 2 and "--check" not in argv and "--diff" not in argv:
            # a failed run leaves every file as it was
            for name, content in before.items():
                assert (d / name).read_bytes() == content, (argv, name, err)
        if code == 0 and where == "in-place" and (d / "in.txt.bak").exists():
            assert (d / "in.txt.bak").read_bytes() == data


@FUZZ
@given(_options, _text_bytes)
def test_cli_never_crashes_on_text(opts, data):
    _check_run(opts, data, jsonl=False, extra=[])


@FUZZ
@given(
    _options,
    _jsonl_bytes,
    st.booleans(),
    st.sampled_from(["text", "body"]),
)
def test_cli_never_crashes_on_jsonl(opts, data, skip_bad, field):
    extra = ["--field", field] + (["--skip-bad-lines"] if skip_bad else [])
    _check_run(opts, data, jsonl=True, extra=extra)


@FUZZ
@given(st.text(alphabet="中文，。\n　\r\x0c ab", max_size=300), st.booleans())
def test_cli_output_is_stable(text, blank_lines):
    """Cleaning the CLI's own output changes nothing (idempotence end to end)."""
    argv = ["--no-config"] + (["--blank-lines"] if blank_lines else [])
    code, once, _ = _run(argv, text.encode())
    assert code == 0
    code, twice, _ = _run(argv, once)
    assert code == 0 and twice == once


_values = st.one_of(
    st.booleans(),
    st.integers(-3, 3),
    st.text(max_size=6),
    st.lists(st.sampled_from([*STEP_NAMES, "nope"]), max_size=3),
    st.none(),
)
_config = st.dictionaries(
    st.sampled_from(["steps", "skip", "blank_lines", "indent", "convert", "bogus", *STEP_NAMES]),
    st.one_of(_values, st.dictionaries(st.text(max_size=8), _values, max_size=3)),
    max_size=4,
)


@FUZZ
@given(_config, any_text)
def test_any_config_builds_or_fails_cleanly(config, text):
    """A config mapping either builds a pipeline that cleans any text, or is a ConfigError."""
    try:
        pipeline = Pipeline.from_config(config, source="fuzz.toml")
    except ConfigError as exc:
        assert str(exc).startswith("fuzz.toml: ")
        return
    assert isinstance(pipeline(text), str)
