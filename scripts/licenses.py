#!/usr/bin/env python3
"""Writes src-tauri/licenses.json, the licences the About page shows: the Rust crates built into the app and the
CLI (from `cargo about generate --format json`, which reads Cargo.lock), and the npm packages the UI bundle holds
(those whose files the bundle's source map names, read from ui/node_modules). Run by `make licenses`."""

import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def rust_licences():
    out = subprocess.run(
        ["cargo", "about", "generate", "--format", "json", "--workspace", "--locked"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    data = json.loads(out)
    licences = []
    for lic in data["licenses"]:
        used_by = sorted(
            {f"{u['crate']['name']} {u['crate']['version']}" for u in lic["used_by"]
             if not u["crate"]["name"].startswith("matinee")}
        )
        if used_by:
            licences.append({"id": lic["id"], "name": lic["name"], "text": lic["text"].strip(), "used_by": used_by})
    return licences


def bundled_npm_packages():
    """The npm packages whose code is in ui/dist: the ones a source-mapped build names."""
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            ["npx", "vite", "build", "--sourcemap", "--outDir", out, "--emptyOutDir", "--logLevel", "error"],
            cwd=os.path.join(ROOT, "ui"), check=True,
        )
        sources = set()
        for dirpath, _, files in os.walk(out):
            for f in files:
                if f.endswith(".map"):
                    with open(os.path.join(dirpath, f)) as fh:
                        sources.update(json.load(fh).get("sources", []))
    packages = set()
    for s in sources:
        parts = os.path.normpath(s).split(os.sep)
        if "node_modules" not in parts:
            continue
        i = len(parts) - 1 - parts[::-1].index("node_modules")
        name = parts[i + 1]
        if name.startswith("@"):
            name += "/" + parts[i + 2]
        packages.add(name)
    return sorted(packages)


def npm_licences():
    by_id = {}
    for name in bundled_npm_packages():
        folder = os.path.join(ROOT, "ui", "node_modules", name)
        with open(os.path.join(folder, "package.json")) as fh:
            meta = json.load(fh)
        lic = meta.get("license") or "UNKNOWN"
        text = ""
        for candidate in sorted(os.listdir(folder)):
            if candidate.upper().startswith(("LICENSE", "LICENCE", "COPYING")):
                with open(os.path.join(folder, candidate), errors="replace") as fh:
                    text = fh.read().strip()
                break
        entry = by_id.setdefault((lic, text), {"id": lic, "name": f"{lic} (UI)", "text": text, "used_by": []})
        entry["used_by"].append(f"{name} {meta.get('version', '')}".strip())
    return list(by_id.values())


def main():
    licences = rust_licences() + npm_licences()
    licences.sort(key=lambda l: (-len(l["used_by"]), l["name"]))
    path = os.path.join(ROOT, "src-tauri", "licenses.json")
    with open(path, "w") as fh:
        json.dump({"generated_by": "make licenses (scripts/licenses.py)", "licences": licences}, fh, indent=1,
                  ensure_ascii=False)
        fh.write("\n")
    print(f"licenses: {sum(len(l['used_by']) for l in licences)} packages under {len(licences)} licences -> {path}")


if __name__ == "__main__":
    sys.exit(main())
