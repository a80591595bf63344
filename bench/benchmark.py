#!/usr/bin/env python3
"""The batch-routes benchmark: the real daemon on the local services, side by side with the physical limit.

For each scenario it generates its inputs, runs the baseline (the same task commands on the same files with
`xargs -P<cores>`, no staging), then drops the same files into a running daemon and waits for every result.
The Batch emulator and Azurite run as their own processes so that the daemon's memory is the daemon's alone; the
daemon reaches them through the `azure` profile (configuration only, as it would reach real Azure).

Scenarios: trivial (1,000 files of the `cat` work type: pure pipeline overhead), overhead (1,000 small .txt top-N),
compute (24 MP4 -> MP3), latency (a lone .txt on a warm daemon), volume (100,000 trivial files dropped at once, a
sample every 10,000 results), queue (10,000 .txt), big (one 2 GiB .txt).

Every task command names its interpreter (`--python`, /usr/bin/python3 by default: `python3` on PATH may be a
pyenv shim costing ~85 ms of CPU per start) and the baseline runs the very same one. CPU is split per file between
the daemon, the emulator JVM, Azurite and the task processes (the emulator's reaped children).

Usage: /usr/bin/python3 bench/benchmark.py [--scenarios trivial,overhead,compute,latency,volume,queue,big]
       [--jar target/batch-routes.jar] [--python /usr/bin/python3] [--volume-files 100000]
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
PYTHON = "/usr/bin/python3"  # set from --python in main()


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

def baseline_command(kind, out):
    """The exact baseline: the same per-file command the nodes run, on the local files, no staging."""
    if kind == "mp4":
        script = 'exec ffmpeg -nostdin -hide_banner -loglevel error -y -i "$1" -vn "$2/$(basename "$1").mp3"'
    elif kind == "log":
        script = 'exec cat "$1" > "$2/$(basename "$1").out"'
    else:
        script = f'exec {PYTHON} {TOPWORDS} "$1" "$2/$(basename "$1").out" 3'
    return ["xargs", "-0", f"-P{CORES}", "-I{}", "/bin/sh", "-c", script, "sh", "{}", str(out)]


def baseline(files, kind, workdir):
    """Runs baseline_command on the files; returns (wall seconds, CPU seconds of the whole tree)."""
    out = workdir / "baseline-out"
    out.mkdir(parents=True, exist_ok=True)
    listing = "\0".join(str(f) for f in files).encode()
    before = os.times()
    start = time.monotonic()
    subprocess.run(baseline_command(kind, out), input=listing, check=True)
    wall = time.monotonic() - start
    after = os.times()
    return wall, (after.children_user + after.children_system) - (before.children_user + before.children_system)


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
                                         "--location", str(azurite_dir), "--disableTelemetry", "--skipApiVersionCheck", "--loose", "--silent",
                                         *os.environ.get("BENCH_AZURITE_ARGS", "").split()],  # e.g. --debug /tmp/azurite.log
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # The key travels in the environment, never on a command line.
        self.azurite_dir = azurite_dir
        self.batch_dir = workdir / "batch"
        self.emulator = None
        try:
            extra = os.environ.get("BENCH_EMULATOR_JVM_ARGS", "").split()  # e.g. -XX:StartFlightRecording=filename=/tmp/e.jfr
            self.emulator = subprocess.Popen(["java", *JIT, *extra, "-jar", str(jar), "emulator", "--port", "0", "--data-dir", str(self.batch_dir)],
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
        except BaseException:
            self.stop()  # neither service outlives a start that failed (an emulator ran on for an hour once)
            raise

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
                body = json.load(response)
                return body["requests"], body.get("byMethod", {}).get("DELETE", 0)
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
        """(emulator JVM, Azurite, the task processes) CPU seconds so far."""
        emulator = cpu_seconds(self.emulator.pid)
        return emulator, cpu_seconds(self.azurite.pid), cpu_seconds(self.emulator.pid, children=True) - emulator

    def rss_mib(self):
        return rss_kib(self.emulator.pid, "VmRSS") / 1024, rss_kib(self.azurite.pid, "VmRSS") / 1024

    def state_sizes_mib(self):
        """(the emulator's state.json, Azurite's data folder) in MiB."""
        state = self.batch_dir / "state.json"
        return (state.stat().st_size / 2**20 if state.exists() else 0.0), folder_mib(self.azurite_dir)

    def stop(self):
        processes = [p for p in (self.emulator, self.azurite) if p is not None]
        for process in processes:
            process.terminate()
        for process in processes:
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


def rss_kib(pid, field="VmHWM"):
    try:
        return int(re.search(field + r":\s+(\d+)", Path(f"/proc/{pid}/status").read_text()).group(1))
    except (OSError, AttributeError):
        return 0


def folder_mib(folder):
    total = 0
    for dirpath, _, names in os.walk(folder):
        for name in names:
            try:
                total += os.lstat(os.path.join(dirpath, name)).st_size
            except OSError:
                pass
    return total / 2**20


def port_open(port):
    import socket
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


def daemon_properties():
    """What every benchmark daemon is configured with: the cat work type on .log (the trivial task), and topwords
    with the interpreter named (the baseline runs the same one)."""
    return {
        "batchroutes.work-types": "ffmpeg,topwords,cat",
        "batchroutes.work-type.topwords.command":
            f"/bin/sh -c 'exec {PYTHON} \"$AZ_BATCH_NODE_SHARED_DIR/topwords.py\" \"$@\"' topwords {{input}} result.txt 3",
        "batchroutes.work-type.topwords.bundle.command":
            f"/bin/sh -c 'exec {PYTHON} \"$AZ_BATCH_NODE_SHARED_DIR/topwords.py\" --in-dirs \"$@\"' topwords {{input}} result.txt 3 --archive {{archive}} {{dirs}}",
    }


# Variants of a scenario's daemon settings: the same work without bundling, and a trivial type that can bundle
# (cat into a result file of its own: a bundled output must be a file in each file's folder, not the task's stdout).
UNBUNDLED = {"batchroutes.work-type.topwords.bundle.command": ""}
TRIVIAL_BUNDLED = {
    "batchroutes.work-type.cat.command": "/bin/sh -c 'exec cat \"$1\" > result.txt' cat {input}",
    # Each folder's result, then all of them stored in one zip (bundle.archive): one blob per bundle, not per file.
    "batchroutes.work-type.cat.bundle.command":
        "/bin/sh -c 'i=$1; a=$2; shift 2; for d; do cat \"$d/$i\" > \"$d/result.txt\"; set -- \"$@\" \"$d/result.txt\"; shift; done; "
        "exec zip -0 -q \"$a\" \"$@\"' cat {input} {archive} {dirs}",
    "batchroutes.work-type.cat.bundle.archive": "bundle-results.zip",
    "batchroutes.work-type.cat.requires": "cat,zip",
    "batchroutes.work-type.cat.outputs": "result.txt",
}


DAEMON_PROPERTIES = {}
# Both JVMs as the README starts the daemon: C1 only (BENCH_JIT="" for the JVM's default tiered C1+C2).
JIT = os.environ.get("BENCH_JIT", "-XX:TieredStopAtLevel=1").split()


class Daemon:
    """The daemon as a process of its own, in a fresh folder, with its peak memory watched."""

    def __init__(self, jar, workdir, services, key, xmx, properties=None):
        self.home = workdir / "daemon"
        self.home.mkdir(parents=True)
        self.input = self.home / "InputFiles"
        self.output = self.home / "OutputFiles"
        self.gc_log = self.home / "gc.log"
        env = dict(os.environ, **services.environment(key))
        extra = os.environ.get("BENCH_DAEMON_JVM_ARGS", "").split()  # e.g. -XX:StartFlightRecording=filename=/tmp/d.jfr
        # The daemon's own settings as -D system properties (no secret among them; the keys travel in the environment).
        settings = dict(DAEMON_PROPERTIES, **{"camel.management.port": str(free_port())}, **(properties or {}))
        defines = [f"-D{k}={v}" for k, v in settings.items()]
        self.process = subprocess.Popen(["java", f"-Xmx{xmx}", f"-Xlog:gc:file={self.gc_log}", *JIT, *extra, *defines, "-jar", str(jar)],
                                        cwd=self.home, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.ready = threading.Event()
        self.lines = []
        threading.Thread(target=self._read, daemon=True).start()
        if not self.ready.wait(120):
            raise RuntimeError("the daemon did not become ready:\n" + "".join(self.lines[-30:]))
        self.peak_rss_kib = 0

    def _read(self):
        with open(self.home / "daemon.log", "w") as out:
            for line in self.process.stdout:
                out.write(line)
                if len(self.lines) < 200:
                    self.lines.append(line)
                if "ready; watching" in line:
                    self.ready.set()
                    out.flush()

    def rss_kib(self):
        return rss_kib(self.process.pid)

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
    staging.mkdir(exist_ok=True)
    for f in files:
        shutil.copyfile(f, staging / f.name)
    start = time.time()
    for f in files:
        os.rename(staging / f.name, daemon.input / f.name)
    return start


def result_name(name, kind):
    stem = name.rsplit(".", 1)[0]
    return {"mp4": f"{stem}.mp3", "log": f"{stem}.stdout.txt"}.get(kind, f"{stem}_OUTPUT.txt")


def count_results(folder):
    """Finished results in the output folder (results are renamed into place from hidden .incoming- names)."""
    try:
        with os.scandir(folder) as entries:
            return sum(1 for e in entries if not e.name.startswith("."))
    except FileNotFoundError:
        return 0


def failures(daemon):
    failed_dir = daemon.input / "failed"
    return list(failed_dir.glob("*.reason.txt")) if failed_dir.exists() else []


def run_pipeline(files, kind, daemon, services, workdir, timeout, on_progress=None, interval=0.05):
    """Drops the files, waits for every result (failing at the first reason file), returns wall, latencies, calls.
    on_progress(results) is called at each check (the volume scenario samples there)."""
    before = services.stats()
    already = count_results(daemon.output)
    start = drop_all(files, daemon, workdir / "staging")
    deadline = time.monotonic() + timeout
    while True:
        done = count_results(daemon.output) - already
        if on_progress:
            on_progress(done)
        if done >= len(files):
            break
        bad = failures(daemon)
        if bad:
            raise RuntimeError(f"{len(bad)} file(s) failed, e.g. {bad[0].read_text()}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout}s with {done} of {len(files)} results")
        time.sleep(interval)
    expected = [daemon.output / result_name(f.name, kind) for f in files]
    mtimes = sorted(p.stat().st_mtime for p in expected)
    after = services.stats()
    calls = (after[0] - before[0], after[1] - before[1]) if after is not None and before is not None else None
    return {"wall": mtimes[-1] - start, "latencies": [m - start for m in mtimes], "calls": calls}


class CpuMeter:
    """CPU seconds of daemon, emulator JVM, Azurite and the task processes since the last mark."""

    NAMES = ("daemon", "emulator", "Azurite", "tasks")

    def __init__(self, daemon, services):
        self.daemon, self.services = daemon, services
        self.mark()

    def now(self):
        return (cpu_seconds(self.daemon.process.pid),) + self.services.cpu()

    def jit_now(self):
        return jit_seconds(self.daemon.process.pid) + jit_seconds(self.services.emulator.pid)

    def mark(self):
        self.last = self.now()
        self.last_jit = self.jit_now()

    def since_mark(self):
        return tuple(a - b for a, b in zip(self.now(), self.last))

    def jit_since_mark(self):
        """CPU seconds the two JVMs' JIT compiler threads took since the mark (part of daemon and emulator)."""
        return self.jit_now() - self.last_jit


