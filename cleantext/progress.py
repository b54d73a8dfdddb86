"""A one-line progress bar on stderr, shown only when stderr is a terminal.

Twenty lines instead of a dependency: the CLI needs a count, a rate and a bar, redrawn
at most ten times a second, and nothing at all when stderr is a file or a pipe (so
logs and CI output stay clean).

>>> import io
>>> p = Progress(total=3, unit="files", stream=io.StringIO(), enabled=False)
>>> p.update(); p.close(); p.done
1
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

_BAR = 24


def _human(n: float, unit: str) -> str:
    if unit != "B":
        return f"{n:,.0f}"
    for prefix in ("", "k", "M", "G"):
        if n < 1000:
            return f"{n:.0f} {prefix}B" if prefix == "" else f"{n:.1f} {prefix}B"
        n /= 1000
    return f"{n:.1f} TB"


class Progress:
    """``update(n)`` after each unit of work; ``close()`` at the end (clears the line)."""

    def __init__(
        self,
        total: float | None,
        unit: str = "files",
        stream: TextIO | None = None,
        enabled: bool = True,
        label: str = "",
    ) -> None:
        self.total = total
        self.unit = unit
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self.label = label
        self.done: float = 0
        self._start = time.monotonic()
        self._last = self._start  # first drawn 0.1 s in (or when complete), so rates are sane
        self._drawn = False

    def update(self, n: float = 1) -> None:
        """Record ``n`` more units done and redraw (at most every 0.1 s)."""
        self.done += n
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and (self.total is None or self.done < self.total):
            return
        self._last = now
        self._drawn = True
        rate = self.done / max(now - self._start, 1e-9)
        rate_text = f"{_human(rate, self.unit)}/s" if self.unit == "B" else f"{rate:.1f}/s"
        unit = "" if self.unit == "B" else f" {self.unit}"
        if self.total:
            frac = min(self.done / self.total, 1.0)
            filled = int(frac * _BAR)
            bar = "#" * filled + "-" * (_BAR - filled)
            text = (
                f"{self.label}[{bar}] {frac:4.0%} "
                f"{_human(self.done, self.unit)}/{_human(self.total, self.unit)}{unit}"
                f"  {rate_text}"
            )
        else:
            text = f"{self.label}{_human(self.done, self.unit)}{unit}  {rate_text}"
        self.stream.write("\r\x1b[2K" + text)
        self.stream.flush()

    def close(self) -> None:
        """Erase the bar so that later messages start on a clean line."""
        if self._drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
