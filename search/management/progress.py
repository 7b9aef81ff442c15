"""A progress bar for long commands: counts, rate and time left, redrawn in place on a terminal; a plain
line every few per cent otherwise, so logs of a deploy stay readable."""

import time

BAR_WIDTH = 30
REDRAW_SECONDS = 0.2


def _clock(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    return f"{minutes}:{seconds:02d}"


class Progress:
    def __init__(self, label: str, total: int, stream, line_every_percent: int = 10):
        self.label, self.total, self.stream = label, total, stream
        self.interactive = stream.isatty()
        self.line_every_percent = line_every_percent
        self.done = 0
        self.started = time.monotonic()
        self._drawn_at = 0.0
        self._next_percent = line_every_percent

    def advance(self, count: int) -> None:
        self.done += count
        if self.interactive:
            now = time.monotonic()
            if now - self._drawn_at >= REDRAW_SECONDS or self.done >= self.total:
                self._drawn_at = now
                self.stream.write("\r" + self.status(), ending="")
                self.stream.flush()
            return
        percent = self.percent()
        if percent >= self._next_percent:
            self._next_percent = (percent // self.line_every_percent + 1) * self.line_every_percent
            self.stream.write(self.status())

    def finish(self) -> float:
        elapsed = time.monotonic() - self.started
        if self.interactive:
            self.stream.write("\r" + self.status())
        return elapsed

    def percent(self) -> int:
        return 100 if not self.total else min(100, self.done * 100 // self.total)

    def status(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0.0
        filled = BAR_WIDTH * self.percent() // 100
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        return (
            f"{self.label} [{bar}] {self.done:,}/{self.total:,} {self.percent():3d}% "
            f"{rate:,.0f}/s elapsed {_clock(elapsed)} ETA {_clock(left)}"
        )
