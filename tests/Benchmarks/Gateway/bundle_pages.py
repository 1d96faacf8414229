#!/usr/bin/env python3
"""Resident pages of a running single-file .NET executable, per file of its bundle.

Usage (as root, or as the process's user): bundle_pages.py PID [TOP]

Reads the bundle manifest from the executable (/proc/PID/exe). Then, for every mapping of that file in
/proc/PID/maps, it reads the present bit of each page from /proc/PID/pagemap and charges each present page
to the bundled file that contains its file offset. Pages before the first bundled file are the apphost with
the runtime linked into it. Bundle format: the header whose offset precedes the bundle signature in the
apphost (version 2 and later, .NET 6 and later), as the .NET host reads it.
"""
import bisect
import os
import struct
import sys

# The 32-byte bundle signature, which the SDK's bundler writes into the apphost right after the 8-byte header offset.
SIGNATURE = bytes.fromhex("8b1202b96a612038727b930214d7a03213f5b9e6efae3318ee3b2dce24b36aae")
PAGE = os.sysconf("SC_PAGE_SIZE")


def read_7bit(data, position):
    value, shift = 0, 0
    while True:
        byte = data[position]
        position += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, position


def bundled_files(data):
    marker = data.find(SIGNATURE)
    if marker < 8:
        sys.exit("no single-file bundle signature in the executable")
    header = struct.unpack_from("<q", data, marker - 8)[0]
    major, _minor, count = struct.unpack_from("<IIi", data, header)
    position = header + 12
    length, position = read_7bit(data, position)
    position += length  # bundle id
    if major >= 2:
        position += 4 * 8 + 8  # deps.json and runtimeconfig.json offsets and sizes, flags
    files = []
    for _ in range(count):
        offset, size, _compressed = struct.unpack_from("<qqq", data, position)
        position += 3 * 8 + 1  # and the file type byte
        length, position = read_7bit(data, position)
        files.append((offset, offset + size, data[position:position + length].decode()))
        position += length
    return sorted(files)


def main():
    pid = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    executable = os.readlink(f"/proc/{pid}/exe")
    with open(executable, "rb") as file:
        files = bundled_files(file.read())
    starts = [entry[0] for entry in files]
    resident = {}
    with open(f"/proc/{pid}/pagemap", "rb") as pagemap, open(f"/proc/{pid}/maps") as maps:
        for line in maps:
            fields = line.split()
            if len(fields) < 6 or fields[5] != executable:
                continue
            start, end = (int(text, 16) for text in fields[0].split("-"))
            file_offset = int(fields[2], 16)
            pages = (end - start) // PAGE
            pagemap.seek(start // PAGE * 8)
            entries = pagemap.read(pages * 8)
            for index in range(pages):
                if not struct.unpack_from("<Q", entries, index * 8)[0] >> 63:
                    continue
                offset = file_offset + index * PAGE
                slot = bisect.bisect_right(starts, offset) - 1
                name = files[slot][2] if slot >= 0 and offset < files[slot][1] else "(apphost and runtime)"
                resident[name] = resident.get(name, 0) + PAGE
    sizes = {name: end - begin for begin, end, name in files}
    total = sum(resident.values())
    print(f"{total / 2**20:.1f} MB resident from {len(resident)} of {len(files)} bundled files "
          f"(those files hold {sum(sizes.get(name, 0) for name in resident) / 2**20:.1f} MB)")
    for name, size in sorted(resident.items(), key=lambda item: -item[1])[:top]:
        print(f"{size / 2**20:6.2f} MB of {sizes.get(name, 0) / 2**20:6.2f} MB  {name}")


if __name__ == "__main__":
    main()
