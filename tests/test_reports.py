"""The human-readable ``--explain``: every removal is listed, its text visible."""

from __future__ import annotations

import io

from cleantext.reports import Style, write_explain
from tests.test_cli import cli


def _explain(edits: list[dict[str, object]]) -> str:
    err = io.StringIO()
    report = {
        "file": "a.txt",
        "steps": [{"step": "remove_page_marks", "chars_in": 40, "chars_out": 20, "edits": edits}],
    }
    write_explain(report, err, Style(False))
    return err.getvalue()


def _edit(old: str, new: str, kind: str, line: int) -> dict[str, object]:
    return {"start": 0, "end": len(old), "old": old, "new": new, "kind": kind, "line": line}


def test_a_removed_page_break_is_listed_with_its_control_characters_visible():
    out = _explain(
        [
            _edit("- 3 -\n", "", "page-number", 2),
            _edit("\f\n", "", "page-break", 3),
            _edit("（下转4版）", "", "continuation-note", 4),
        ]
    )
    lines = out.splitlines()
    assert lines[1] == (
        "  remove_page_marks: continuation-note ×1, page-break ×1, page-number ×1; "
        "3 pieces of text removed"
    )
    assert lines[2:] == [
        "    line 2: removed '- 3 -\\n' (page-number)",
        "    line 3: removed '\\x0c\\n' (page-break)",
        "    line 4: removed '（下转4版）' (continuation-note)",
    ]
    assert "\f" not in out  # shown escaped, never raw


def test_every_removal_is_listed_however_many():
    edits = [_edit(f"- {k} -\n", "", "page-number", 10 * k) for k in range(1, 31)]
    edits += [_edit("\f\n", "", "page-break", 10 * k + 1) for k in range(1, 31)]
    out = _explain(edits)
    assert out.count(" removed ") == 60
    assert "more changes" not in out


def test_layout_white_space_is_counted_not_listed():
    # reflow joins and line endings: nothing is lost, so the summary counts them only
    out = _explain([_edit("\n", "", "join", 1), _edit("\r\n", "\n", "newline", 2)])
    assert out.splitlines()[1:] == ["  remove_page_marks: join ×1, newline ×1"]


def test_cli_explain_lists_page_furniture(monkeypatch, capsys):
    text = "正文的第一行，句子\n- 3 -\n\f\n没有结束。（下转4版）\n"
    code, out, err = cli(["--explain"], monkeypatch, capsys, stdin=text.encode())
    assert code == 0
    assert "（下转4版）" not in out.decode() and "\f" not in out.decode()
    assert "removed '- 3 -\\n' (page-number)" in err
    assert "removed '\\x0c\\n' (page-break)" in err
    assert "removed '（下转4版）' (continuation-note)" in err