def jit_seconds(pid):
    total = 0.0
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                if "CompilerThre" in Path(f"/proc/{pid}/task/{tid}/comm").read_text():
                    total += cpu_seconds(f"{pid}/task/{tid}")
            except OSError:
                pass
    except OSError:
        pass
    return total


def cpu_split(cpu, files):
    """'daemon/emulator/Azurite/tasks' in ms per file, and the pipeline's own (all but the tasks) ms per file."""
    per_file = [1000 * c / files for c in cpu]
    return "/".join(f"{v:.1f}" for v in per_file), sum(per_file[:3])


# ---------------------------------------------------------------------------------------------- scenarios

def scenario_throughput(name, files, kind, jar, workdir, key, xmx, timeout, properties=None):
    log(f"{name}: baseline on {len(files)} files: {' '.join(baseline_command(kind, workdir / 'baseline-out'))}")
    before, before_cpu = baseline(files, kind, workdir)
    services = Services(jar, workdir / "services", key)
    daemon = Daemon(jar, workdir, services, key, xmx, properties)
    try:
        warm_up(files, kind, daemon, services, workdir)
        log(f"{name}: daemon on {len(files)} files")
        meter = CpuMeter(daemon, services)
        result = run_pipeline(files, kind, daemon, services, workdir, timeout)
        cpu = meter.since_mark()
        jit = meter.jit_since_mark()
        log(f"{name}: threads: daemon {thread_cpu(daemon.process.pid)}; emulator {thread_cpu(services.emulator.pid)}")
    finally:
        daemon.stop()
        services.stop()
    # The baseline again, right after: this machine's speed drifts by up to a third within minutes (the same baseline
    # measured 20–28 ms of CPU per file in one afternoon), so the ratio is taken against the mean of both.
    after, after_cpu = baseline(files, kind, workdir)
    log(f"{name}: baseline before {before:.2f} s ({1000 * before_cpu / len(files):.1f} ms/file), "
        f"after {after:.2f} s ({1000 * after_cpu / len(files):.1f} ms/file)")
    base, base_cpu = (before + after) / 2, (before_cpu + after_cpu) / 2
    r = row(name, len(files), result["wall"], base, result["latencies"], result["calls"], daemon, xmx)
    r["cpu"], r["overhead_ms"] = cpu_split(cpu, len(files))
    r["baseline_cpu_ms"] = 1000 * base_cpu / len(files)
    r["jit_ms"] = 1000 * jit / len(files)
    return r


