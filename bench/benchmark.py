#!/usr/bin/env python3
"""The batch-routes benchmark: the real daemon on the local services, side by side with the physical limit.

For each scenario it generates its inputs, runs the baseline (the same task commands on the same files with
`xargs -P<cores>`, no staging), then drops the same files into a running daemon and waits for every result.
The Batch emulator and Azurite run as their own processes so that the daemon's memory is the daemon's alone; the
daemon reaches them through the `azure` profile (configuration only, as it would reach real Azure).

Usage: python3 bench/benchmark.py [--scenarios compute,overhead,latency,queue,big] [--jar target/batch-routes.jar]
Prints one table (Markdown) at the end; `--out FILE` also writes it to FILE.
"""
import argparse
import base64
import email.utils
import hashlib
import hmac
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOPWORDS = ROOT / "src/main/resources/nodes/topwords.py"
AZURITE = ROOT / "node_modules/azurite/dist/src/blob/main.js"
AZURITE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
CORES = os.cpu_count() or 1


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def wait_for(what, condition, timeout, interval=0.01):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------------------------------------- inputs

def make_mp4s(folder, count, seconds):
    folder.mkdir(parents=True, exist_ok=True)
    first = folder / "clip-000.mp4"
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}",
                    "-f", "lavfi", "-i", f"testsrc=size=320x240:rate=25:duration={seconds}", "-shortest",
                    "-c:v", "mpeg4", "-c:a", "aac", str(first)], check=True)
    for i in range(1, count):
        shutil.copyfile(first, folder / f"clip-{i:03d}.mp4")
    return sorted(folder.iterdir())


def make_texts(folder, count, words=200):
    folder.mkdir(parents=True, exist_ok=True)
    vocabulary = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu".split()
    for i in range(count):
        text = " ".join(vocabulary[(i + j * j) % len(vocabulary)] for j in range(words))
        (folder / f"text-{i:05d}.txt").write_text(text + "\n")
    return sorted(folder.iterdir())


def make_big_text(folder, size_bytes):
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "big.txt"
    line = ("the quick brown fox jumps over the lazy dog " * 20 + "\n").encode()
    with open(target, "wb") as out:
        written = 0
        while written < size_bytes:
            out.write(line * 1000)
            written += len(line) * 1000
    return [target]


# ---------------------------------------------------------------------------------------------- baseline

def baseline(files, kind, workdir):
    """The same commands the nodes run, straight on the files: xargs -P<cores>, no staging."""
    out = workdir / "baseline-out"
    out.mkdir(parents=True, exist_ok=True)
    if kind == "mp4":
        script = 'exec ffmpeg -nostdin -hide_banner -loglevel error -y -i "$1" -vn "$2/$(basename "$1").mp3"'
    else:
        script = f'exec python3 {TOPWORDS} "$1" "$2/$(basename "$1").out" 3'
    listing = "\0".join(str(f) for f in files).encode()
    start = time.monotonic()
    subprocess.run(["xargs", "-0", f"-P{CORES}", "-I{}", "/bin/sh", "-c", script, "sh", "{}", str(out)], input=listing, check=True)
    return time.monotonic() - start


# ---------------------------------------------------------------------------------------------- services

