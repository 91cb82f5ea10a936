"""Reading files someone else controls: documents, rule and vocabulary files, settings, the
baseline and the cache.

A path checked at discovery can be swapped before it is read (a FIFO, a link to
/dev/zero, a file that keeps growing). So every file is opened without blocking, the
open file itself is checked with `fstat` (regular files only), and the read stops one
byte past the size limit whatever the file claims to hold.
"""

from __future__ import annotations

import errno
import os
import stat

_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0))
_CHUNK = 1 << 20

_KINDS = ((stat.S_ISFIFO, "a pipe"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


class Refused(OSError):
    """A file that is not read: not a regular file, or over the size limit. `str()` and
    `strerror` say why, in words a message can quote."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.strerror = reason

    def __str__(self) -> str:
        return self.strerror


def kind_of(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def read_regular(path, limit: int) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file of at most `limit` bytes, and its status as opened.

    Raises Refused for anything else (a pipe, a device, a folder, a file over the limit,
    also one that grows past it while it is read) and OSError when it cannot be opened."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        if not stat.S_ISREG(st.st_mode):
            raise Refused(f"not a regular file ({kind_of(st.st_mode)})")
        if st.st_size > limit:
            raise Refused(f"file is {st.st_size / 2**20:.1f} MB, over the {limit / 2**20:.0f} MB limit")
        # one byte more than the size finds the end in one call (os.read is much cheaper
        # than a buffered file object for small files); a file that grew gets more calls
        data = os.read(fd, st.st_size + 1)
        if len(data) > st.st_size or (st.st_size and len(data) < st.st_size):
            chunks, total = [data], len(data)
            while total <= limit:
                chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
            data = b"".join(chunks)
            if len(data) > limit:
                raise Refused(f"file grew past the {limit / 2**20:.0f} MB limit while it was read")
        return data, st
    finally:
        os.close(fd)


def read_bytes(path, limit: int) -> bytes:
    """`read_regular` without the status."""
    return read_regular(path, limit)[0]
