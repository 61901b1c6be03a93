#!/usr/bin/env python3
"""Runs the workspace's test binaries that `cargo test --no-run --message-format=json` built, as `cargo test` would
(each from its package's folder), in two lanes at once: the end-to-end tests, which mostly wait on the window, and
every other binary one after the other. Each lane's output is printed whole once it ends, the end-to-end lane
last, and the exit status is 1 when any binary failed.

    run-test-binaries.py BUILD_JSON"""
import json
import os
import subprocess
import sys
import threading

# The test binaries that drive the real window; they run in a lane of their own.
WINDOW = {"e2e"}


def artifacts(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("{"):
                continue
            msg = json.loads(line)
            if msg.get("reason") != "compiler-artifact" or not msg.get("profile", {}).get("test"):
                continue
            exe = msg.get("executable")
            if exe:
                out.append((msg["target"]["name"], os.path.dirname(msg["manifest_path"]), exe))
    return out


def lane(binaries, log, failed):
    for name, folder, exe in binaries:
        log.append(f"     Running {name} ({exe})\n")
        run = subprocess.run([exe], cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             errors="replace")
        log.append(run.stdout)
        if run.returncode != 0:
            failed.append(name)


def main():
    binaries = artifacts(sys.argv[1])
    if not binaries:
        sys.exit("run-test-binaries: the build named no test binary")
    window = [b for b in binaries if b[0] in WINDOW]
    rest = [b for b in binaries if b[0] not in WINDOW]
    logs = ([], [])
    failed = []
    threads = [threading.Thread(target=lane, args=(group, log, failed)) for group, log in zip((rest, window), logs)]
    for t in threads:
        t.start()
    for t, log in zip(threads, logs):
        t.join()
        sys.stdout.write("".join(log))
        sys.stdout.flush()
    if failed:
        print(f"run-test-binaries: failed: {', '.join(failed)}")
        sys.exit(1)


main()