def warm_up(files, kind, daemon, services, workdir):
    """A warm daemon, as in use: files of the same kind first (copies under other names), not measured. BENCH_WARM_UP
    files (default 1,000; 2 MP4s), dropped at once so that bundles form and their paths are compiled too. With 300,
    the measured 1,000 still paid C1 compiles of code run once per file or bundle and Azurite's V8 still optimising
    (docs/performance.md, "Steady state")."""
    count = 2 if kind == "mp4" else int(os.environ.get("BENCH_WARM_UP", "1000"))
    folder = workdir / "warm-up"
    folder.mkdir(exist_ok=True)
    copies = []
    for f in files[:count]:
        copies.append(folder / ("warm-up-" + f.name))
        shutil.copyfile(f, copies[-1])
    log(f"warming up with {len(copies)} files")
    run_pipeline(copies, kind, daemon, services, workdir, 600)


def thread_cpu(pid):
    """CPU seconds per thread name (digits dropped) of a live process: where a JVM's CPU goes (JIT, GC, pools)."""
    totals = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            name = re.sub(r"[\d#-]+", "", Path(f"/proc/{pid}/task/{tid}/comm").read_text().strip())
            totals[name] = totals.get(name, 0.0) + cpu_seconds(f"{pid}/task/{tid}")
        except (OSError, IndexError):
            pass
    return ", ".join(f"{k}={v:.1f}" for k, v in sorted(totals.items(), key=lambda kv: -kv[1])[:12])


