#!/usr/bin/env python3
"""Resident memory of a running process per mapped file, from the Rss: lines of /proc/PID/smaps.

Usage (as root, or as the process's user): mapped_files.py PID [TOP]

Sums every mapping of the same path (text, data and read-only segments of a library), so the output gives one
line per native library. The executable, anonymous memory and /memfd:doublemapper (JIT code) get a line each,
so the lines add up to the process's RSS. For the single-file bundle's own split, use bundle_pages.py.
"""
import collections
import sys


def resident_by_path(pid):
    totals = collections.Counter()
    path = None
    with open(f"/proc/{pid}/smaps") as smaps:
        for line in smaps:
            fields = line.split(maxsplit=5)
            if fields[0].endswith(":"):
                if fields[0] == "Rss:":
                    totals[path] += int(fields[1])
                continue
            # A mapping header: address range, permissions, offset, device, inode, then the path if any.
            path = fields[5].strip() if len(fields) == 6 else "[anonymous]"
    return totals


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    pid = int(sys.argv[1])
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    totals = resident_by_path(pid)
    print(f"RSS {sum(totals.values()) / 1024:.1f} MB in {len(totals)} paths")
    for path, kilobytes in totals.most_common(top):
        print(f"{kilobytes / 1024:8.2f} MB  {path}")


if __name__ == "__main__":
    main()