class Services:
    """Azurite and the Batch emulator as processes of their own."""

    def __init__(self, jar, workdir, key):
        self.workdir = workdir
        self.key = key
        self.blob_port = free_port()
        azurite_dir = workdir / "azurite"
        azurite_dir.mkdir(parents=True)
        self.azurite = subprocess.Popen(["node", str(AZURITE), "--blobHost", "127.0.0.1", "--blobPort", str(self.blob_port),
                                         "--location", str(azurite_dir), "--disableTelemetry", "--skipApiVersionCheck", "--loose"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # The key travels in the environment, never on a command line.
        self.emulator = subprocess.Popen(["java", "-jar", str(jar), "emulator", "--port", "0", "--data-dir", str(workdir / "batch")],
                                         env=dict(os.environ, BATCH_EMULATOR_KEY=key),
                                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        line = self.emulator.stdout.readline()
        while line and "listening on" not in line:
            line = self.emulator.stdout.readline()
        match = re.search(r"listening on (http://\S+) account=(\S+)", line or "")
        if not match:
            raise RuntimeError("the emulator did not start: " + (line or "no output"))
        self.batch_url, self.account = match.group(1), match.group(2)
        threading.Thread(target=lambda: [None for _ in self.emulator.stdout], daemon=True).start()
        wait_for("Azurite", lambda: port_open(self.blob_port), 60)

    def stats(self):
        """Batch REST requests the emulator served so far (its /_emulator/stats), or None if it cannot tell.
        Signed with SharedKey as the SDKs sign a GET without a body or query (the emulator answers it only so)."""
        date = email.utils.formatdate(usegmt=True)
        path = "/_emulator/stats"
        to_sign = "GET\n" + "\n" * 11 + f"ocp-date:{date}\n/{self.account.lower()}{path}"
        signature = base64.b64encode(hmac.new(base64.b64decode(self.key), to_sign.encode(), hashlib.sha256).digest())
        request = urllib.request.Request(self.batch_url + path, headers={
            "ocp-date": date, "Authorization": f"SharedKey {self.account}:{signature.decode()}"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return json.load(response)["requests"]
        except (OSError, ValueError, KeyError):
            return None

    def environment(self, key):
        blob = f"http://127.0.0.1:{self.blob_port}/devstoreaccount1"
        return {
            "BATCHROUTES_PROFILE": "azure",
            "BATCHROUTES_BATCH_ACCOUNT_URL": self.batch_url,
            "BATCHROUTES_BATCH_ACCOUNT_NAME": self.account,
            "BATCHROUTES_BATCH_ACCOUNT_KEY": key,
            "BATCHROUTES_STORAGE_CONNECTION_STRING":
                f"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AZURITE_KEY};BlobEndpoint={blob};",
        }

    def cpu(self):
        return cpu_seconds(self.emulator.pid, children=True), cpu_seconds(self.azurite.pid)

    def stop(self):
        for process in (self.emulator, self.azurite):
            process.terminate()
        for process in (self.emulator, self.azurite):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def cpu_seconds(pid, children=False):
    """User+system CPU seconds of a process (and, with children=True, of its reaped children: the task processes)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = int(fields[11]) + int(fields[12]) + ((int(fields[13]) + int(fields[14])) if children else 0)
    return ticks / os.sysconf("SC_CLK_TCK")


def port_open(port):
    import socket
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


class Daemon:
    """The daemon as a process of its own, in a fresh folder, with its peak memory watched."""

    def __init__(self, jar, workdir, services, key, xmx, extra_env=None):
        self.home = workdir / "daemon"
        self.home.mkdir(parents=True)
        self.input = self.home / "InputFiles"
        self.output = self.home / "OutputFiles"
        self.gc_log = self.home / "gc.log"
        env = dict(os.environ, **services.environment(key), **(extra_env or {}))
        extra = os.environ.get("BENCH_DAEMON_JVM_ARGS", "").split()  # e.g. -XX:StartFlightRecording=filename=/tmp/d.jfr
        self.process = subprocess.Popen(["java", f"-Xmx{xmx}", f"-Xlog:gc:file={self.gc_log}", *extra, "-jar", str(jar)],
                                        cwd=self.home, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.ready = threading.Event()
        self.lines = []
        threading.Thread(target=self._read, daemon=True).start()
        if not self.ready.wait(120):
            raise RuntimeError("the daemon did not become ready:\n" + "".join(self.lines[-30:]))
        self.peak_rss_kib = 0

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line)
            if "ready; watching" in line:
                self.ready.set()

    def rss_kib(self):
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+)", status).group(1))

    def peak_heap_mib(self):
        peak = 0.0
        if self.gc_log.exists():
            for match in re.finditer(r"(\d+)M->\d+M\(\d+M\)", self.gc_log.read_text()):
                peak = max(peak, float(match.group(1)))
        return peak

    def stop(self):
        self.peak_rss_kib = self.rss_kib()
        self.cpu = cpu_seconds(self.process.pid)
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()


def drop_all(files, daemon, staging):
    """Moves the files into the watched folder at once (written elsewhere first, as a careful user does)."""
    daemon.input.mkdir(exist_ok=True)
    for f in files:
        shutil.copyfile(f, staging / f.name)
    start = time.time()
    for f in files:
        os.rename(staging / f.name, daemon.input / f.name)
    return start


def result_name(name, kind):
    stem = name.rsplit(".", 1)[0]
    return f"{stem}.mp3" if kind == "mp4" else f"{stem}_OUTPUT.txt"


def run_pipeline(files, kind, daemon, services, workdir, timeout):
    staging = workdir / "staging"
    staging.mkdir(exist_ok=True)
    before = services.stats()
    start = drop_all(files, daemon, staging)
    expected = {daemon.output / result_name(f.name, kind) for f in files}
    failed_dir = daemon.input / "failed"
    wait_for(f"{len(files)} results", lambda: all(p.exists() for p in expected) or
             (failed_dir.exists() and any(failed_dir.iterdir())), timeout, interval=0.05)
    failures = list(failed_dir.glob("*.reason.txt")) if failed_dir.exists() else []
    if failures:
        raise RuntimeError(f"{len(failures)} file(s) failed, e.g. {failures[0].read_text()}")
    end = max(p.stat().st_mtime for p in expected)
    latencies = sorted(p.stat().st_mtime - start for p in expected)
    after = services.stats()
    calls = after - before if after is not None and before is not None else None
    return {"wall": end - start, "latencies": latencies, "calls": calls}


# ---------------------------------------------------------------------------------------------- scenarios

def scenario_throughput(name, files, kind, jar, workdir, key, xmx, timeout):
    log(f"{name}: baseline on {len(files)} files")
    base = baseline(files, kind, workdir)
    services = Services(jar, workdir / "services", key)
    daemon = Daemon(jar, workdir, services, key, xmx)
    try:
        log(f"{name}: daemon on {len(files)} files")
        cpu_before = (cpu_seconds(daemon.process.pid),) + services.cpu()
        result = run_pipeline(files, kind, daemon, services, workdir, timeout)
        cpu_after = (cpu_seconds(daemon.process.pid),) + services.cpu()
    finally:
        daemon.stop()
        services.stop()
    r = row(name, len(files), result["wall"], base, result["latencies"], result["calls"], daemon, xmx)
    r["cpu"] = "/".join(f"{a - b:.0f}" for a, b in zip(cpu_after, cpu_before))
    return r


def scenario_latency(jar, workdir, key, xmx, count=20):
    files = make_texts(workdir / "inputs", count, words=50)
    services = Services(jar, workdir / "services", key)
    daemon = Daemon(jar, workdir, services, key, xmx)
    try:
        run_pipeline(files[:1], "txt", daemon, services, workdir, 60)  # warm up
        latencies, calls = [], 0
        for f in files[1:]:
            result = run_pipeline([f], "txt", daemon, services, workdir, 60)
            latencies.extend(result["latencies"])
            calls = None if calls is None or result["calls"] is None else calls + result["calls"]
    finally:
        daemon.stop()
        services.stop()
    return row("latency: single .txt on a warm daemon", count - 1, sum(latencies), None, sorted(latencies), calls, daemon, xmx)


def row(name, n, wall, base, latencies, calls, daemon, xmx):
    return {
        "scenario": name, "files": n, "wall_s": wall, "files_per_s": n / wall if wall else 0,
        "baseline_s": base, "ratio": (wall / base) if base else None,
        "p50_s": percentile(latencies, 50), "p95_s": percentile(latencies, 95),
        "calls_per_task": calls / n if n and calls is not None else None, "rss_mib": daemon.peak_rss_kib / 1024,
        "heap_mib": daemon.peak_heap_mib(), "xmx": xmx,
    }


def percentile(values, p):
    if not values:
        return None
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def table(rows):
    fmt = lambda v, f="{:.2f}": "–" if v is None else f.format(v)
    lines = ["| scenario | files | wall s | files/s | baseline s | ratio | p50 s | p95 s | REST calls/task | peak RSS MiB | peak heap MiB | -Xmx | CPU s daemon/emulator+tasks/Azurite |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['scenario']} | {r['files']} | {fmt(r['wall_s'])} | {fmt(r['files_per_s'], '{:.1f}')} | "
                     f"{fmt(r['baseline_s'])} | {fmt(r['ratio'])} | {fmt(r['p50_s'])} | {fmt(r['p95_s'])} | "
                     f"{fmt(r['calls_per_task'], '{:.3f}')} | {fmt(r['rss_mib'], '{:.0f}')} | {fmt(r['heap_mib'], '{:.0f}')} | {r['xmx']} | {r.get('cpu', '–')} |")
    return "\n".join(lines)


def machine():
    cpu = "unknown cpu"
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return f"{CORES} cores ({cpu}), {mem:.0f} GiB, {platform.platform()}, {java}, {time.strftime('%Y-%m-%d')}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenarios", default="compute,overhead,latency")
    parser.add_argument("--jar", default=str(ROOT / "target/batch-routes.jar"))
    parser.add_argument("--text-files", type=int, default=1000)
    parser.add_argument("--queue-files", type=int, default=10000)
    parser.add_argument("--out")
    args = parser.parse_args()
    jar = Path(args.jar).resolve()
    if not jar.exists():
        sys.exit(f"{jar} is missing: build it first (mvn -B -q package -DskipTests)")
    key = base64.b64encode(os.urandom(64)).decode()  # a fresh account key for this run's emulator
    rows = []
    for scenario in args.scenarios.split(","):
        work = Path(tempfile.mkdtemp(prefix=f"bench-{scenario}-"))
        try:
            if scenario == "compute":
                files = make_mp4s(work / "inputs", 24, 240)  # 4-minute clips: ffmpeg does real work
                rows.append(scenario_throughput("compute: 24 MP4 → MP3", files, "mp4", jar, work, key, "256m", 600))
            elif scenario == "overhead":
                files = make_texts(work / "inputs", args.text_files)
                rows.append(scenario_throughput(f"overhead: {args.text_files} .txt top-N", files, "txt", jar, work, key, "256m", 900))
            elif scenario == "latency":
                rows.append(scenario_latency(jar, work, key, "256m"))
            elif scenario == "queue":
                files = make_texts(work / "inputs", args.queue_files, words=20)
                rows.append(scenario_throughput(f"queue: {args.queue_files} .txt", files, "txt", jar, work, key, "256m", 3600))
            elif scenario == "big":
                files = make_big_text(work / "inputs", 2 * 2**30)
                rows.append(scenario_throughput("big: one 2 GiB .txt", files, "txt", jar, work, key, "128m", 3600))
            else:
                sys.exit(f"unknown scenario {scenario}")
        finally:
            shutil.rmtree(work, ignore_errors=True)
        log(table(rows))
    report = f"Machine: {machine()}\n\n{table(rows)}\n"
    print(report)
    if args.out:
        Path(args.out).write_text(report)


if __name__ == "__main__":
    main()
