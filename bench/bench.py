#!/usr/bin/env python3
"""The edgecheck benchmark: edgecheck side by side with curl, dig and openssl, in the same run.

Started by `bench/run` (which `make bench` calls after a release build). It brings the lab up in
the shape each measure needs, times edgecheck and the tools a user would reach for instead on the
same work, and prints one table of medians and ratios (edgecheck / alternative). The same figures
go to bench/results/latest.json. Absolute times on a shared machine drift; the ratios are the
point, because both sides run on the same machine, minutes apart.

Only the Python standard library is used, so the benchmark needs nothing beyond what the lab
already installs, plus hyperfine and GNU time.
"""
from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
WORK = RESULTS / "work"
PKI = ROOT / "lab" / "state" / "pki"

HOST = "www.edgecheck.test"
PORT = 8443
FRONT_URL = f"https://{HOST}:{PORT}"
FIRST_STATIC_IP = "127.0.10.1"
# edgecheck's ca-file adds to the system store, so curl is given the same trust: the system's
# hashed directory (looked up per issuer during verification) plus the lab's anchors.
SYSTEM_CERT_DIR = os.environ.get("SSL_CERT_DIR", "/etc/ssl/certs")
DNS_IP, DNS_PORT = "127.0.53.1", 10053
SLOW_HOP, SLOW_MS = "ingress", 200

SECTIONS = ("probe", "certificate", "target", "matrix", "suite", "timing", "serve")
SERVE_LISTEN, BLACKBOX_LISTEN = "127.0.0.1:9716", "127.0.0.1:9115"
# Every fault switch of the lab: the verdicts of lab.yaml and operator-check.sh are compared under each.
FAULTS = ("rogue-ip", "split-dns", "dead-ip", "expired-cert", "wrong-issuer", "wrong-host", "no-intermediate",
          "no-redirect", "redirect-drops-path", "redirect-to-http", "no-forwardfor", "spoofable-xff", "slow-hop",
          "blackhole", "proxy-optional", "proxy-spoofable", "proxy-missing-ip", "proxy-auth", "proxy-dead")


# --------------------------------------------------------------------------------------------
# Small pieces: running things, timing them, writing suites.
# --------------------------------------------------------------------------------------------

def say(message: str) -> None:
    """Progress goes to stderr, so stdout carries only the table."""
    print(message, file=sys.stderr, flush=True)


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()


@dataclass
class Timing:
    """What hyperfine measured for one command, in milliseconds."""
    median: float
    mean: float
    stddev: float
    low: float
    high: float
    runs: int
    failed_runs: int

    def as_json(self) -> dict:
        return {"median_ms": round(self.median, 3), "mean_ms": round(self.mean, 3),
                "stddev_ms": round(self.stddev, 3), "min_ms": round(self.low, 3),
                "max_ms": round(self.high, 3), "runs": self.runs, "failed_runs": self.failed_runs}


@dataclass
class Row:
    """One line of the table: edgecheck against the alternative on the same work."""
    section: str
    measure: str
    edgecheck: float | None
    alternative: float | None
    unit: str
    goal: str
    met: bool | None
    ratio: float | None = None
    note: str = ""

    def as_json(self) -> dict:
        return {"section": self.section, "measure": self.measure, "edgecheck": _round(self.edgecheck),
                "alternative": _round(self.alternative), "unit": self.unit, "ratio": _round(self.ratio),
                "goal": self.goal, "met": self.met, "note": self.note}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def ratio_of(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b == 0:
        return None
    return a / b


def to_yaml(value, indent: int = 0) -> str:
    """Writes plain data as YAML; strings go out JSON-quoted, which YAML reads as-is."""
    pad = "  " * indent
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{key}:\n{to_yaml(item, indent + 1)}")
            else:
                lines.append(f"{pad}{key}: {_scalar(item)}")
        return "\n".join(lines)
    if isinstance(value, list):
        lines = []
        for item in value:
            if isinstance(item, dict) and item:
                body = to_yaml(item, indent + 1).lstrip()
                lines.append(f"{pad}- {body}")
            else:
                lines.append(f"{pad}- {_scalar(item)}")
        return "\n".join(lines)
    return pad + _scalar(value)


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (dict, list)):
        return "{}" if isinstance(value, dict) else "[]"
    return json.dumps(str(value))


def write_suite(name: str, suite: dict) -> Path:
    path = WORK / f"{name}.yaml"
    path.write_text(f"# Written by bench/bench.py for one measure; rewritten on every run.\n{to_yaml(suite)}\n")
    return path


def statuses_of(report: dict | None) -> dict[str, str]:
    """check id -> status, from an edgecheck JSON report."""
    if not report:
        return {}
    return {c["id"]: c["status"] for s in report.get("suites", []) for c in s.get("checks", [])}


# --------------------------------------------------------------------------------------------
# The benchmark.
# --------------------------------------------------------------------------------------------

@dataclass
class Settings:
    edgecheck: Path
    runs: int
    suite_runs: int
    sizes: list[int]
    serial_max: int
    samples: int
    parallel: int
    rounds: int
    timing_rounds: int
    sections: list[str]
    verdict_faults: list[str]
    baseline: Path | None
    baseline_label: str
    scanner_runs: int
    limit_seconds: float
    serve_probes: int
    serve_seconds: float
    rest_seconds: float


