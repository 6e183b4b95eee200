#!/usr/bin/env python3
"""Runs a lab program as a clean daemon: spawn.py PROGRAM [ARGUMENTS...]

The program gets its own session (a Ctrl-C at the terminal reaches lab/demo's trap, not the lab),
the default signal mask and dispositions (a caller such as a test runner's worker thread may have
blocked SIGTERM, and lab/down relies on it), and no inherited descriptor beyond 0-2 (a caller may
watch one of them for the end of lab/up, as Foundation's Process does with a socket; a daemon
holding it would make lab/up look as if it never finished). Then it becomes PROGRAM: same pid.
"""
import os
import signal
import sys

signal.pthread_sigmask(signal.SIG_SETMASK, [])
for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT, signal.SIGPIPE):
    signal.signal(number, signal.SIG_DFL)
os.closerange(3, os.sysconf("SC_OPEN_MAX"))
try:
    os.setsid()
except OSError:
    pass  # already a session leader
os.execvp(sys.argv[1], sys.argv[1:])
