"""The running system's keeper for start_services.py: starts the services, shuts down when one dies, and stops
everything on Ctrl-C or SIGTERM."""

import contextlib
import signal
import sys
import time

from launcher.processes import ServiceProcess, stop_all


def exit_reason(code: int) -> str:
    """An exit code as people say it: "exit 1", "killed by SIGKILL"."""
    if code < 0:
        with contextlib.suppress(ValueError):
            return f"killed by {signal.Signals(-code).name}"
    return f"exit {code}"


class Supervisor:
    """The services of one run, in start order."""

    def __init__(self, services: list[ServiceProcess]):
        self.services = services

    def start(self) -> None:
        """Start each service and wait for its health check before the next (RuntimeError if one fails)."""
        for service in self.services:
            print(f"Starting {service.name}...", flush=True)
            service.start().wait_healthy()

    def watch(self, interval: float = 0.2) -> int:
        """Wait for Ctrl-C (a KeyboardInterrupt); 1 as soon as a service dies."""
        while True:
            for service in self.services:
                if not service.alive():
                    reason = exit_reason(service.reap())
                    print(f"\n{service.name} stopped unexpectedly ({reason}); shutting down.", file=sys.stderr)
                    return 1
            time.sleep(interval)

    def stop(self, grace: float = 20.0) -> None:
        """Stop every service, the last started first; after grace seconds, or on another Ctrl-C or SIGTERM, SIGKILL
        what is left. Those signals no longer interrupt the stopping itself, which left services running."""
        hurry = []
        handlers = {sig: signal.signal(sig, lambda *_: hurry.append(True)) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            print("\nStopping services (Ctrl-C again kills them at once)...", flush=True)
            stop_all(self.services[::-1], grace, hurry=lambda: bool(hurry))
            print("All services stopped" + (" (killed what was left)." if hurry else "."), flush=True)
        finally:
            for sig, handler in handlers.items():
                signal.signal(sig, handler)
