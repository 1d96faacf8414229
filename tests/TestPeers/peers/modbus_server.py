"""Modbus TCP server for tests, built on pymodbus 3.0 (Debian's python3-pymodbus).

Run it with Debian's interpreter, /usr/bin/python3, because pymodbus is installed for that one only.

    /usr/bin/python3 modbus_server.py --port 0 --unit 2 --map '{"holding": {"0": [900, 215]}, "input": {}}'

The register map is JSON, given inline (--map) or in a file (--map-file): "holding" and "input" each map a start
address (decimal text) to one value or a list of consecutive values (0..65535). An optional "identity" maps device
identification object ids (decimal text: 0 vendor name, 1 product code, 2 revision, 3..6 regular, 128..255 private) to
text, which the server returns to Read Device Identification (function 43, MEI type 14). pymodbus 3.0 splits a stream
reply with "more follows" when the objects exceed one PDU, and leaves empty objects out. Only mapped addresses exist, so a
request that touches an unmapped address gets exception 02 (illegal data address). Addresses are zero-based
(zero_mode=True); without it pymodbus 3.0 would shift every address by one.

A request for another unit id gets no reply at all, as on a real serial bus behind a gateway.

When the socket is bound the script prints "listening PORT" on stdout. After that it reads commands on stdin, one
per line, and responds to each with one line on stdout, "ok ..." or "error MESSAGE":

    set hr|ir ADDRESS VALUE [VALUE ...]   store consecutive values (adds addresses not mapped yet)
    unset hr|ir ADDRESS [COUNT]           remove addresses, so that reads of them fail with exception 02
    get hr|ir ADDRESS [COUNT]             print "ok VALUE ..." (to check what a client wrote)
    ping                                  print "ok"
    quit                                  stop the server and exit

End of stdin also stops the server, so the process never outlives the test that started it.
"""

import argparse
import asyncio
import json
import logging
import sys

MISSING_PYMODBUS = "install python3-pymodbus (apt-get install python3-pymodbus)"

try:
    from pymodbus.datastore import ModbusServerContext, ModbusSlaveContext, ModbusSparseDataBlock
    from pymodbus.device import ModbusDeviceIdentification
    from pymodbus.server.async_io import ModbusTcpServer
except ImportError as error:
    print(f"error: pymodbus is missing ({error}); {MISSING_PYMODBUS}", file=sys.stderr, flush=True)
    sys.exit(3)

BANKS = {"hr": "holding", "ir": "input"}


def parse_arguments():
    parser = argparse.ArgumentParser(description="Modbus TCP test server (pymodbus 3.0).")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=0, help="TCP port, or 0 to pick a free one")
    parser.add_argument("--unit", type=int, default=1, help="unit id the server responds to (1..247)")
    parser.add_argument("--map", help="register map as JSON text")
    parser.add_argument("--map-file", help="register map as a JSON file")
    return parser.parse_args()


def load_map(arguments):
    if arguments.map_file:
        with open(arguments.map_file, encoding="utf-8") as file:
            return json.load(file)
    if arguments.map:
        return json.loads(arguments.map)
    return {}


def to_register(value):
    number = int(value)
    if not 0 <= number <= 0xFFFF:
        raise ValueError(f"register value {number} is outside 0..65535")
    return number


def bank_values(register_map, bank_name):
    """Return {address: value} for one bank of the JSON map."""
    values = {}
    for start, content in register_map.get(bank_name, {}).items():
        items = content if isinstance(content, list) else [content]
        for index, value in enumerate(items):
            values[int(start) + index] = to_register(value)
    return values


def identity_of(register_map):
    """Return the ModbusDeviceIdentification of the map's "identity" objects, or None when it has none."""
    objects = {int(object_id): text for object_id, text in register_map.get("identity", {}).items()}
    if not objects:
        return None
    identity = ModbusDeviceIdentification()
    for object_id, text in objects.items():
        identity[object_id] = text
    return identity


class Server:
    def __init__(self, arguments, register_map):
        self.blocks = {
            "hr": ModbusSparseDataBlock(bank_values(register_map, "holding")),
            "ir": ModbusSparseDataBlock(bank_values(register_map, "input")),
        }
        slave = ModbusSlaveContext(
            hr=self.blocks["hr"],
            ir=self.blocks["ir"],
            di=ModbusSparseDataBlock(),
            co=ModbusSparseDataBlock(),
            zero_mode=True,
        )
        context = ModbusServerContext(slaves={arguments.unit: slave}, single=False)
        self.server = ModbusTcpServer(
            context,
            address=(arguments.host, arguments.port),
            allow_reuse_address=True,
            identity=identity_of(register_map),
        )

    async def start(self):
        self.task = asyncio.create_task(self.server.serve_forever())
        await self.server.serving
        return self.server.server.sockets[0].getsockname()[1]

    async def stop(self):
        await self.server.shutdown()
        self.task.cancel()

    def execute(self, line):
        words = line.split()
        if not words:
            return "error empty command"
        command, arguments = words[0], words[1:]
        if command == "ping":
            return "ok"
        if command not in ("set", "unset", "get"):
            return f"error unknown command '{command}'"
        if len(arguments) < 2 or arguments[0] not in BANKS:
            return f"error usage: {command} hr|ir ADDRESS ..."
        block = self.blocks[arguments[0]]
        address = int(arguments[1])
        if command == "set":
            values = [to_register(value) for value in arguments[2:]]
            if not values:
                return "error set needs at least one value"
            for index, value in enumerate(values):
                block.values[address + index] = value
            return "ok"
        count = int(arguments[2]) if len(arguments) > 2 else 1
        if command == "unset":
            for index in range(count):
                block.values.pop(address + index, None)
            return "ok"
        missing = [a for a in range(address, address + count) if a not in block.values]
        if missing:
            return f"error address {missing[0]} is not mapped"
        return "ok " + " ".join(str(block.values[a]) for a in range(address, address + count))


async def read_commands(server):
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while True:
        line = await reader.readline()
        if not line:
            return
        text = line.decode("utf-8").strip()
        if text == "quit":
            return
        try:
            response = server.execute(text)
        except ValueError as error:
            response = f"error {error}"
        print(response, flush=True)


async def main():
    arguments = parse_arguments()
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    server = Server(arguments, load_map(arguments))
    port = await server.start()
    print(f"listening {port}", flush=True)
    await read_commands(server)
    await server.stop()


if __name__ == "__main__":
    asyncio.run(main())