def scenario_volume(files, jar, workdir, key, xmx, sample_every=10000, properties=None):
    """Every sample_every results: CPU per file in that window, files/s, each process's memory, state sizes."""
    services = Services(jar, workdir / "services", key)
    daemon = Daemon(jar, workdir, services, key, xmx, properties)
    samples = []
    try:
        meter = CpuMeter(daemon, services)
        window = {"start": time.monotonic(), "next": sample_every}

        def sample(done):
            if done < window["next"] and done < len(files):
                return
            cpu = meter.since_mark()
            meter.mark()
            now = time.monotonic()
            n = done - (samples[-1]["results"] if samples else 0)
            state, azurite_data = services.state_sizes_mib()
            emulator_rss, azurite_rss = services.rss_mib()
            split, own = cpu_split(cpu, max(n, 1))
            samples.append({"results": done, "files_per_s": n / (now - window["start"]), "cpu": split, "own_ms": own,
                            "daemon_rss": rss_kib(daemon.process.pid, "VmRSS") / 1024, "daemon_heap": daemon.peak_heap_mib(),
                            "emulator_rss": emulator_rss, "azurite_rss": azurite_rss, "state": state,
                            "azurite_data": azurite_data})
            log(f"volume: {samples[-1]}")
            window["start"], window["next"] = now, done + sample_every

        result = run_pipeline(files, "log", daemon, services, workdir, 4 * 3600, on_progress=sample, interval=1.0)
    finally:
        daemon.stop()
        services.stop()
    r = row(f"volume: {len(files)} trivial files at once", len(files), result["wall"], None, result["latencies"],
            result["calls"], daemon, xmx)
    r["samples"] = samples
    first, last = samples[0]["own_ms"], samples[-1]["own_ms"]
    r["cpu"] = samples[-1]["cpu"]
    r["overhead_ms"] = last
    r["flatness"] = last / first if first else None
    return r


