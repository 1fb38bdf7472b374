"""The scale benchmark's phases and its printed table."""

from collections.abc import Callable
from dataclasses import dataclass, field

from measure import Backlog
from rush import RushResult
from rush_mix import MixResult
from wrkload import LoadResult

CEILING = {"crm_health": None, "notify": "crm_health"}  # the CRM's figures against its own /health; the rest: main's
WIDTH = 118
PROCESSES = ("main-api", "crm", "dispatcher", "reference")
# The issues' CPU and delivery targets: booking over the bare yardstick and over /health, the whole pipeline over
# /health, drain rate.
BOOKING_OVER_YARDSTICK = 3.0
BOOKING_OVER_HEALTH = 3.0
PIPELINE_OVER_HEALTH = 6.0
DRAIN_RATE = 1000.0


@dataclass
class Phase:
    """One measured request mix: a key, a title, the wrk run and the status every answer should have."""

    key: str
    title: str
    run: Callable[[float], LoadResult]
    expected: int
    service: str = "main-api"  # the process a --profile run samples
    also: tuple[str, ...] = ()  # processes it samples too (the booking phase: the dispatcher its bookings keep busy)


@dataclass
class ScaleReport:
    """One backend's results."""

    database: str
    counts: dict[str, int]
    settings: str
    catalogue: str = ""
    results: dict[str, tuple[Phase, LoadResult]] = field(default_factory=dict)
    drain_seconds: float = 0.0
    drain_left: int = 0
    wrk_lines: list[str] = field(default_factory=list)
    profiles: dict[str, list[str]] = field(default_factory=dict)  # phase title -> summary lines
    pipeline_cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds per process, bookings to delivered
    backlog: Backlog | None = None
    rush: RushResult | None = None
    mix: MixResult | None = None

    def add(self, phase: Phase, result: LoadResult) -> None:
        """Record a measured phase."""
        self.results[phase.key] = (phase, result)

    def ceiling(self, key: str) -> float:
        """Requests/s of the /health a phase is compared with: the CRM's own, or the main API's mean before/after."""
        if key in CEILING:
            own = CEILING[key]
            return self.results[own][1].rps if own in self.results else 0.0
        runs = [self.results[k][1].rps for k in ("health", "health_after") if k in self.results]
        return sum(runs) / len(runs) if runs else 0.0

    def ratio(self, key: str) -> float | None:
        """A phase's requests/s over its ceiling."""
        ceiling = self.ceiling(key)
        if key in ("health", "health_after", "crm_health") or not ceiling or key not in self.results:
            return None
        return self.results[key][1].rps / ceiling

    def cpu_ms(self, key: str, process: str) -> float | None:
        """CPU milliseconds per request a process spent during a phase, from its own counters (/proc)."""
        if key not in self.results:
            return None
        result = self.results[key][1]
        return result.cores.get(process, 0.0) / result.rps * 1000 if result.rps else None

    def pipeline_ms(self) -> float | None:
        """CPU milliseconds per booking of the API, the dispatcher and the CRM, from the booking phase's start until
        everything it set off (CRM notifications, confirmation emails) was delivered."""
        booked = self.results["book"][1].statuses.get(201, 0) if "book" in self.results else 0
        if not booked or not self.pipeline_cpu:
            return None
        return sum(self.pipeline_cpu.get(n, 0.0) for n in ("main-api", "crm", "dispatcher")) / booked * 1000

    def targets(self, targets: dict[str, float]) -> list[str]:
        """Each target of the issue, measured in this run: the figures, the ratio, met or missed."""

        def verdict(met: bool) -> str:
            return "met" if met else "MISSED"

        out = ["", "targets (each a ratio of figures measured in this run)"]
        book, reference = self.cpu_ms("book", "main-api"), self.cpu_ms("reference", "reference")
        if book and reference:
            ratio = book / reference
            out.append(
                f"  main API CPU per booking {book:.2f} ms / yardstick's per request {reference:.2f} ms = "
                f"{ratio:.2f} (<= {BOOKING_OVER_YARDSTICK:g}: {verdict(ratio <= BOOKING_OVER_YARDSTICK)})"
            )
        pipeline, health = self.pipeline_ms(), self.cpu_ms("health", "main-api")
        if book and health:
            ratio = book / health
            out.append(
                f"  main API CPU per booking {book:.2f} ms / its per /health {health:.2f} ms = "
                f"{ratio:.2f} (<= {BOOKING_OVER_HEALTH:g}: {verdict(ratio <= BOOKING_OVER_HEALTH)})"
            )
        if pipeline and health:
            parts = ", ".join(
                f"{n} {self.pipeline_cpu.get(n, 0.0) / self.results['book'][1].statuses[201] * 1000:.2f}"
                for n in ("main-api", "dispatcher", "crm")
            )
            ratio = pipeline / health
            out.append(
                f"  pipeline CPU per booking {pipeline:.2f} ms ({parts}) / main API's per /health {health:.2f} ms = "
                f"{ratio:.2f} (<= {PIPELINE_OVER_HEALTH:g}: {verdict(ratio <= PIPELINE_OVER_HEALTH)})"
            )
        for key in ("notify", "mine"):
            if (ratio := self.ratio(key)) is not None:
                phase = self.results[key][0]
                out.append(
                    f"  {phase.title} over its /health: {ratio:.2f} (>= {targets[key]:.2f}: "
                    f"{verdict(ratio >= targets[key])})"
                )
        if (b := self.backlog) is not None and b.seconds:
            rate = b.delivered / b.first_to_last if b.first_to_last else b.messages / b.seconds
            out.append(
                f"  backlog of {b.messages:,}: {b.messages / b.seconds:,.0f} msg/s from the dispatcher's start, "
                f"{rate:,.0f} msg/s first to last delivery; CRM stored +{b.crm_added:,}, {b.left} left "
                f"(>= {DRAIN_RATE:,.0f}: {verdict(rate >= DRAIN_RATE and not b.left and b.crm_added == b.messages)})"
            )
        for rush in (self.rush, self.mix):
            if rush is not None:
                out += ["", *rush.lines()]
        return out

    def lines(self, targets: dict[str, float]) -> list[str]:
        """The backend's block of the printed table."""
        counts = ", ".join(f"{n:,} {name}" for name, n in self.counts.items())
        out = [
            f"database  {self.database}",
            f"data      {counts}",
            f"pages     {self.catalogue}",
            f"settings  {self.settings}",
            *(f"wrk line  {line}" for line in self.wrk_lines),
            "",
            f"{'phase':<28}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'requests':>10}{'bad':>6}"
            f"{'ratio':>8}{'target':>8}  {'CPU ms/request main/crm/disp/ref':<33}statuses",
        ]
        for key, (phase, r) in self.results.items():
            ratio, target = self.ratio(key), targets.get(key)
            verdict = "" if target is None or ratio is None else ("ok" if ratio >= target else "MISS")
            cores = "/".join(f"{self.cpu_ms(key, n) or 0.0:.2f}" for n in PROCESSES)
            statuses = " ".join(f"{s}:{n}" for s, n in sorted(r.statuses.items()))
            statuses += f" socket-errors:{r.socket_errors}" if r.socket_errors else ""
            statuses += f" OUT-OF-REQUESTS:{r.exhausted}" if r.exhausted else ""
            out.append(
                f"{phase.title:<28}{r.rps:9.1f}{r.p50_ms:9.1f}{r.p99_ms:9.1f}{r.requests:10d}"
                f"{r.unexpected(phase.expected):6d}{'' if ratio is None else f'{ratio:8.2f}':>8}"
                f"{'' if target is None else f'≥{target:.2f} {verdict}':>8}  {cores:<33}{statuses}"
            )
        state = (
            f"all delivered {self.drain_seconds:.1f} s later"
            if not self.drain_left
            else f"{self.drain_left} NOT delivered"
        )
        out.append(f"outbox after the booking phase: {state}")
        out += self.targets(targets)
        out.append(
            "ratios: the CRM's figures over the CRM's /health, the main API's over the mean of its two /health runs"
        )
        for title, lines in self.profiles.items():
            out += ["", f"py-spy profile of {title} (share of samples; incl = on the stack, self = on top):", *lines]
        return out

    @staticmethod
    def print_all(header: list[str], reports: list["ScaleReport"], targets: dict[str, float], seconds: float) -> None:
        """Print the header, each backend's block and a side-by-side summary of the ratios."""
        rule = "=" * WIDTH
        out = [
            rule,
            "Scale benchmark (one run per backend: compare the ratios, not absolute numbers across runs)",
            rule,
            *header,
        ]
        for report in reports:
            out += ["", "-" * WIDTH, *report.lines(targets)]
        if len(reports) > 1:
            out += [
                "",
                "-" * WIDTH,
                f"{'ratio to /health':<28}"
                + "".join(f"{r.database.split()[0]:>14}" for r in reports)
                + f"{'target':>10}",
            ]
            for key, (phase, _) in reports[0].results.items():
                values = [r.ratio(key) for r in reports]
                if all(v is None for v in values):
                    continue
                out.append(
                    f"{phase.title:<28}"
                    + "".join(f"{'' if v is None else f'{v:.2f}':>14}" for v in values)
                    + f"{'' if key not in targets else f'≥{targets[key]:.2f}':>10}"
                )
        out += ["", f"run took {seconds:.0f} s", rule]
        print("\n".join(out), flush=True)
