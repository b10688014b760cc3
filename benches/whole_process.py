#!/usr/bin/env python3
"""Whole-process wall time of several commands, run in turn (A B C … A B C …) so that each sees
the same machine, with standard input from a file where a case names one (fzf reads lines that
way) and no shell in between: every command pays the same start-up cost of being started.

    benches/whole_process.py RUNS 'NAME|STDIN|ARG ARG …' …

STDIN may be empty. ARGs are split as a shell splits words (shlex); an `ENV=value` first word
is set in the command's environment. Prints a Markdown table: median, min and max per case, after
three warm-up rounds that are not counted, and the CPU time (user + system) the same way: on a
busy machine wall time mostly measures the wait for a core, CPU time the work.
"""
import os
import shlex
import statistics
import sys
import time


def parse(case):
    name, stdin, command = case.split("|", 2)
    words = shlex.split(command)
    env = dict(os.environ)
    while words and "=" in words[0] and not words[0].startswith(("/", ".")):
        key, value = words.pop(0).split("=", 1)
        env[key] = value
    return name, stdin or None, words, env


def once(stdin, argv, env):
    """Wall and CPU (user + system) seconds of one run."""
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, stdin or os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
    ]
    start = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, env, file_actions=actions)
    _, _, usage = os.wait4(pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def main():
    runs = int(sys.argv[1])
    cases = [parse(c) for c in sys.argv[2:]]
    walls = [[] for _ in cases]
    cpus = [[] for _ in cases]
    for round_ in range(runs + 3):
        for k, (_, stdin, argv, env) in enumerate(cases):
            wall, cpu = once(stdin, argv, env)
            if round_ >= 3:
                walls[k].append(wall * 1000)
                cpus[k].append(cpu * 1000)
    print("| command | wall median | wall min | wall max | CPU median | CPU min |")
    print("|---|---|---|---|---|---|")
    for (name, *_), wall, cpu in zip(cases, walls, cpus):
        print(f"| {name} | {statistics.median(wall):.1f} ms | {min(wall):.1f} ms | "
              f"{max(wall):.1f} ms | {statistics.median(cpu):.1f} ms | {min(cpu):.1f} ms |")


if __name__ == "__main__":
    main()
