"""Lighthouse on the public pages as a phone loads them: the production profile (nginx in front, compression, the
built web app) with the demo data, each page audited twice with Lighthouse's mobile defaults (a mid-range phone on a
slow 4G network, simulated). Prints each run's four scores and its paint and blocking times.

    cd bench/lighthouse && npm ci && cd ../.. && python3 bench/lighthouse.py [--runs 2] [--keep]

Needs Chromium (CHROME_PATH, else chromium on PATH) and nginx; builds nothing: run `python3 dev.py run` once first
so frontend/dist is current.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stack import HOST, free_port  # noqa: E402

LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {"FCP": "first-contentful-paint", "LCP": "largest-contentful-paint", "TBT": "total-blocking-time",
           "CLS": "cumulative-layout-shift"}  # fmt: skip


def start_system(workdir: Path) -> tuple[subprocess.Popen, dict]:
    """The production profile on free ports with the demo data (APP_ENV=development seeds it); its URLs."""
    ports = {name: free_port() for name in ("MAIN_PORT", "CRM_PORT", "WEB_PORT", "STREAM_PORT")}
    env = {
        **os.environ,
        **{name: str(port) for name, port in ports.items()},
        "APP_ENV": "development",
        "DATABASE_URL": f"sqlite:///{workdir / 'main.sqlite'}",
        "CRM_DATABASE_URL": f"sqlite:///{workdir / 'crm.sqlite'}",
        "MAIL_FOLDER": str(workdir / "mail"),
        "CRM_LOG_FILE": str(workdir / "crm.log"),
        "NOTIFICATION_LOG_FILE": str(workdir / "notifications.json"),
    }
    log = (workdir / "system.log").open("w")
    system = subprocess.Popen(
        [sys.executable, str(ROOT / "start_services.py"), "--production"], env=env, stdout=log, stderr=log, cwd=ROOT
    )
    urls = {"web": f"http://{HOST}:{ports['WEB_PORT']}", "main": f"http://{HOST}:{ports['MAIN_PORT']}"}
    _wait_for(f"{urls['main']}/events", system, lambda answer: answer.json()["items"])
    _wait_for(f"{urls['web']}/health", system, lambda answer: answer.json()["built"])
    return system, urls


def _wait_for(url: str, system: subprocess.Popen, ready, seconds: float = 120) -> None:
    """Poll url until ready(answer) holds; a RuntimeError when the system stops or the time is up."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if system.poll() is not None:
            raise RuntimeError("the system stopped while starting: see system.log in the work folder")
        try:
            answer = requests.get(url, timeout=5)
            if answer.ok and ready(answer):
                return
        except (requests.RequestException, ValueError, KeyError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} was not ready after {seconds:.0f} s")


def public_pages(urls: dict) -> dict[str, str]:
    """The four pages audited: the catalogue, the timetable, the demo's first event and its studio's page."""
    event = requests.get(f"{urls['main']}/events", timeout=10).json()["items"][0]
    return {
        "catalogue": f"{urls['web']}/",
        "timetable": f"{urls['web']}/timetable",
        "event": f"{urls['web']}/events/{event['id']}",
        "studio": f"{urls['web']}/studios/{event['studio']['slug']}",
    }


def audit(url: str, report: Path) -> dict:
    """One Lighthouse run (mobile, its defaults) of url: scores 0-100 and the metrics in ms (CLS as is)."""
    chrome = os.environ.get("CHROME_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
               f"--only-categories={','.join(CATEGORIES)}", "--chrome-flags=--headless=new --no-sandbox"]  # fmt: skip
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": chrome or ""}, timeout=300)
    found = json.loads(report.read_text())
    scores = {name: round(100 * found["categories"][name]["score"]) for name in CATEGORIES}
    metrics = {short: found["audits"][key]["numericValue"] for short, key in METRICS.items()}
    failed = [
        audit["id"]
        for name in CATEGORIES[1:]
        for ref in found["categories"][name]["auditRefs"]
        if (audit := found["audits"][ref["id"]])["score"] is not None and audit["score"] < 1 and ref["weight"] > 0
    ]
    return {**scores, **metrics, "failed": failed}


def line(name: str, run: int, found: dict) -> str:
    """One run's row: scores, metrics and the audits below 100 outside performance."""
    scores = "  ".join(f"{found[category]:>4}" for category in CATEGORIES)
    metrics = f"{found['FCP']:>7.0f}  {found['LCP']:>7.0f}  {found['TBT']:>6.0f}  {found['CLS']:>5.3f}"
    return f"{name:<10} {run:>3}  {scores}  {metrics}  {' '.join(found['failed']) or '-'}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2, help="runs of each page (default 2)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (reports, logs)")
    parser.add_argument("--only", nargs="*", help="only these pages (catalogue, timetable, event, studio)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: cd bench/lighthouse && npm ci", file=sys.stderr)
        return 1
    workdir = Path(tempfile.mkdtemp(prefix="bench-lighthouse-"))
    system, urls = start_system(workdir)
    try:
        print(f"{'page':<10} run  perf  a11y  best   seo   FCP ms   LCP ms  TBT ms    CLS  below 100")
        for name, url in public_pages(urls).items():
            if args.only and name not in args.only:
                continue
            for run in range(1, args.runs + 1):
                print(line(name, run, audit(url, workdir / f"{name}-{run}.json")), flush=True)
    finally:
        system.send_signal(signal.SIGINT)
        system.wait(60)
        if args.keep:
            print(f"Reports and logs kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
