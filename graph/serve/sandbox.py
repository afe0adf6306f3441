"""Cut a query worker off the network, so that no query it runs can reach another server.

pyoxigraph (0.5) follows ``SERVICE`` and ``LOAD`` over HTTP and has no option to stop it; queries
are checked before they run (:mod:`graph.sparql.guard`), and this is the second lock, held by the
operating system: on Linux the worker moves into a network namespace of its own, which has no
interface but a loopback that is down. Every connection it tries fails at once, 127.0.0.1 too.

Unprivileged processes may do it inside a user namespace of their own (most distributions allow
it; some switch it off). Where it cannot be done, the reason is returned and the server says so.
"""

from __future__ import annotations

import ctypes
import os
import sys

__all__ = ["cut_network"]

# linux/sched.h
CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000


def cut_network() -> str | None:
    """Move this process into a network namespace of its own; None when done, else why not.

    Call it before the process starts any thread: a user namespace needs a single-threaded process.
    """
    if not sys.platform.startswith("linux"):
        return f"network namespaces are Linux only (this is {sys.platform})"
    unshare = getattr(ctypes.CDLL(None, use_errno=True), "unshare", None)
    if unshare is None:
        return "this C library has no unshare()"
    if os.geteuid() == 0 and unshare(CLONE_NEWNET) == 0:
        return None
    uid, gid = os.geteuid(), os.getegid()
    if unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0:
        return f"cannot make a network namespace: {os.strerror(ctypes.get_errno())}"
    _keep_identity(uid, gid)
    return None


def _keep_identity(uid: int, gid: int) -> None:
    """Map our user and group into the new user namespace, so that files look owned as before."""
    try:
        for name, line in (("uid_map", f"{uid} {uid} 1"), ("setgroups", "deny"), ("gid_map", f"{gid} {gid} 1")):
            with open(f"/proc/self/{name}", "w", encoding="ascii") as mapping:
                mapping.write(line)
    except OSError:
        pass  # unmapped, files we create show as owned by "nobody"; reading and writing still work
