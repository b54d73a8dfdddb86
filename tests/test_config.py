"""Configuration files: discovery, loading, validation, merging, --show-config."""

from __future__ import annotations

import pytest

from cleantext import Pipeline, clean
from cleantext.cli import main
from cleantext.config import (
    ConfigFile,
    build_pipeline,
    find_config,
    load_config,
    merge,
    to_toml,
    tomllib,
)
from cleantext.pipeline import ConfigError


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_cleantext_toml_found_upwards(tmp_path):
    write(tmp_path / "cleantext.toml", 'skip = ["reflow"]\n')
    found = find_config(tmp_path / "a" / "b")
    assert found is not None
    assert found.path == (tmp_path / "cleantext.toml").resolve()
    assert found.values == {"skip": ["reflow"]}


def test_pyproject_table(tmp_path):
    write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.cleantext]\nblank_lines = true\n',
    )
    found = find_config(tmp_path)
    assert found is not None and found.values == {"blank_lines": True}
    assert "[tool.cleantext]" in found.source


def test_pyproject_without_table_is_skipped(tmp_path):
    write(tmp_path / "cleantext.toml", "blank_lines = true\n")
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    found = find_config(tmp_path / "sub")
    assert found is not None and found.path.name == "cleantext.toml"


def test_nearest_wins_and_cleantext_toml_beats_pyproject(tmp_path):
    write(tmp_path / "cleantext.toml", "blank_lines = true\n")
    write(tmp_path / "sub" / "pyproject.toml", "[tool.cleantext]\nindent = true\n")
    assert find_config(tmp_path / "sub").values == {"indent": True}
    write(tmp_path / "sub" / "cleantext.toml", "blank_lines = false\n")
    assert find_config(tmp_path / "sub").values == {"blank_lines": False}


def test_nothing_found(tmp_path):
    # tmp_path has no config, but a parent (/tmp) could; check the walk stops at none.
    found = find_config(tmp_path)
    assert found is None or tmp_path.resolve() not in found.path.parents


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("bogus = 1\n", "unknown key 'bogus'"),
        ("blank_lines = 3\n", "option 'blank_lines': must be true or false"),
        ('steps = ["nope"]\n', "unknown step 'nope'"),
        ("steps = 3\n", "'steps' must be a list of step names"),
        ("[reflow]\ncolour = 1\n", "unknown option 'colour'"),
        ('[reflow]\nlang = "klingon"\n', "option 'lang': must be one of"),
        ("reflow = 1\n", "[reflow] must be a table"),
    ],
)
def test_bad_keys_name_the_key_and_file(tmp_path, text, message):
    path = write(tmp_path / "cleantext.toml", text)
    with pytest.raises(ConfigError) as exc:
        build_pipeline(load_config(path), {})
    assert message in str(exc.value)
    assert str(path) in str(exc.value)