def volume_table(samples):
    lines = ["| results | files/s | CPU ms/file daemon/emulator/Azurite/tasks | pipeline ms/file | daemon RSS MiB | "
             "daemon peak heap MiB | emulator RSS MiB | Azurite RSS MiB | state.json MiB | Azurite data MiB |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for s in samples:
        lines.append(f"| {s['results']} | {s['files_per_s']:.1f} | {s['cpu']} | {s['own_ms']:.1f} | {s['daemon_rss']:.0f} | "
                     f"{s['daemon_heap']:.0f} | {s['emulator_rss']:.0f} | {s['azurite_rss']:.0f} | {s['state']:.1f} | "
                     f"{s['azurite_data']:.1f} |")
    return "\n".join(lines)


def scenario_latency(jar, workdir, key, xmx, count=20):
    files = make_texts(workdir / "inputs", count, words=50)
    services = Services(jar, workdir / "services", key)
    daemon = Daemon(jar, workdir, services, key, xmx)
    try:
        run_pipeline(files[:1], "txt", daemon, services, workdir, 60)  # warm up
        latencies, calls = [], (0, 0)
        meter = CpuMeter(daemon, services)
        for f in files[1:]:
            result = run_pipeline([f], "txt", daemon, services, workdir, 60, interval=0.01)
            latencies.extend(result["latencies"])
            calls = None if calls is None or result["calls"] is None else (calls[0] + result["calls"][0],
                                                                           calls[1] + result["calls"][1])
        cpu = meter.since_mark()
    finally:
        daemon.stop()
        services.stop()
    r = row("latency: single .txt on a warm daemon", count - 1, sum(latencies), None, sorted(latencies), calls, daemon, xmx)
    r["cpu"], r["overhead_ms"] = cpu_split(cpu, count - 1)
    r["files_per_s"] = None
    return r


def row(name, n, wall, base, latencies, calls, daemon, xmx):
    return {
        "scenario": name, "files": n, "wall_s": wall, "files_per_s": n / wall if wall else 0,
        "baseline_s": base, "ratio": (wall / base) if base else None,
        "p50_s": percentile(latencies, 50), "p95_s": percentile(latencies, 95),
        "calls_per_task": calls[0] / n if n and calls is not None else None,
        "deletes_per_task": calls[1] / n if n and calls is not None else None, "rss_mib": daemon.peak_rss_kib / 1024,
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
    lines = ["| scenario | files | wall s | files/s | baseline s | ratio | p50 s | p95 s | REST calls/file (deletes) | daemon peak RSS MiB | "
             "peak heap MiB | -Xmx | CPU ms/file daemon/emulator/Azurite/tasks | pipeline ms/file (all but tasks) | of which JIT | baseline CPU ms/file |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['scenario']} | {r['files']} | {fmt(r['wall_s'])} | {fmt(r['files_per_s'], '{:.1f}')} | "
                     f"{fmt(r['baseline_s'])} | {fmt(r['ratio'])} | {fmt(r['p50_s'])} | {fmt(r['p95_s'])} | "
                     f"{fmt(r['calls_per_task'], '{:.3f}')} ({fmt(r.get('deletes_per_task'), '{:.3f}')}) | {fmt(r['rss_mib'], '{:.0f}')} | {fmt(r['heap_mib'], '{:.0f}')} | {r['xmx']} | {r.get('cpu', '–')} | "
                     f"{fmt(r.get('overhead_ms'), '{:.1f}')} | {fmt(r.get('jit_ms'), '{:.1f}')} | {fmt(r.get('baseline_cpu_ms'), '{:.1f}')} |")
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


def make_logs(folder, count):
    """Trivial inputs for the cat work type: a few bytes each."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"f-{i:06d}.log").write_text(f"line {i}\n")
    return sorted(folder.iterdir())


def main():
    global PYTHON
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenarios", default="trivial,overhead,compute,latency")
    parser.add_argument("--jar", default=str(ROOT / "target/batch-routes.jar"))
    parser.add_argument("--python", default="/usr/bin/python3",
                        help="the interpreter of the top-N tasks, in the daemon's command and in the baseline")
    parser.add_argument("--text-files", type=int, default=1000)
    parser.add_argument("--trivial-files", type=int, default=1000)
    parser.add_argument("--volume-files", type=int, default=100000)
    parser.add_argument("--queue-files", type=int, default=10000)
    parser.add_argument("--keep", action="store_true", help="keep the work folders (logs, JFR files) for a look")
    parser.add_argument("--out")
    args = parser.parse_args()
    PYTHON = args.python
    DAEMON_PROPERTIES.update(daemon_properties())
    jar = Path(args.jar).resolve()
    if not jar.exists():
        sys.exit(f"{jar} is missing: build it first (mvn -B -q package -DskipTests)")
    key = base64.b64encode(os.urandom(64)).decode()  # a fresh account key for this run's emulator
    rows, notes = [], []
    for scenario in args.scenarios.split(","):
        work = Path(tempfile.mkdtemp(prefix=f"bench-{scenario}-"))
        try:
            if scenario == "trivial":
                files = make_logs(work / "inputs", args.trivial_files)
                rows.append(scenario_throughput(f"trivial: {args.trivial_files} cat-type files", files, "log", jar, work, key,
                                                "256m", 900))
            elif scenario == "trivial-bundled":
                files = make_logs(work / "inputs", args.trivial_files)
                rows.append(scenario_throughput(f"trivial, bundled: {args.trivial_files} cat-type files", files, "log", jar,
                                                work, key, "256m", 900, TRIVIAL_BUNDLED))
            elif scenario == "overhead-unbundled":
                files = make_texts(work / "inputs", args.text_files)
                rows.append(scenario_throughput(f"overhead, unbundled: {args.text_files} .txt top-N", files, "txt", jar, work,
                                                key, "256m", 900, UNBUNDLED))
            elif scenario == "compute":
                files = make_mp4s(work / "inputs", 24, 240)  # 4-minute clips: ffmpeg does real work
                rows.append(scenario_throughput("compute: 24 MP4 → MP3", files, "mp4", jar, work, key, "256m", 600))
            elif scenario == "overhead":
                files = make_texts(work / "inputs", args.text_files)
                rows.append(scenario_throughput(f"overhead: {args.text_files} .txt top-N", files, "txt", jar, work, key, "256m", 900))
            elif scenario == "latency":
                rows.append(scenario_latency(jar, work, key, "256m"))
            elif scenario in ("volume", "volume-bundled"):
                files = make_logs(work / "inputs", args.volume_files)
                r = scenario_volume(files, jar, work, key, "256m", sample_every=max(1, args.volume_files // 10),
                                    properties=TRIVIAL_BUNDLED if scenario == "volume-bundled" else None)
                rows.append(r)
                notes.append(f"Volume, per {max(1, args.volume_files // 10)} results (last/first pipeline ms per file: "
                             f"{r['flatness']:.2f}):\n\n{volume_table(r['samples'])}")
            elif scenario == "queue":
                files = make_texts(work / "inputs", args.queue_files, words=20)
                rows.append(scenario_throughput(f"queue: {args.queue_files} .txt", files, "txt", jar, work, key, "256m", 3600))
            elif scenario == "big":
                files = make_big_text(work / "inputs", 2 * 2**30)
                rows.append(scenario_throughput("big: one 2 GiB .txt", files, "txt", jar, work, key, "128m", 3600))
            else:
                sys.exit(f"unknown scenario {scenario}")
        finally:
            if args.keep:
                log(f"kept {work}")
            else:
                shutil.rmtree(work, ignore_errors=True)
        log(table(rows))
    baselines = "\n".join(f"- {kind}: `{' '.join(baseline_command(kind, Path('OUT')))}` (file names on stdin, NUL-separated)"
                          for kind in ("log", "txt", "mp4"))
    report = (f"Machine: {machine()}\nInterpreter of the top-N tasks (daemon and baseline): {PYTHON}\n"
              f"Baseline commands:\n{baselines}\n\n{table(rows)}\n" + "".join(f"\n{n}\n" for n in notes))
    print(report)
    if args.out:
        Path(args.out).write_text(report)


if __name__ == "__main__":
    main()