@dataclass
class Bench:
    settings: Settings
    rows: list[Row] = field(default_factory=list)
    details: dict = field(default_factory=dict)
    log_path: Path = WORK / "bench.log"
    lab_env: dict[str, str] = field(default_factory=dict)

    # ---- plumbing ---------------------------------------------------------------------------

    def log(self, text: str) -> None:
        with self.log_path.open("a") as log:
            log.write(text if text.endswith("\n") else text + "\n")

    def run(self, argv: list[str], env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
        """Runs argv from the repository root; everything it says also goes to the log."""
        self.log(f"$ {shlex.join(argv)}")
        merged = {**os.environ, **self.lab_env, **(env or {})}
        done = subprocess.run(argv, cwd=ROOT, env=merged, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
        self.log(f"[exit {done.returncode}]\n{done.stdout[-4000:]}{done.stderr[-4000:]}")
        return done

    def lab(self, *args: str, env: dict | None = None) -> None:
        """Restarts the lab in exactly the shape asked for, and loads lab/state/env."""
        self.lab_env = {}  # the last lab's variables must not steer the next one
        self.run([str(ROOT / "lab/down")])
        started = time.monotonic()
        done = self.run([str(ROOT / "lab/up"), *args], env=env)
        if done.returncode != 0:
            raise RuntimeError(f"lab/up {' '.join(args)} failed (exit {done.returncode}): "
                               f"{' | '.join((done.stderr or done.stdout).strip().splitlines()[-3:])}")
        say(f"  lab up {' '.join(args) or '(healthy)'} in {time.monotonic() - started:.1f}s")
        self.lab_env = self.read_lab_env()

    def read_lab_env(self) -> dict[str, str]:
        env_file = ROOT / "lab/state/env"
        if not env_file.exists():
            return {}
        done = subprocess.run(["bash", "-c", 'set -a; . "$1"; env -0', "bash", str(env_file)],
                              capture_output=True, text=True, cwd=ROOT)
        pairs = (item.split("=", 1) for item in done.stdout.split("\0") if "=" in item)
        return {k: v for k, v in pairs if os.environ.get(k) != v}

    def timed(self, commands: dict[str, list[str]], runs: int, warmup: int = 1,
              rounds: int | None = None) -> dict[str, Timing]:
        """Medians of `runs` runs of each command, no shell in between (hyperfine -N).

        The runs are spread over a few rounds, each timing every command in turn (ABC ABC ABC),
        so a change in the machine's load while the benchmark runs falls on all sides alike
        instead of on whichever command happened to run last.
        """
        rounds = max(1, min(runs, rounds or self.settings.rounds))
        per_round = [runs // rounds + (1 if i < runs % rounds else 0) for i in range(rounds)]
        times: dict[str, list[float]] = {label: [] for label in commands}
        codes: dict[str, list[int]] = {label: [] for label in commands}
        for number, count in enumerate(per_round):
            export = WORK / f"hf-{slug('-'.join(commands))[:80]}-{number}.json"
            cmd = ["hyperfine", "-N", "--style", "none", "-i", "--runs", str(count),
                   "--warmup", str(warmup if number == 0 else 0), "--export-json", str(export)]
            for label, argv in commands.items():
                cmd += ["--command-name", label, shlex.join(argv)]
            done = self.run(cmd, timeout=3600)
            if done.returncode != 0:
                raise RuntimeError(f"hyperfine failed on {list(commands)}: {done.stderr.strip()[-300:]}")
            for label, result in zip(commands, json.loads(export.read_text())["results"]):
                times[label] += [t * 1000 for t in result["times"]]
                codes[label] += result["exit_codes"]
        timings = {}
        for label in commands:
            values = times[label]
            timing = Timing(median=statistics.median(values), mean=statistics.fmean(values),
                            stddev=statistics.stdev(values) if len(values) > 1 else 0.0,
                            low=min(values), high=max(values), runs=len(values),
                            failed_runs=sum(1 for code in codes[label] if code != 0))
            say(f"  {label}: median {timing.median:.1f} ms over {timing.runs} runs"
                + (f" ({timing.failed_runs} failed)" if timing.failed_runs else ""))
            self.details.setdefault("timings", {})[label] = timing.as_json()
            timings[label] = timing
        return timings

    def paired(self, mine: list[str], theirs: list[str], runs: int, warmup: int = 3) -> tuple[Timing, Timing, float]:
        """Runs `mine` and `theirs` strictly in turn, `runs` times each, no shell in between.

        Returns both timings and the median of the per-pair ratios. A run of edgecheck and the
        curl straight after it see the same machine, so the drift of a shared machine's load over
        seconds, which moved hyperfine's block-wise ratio for one probe between 1.3 and 1.6 from
        one benchmark to the next, falls on both sides of every ratio alike. Wall time is taken
        from spawn to reaping, as hyperfine -N takes it.
        """
        environment = {**os.environ, **self.lab_env}
        self.log(f"$ paired x{runs}: {shlex.join(mine)}  |  {shlex.join(theirs)}")
        null = os.open(os.devnull, os.O_RDWR)

        def once(argv: list[str]) -> tuple[float, int]:
            started = time.perf_counter()
            pid = os.posix_spawnp(argv[0], argv, environment,
                                  file_actions=[(os.POSIX_SPAWN_DUP2, null, 0), (os.POSIX_SPAWN_DUP2, null, 1),
                                                (os.POSIX_SPAWN_DUP2, null, 2)])
            _, status = os.waitpid(pid, 0)
            return (time.perf_counter() - started) * 1000, os.waitstatus_to_exitcode(status)

        try:
            for _ in range(warmup):
                once(mine), once(theirs)
            pairs = [(once(mine), once(theirs)) for _ in range(runs)]
        finally:
            os.close(null)
        timings = []
        for side in (0, 1):
            values = [pair[side][0] for pair in pairs]
            timings.append(Timing(median=statistics.median(values), mean=statistics.fmean(values),
                                  stddev=statistics.stdev(values) if len(values) > 1 else 0.0,
                                  low=min(values), high=max(values), runs=len(values),
                                  failed_runs=sum(1 for pair in pairs if pair[side][1] != 0)))
        ratio = statistics.median(a[0] / b[0] for a, b in pairs)
        say(f"  paired: {timings[0].median:.1f} ms against {timings[1].median:.1f} ms, median ratio {ratio:.2f}"
            f" over {runs} pairs")
        return timings[0], timings[1], ratio

    def edgecheck(self, suite: Path, extra: list[str] | None = None, env: dict | None = None,
                  measure_memory: bool = False) -> tuple[int, dict | None, float | None, str]:
        """One verifying run: exit code, JSON report, peak RSS in MB (under GNU time), stderr."""
        argv = [str(self.settings.edgecheck), "run", str(suite), "--format", "json", *(extra or [])]
        if measure_memory:
            argv = ["/usr/bin/time", "-v", *argv]
        done = self.run(argv, env=env)
        try:
            report = json.loads(done.stdout)
        except json.JSONDecodeError:
            report = None
        peak = None
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
        if found:
            peak = int(found.group(1)) / 1024
        return done.returncode, report, peak, done.stderr

    def add(self, row: Row) -> Row:
        if row.ratio is None and row.unit == "ms":
            row.ratio = ratio_of(row.edgecheck, row.alternative)
        self.rows.append(row)
        return row

    def failed_row(self, section: str, measure: str, why: str) -> None:
        why = " ".join(why.split())
        say(f"  ! {measure}: {why}")
        self.add(Row(section, measure, None, None, "", "", False, note=why))

    def verified(self, section: str, measure: str, suite: Path, extra: list[str] | None = None,
                 measure_memory: bool = False) -> tuple[dict | None, float | None]:
        """Runs the suite once; a run that does not pass makes its timing meaningless."""
        code, report, peak, stderr = self.edgecheck(suite, extra, measure_memory=measure_memory)
        statuses = statuses_of(report)
        bad = {k: v for k, v in statuses.items() if v not in ("pass", "warn")}
        if code != 0 or report is None or bad:
            why = f"edgecheck exit {code}"
            if bad:
                summaries = [c.get("summary", "") for s in report["suites"] for c in s["checks"]
                             if c["id"] in bad]
                why += f", {bad}: {'; '.join(summaries)[:300]}"
            elif report is None:
                why += f", no JSON report: {stderr.strip()[-300:]}"
            self.failed_row(section, measure, why)
            return None, peak
        return report, peak

    # ---- 1. one probe and start-up ----------------------------------------------------------

    def measure_probe(self) -> None:
        say("1. one probe: one verified TLS connection, edgecheck against curl")
        self.lab()
        trust = str(PKI / "trust.pem")
        # The certificate check: one address, the chain read and judged. It finds its address
        # through the lab's DNS server, a query curl (--connect-to) does not make, but it stops
        # after the handshake while curl goes on to a GET through the whole chain (some 3 to 4 ms
        # of the lab's time), so it is shown for information, not held to the goal.
        certificate = write_suite("one-certificate", {
            "name": "bench-one-certificate",
            "target": f"{FRONT_URL}/",
            "checks": [{"id": "one-certificate", "kind": "certificate", "all-ips": False,
                        "dns-servers": [f"{DNS_IP}:{DNS_PORT}"], "ca-file": trust}],
        })
        # Like for like: the same handshake plus the GET curl makes, on the address curl is pinned
        # to. This is the row held to the goal.
        timing = write_suite("one-probe", {
            "name": "bench-one-probe",
            "target": FRONT_URL,
            "checks": [{"id": "one-probe", "kind": "tls-timing", "samples": 1, "hops": [
                {"name": "nlb", "url": f"{FRONT_URL}/", "connect-to": f"{FIRST_STATIC_IP}:{PORT}",
                 "ca-file": trust}]}],
        })
        curl = ["curl", "-fsS", "-o", "/dev/null", "--cacert", trust, "--capath", SYSTEM_CERT_DIR,
                "--connect-to", f"{HOST}:{PORT}:{FIRST_STATIC_IP}:{PORT}", f"{FRONT_URL}/"]
        runs = self.settings.runs * 2
        edgecheck = str(self.settings.edgecheck)
        measures = [
            ("one probe: TLS + GET to one address (vs curl)", timing, [], "<= 1.2"),
            ("one probe: certificate check, handshake only (vs curl's TLS + GET)", certificate, [], "info"),
            ("one probe: TLS + GET, JSON report on stdout (vs curl)", timing, ["--format", "json"], "info"),
        ]
        for measure, suite, extra, goal in measures:
            report, _ = self.verified("probe", measure, suite)
            if report is None:
                continue
            # edgecheck's stdout is discarded like curl's body: the table a user sees by default,
            # or the JSON report of the third row.
            mine, theirs, ratio = self.paired([edgecheck, "run", str(suite), *extra], curl, runs)
            self.details.setdefault("paired", {})[measure] = {
                "edgecheck": mine.as_json(), "curl": theirs.as_json(), "median_pair_ratio": round(ratio, 3)}
            inside = report.get("duration_ms")
            self.add(Row("probe", measure, mine.median, theirs.median, "ms", goal,
                         ratio <= 1.2 if goal != "info" else None, ratio=ratio,
                         note=f"median of {runs} paired ratios; checks inside: "
                              f"{inside if inside is None else round(inside, 1)} ms "
                              f"{self.failures(mine, theirs)}".strip()))
        self.measure_baseline(timing, curl, runs)
        # Start-up alone, and start-up plus reading a suite: where a run's fixed cost goes.
        commands = {"edgecheck --version": [edgecheck, "--version"], "curl --version": ["curl", "--version"],
                    "edgecheck validate": [edgecheck, "validate", str(timing)]}
        timed = self.timed(commands, runs, warmup=3)
        start_mine, start_theirs = timed["edgecheck --version"], timed["curl --version"]
        self.details["one_probe_breakdown"] = {
            "start_up_ms": start_mine.median,
            "suite_load_ms": timed["edgecheck validate"].median - start_mine.median}
        self.add(Row("probe", "start-up: --version (vs curl --version)", start_mine.median, start_theirs.median,
                     "ms", "<= 1.2", ratio_of(start_mine.median, start_theirs.median) <= 1.2))

    def measure_baseline(self, suite: Path, curl: list[str], runs: int) -> None:
        """The one-probe row with an earlier release binary (--baseline), side by side with this one.

        Both binaries are paired with the same curl in the same minutes, and with each other, so
        a before/after reads as one ratio instead of two runs of the benchmark hours apart."""
        baseline = self.settings.baseline
        if baseline is None:
            return
        measure = "one probe: TLS + GET, baseline binary (vs curl)"
        if not os.access(baseline, os.X_OK):
            self.failed_row("probe", measure, f"no baseline binary at {baseline}")
            return
        label = (self.first_line([str(baseline), "--version"]) or baseline.name).strip()
        argv = [str(baseline), "run", str(suite)]
        done = self.run([*argv, "--format", "json"])
        if done.returncode != 0:
            self.failed_row("probe", measure, f"baseline exit {done.returncode}: {done.stderr.strip()[-200:]}")
            return
        old, curl_timing, old_ratio = self.paired(argv, curl, runs)
        new, old_again, new_old = self.paired([str(self.settings.edgecheck), "run", str(suite)], argv, runs)
        self.details["baseline"] = {"binary": str(baseline), "version": label, "label": self.settings.baseline_label,
                                    "vs_curl": {"baseline": old.as_json(), "curl": curl_timing.as_json(),
                                                "median_pair_ratio": round(old_ratio, 3)},
                                    "current_vs_baseline": {"current": new.as_json(), "baseline": old_again.as_json(),
                                                            "median_pair_ratio": round(new_old, 3)}}
        name = self.settings.baseline_label
        self.add(Row("probe", f"one probe: TLS + GET, {name} (vs curl)",
                     old.median, curl_timing.median, "ms", "info", None, ratio=old_ratio,
                     note=f"median of {runs} paired ratios; {label} {self.failures(old, curl_timing)}".strip()))
        self.add(Row("probe", f"one probe: TLS + GET, this binary (vs {name})", new.median,
                     old_again.median, "ms", "<= 1.05", new_old <= 1.05, ratio=new_old,
                     note=f"median of {runs} paired ratios {self.failures(new, old_again)}".strip()))

    @staticmethod
    def first_line(argv: list[str]) -> str | None:
        try:
            return subprocess.run(argv, capture_output=True, text=True).stdout.strip().splitlines()[0]
        except (OSError, IndexError):
            return None

    # ---- 1b. one certificate against testssl.sh and sslscan -----------------------------------

    def measure_certificate(self) -> None:
        """One address's certificate, judged by edgecheck, testssl.sh and sslscan.

        The three do not do the same work, so the rows say what each one verifies. edgecheck's
        `certificate` makes one DNS query, one handshake, and judges the chain against the trust
        anchors, the name, the issuer and the expiry. testssl.sh's narrowest option that judges
        the certificate is -S (server defaults): besides trust, name and expiry it asks for
        session tickets and resumption, OCSP stapling, the certificate of every key type, and
        more, each on handshakes of its own. sslscan never judges trust or the name; without
        cipher suites, groups, renegotiation, compression, fallback and Heartbleed it still asks
        which protocol versions the server takes, then prints the certificate."""
        say("1b. one certificate: edgecheck certificate against testssl.sh -S and sslscan")
        missing = [tool for tool in ("testssl", "sslscan") if shutil.which(tool) is None]
        if missing:
            self.failed_row("certificate", "certificate vs testssl.sh and sslscan",
                            f"missing: {', '.join(missing)} (scripts/install-deps testssl.sh sslscan)")
            return
        self.lab()
        trust = str(PKI / "trust.pem")
        suite = write_suite("one-certificate-pinned", {
            "name": "bench-one-certificate", "target": f"{FRONT_URL}/",
            "checks": [{"id": "one-certificate", "kind": "certificate", "all-ips": False,
                        "dns-servers": [f"{DNS_IP}:{DNS_PORT}"], "ca-file": trust,
                        "issuer": "Edge Lab Issuing CA"}]})
        measure = "one certificate: certificate check (vs testssl.sh -S)"
        report, _ = self.verified("certificate", measure, suite)
        if report is None:
            return
        testssl = ["testssl", "--quiet", "--color", "0", "--warnings", "off", "-S", "--nodns", "none", "--ip", FIRST_STATIC_IP,
                   "--add-ca", trust, "--connect-timeout", "5", "--openssl-timeout", "10", f"{HOST}:{PORT}"]
        sslscan = ["sslscan", "--no-colour", "--no-ciphersuites", "--no-groups", "--no-renegotiation",
                   "--no-compression", "--no-fallback", "--no-heartbleed", "--show-certificate",
                   f"--sni-name={HOST}", f"{FIRST_STATIC_IP}:{PORT}"]
        # Each tool is run once first, and must have seen the lab's leaf: timing a scanner that
        # failed to connect would measure its time-out.
        seen = self.run(testssl, timeout=300).stdout
        trusted = re.search(r"Chain of trust\s+(\S+)", seen)
        if not trusted or trusted.group(1) != "Ok":
            self.failed_row("certificate", measure, f"testssl.sh did not find the chain trusted: "
                                                    f"{trusted.group(0) if trusted else seen.strip()[-200:]}")
            return
        scanned = self.run(sslscan, timeout=120).stdout
        if "www.edgecheck.test" not in scanned:
            self.failed_row("certificate", "one certificate: certificate check (vs sslscan)",
                            f"sslscan did not show the lab's leaf: {scanned.strip()[-200:]}")
            return
        runs = self.settings.scanner_runs
        edgecheck = [str(self.settings.edgecheck), "run", str(suite)]
        timed = self.timed({"edgecheck certificate": edgecheck, "testssl.sh -S": testssl,
                            "sslscan certificate": sslscan}, runs, warmup=0, rounds=min(runs, 3))
        mine = timed["edgecheck certificate"]
        self.details["certificate_tools"] = {
            "edgecheck": "one DNS query, one handshake; chain to the lab's anchors, host name, issuer, expiry",
            "testssl.sh": "-S: trust against its stores plus --add-ca, host name, expiry, key and signature, "
                          "session tickets and IDs, OCSP stapling, every key type's certificate: many handshakes",
            "sslscan": "no trust or name check: protocol versions offered, then the certificate shown",
            "testssl_argv": testssl, "sslscan_argv": sslscan}
        for label, row_measure, note in (
                ("testssl.sh -S", measure, "testssl.sh also judges trust, name and expiry, and asks for "
                                           "tickets, resumption and stapling on handshakes of its own"),
                ("sslscan certificate", "one certificate: certificate check (vs sslscan --show-certificate)",
                 "sslscan judges no trust or name; it asks for every protocol version, then shows the leaf")):
            theirs = timed[label]
            self.add(Row("certificate", row_measure, mine.median, theirs.median, "ms", "< 1.0",
                         mine.median < theirs.median, note=f"{note} {self.failures(mine, theirs)}".strip()))

    # ---- 1c. run --target against a three-address name ------------------------------------------

    def measure_target(self) -> None:
        say("1c. run --target: the built-in suite against a three-address name, whole process")
        self.lab("--static-ips", "3")
        measure = "run --target, 3 addresses: whole process"
        argv = [str(self.settings.edgecheck), "run", "--target", FRONT_URL, "--dns-server", f"{DNS_IP}:{DNS_PORT}",
                "--ca-file", str(PKI / "trust.pem"), "--var", "EDGECHECK_HTTP_URL=http://www.edgecheck.test:8080/"]
        done = self.run([*argv, "--format", "json"])
        try:
            report = json.loads(done.stdout)
        except json.JSONDecodeError:
            report = None
        statuses = statuses_of(report)
        seen = [c.get("data", {}).get("seen") for s in (report or {}).get("suites", []) for c in s["checks"]
                if c["id"] == "addresses"]
        if done.returncode != 0 or not statuses:
            self.failed_row("target", measure, f"edgecheck exit {done.returncode}: {statuses or done.stderr[-200:]}")
            return
        timed = self.timed({"edgecheck run --target": argv}, self.settings.runs, warmup=1)
        mine = timed["edgecheck run --target"]
        self.details["target"] = {"argv": argv, "statuses": statuses, "seen": seen}
        self.add(Row("target", measure, mine.median, None, "ms", "< 1000 ms", mine.median < 1000,
                     note=f"checks: {', '.join(f'{k} {v}' for k, v in statuses.items())} {self.failures(mine)}".strip()))

    # ---- the machine's own TLS handshake limit ------------------------------------------------

    def handshake_limit(self, clients: int, seconds: float) -> dict:
        """Full handshakes a second that `clients` `openssl s_time -new` processes reach together
        against the front's first address: the most this machine does, server and clients on the
        same cores, with no DNS, no report and nothing but handshakes."""
        argv = ["openssl", "s_time", "-connect", f"{FIRST_STATIC_IP}:{PORT}", "-new",
                "-time", str(max(1, round(seconds))), "-CAfile", str(PKI / "trust.pem"), "-verify", "4"]
        self.log(f"$ {clients} x {shlex.join(argv)}")
        started = time.perf_counter()
        processes = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                      stdin=subprocess.DEVNULL) for _ in range(clients)]
        outputs = [process.communicate()[0] for process in processes]
        wall = time.perf_counter() - started
        counts = []
        for output in outputs:
            self.log(output[-600:])
            found = re.search(r"(\d+) connections in [\d.]+s", output)
            if found:
                counts.append(int(found.group(1)))
        total = sum(counts)
        return {"clients": clients, "seconds": wall, "handshakes": total,
                "per_second": total / wall if wall > 0 and len(counts) == clients else None}

    @staticmethod
    def failures(*timings: Timing) -> str:
        failed = sum(t.failed_runs for t in timings)
        return f"{failed} runs exited non-zero" if failed else ""

    # ---- 2. the egress matrix ---------------------------------------------------------------

    def matrix_suites(self, size: int, addresses: list[str]) -> dict[str, Path]:
        trust = str(PKI / "trust.pem")
        defaults = {"dns-servers": [f"{DNS_IP}:{DNS_PORT}"], "ca-file": trust}
        static_ip = {"id": "egress", "kind": "static-ip", "expect": addresses, "lookups": 1,
                     "record-types": ["A"]}
        return {
            "static-ip probe tls": write_suite(f"matrix-{size}-static-ip-tls", {
                "name": f"bench-matrix-{size}", "target": FRONT_URL, "defaults": defaults,
                "checks": [{**static_ip, "probe": "tls"}]}),
            "static-ip probe https": write_suite(f"matrix-{size}-static-ip-https", {
                "name": f"bench-matrix-{size}", "target": FRONT_URL, "defaults": defaults,
                "checks": [{**static_ip, "probe": "https"}]}),
            "certificate all-ips": write_suite(f"matrix-{size}-certificate", {
                "name": f"bench-matrix-{size}", "target": FRONT_URL, "defaults": defaults,
                "checks": [{"id": "certificate", "kind": "certificate", "all-ips": True}]}),
        }

    def runs_for(self, size: int) -> int:
        """Fewer runs as the work grows, so the whole benchmark stays within minutes."""
        if size <= 10:
            return self.settings.runs
        if size <= 100:
            return max(3, self.settings.runs // 2)
        return 3

    def measure_matrix(self) -> None:
        say("2. egress matrix: every address behind the name, probed over verified TLS")
        trust = str(PKI / "trust.pem")
        medians: dict[str, dict[int, float]] = {}
        peaks: dict[str, dict[int, float]] = {}
        for size in self.settings.sizes:
            try:
                self.lab("--static-ips", str(size))
            except RuntimeError as error:
                self.failed_row("matrix", f"N={size}: lab", str(error))
                continue
            dig = self.run(["dig", "+short", "+tries=1", "-p", str(DNS_PORT), f"@{DNS_IP}", HOST, "A"])
            addresses = [line for line in dig.stdout.split() if re.fullmatch(r"[0-9.]+", line)]
            self.details.setdefault("matrix_addresses", {})[size] = len(addresses)
            if len(addresses) != size:
                say(f"  ! dig returned {len(addresses)} addresses for N={size}")
            runs = self.runs_for(size)
            alt_args = [HOST, str(PORT), DNS_IP, str(DNS_PORT), trust]
            xargs_label = f"xargs -P {self.settings.parallel} curl N={size}"
            loop_label = f"for-loop curl N={size}"
            commands = {xargs_label: [str(BENCH / "alt/curl-xargs.sh"), *alt_args, str(self.settings.parallel)]}
            loop_argv = [str(BENCH / "alt/curl-loop.sh"), *alt_args]
            if size <= self.settings.serial_max:
                commands[loop_label] = loop_argv
            measured_variants = {}
            for variant, suite in self.matrix_suites(size, addresses).items():
                measure = f"matrix N={size}: {variant} (vs xargs -P {self.settings.parallel} curl)"
                report, peak = self.verified("matrix", measure, suite, measure_memory=True)
                if peak is not None:
                    peaks.setdefault(variant, {})[size] = peak
                if report is not None:
                    label = f"edgecheck {variant} N={size}"
                    commands[label] = [str(self.settings.edgecheck), "run", str(suite), "--format", "json"]
                    self.details.setdefault("argv", {})[label] = shlex.join(commands[label])
                    measured_variants[variant] = (measure, label)
            timed = self.timed(commands, runs, warmup=0 if size > 100 else 1)
            if size > self.settings.serial_max:
                # One curl after another over hundreds of addresses takes tens of seconds: once is enough.
                say(f"  {loop_label}: one run only (above --serial-max {self.settings.serial_max})")
                timed.update(self.timed({loop_label: loop_argv}, 1, warmup=0))
            xargs, loop = timed[xargs_label], timed.get(loop_label)
            if size == max(self.settings.sizes) and size >= 100:
                self.matrix_limit_rows(size, timed, measured_variants,
                                       [str(BENCH / "alt/curl-xargs.sh"), *alt_args, str(self.settings.parallel)])
            for variant, (measure, label) in measured_variants.items():
                mine = timed[label]
                medians.setdefault(variant, {})[size] = mine.median
                self.add(Row("matrix", measure, mine.median, xargs.median, "ms", "< 1.0",
                             mine.median < xargs.median, note=self.failures(mine, xargs)))
                if loop is not None and variant == "static-ip probe tls":
                    self.add(Row("matrix", f"matrix N={size}: {variant} (vs for-loop curl)", mine.median,
                                 loop.median, "ms", "< 1.0", mine.median < loop.median,
                                 note=self.failures(mine, loop)))
        self.details["matrix_medians_ms"] = medians
        self.details["matrix_peak_rss_mb"] = peaks
        for variant, by_size in medians.items():
            sizes = sorted(by_size)
            if len(sizes) >= 2:
                small, large = sizes[-2], sizes[-1]
                exponent = math.log(by_size[large] / by_size[small]) / math.log(large / small)
                self.add(Row("matrix", f"growth N={small}->{large}: {variant} (time ~ N^k, k)", exponent, None,
                             "k", "<= 1.0", exponent <= 1.0,
                             note=f"{by_size[small]:.0f} ms -> {by_size[large]:.0f} ms"))
        for variant, by_size in peaks.items():
            largest = max(by_size)
            self.add(Row("matrix", f"peak RSS N={largest}: {variant}", by_size[largest], None, "MB", "< 100",
                         by_size[largest] < 100))

    def cpu_seconds(self, argv: list[str]) -> tuple[float | None, float | None]:
        """User + system CPU seconds of one run (children included, as GNU time counts them),
        and its wall time in seconds."""
        done = self.run(["/usr/bin/time", "-f", "cpu %U %S wall %e", *argv], timeout=600)
        found = re.search(r"cpu ([\d.]+) ([\d.]+) wall ([\d.]+)", done.stderr)
        if not found or done.returncode != 0:
            return None, None
        return float(found.group(1)) + float(found.group(2)), float(found.group(3))

    def matrix_limit_rows(self, size: int, timed: dict[str, Timing], variants: dict, xargs_argv: list[str]) -> None:
        """At the largest N: the matrix against what the machine can do at all, and CPU per handshake.

        The limit is measured in the same lab, minutes from the matrix: as many `openssl s_time
        -new` clients as there are cores, each handshaking with the front's first address for
        --limit-seconds. N divided by their rate together is the least time N handshakes take
        here; `static-ip` with `probe: tls` (one lookup, then a verified handshake per address)
        is held to within 1.25 times that."""
        clients = os.cpu_count() or 1
        limit = self.handshake_limit(clients, self.settings.limit_seconds)
        rate = limit["per_second"]
        self.details.setdefault("handshake_limit", {})[size] = limit
        say(f"  handshake limit: {clients} x openssl s_time -new: "
            f"{'n/a' if rate is None else f'{rate:.0f}'} handshakes/s")
        if "static-ip probe tls" in variants:
            label = variants["static-ip probe tls"][1]
            mine = timed[label]
            floor = None if not rate else size / rate * 1000
            self.add(Row("matrix", f"matrix N={size}: static-ip probe tls (vs the machine's handshake limit)",
                         mine.median, floor, "ms", "<= 1.25", floor is not None and mine.median / floor <= 1.25,
                         note=f"limit: {size} / the rate of {clients} openssl s_time -new clients"
                              + ("" if rate is None else f" ({rate:.0f}/s)")))
        # CPU per handshake: user + system time of one run over N addresses, divided by N. curl's
        # side is what xargs -P 8 curl costs, one process a handshake; both sides verify and GET.
        curl_cpu, _ = self.cpu_seconds(xargs_argv)
        cpu = {"curl xargs": curl_cpu}
        for variant in ("static-ip probe https", "static-ip probe tls"):
            if variant in variants:
                argv = shlex.split(self.details.get("argv", {}).get(variants[variant][1], "")) or None
                cpu[variant], _ = self.cpu_seconds(argv) if argv else (None, None)
        self.details.setdefault("cpu_seconds", {})[size] = cpu
        theirs = None if curl_cpu is None else curl_cpu / size * 1000
        for variant, goal in (("static-ip probe https", "<= 1.0"), ("static-ip probe tls", "info")):
            if cpu.get(variant) is None:
                continue
            mine = cpu[variant] / size * 1000
            ratio = ratio_of(mine, theirs)
            self.add(Row("matrix", f"CPU per address N={size}: {variant} (vs xargs curl, user+sys)", mine, theirs,
                         "ms", goal, (ratio is not None and ratio <= 1.0) if goal != "info" else None, ratio=ratio,
                         note="https: handshake and GET on both sides" if "https" in variant
                         else "handshake only, against curl's handshake and GET"))

    # ---- 3. the lab suite against the operator's script ---------------------------------------

    def operator(self) -> tuple[int, dict[str, str], str]:
        done = self.run([str(BENCH / "operator-check.sh")])
        verdicts = {}
        for line in done.stdout.splitlines():
            found = re.match(r"^(\S+)\s+(pass|warn|fail|error|skip)\b", line)
            if found:
                verdicts[found.group(1)] = found.group(2)
        return done.returncode, verdicts, done.stdout

    def compare_verdicts(self, state: str) -> dict:
        suite = ROOT / "checks/lab.yaml"
        code, report, _, stderr = self.edgecheck(suite)
        mine = statuses_of(report)
        op_code, theirs, _ = self.operator()
        differ = {k: {"edgecheck": mine.get(k), "operator": theirs.get(k)}
                  for k in sorted(set(mine) | set(theirs)) if mine.get(k) != theirs.get(k)}
        say(f"  verdicts [{state}]: edgecheck {mine or stderr.strip()[-200:]}; operator {theirs}"
            + (f"; DIFFER {differ}" if differ else "; identical"))
        return {"state": state, "edgecheck_exit": code, "operator_exit": op_code,
                "edgecheck": mine, "operator": theirs, "differ": differ}

    def measure_suite(self) -> None:
        say("3. the lab suite: edgecheck run checks/lab.yaml against bench/operator-check.sh")
        suite = ROOT / "checks/lab.yaml"
        if not suite.exists():
            self.failed_row("suite", "lab suite", "checks/lab.yaml not found")
            return
        self.lab()
        healthy = self.compare_verdicts("healthy")
        comparisons = [healthy]
        measure = "lab suite: checks/lab.yaml (vs operator-check.sh)"
        if healthy["edgecheck_exit"] != 0 or not healthy["edgecheck"]:
            self.failed_row("suite", measure, f"edgecheck exit {healthy['edgecheck_exit']} on the healthy lab: "
                                              f"{healthy['edgecheck']}")
        else:
            runs = self.settings.suite_runs
            timed = self.timed({"edgecheck lab suite": [str(self.settings.edgecheck), "run", str(suite),
                                                        "--format", "json"],
                                "operator-check.sh": [str(BENCH / "operator-check.sh")]}, runs, warmup=0)
            mine, theirs = timed["edgecheck lab suite"], timed["operator-check.sh"]
            self.add(Row("suite", measure, mine.median, theirs.median, "ms", "<= 0.5",
                         ratio_of(mine.median, theirs.median) <= 0.5, note=self.failures(mine, theirs)))
        for fault in self.settings.verdict_faults:
            try:
                self.lab("--fault", fault, env={"LAB_SLOW_HOP": SLOW_HOP, "LAB_SLOW_MS": str(SLOW_MS)})
            except RuntimeError as error:
                comparisons.append({"state": fault, "error": str(error), "differ": {"lab": str(error)}})
                continue
            comparisons.append(self.compare_verdicts(fault))
        self.details["verdicts"] = comparisons
        differing = [c["state"] for c in comparisons if c["differ"]]
        states = len(comparisons)
        self.add(Row("suite", f"verdicts identical: healthy + {states - 1} faults", states - len(differing), states,
                     "states", "all", not differing, ratio=None,
                     note=("differ: " + ", ".join(differing)) if differing else ""))

    # ---- 4. timing fidelity -----------------------------------------------------------------

    def hops(self) -> list[dict]:
        """The three TLS terminations of the chain, each reached directly, as lab.yaml does."""
        return [
            {"name": "nlb", "url": f"{FRONT_URL}/", "connect-to": f"{FIRST_STATIC_IP}:{PORT}",
             "ca-file": str(PKI / "trust.pem")},
            # The ingress serves only connections that start with a PROXY header (accept-proxy):
            # v1 on both sides, since curl's --haproxy-protocol sends v1.
            {"name": "ingress", "url": "https://ingress.edgecheck.test:8443/", "connect-to": "127.0.20.1:8443",
             "ca-file": str(PKI / "ingress.pem"), "proxy-protocol": "v1"},
            {"name": "alb", "url": "https://alb.edgecheck.test:8443/", "connect-to": "127.0.30.1:8443",
             "ca-file": str(PKI / "alb-ca.pem")},
        ]

    def curl_handshakes(self, hop: dict, samples: int) -> list[float]:
        """appconnect - connect, in ms, of `samples` fresh connections made by one curl process.

        One process making every connection, as edgecheck does: each on a new connection
        (`Connection: close`, checked with num_connects) and a full handshake (--no-sessionid).
        """
        host_port = hop["url"].split("//", 1)[1].split("/", 1)[0]
        ip, port = hop["connect-to"].rsplit(":", 1)
        segment = ["-sS", "-o", "/dev/null", "--max-time", "5", "--no-sessionid", "-H", "Connection: close",
                   "--cacert", hop["ca-file"], "--capath", SYSTEM_CERT_DIR,
                   "--connect-to", f"{host_port}:{ip}:{port}",
                   *(["--haproxy-protocol"] if hop.get("proxy-protocol") else []),
                   "-w", "%{num_connects} %{time_connect} %{time_appconnect}\n", hop["url"]]
        argv = ["curl"]
        for number in range(samples):
            argv += (["--next"] if number else []) + segment
        done = subprocess.run(argv, capture_output=True, text=True, stdin=subprocess.DEVNULL)
        handshakes = []
        for line in done.stdout.splitlines():
            try:
                connects, connect, appconnect = line.split()
            except ValueError:
                continue
            if connects == "1" and float(appconnect) > 0:
                handshakes.append((float(appconnect) - float(connect)) * 1000)
        return handshakes

    def reported_tls_p50(self, suite: Path, extra: list[str] | None = None) -> dict[str, float]:
        """hop name -> tls p50 reported by edgecheck."""
        code, report, _, stderr = self.edgecheck(suite, extra)
        reported = {}
        for check in (c for s in (report or {}).get("suites", []) for c in s["checks"]):
            for hop in (check.get("data") or {}).get("hops", []):
                tls = (hop.get("phases") or {}).get("tls") or {}
                if "p50" in tls:
                    reported[hop["name"]] = tls["p50"]
        if not reported:
            say(f"  ! edgecheck tls-timing exit {code}: {' '.join(stderr.split())[-300:]}")
        return reported

    def timing_state(self, state: str, slow_hop: str | None = None) -> dict[str, dict]:
        """Per hop: tls p50 by edgecheck and by curl, measured back to back, in many short rounds.

        The handshakes take 1 to 3 ms and the machine's speed drifts by more than 10 % from one
        second to the next, so each round times the hop with edgecheck (a suite of that one hop)
        and straight after with curl, and the ratio is the median of the rounds' ratios: both
        sides of a ratio saw the same machine. edgecheck's figure with every hop in one check (as
        lab.yaml has it) is kept for the note. The slowed hop, 200 ms a handshake, gets fewer
        samples per round, and the slow state fewer rounds; the delay dwarfs their noise."""
        samples, rounds = self.settings.samples, self.settings.timing_rounds
        if slow_hop is not None:
            # Every request through the slowed hop waits its 200 ms (the nlb hop's too, behind it):
            # a third of the rounds keeps this state to about a minute.
            rounds = max(3, rounds // 3)
        hops = self.hops()

        def samples_for(hop: dict) -> int:
            return min(samples, 5) if hop["name"] == slow_hop else samples

        together = write_suite(f"timing-{state}", {
            "name": f"bench-timing-{state}", "target": FRONT_URL,
            "checks": [{"id": "tls-timing", "kind": "tls-timing", "samples": min(samples_for(h) for h in hops),
                        "hops": hops}]})
        alone = {hop["name"]: write_suite(f"timing-{state}-{hop['name']}", {
            "name": f"bench-timing-{state}-{hop['name']}", "target": FRONT_URL,
            "checks": [{"id": f"tls-timing-{hop['name']}", "kind": "tls-timing", "samples": samples_for(hop),
                        "hops": [hop]}]}) for hop in hops}
        per_round: dict[str, dict[str, list[float]]] = {
            hop["name"]: {"edgecheck": [], "curl": [], "ratio": [], "together": []} for hop in hops}
        for _ in range(rounds):
            for name, p50 in self.reported_tls_p50(together).items():
                per_round[name]["together"].append(p50)
            for hop in hops:
                figures = per_round[hop["name"]]
                mine = self.reported_tls_p50(alone[hop["name"]]).get(hop["name"])
                handshakes = self.curl_handshakes(hop, samples_for(hop))
                theirs = statistics.median(handshakes) if handshakes else None
                if mine is not None: figures["edgecheck"].append(mine)
                if theirs is not None: figures["curl"].append(theirs)
                if mine is not None and theirs: figures["ratio"].append(mine / theirs)
        figures = {}
        for name, by_tool in per_round.items():
            median = {key: (statistics.median(v) if v else None) for key, v in by_tool.items()}
            together_ratio = ratio_of(median["together"], median["curl"])
            figures[name] = {"edgecheck_p50_ms": median["edgecheck"], "curl_p50_ms": median["curl"],
                             "paired_ratio": median["ratio"], "together_p50_ms": median["together"],
                             "together_ratio": together_ratio, "rounds": by_tool}
            paired = "n/a" if median["ratio"] is None else f"{median['ratio']:.2f}"
            say(f"  tls p50 {name} [{state}]: edgecheck {_fmt(median['edgecheck'], 'ms')}, curl "
                f"{_fmt(median['curl'], 'ms')}, paired ratio {paired}")
        return figures

    def measure_timing(self) -> None:
        say(f"4. timing fidelity: tls-timing against curl -w on the same hops "
            f"({self.settings.timing_rounds} rounds of {self.settings.samples} fresh connections per hop and tool)")
        self.lab()
        healthy = self.timing_state("healthy")
        slow_env = {"LAB_SLOW_HOP": SLOW_HOP, "LAB_SLOW_MS": str(SLOW_MS)}
        self.lab("--fault", "slow-hop", env=slow_env)
        slow = self.timing_state("slow-hop", slow_hop=SLOW_HOP)
        self.details["timing"] = {"healthy": healthy, "slow-hop": slow, "slow_hop": SLOW_HOP, "slow_ms": SLOW_MS,
                                  "samples": self.settings.samples, "rounds": self.settings.timing_rounds,
                                  "rounds_slow_hop": max(3, self.settings.timing_rounds // 3)}
        for state, figures in (("healthy", healthy), ("slow-hop", slow)):
            for name, f in figures.items():
                mine, theirs, ratio = f["edgecheck_p50_ms"], f["curl_p50_ms"], f["paired_ratio"]
                together = f["together_ratio"]
                via = " via PROXY v1" if name == "ingress" else ""
                versus = "curl --haproxy-protocol" if via else "curl appconnect-connect"
                self.add(Row("timing", f"tls p50, hop {name}{via} [{state}] (vs {versus})", mine, theirs,
                             "ms", "0.9..1.1", ratio is not None and 0.9 <= ratio <= 1.1, ratio=ratio,
                             note=" ".join(filter(None, [
                                 "ratio: median of the rounds' paired ratios;",
                                 None if ratio is None or mine is None or theirs is None
                                 else f"difference {mine - theirs:+.2f} ms;",
                                 None if together is None else f"all hops in one check {together:.2f}"]))))
        mine = theirs = None
        try:
            mine = slow[SLOW_HOP]["edgecheck_p50_ms"] - healthy[SLOW_HOP]["edgecheck_p50_ms"]
            theirs = slow[SLOW_HOP]["curl_p50_ms"] - healthy[SLOW_HOP]["curl_p50_ms"]
        except (TypeError, KeyError):
            pass
        # The lab's delay is 200 ms plus HAProxy's own timer slack (curl reads about 202 ms): what
        # edgecheck must do is read the same delay as curl.
        self.add(Row("timing", f"injected delay on {SLOW_HOP}: slow - healthy tls p50 (vs curl; {SLOW_MS} ms set)",
                     mine, theirs, "ms", "curl +- 1",
                     mine is not None and theirs is not None and abs(mine - theirs) <= 1))

    # ---- 5. serve against blackbox_exporter, and serve and watch at rest ----------------------

    def start(self, name: str, argv: list[str]) -> subprocess.Popen:
        """A long-running process of the benchmark, its output in the work folder."""
        self.log(f"$ (background) {shlex.join(argv)}")
        out = (WORK / f"{name}.log").open("w")
        return subprocess.Popen(argv, cwd=ROOT, env={**os.environ, **self.lab_env}, stdout=out, stderr=out,
                                stdin=subprocess.DEVNULL)

    @staticmethod
    def scrape(url: str, timeout: float = 10) -> tuple[float, str | None]:
        """One scrape: wall time in ms and the body, or None when it failed."""
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(url, timeout=timeout) as reply:
                body = reply.read().decode(errors="replace")
        except (urllib.error.URLError, OSError):
            body = None
        return (time.perf_counter() - started) * 1000, body

    def wait_for(self, url: str, process: subprocess.Popen, seconds: float = 15) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and process.poll() is None:
            if self.scrape(url, timeout=1)[1] is not None:
                return True
            time.sleep(0.1)
        return False

    @staticmethod
    def process_figures(pid: int) -> tuple[float, float]:
        """CPU seconds (user + system) and resident memory in MB of a running process."""
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        cpu = (int(fields[11]) + int(fields[12])) / ticks
        rss = next(int(line.split()[1]) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                   if line.startswith("VmRSS:")) / 1024
        return cpu, rss

    def concurrent(self, url: str, scrapers: int, seconds: float | None = None,
                   count: int | None = None) -> tuple[int, int, float]:
        """`scrapers` threads scraping url back to back, for `seconds` or until `count` scrapes:
        (scrapes answered with probe_success 1, scrapes, wall seconds)."""
        lock = threading.Lock()
        tally = {"ok": 0, "all": 0}
        deadline = None if seconds is None else time.monotonic() + seconds

        def worker() -> None:
            while True:
                with lock:
                    if (count is not None and tally["all"] >= count) or \
                            (deadline is not None and time.monotonic() >= deadline):
                        return
                    tally["all"] += 1
                _, body = self.scrape(url)
                if body is not None and re.search(r"^probe_success 1\b", body, re.MULTILINE):
                    with lock:
                        tally["ok"] += 1

        started = time.perf_counter()
        with ThreadPoolExecutor(scrapers) as pool:
            for _ in range(scrapers):
                pool.submit(worker)
        return tally["ok"], tally["all"], time.perf_counter() - started

    def measure_serve(self) -> None:
        say("5. serve: /probe of one verified HTTPS target against blackbox_exporter; serve and watch at rest")
        edgecheck = str(self.settings.edgecheck)
        # An edgecheck without serve answers `serve --help` with its general help, exit 0: the
        # subcommand list is what tells.
        subcommands = self.run([edgecheck, "--help"]).stdout
        if not re.search(r"^\s+serve\s", subcommands, re.MULTILINE):
            self.add(Row("serve", "serve: /probe (vs blackbox_exporter)", None, None, "", "no slower", None,
                         note="not measured: this edgecheck has no serve command"))
            return
        blackbox = shutil.which("prometheus-blackbox-exporter")
        if blackbox is None:
            self.failed_row("serve", "serve: /probe (vs blackbox_exporter)",
                            "prometheus-blackbox-exporter is missing (scripts/install-deps prometheus-blackbox-exporter)")
            return
        self.lab()
        trust = str(PKI / "trust.pem")
        # Like work on both sides: a fresh connection to the front's first address, a verified
        # handshake for the host name, one GET, its status judged.
        suite = write_suite("serve-probe", {
            "name": "bench-serve", "target": FRONT_URL,
            "checks": [{"id": "https", "kind": "tls-timing", "samples": 1, "hops": [
                {"name": "nlb", "url": f"{FRONT_URL}/", "connect-to": f"{FIRST_STATIC_IP}:{PORT}",
                 "ca-file": trust}]}]})
        config = WORK / "blackbox.yml"
        config.write_text(f"""# Written by bench/bench.py: the same probe as the serve suite's.
modules:
  https:
    prober: http
    timeout: 5s
    http:
      method: GET
      preferred_ip_protocol: ip4
      fail_if_not_ssl: true
      headers:
        Host: "{HOST}:{PORT}"
      tls_config:
        ca_file: "{trust}"
        server_name: "{HOST}"
""")
        serve_url = f"http://{SERVE_LISTEN}/probe?module=https"
        blackbox_url = f"http://{BLACKBOX_LISTEN}/probe?module=https&target=https://{FIRST_STATIC_IP}:{PORT}/"
        processes = {
            "serve": self.start("serve", [edgecheck, "serve", str(suite), "--listen", SERVE_LISTEN]),
            "blackbox": self.start("blackbox", [blackbox, f"--config.file={config}",
                                                f"--web.listen-address={BLACKBOX_LISTEN}"]),
        }
        watches: dict[str, subprocess.Popen] = {}
        try:
            for name, url in (("serve", f"http://{SERVE_LISTEN}/metrics"), ("blackbox", f"http://{BLACKBOX_LISTEN}/metrics")):
                if not self.wait_for(url, processes[name]):
                    raise RuntimeError(f"{name} did not answer on {url}: see {WORK / (name + '.log')}")
            for name, url in (("serve", serve_url), ("blackbox", blackbox_url)):
                _, body = self.scrape(url)
                if body is None or not re.search(r"^probe_success 1\b", body, re.MULTILINE):
                    raise RuntimeError(f"{name}'s probe did not succeed: {(body or 'no answer')[-300:]}")
            # Latency per probe: one scrape at a time, each of serve's followed by blackbox's.
            pairs = []
            for _ in range(self.settings.runs * 3):
                pairs.append((self.scrape(serve_url)[0], self.scrape(blackbox_url)[0]))
            mine = statistics.median(p[0] for p in pairs)
            theirs = statistics.median(p[1] for p in pairs)
            ratio = statistics.median(p[0] / p[1] for p in pairs)
            self.add(Row("serve", "serve: latency of one /probe, one scraper (vs blackbox_exporter)", mine, theirs,
                         "ms", "<= 1.0", ratio <= 1.0, ratio=ratio,
                         note=f"median of {len(pairs)} paired ratios; a verified handshake and GET each"))
            # Probes a second with 8 scrapers at once, each side for the same time.
            rates = {}
            for name, url in (("serve", serve_url), ("blackbox", blackbox_url)):
                ok, done, wall = self.concurrent(url, 8, seconds=self.settings.serve_seconds)
                rates[name] = {"succeeded": ok, "scrapes": done, "seconds": wall, "per_second": ok / wall}
                say(f"  {name}: {ok}/{done} probes succeeded in {wall:.1f}s, 8 scrapers")
            self.details["serve_rates"] = rates
            mine, theirs = rates["serve"]["per_second"], rates["blackbox"]["per_second"]
            self.add(Row("serve", "serve: probes per second, 8 scrapers (vs blackbox_exporter)", mine, theirs,
                         "/s", ">= 1.0", theirs > 0 and mine / theirs >= 1.0, ratio=ratio_of(mine, theirs),
                         note=f"succeeded {rates['serve']['succeeded']}/{rates['serve']['scrapes']} against "
                              f"{rates['blackbox']['succeeded']}/{rates['blackbox']['scrapes']}; higher is better"))
            # Memory after many probes: read after the first tenth and after all of them.
            total, first = self.settings.serve_probes, max(1, self.settings.serve_probes // 10)
            pid = processes["serve"].pid
            self.concurrent(serve_url, 8, count=first)
            _, early = self.process_figures(pid)
            ok, done, wall = self.concurrent(serve_url, 8, count=total - first)
            _, late = self.process_figures(pid)
            _, blackbox_rss = self.process_figures(processes["blackbox"].pid)
            self.details["serve_memory"] = {"after_probes": {first: early, total: late}, "blackbox_rss_mb": blackbox_rss,
                                            "succeeded": ok, "scrapes": done, "seconds": wall}
            self.add(Row("serve", f"serve: RSS after {total} probes (vs blackbox_exporter's now)", late, blackbox_rss,
                         "MB", "flat", late <= early * 1.1 + 2,
                         note=f"{early:.1f} MB after {first}, {late:.1f} MB after {total} "
                              f"({ok}/{done} of the rest succeeded in {wall:.0f}s); flat: within 10 % + 2 MB"))
            # At rest: serve and blackbox_exporter unscraped, watch between two runs (--every 1h)
            # and watch every 2 s, all in the same window; stated per hour.
            watches["watch at rest"] = self.start("watch-rest", [edgecheck, "watch", str(suite), "--every", "1h"])
            watches["watch every 2s"] = self.start("watch-busy", [edgecheck, "watch", str(suite), "--every", "2s"])
            time.sleep(5)  # the watches' first runs
            watched = {"serve at rest": processes["serve"], "blackbox_exporter at rest": processes["blackbox"],
                       **watches}
            before = {name: self.process_figures(p.pid) for name, p in watched.items() if p.poll() is None}
            window = self.settings.rest_seconds
            time.sleep(window)
            after = {name: self.process_figures(p.pid) for name, p in watched.items() if p.poll() is None}
            per_hour = 3600 / window
            rest = {}
            for name in before:
                if name not in after:
                    continue
                cpu = (after[name][0] - before[name][0]) * per_hour
                growth = (after[name][1] - before[name][1]) * per_hour
                rest[name] = {"cpu_s_per_hour": cpu, "rss_mb_per_hour": growth, "rss_mb": after[name][1]}
            self.details["at_rest"] = {"window_s": window, "figures": rest}
            for name in ("serve at rest", "watch at rest", "watch every 2s"):
                if name not in rest:
                    self.failed_row("serve", f"{name}: CPU per hour", f"{name} ended early: see {WORK}")
                    continue
                figures = rest[name]
                other = rest.get("blackbox_exporter at rest") if name == "serve at rest" else None
                busy = name == "watch every 2s"
                self.add(Row("serve", f"{name}: CPU per hour" + (" (vs blackbox_exporter at rest)" if other else ""),
                             figures["cpu_s_per_hour"], other["cpu_s_per_hour"] if other else None, "s/h",
                             "info" if busy else "< 36 s/h",
                             None if busy else figures["cpu_s_per_hour"] < 36,
                             ratio=None, note=f"measured over {window:.0f}s" + (
                                 "; 1800 runs an hour" if busy else "; 36 s/h is 1 % of a core")))
                # watch keeps every run for the window's report (docs/watch.md): at 1800 runs an
                # hour its growth is the size of a run, shown, not judged.
                per_run = f"; {figures['rss_mb_per_hour'] * 1024 / 1800:.1f} KB a run, kept for the report" if busy else ""
                self.add(Row("serve", f"{name}: memory growth per hour", figures["rss_mb_per_hour"], None, "MB/h",
                             "info" if busy else "< 5 MB/h", None if busy else figures["rss_mb_per_hour"] < 5,
                             note=f"RSS {figures['rss_mb']:.1f} MB; measured over {window:.0f}s, one 4 KiB page "
                                  f"reads as {0.004 * per_hour:.1f} MB/h" + per_run))
        finally:
            for process in [*processes.values(), *watches.values()]:
                if process.poll() is None:
                    process.terminate()
            for process in [*processes.values(), *watches.values()]:
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    process.kill()

    # ---- the report -------------------------------------------------------------------------

    def table(self) -> str:
        header = ("measure", "edgecheck", "alternative", "ratio", "goal", "met?")
        lines = []
        for row in self.rows:
            lines.append((row.measure, _fmt(row.edgecheck, row.unit), _fmt(row.alternative, row.unit),
                          "" if row.ratio is None else f"{row.ratio:.2f}" if row.ratio >= 0.1 else f"{row.ratio:.3f}",
                          row.goal,
                          {True: "yes", False: "NO", None: "-"}[row.met] + (f"  {row.note}" if row.note else "")))
        widths = [max(len(str(r[i])) for r in [header, *lines]) for i in range(5)]
        out = []
        for r in [header, tuple("-" * w for w in widths) + ("----",), *lines]:
            out.append("  ".join(str(r[i]).ljust(widths[i]) if i == 0 else str(r[i]).rjust(widths[i])
                                 for i in range(5)) + "  " + r[5])
        return "\n".join(out)

    def machine(self) -> dict:
        memory_mb = None
        try:
            for line in Path("/proc/meminfo").read_text().splitlines():
                if line.startswith("MemTotal:"):
                    memory_mb = int(line.split()[1]) // 1024
        except OSError:
            pass
        return {"cores": os.cpu_count(), "memory_mb": memory_mb}

    def versions(self) -> dict:
        def first_line(argv):
            try:
                return subprocess.run(argv, capture_output=True, text=True).stdout.strip().splitlines()[0]
            except (OSError, IndexError):
                return None
        return {"edgecheck": first_line([str(self.settings.edgecheck), "--version"]),
                "curl": first_line(["curl", "--version"]), "openssl": first_line(["openssl", "version"]),
                "dig": (subprocess.run(["dig", "-v"], capture_output=True, text=True).stderr.strip() or None),
                "hyperfine": first_line(["hyperfine", "--version"]),
                "testssl.sh": scanner_version(["testssl", "--version"], r"testssl\s+(\S+) from"),
                "sslscan": scanner_version(["sslscan", "--version"], r"^\s*(\d[\d.]+)\s*$"),
                "blackbox_exporter": scanner_version(["prometheus-blackbox-exporter", "--version"],
                                                     r"version (\S+)")}

    def write_json(self, started: datetime.datetime, seconds: float) -> Path:
        s = self.settings
        document = {
            "date": started.isoformat(timespec="seconds"),
            "duration_s": round(seconds, 1),
            "machine": self.machine(),
            "versions": self.versions(),
            "settings": {"runs": s.runs, "suite_runs": s.suite_runs, "sizes": s.sizes, "serial_max": s.serial_max,
                         "samples": s.samples, "parallel": s.parallel, "rounds": s.rounds,
                         "timing_rounds": s.timing_rounds, "sections": s.sections,
                         "verdict_faults": s.verdict_faults},
            "goals_met": sum(1 for r in self.rows if r.met), "goals": sum(1 for r in self.rows if r.met is not None),
            "rows": [r.as_json() for r in self.rows],
            "details": self.details,
        }
        path = RESULTS / "latest.json"
        temporary = path.with_suffix(".json.tmp")
        temporary.write_text(json.dumps(document, indent=2) + "\n")
        temporary.replace(path)
        return path


def scanner_version(argv: list[str], pattern: str) -> str | None:
    """The version a tool prints among its banner's colours, or None when it is not installed."""
    if shutil.which(argv[0]) is None:
        return None
    done = subprocess.run(argv, capture_output=True, text=True)
    text = re.sub(r"\x1b\[[0-9;]*m", "", done.stdout + done.stderr)
    found = re.search(pattern, text, re.MULTILINE)
    return found.group(1) if found else None


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "ms":
        return f"{value:.1f} ms" if value < 1000 else f"{value / 1000:.2f} s"
    if unit == "MB":
        return f"{value:.1f} MB"
    if unit in ("/s", "s/h", "MB/h"):
        return f"{value:.1f} {unit}"
    if unit == "k":
        return f"{value:.2f}"
    return f"{value:g} {unit}".strip()


def parse_arguments() -> Settings:
    parser = argparse.ArgumentParser(prog="bench/run", description=(
        "Time edgecheck against curl, dig and openssl on the lab, print ratios, write bench/results/latest.json."))
    parser.add_argument("--only", action="append", choices=SECTIONS,
                        help="run only this measure (repeatable); default: all")
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", 10)),
                        help="runs of each short command (default 10; fewer for large N); one probe gets "
                             "twice as many, in pairs with curl")
    parser.add_argument("--suite-runs", type=int, default=int(os.environ.get("BENCH_SUITE_RUNS", 5)),
                        help="runs of the lab suite and of the operator's script (default 5)")
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "10,100,1000"),
                        help="static-IP counts of the egress matrix (default 10,100,1000)")
    parser.add_argument("--serial-max", type=int, default=int(os.environ.get("BENCH_SERIAL_MAX", 100)),
                        help="largest N at which the serial curl loop gets every run; above, one (default 100)")
    parser.add_argument("--samples", type=int, default=int(os.environ.get("BENCH_SAMPLES", 20)),
                        help="fresh connections per hop for timing fidelity (default 20)")
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_ROUNDS", 3)),
                        help="interleaved rounds the runs of each comparison are spread over (default 3)")
    parser.add_argument("--timing-rounds", type=int, default=int(os.environ.get("BENCH_TIMING_ROUNDS", 15)),
                        help="rounds of timing fidelity, each hop timed by edgecheck then curl (default 15)")
    parser.add_argument("--parallel", type=int, default=8, help="xargs -P of the parallel curl (default 8)")
    parser.add_argument("--verdict-faults", default=os.environ.get(
        "BENCH_VERDICT_FAULTS", ",".join(FAULTS)),
        help="faults under which the verdicts of lab.yaml and operator-check.sh are compared too")
    parser.add_argument("--baseline", default=os.environ.get("BENCH_BASELINE"),
                        help="an earlier release binary: the one-probe row is measured with it too, side by side")
    parser.add_argument("--baseline-label", default=os.environ.get("BENCH_BASELINE_LABEL", "baseline"),
                        help="what the baseline binary is, for the table (e.g. the commit it was built from)")
    parser.add_argument("--scanner-runs", type=int, default=int(os.environ.get("BENCH_SCANNER_RUNS", 3)),
                        help="runs of the certificate comparison with testssl.sh and sslscan (default 3)")
    parser.add_argument("--limit-seconds", type=float, default=float(os.environ.get("BENCH_LIMIT_SECONDS", 5)),
                        help="seconds the openssl s_time clients handshake for the machine's limit (default 5)")
    parser.add_argument("--serve-probes", type=int, default=int(os.environ.get("BENCH_SERVE_PROBES", 10000)),
                        help="probes serve answers before its memory is read (default 10000)")
    parser.add_argument("--serve-seconds", type=float, default=float(os.environ.get("BENCH_SERVE_SECONDS", 10)),
                        help="seconds of 8 concurrent scrapers against serve and blackbox_exporter each (default 10)")
    parser.add_argument("--rest-seconds", type=float, default=float(os.environ.get("BENCH_REST_SECONDS", 30)),
                        help="the window in which serve and watch at rest are watched, stated per hour (default 30)")
    parser.add_argument("--edgecheck", default=os.environ.get("EDGECHECK", str(ROOT / ".build/release/edgecheck")),
                        help="the binary to measure (default .build/release/edgecheck)")
    args = parser.parse_args()
    return Settings(edgecheck=Path(args.edgecheck).resolve(), runs=args.runs, suite_runs=args.suite_runs,
                    sizes=[int(n) for n in args.sizes.split(",") if n.strip()], serial_max=args.serial_max,
                    samples=args.samples, parallel=args.parallel, rounds=args.rounds,
                    timing_rounds=args.timing_rounds, sections=args.only or list(SECTIONS),
                    verdict_faults=[f for f in args.verdict_faults.split(",") if f.strip()],
                    baseline=Path(args.baseline).resolve() if args.baseline else None,
                    baseline_label=args.baseline_label,
                    scanner_runs=args.scanner_runs, limit_seconds=args.limit_seconds,
                    serve_probes=args.serve_probes, serve_seconds=args.serve_seconds,
                    rest_seconds=args.rest_seconds)


def main() -> int:
    settings = parse_arguments()
    if not os.access(settings.edgecheck, os.X_OK):
        say(f"no edgecheck binary at {settings.edgecheck}: run `make bench` (it builds release first)")
        return 2
    for tool in ("hyperfine", "curl", "dig", "openssl"):
        if shutil.which(tool) is None:
            say(f"{tool} is missing: run bench/run as root once, or scripts/install-deps hyperfine time")
            return 2
    WORK.mkdir(parents=True, exist_ok=True)
    bench = Bench(settings)
    bench.log_path.write_text("")
    started = datetime.datetime.now(datetime.timezone.utc)
    clock = time.monotonic()
    crashed = False
    # SIGTERM ends the benchmark the way Ctrl-C does: the lab is stopped on the way out.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        for section in settings.sections:
            try:
                getattr(bench, f"measure_{section}")()
            except Exception as error:  # one broken measure must not hide the others
                crashed = True
                bench.failed_row(section, f"{section}: not measured", f"{type(error).__name__}: {error}")
    except KeyboardInterrupt:
        say("interrupted: stopping the lab; no results written")
        return 130
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        bench.run([str(ROOT / "lab/down")])
    path = bench.write_json(started, time.monotonic() - clock)
    print(f"\nedgecheck benchmark, {started:%Y-%m-%d %H:%M} UTC, {bench.machine()['cores']} cores, "
          f"{bench.machine()['memory_mb']} MB memory, {time.monotonic() - clock:.0f} s\n")
    print(bench.table())
    met = sum(1 for r in bench.rows if r.met)
    goals = sum(1 for r in bench.rows if r.met is not None)
    print(f"\ngoals met: {met}/{goals}; ratios are edgecheck / alternative (medians).")
    print(f"JSON: {path}")
    print(f"log:  {bench.log_path}")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