def test_invalid_toml_names_file(tmp_path):
    path = write(tmp_path / "cleantext.toml", "skip = [\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config(path)
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_config(tmp_path / "missing.toml")


def test_loading_never_executes_code(tmp_path):
    marker = tmp_path / "pwned"
    path = write(
        tmp_path / "cleantext.toml",
        f"steps = \"__import__('os').system('touch {marker}')\"\n",
    )
    with pytest.raises(ConfigError):
        build_pipeline(load_config(path), {})
    assert not marker.exists()


def test_merge_and_override():
    assert merge({"blank_lines": True, "skip": ["a"]}, {"blank_lines": False}) == {
        "blank_lines": False,
        "skip": ["a"],
    }
    pipeline, merged = build_pipeline(
        ConfigFile(None, {"reflow": {"indent": True}}), {"reflow": {"blank_lines": True}}
    )
    step = next(s for s in pipeline.steps if s.name == "reflow")
    assert step.indent and step.blank_lines
    assert merged["reflow"] == {"indent": True, "blank_lines": True}


def test_same_keys_in_clean_and_from_config(tmp_path):
    path = write(tmp_path / "cleantext.toml", "blank_lines = true\n[reflow]\nindent = true\n")
    values = dict(load_config(path).values)
    text = "第一段。\n第二段。\n"
    assert Pipeline.from_config(values)(text) == clean(text, **values)
    assert clean(text, **values) == "　　第一段。\n\n　　第二段。\n"


def test_to_toml_round_trips():
    config = Pipeline.from_config({"blank_lines": True, "skip": ["normalize_controls"]}).to_config()
    assert tomllib.loads(to_toml(config)) == config
    assert Pipeline.from_config(tomllib.loads(to_toml(config))) == Pipeline.from_config(config)


# -- through the CLI (in-process) ------------------------------------------------------


def run_main(args, monkeypatch, tmp_path, capsys, stdin=b""):
    import io
    import sys

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    out_buf = io.BytesIO()
    out = io.TextIOWrapper(out_buf, encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", out)
    code = main(args)
    out.flush()
    return code, out_buf.getvalue(), capsys.readouterr().err


def test_cli_uses_found_config(tmp_path, monkeypatch, capsys):
    write(tmp_path / "pyproject.toml", "[tool.cleantext]\nblank_lines = true\n")
    text = "第一段。\n第二段。\n".encode()
    code, out, _ = run_main([], monkeypatch, tmp_path, capsys, text)
    assert code == 0 and out.decode() == "第一段。\n\n第二段。\n"
    code, out, _ = run_main(["--no-config"], monkeypatch, tmp_path, capsys, text)
    assert out == text
    code, out, _ = run_main(["--no-blank-lines"], monkeypatch, tmp_path, capsys, text)
    assert out == text  # the command line overrides the file


def test_cli_config_option_and_errors(tmp_path, monkeypatch, capsys):
    write(tmp_path / "other.toml", "bogus = true\n")
    code, _, err = run_main(["--config", "other.toml"], monkeypatch, tmp_path, capsys)
    assert code == 2
    assert "other.toml: unknown key 'bogus'" in err
    assert "Traceback" not in err
    code, _, err = run_main(["--config", "nope.toml"], monkeypatch, tmp_path, capsys)
    assert code == 2 and "nope.toml: no such configuration file" in err


def test_show_config(tmp_path, monkeypatch, capsys):
    write(tmp_path / "cleantext.toml", "[reflow]\nindent = true\n")
    code, out, _ = run_main(["--show-config", "--blank-lines"], monkeypatch, tmp_path, capsys)
    assert code == 0
    text = out.decode()
    assert "cleantext.toml" in text.splitlines()[0]
    shown = tomllib.loads(text)
    assert shown["reflow"] == {"blank_lines": True, "indent": True}
    assert "reflow" in shown["steps"]


def test_set_option(tmp_path, monkeypatch, capsys):
    code, out, _ = run_main(
        ["--set", "reflow.indent=true", "--show-config"], monkeypatch, tmp_path, capsys
    )
    assert code == 0 and tomllib.loads(out.decode())["reflow"] == {"indent": True}
    code, _, err = run_main(["--set", "reflow"], monkeypatch, tmp_path, capsys)
    assert code == 2 and "expected STEP.OPTION=VALUE" in err
    code, _, err = run_main(["--set", "reflow.colour=1"], monkeypatch, tmp_path, capsys)
    assert code == 2 and "unknown option 'colour'" in err


def test_pyproject_per_step_table(tmp_path, monkeypatch, capsys):
    write(
        tmp_path / "pyproject.toml",
        "[tool.cleantext]\nskip = []\n\n[tool.cleantext.reflow]\nindent = true\n",
    )
    code, out, _ = run_main(["--show-config"], monkeypatch, tmp_path, capsys)
    assert code == 0
    assert "pyproject.toml [tool.cleantext]" in out.decode().splitlines()[0]
    assert tomllib.loads(out.decode())["reflow"] == {"indent": True}
    code, out, _ = run_main([], monkeypatch, tmp_path, capsys, "第一段。\n".encode())
    assert out.decode() == "　　第一段。\n"
