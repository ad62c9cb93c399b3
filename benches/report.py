#!/usr/bin/env python3
"""Writes BENCHMARKS.md from criterion's estimates (run after `cargo bench`)."""
import json
import os
import platform
import subprocess
import sys

ROOT = os.path.join(os.path.dirname(__file__), "..")
CRITERION = os.path.join(ROOT, "target", "criterion")

# (criterion id, what, target in ns, why it would be missed)
QUESTIONS = "the next-question search plans once per answer of every open question"
ROWS = [
    ("real/iphone-backup_recommend", "iPhone backup KB, 2 observations: infer + plan + next question", 50e3, QUESTIONS),
    ("real/iphone-backup_recommend-empty", "iPhone backup KB, nothing observed: infer + plan + next question", 50e3,
     "with nothing observed every question is open, and " + QUESTIONS),
    ("synthetic/recommend/100", "synthetic, 100 rules: infer + plan + next question", None, None),
    ("synthetic/recommend/1000", "synthetic, 1,000 rules: infer + plan + next question", 1e6, QUESTIONS),
    ("synthetic/recommend/10000", "synthetic, 10,000 rules: infer + plan + next question", 15e6,
     "questions and fixes grow with the rules, and " + QUESTIONS),
    ("synthetic/plan/100", "synthetic, 100 rules: plan only", None, None),
    ("synthetic/plan/1000", "synthetic, 1,000 rules: plan only", None, None),
    ("synthetic/plan/10000", "synthetic, 10,000 rules: plan only", None, None),
]


def estimate(name):
    path = os.path.join(CRITERION, *name.split("/"), "new", "estimates.json")
    try:
        with open(path) as f:
            return json.load(f)["median"]["point_estimate"]
    except (OSError, KeyError, ValueError):
        return None


def human(ns):
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.1f} µs"
    return f"{ns:.0f} ns"


def main():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    out = [
        "# Benchmarks",
        "",
        "Written by `make bench` from one run: criterion (`benches/engine.rs`, this table by `benches/report.py`), "
        "then the widget and the engine in headless Chromium, beside json-rules-engine, and the wasm by crate.",
        f"Machine: {cpu}, {os.cpu_count()} cores, {platform.system()}; {rustc}.",
        "Figures are criterion's median of the per-iteration time.",
        "",
        "| what | median | target |",
        "| --- | ---: | --- |",
    ]
    missing = []
    for name, label, target, why in ROWS:
        ns = estimate(name)
        if ns is None:
            missing.append(name)
            continue
        goal = "" if target is None else ("≤ " + human(target) + (" ✓" if ns <= target else f" **missed**: {why}"))
        out.append(f"| {label} | {human(ns)} | {goal} |")
    fixed = [estimate(f"scaling/recommend-10-questions/{n}") for n in (1000, 10000)]
    if all(fixed):
        out += [
            "",
            f"With the questions held at 10, 1,000 → 10,000 rules costs ×{fixed[1] / fixed[0]:.1f} "
            f"({human(fixed[0])} → {human(fixed[1])}): about linear in rules (symptoms, causes and fixes grow with them).",
        ]
    scaling = [estimate(f"synthetic/recommend/{n}") for n in (100, 1000, 10000)]
    if all(scaling):
        out += [
            "",
            f"Growth from 1,000 to 10,000 rules: ×{scaling[2] / scaling[1]:.1f} "
            f"(100 → 1,000: ×{scaling[1] / scaling[0]:.1f}). The synthetic shapes scale symptoms, causes, fixes "
            "and questions together with the rules (10,000 rules: 1,000 symptoms, 500 causes, 500 fixes, 50 questions), "
            "so the next-question search, which plans once per answer, grows with questions × fixes.",
        ]
    if missing:
        out += ["", "Not measured in this run: " + ", ".join(missing) + "."]
    notes = os.path.join(ROOT, "benches", "NOTES.md")
    if os.path.exists(notes):
        out += ["", open(notes).read().strip()]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
