"""One writer per output folder: a lock taken before a job plans its work and held until it has finished.

On this machine's disks the lock is `DIR/.piu-filter.lock`, held with `fcntl.flock` for the job's
life; the kernel lets go of it when the holding process ends, however it ends, so the lock of a
killed run is simply taken over (and the log says whose it was). The file names its holder
(process, host, start) for the message a second run prints.

On object stores, which have no locks, the lock is a lease: `DIR/.piu-filter.lease` names its
holder and an expiry, a thread renews it while the job runs, and a lease past its expiry (its
holder was killed or lost its connection) is taken over. After writing its lease a run reads it
back, so of two runs that start at once the one whose lease was written last goes on.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

from piu_filter.errors import PiuFilterError
from piu_filter.io.filesystem import filesystem, is_local, join

log = logging.getLogger("piu_filter")

LOCK_NAME = ".piu-filter.lock"
LEASE_NAME = ".piu-filter.lease"
LEASE_SECONDS = 120.0
RENEW_EVERY = LEASE_SECONDS / 4
SETTLE_SECONDS = 0.5  # between writing a lease and reading it back


class OutputBusyError(PiuFilterError):
    """Another run is writing the output folder."""


def _holder(**extra: Any) -> dict[str, Any]:
    return {"pid": os.getpid(), "host": socket.gethostname(),
            "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), **extra}


def _described(holder: dict[str, Any]) -> str:
    if not holder:
        return "a run that has not yet said who it is"
    return f"process {holder.get('pid')} on {holder.get('host')}, started {holder.get('started')}"


def _busy(folder: str, holder: dict[str, Any]) -> OutputBusyError:
    return OutputBusyError(f"{folder} is being written by another run ({_described(holder)}); "
                           "wait for it to end, or use another --output")


@contextmanager
def output_lock(folder: str) -> Iterator[None]:
    """Hold `folder` for this process until the block ends; raise OutputBusyError at once if another run holds it."""
    with (_file_lock(folder) if is_local(folder) else _lease(folder)):
        yield


def _read_holder(fd: int) -> dict[str, Any]:
    os.lseek(fd, 0, os.SEEK_SET)
    try:
        return json.loads(os.read(fd, 4096) or b"{}")
    except ValueError:
        return {}


@contextmanager
def _file_lock(folder: str) -> Iterator[None]:
    made = not os.path.isdir(folder)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, LOCK_NAME)
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            raise _busy(folder, holder) from None
        try:
            if os.fstat(fd).st_ino == os.stat(path).st_ino:
                break  # still the lock file: its last holder did not remove it between our open and our lock
        except FileNotFoundError:
            pass
        os.close(fd)
    previous = _read_holder(fd)
    if previous:
        log.info("taking over the lock of a run that ended without letting go of it (%s)", _described(previous))
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, json.dumps(_holder()).encode())
    try:
        yield
    finally:
        os.unlink(path)  # before letting go, so that no one locks a file about to disappear
        os.close(fd)
        if made:  # a job refused before writing leaves no folder behind (another run may have begun in it)
            with suppress(OSError):
                os.rmdir(folder)


@contextmanager
def _lease(folder: str) -> Iterator[None]:
    fs, path = filesystem(join(folder, LEASE_NAME))
    token = secrets.token_hex(8)

    def read() -> dict[str, Any]:
        fs.invalidate_cache(path)
        try:
            return json.loads(fs.cat_file(path))
        except (FileNotFoundError, ValueError):
            return {}

    def write() -> None:
        fs.pipe_file(path, json.dumps(_holder(token=token, expires=time.time() + LEASE_SECONDS)).encode())

    current = read()
    if current and current.get("expires", 0) > time.time():
        raise _busy(folder, current)
    if current:
        log.info("taking over the expired lease of %s", _described(current))
    write()
    time.sleep(SETTLE_SECONDS)
    current = read()
    if current.get("token") != token:
        raise _busy(folder, current)
    stop = threading.Event()

    def renew() -> None:
        while not stop.wait(RENEW_EVERY):
            try:
                write()
            except Exception as exc:  # noqa: BLE001 - every filesystem raises its own errors; the next try may work
                log.warning("could not renew the lease on %s: %s", folder, exc)

    renewer = threading.Thread(target=renew, name="piu-filter-lease", daemon=True)
    renewer.start()
    try:
        yield
    finally:
        stop.set()
        renewer.join()
        if read().get("token") == token:
            fs.rm_file(path)
