"""The running system's keeper for start_services.py: starts the services, starts a dispatcher that died again
(after a pause that grows while it keeps dying, so a crash loop does not spin), shuts down when another service
dies, and stops everything on Ctrl-C or SIGTERM."""

import contextlib
import signal
import sys
import time

from launcher.processes import ServiceProcess, stop_all

FIRST_PAUSE = 1.0  # seconds before restarting a service that died
LONGEST_PAUSE = 60.0
# A service that ran this long before it died is restarted after the first pause again.
STEADY_SECONDS = 60.0


def restart_pause(previous: float | None, ran_for: float) -> float:
    """Seconds to wait before restarting a service that died after running ran_for seconds, its previous pause
    being previous (None: its first death)."""
    if previous is None or ran_for >= STEADY_SECONDS:
        return FIRST_PAUSE
    return min(previous * 2, LONGEST_PAUSE)


def exit_reason(code: int) -> str:
    """An exit code as people say it: "exit 1", "killed by SIGKILL"."""
    if code < 0:
        with contextlib.suppress(ValueError):
            return f"killed by {signal.Signals(-code).name}"
    return f"exit {code}"


class Supervisor:
    """The services of one run, in start order; those marked restart are started again when they die."""

    def __init__(self, services: list[ServiceProcess]):
        self.services = services
        self.started_at: dict[str, float] = {}
        self.pause: dict[str, float] = {}  # the pause before a service's latest restart
        self.restart_at: dict[str, float] = {}  # the services waiting for their restart
        self.restarts: dict[str, int] = {}

    def start(self) -> None:
        """Start every service at once, then wait for each one's health check (RuntimeError if one fails). None needs
        another to boot: the dispatcher retries a CRM still starting and nginx connects on the first request."""
        for service in self.services:
            print(f"Starting {service.name}...", flush=True)
            service.start()
            self.started_at[service.name] = time.monotonic()
        for service in self.services:
            service.wait_healthy()

    def watch(self, interval: float = 0.2) -> int:
        """Restart a restartable service that died, until Ctrl-C (a KeyboardInterrupt); 1 when another one dies."""
        while True:
            now = time.monotonic()
            for service in self.services:
                if service.name in self.restart_at:
                    if now >= self.restart_at[service.name]:
                        self._restart(service, now)
                elif not service.alive():
                    reason = exit_reason(service.reap())
                    if not service.restart:
                        print(f"\n{service.name} stopped unexpectedly ({reason}); shutting down.", file=sys.stderr)
                        return 1
                    pause = restart_pause(self.pause.get(service.name), now - self.started_at[service.name])
                    self.pause[service.name] = pause
                    self.restart_at[service.name] = now + pause
                    print(
                        f"\n{service.name} stopped unexpectedly ({reason}); restarting it in {pause:g}s.",
                        file=sys.stderr,
                        flush=True,
                    )
            time.sleep(interval)

    def _restart(self, service: ServiceProcess, now: float) -> None:
        del self.restart_at[service.name]
        self.restarts[service.name] = self.restarts.get(service.name, 0) + 1
        print(f"Restarting {service.name} (restart {self.restarts[service.name]} of this run)...", flush=True)
        service.start()
        self.started_at[service.name] = now

    def stop(self, grace: float = 20.0) -> None:
        """Stop every service (signalled the last started first); after grace seconds, or on another Ctrl-C or
        SIGTERM, SIGKILL what is left. Those signals no longer interrupt the stopping itself, which left services
        running."""
        hurry = []
        handlers = {sig: signal.signal(sig, lambda *_: hurry.append(True)) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            print("\nStopping services (Ctrl-C again kills them at once)...", flush=True)
            stop_all(self.services[::-1], grace, hurry=lambda: bool(hurry))
            print("All services stopped" + (" (killed what was left)." if hurry else "."), flush=True)
        finally:
            for sig, handler in handlers.items():
                signal.signal(sig, handler)
