"""Modbus RTU server for tests, built on pymodbus 3.0 (Debian's python3-pymodbus).

Run it with Debian's interpreter, /usr/bin/python3, because pymodbus is installed for that one only.

    /usr/bin/python3 modbus_rtu_server.py --serial /tmp/x/A --baud 9600 --units 1,2 --map-file map.json
    /usr/bin/python3 modbus_rtu_server.py --tunnel-port 0 --units 1 --map-file map.json

With --serial it responds to RTU frames on a serial device, such as one end of a socat pseudo-terminal pair. With
--tunnel-port it listens on 127.0.0.1 and answers raw RTU frames (with CRC) sent over TCP, as a serial-to-Ethernet
converter in transparent mode does. Every unit id in --units gets its own copy of the register map (same format as
modbus_server.py, plus "coils" and
"discrete" banks of 0/1 values, and the same "identity" objects for Read Device Identification); a unit id not listed gets no reply at all, as on a real RS485 bus. Addresses are zero-based.

When ready the script prints "listening SERIAL-OR-PORT". Commands on stdin are those of modbus_server.py, each
optionally prefixed by "@UNIT" to pick the unit (default: the first of --units):

    @2 set hr 0 1234
    get hr 0 2
"""

import argparse
import asyncio
import copy
import logging
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from modbus_server import MISSING_PYMODBUS, bank_values, identity_of, load_map, to_register  # noqa: E402

try:
    from pymodbus.datastore import ModbusServerContext, ModbusSlaveContext, ModbusSparseDataBlock
    from pymodbus.server.async_io import ModbusSerialServer
    from pymodbus.transaction import ModbusRtuFramer
except ImportError as error:
    print(f"error: pymodbus is missing ({error}); {MISSING_PYMODBUS}", file=sys.stderr, flush=True)
    sys.exit(3)


def parse_arguments():
    parser = argparse.ArgumentParser(description="Modbus RTU test server (pymodbus 3.0).")
    parser.add_argument("--serial", help="serial device to answer on")
    parser.add_argument("--tunnel-port", type=int, help="TCP port on 127.0.0.1 for RTU over TCP, 0 to pick one")
    parser.add_argument("--baud", type=int, default=9600)
    parser.add_argument("--units", default="1", help="comma-separated unit ids (1..247)")
    parser.add_argument("--map", help="register map as JSON text")
    parser.add_argument("--map-file", help="register map as a JSON file")
    return parser.parse_args()


class Server:
    def __init__(self, arguments, register_map):
        self.units = [int(unit) for unit in arguments.units.split(",")]
        self.blocks = {}
        slaves = {}
        for unit in self.units:
            blocks = {
                "hr": ModbusSparseDataBlock(copy.deepcopy(bank_values(register_map, "holding"))),
                "ir": ModbusSparseDataBlock(copy.deepcopy(bank_values(register_map, "input"))),
                "co": ModbusSparseDataBlock(copy.deepcopy(bank_values(register_map, "coils"))),
                "di": ModbusSparseDataBlock(copy.deepcopy(bank_values(register_map, "discrete"))),
            }
            self.blocks[unit] = blocks
            slaves[unit] = ModbusSlaveContext(
                hr=blocks["hr"], ir=blocks["ir"], di=blocks["di"], co=blocks["co"], zero_mode=True
            )
        context = ModbusServerContext(slaves=slaves, single=False)
        device = arguments.serial if arguments.serial else "socket:tunnel"
        self.server = ModbusSerialServer(
            context,
            framer=ModbusRtuFramer,
            port=device,
            baudrate=arguments.baud,
            identity=identity_of(register_map),
        )
        self.arguments = arguments

    async def start(self):
        if self.arguments.serial:
            await self.server.start()
            return self.arguments.serial
        loop = asyncio.get_running_loop()
        self.listener = await loop.create_server(
            lambda: self.server.handler(self.server), "127.0.0.1", self.arguments.tunnel_port
        )
        return str(self.listener.sockets[0].getsockname()[1])

    async def stop(self):
        if self.arguments.serial:
            await self.server.shutdown()
        else:
            self.listener.close()

    def execute(self, line):
        words = line.split()
        unit = self.units[0]
        if words and words[0].startswith("@"):
            unit = int(words[0][1:])
            words = words[1:]
        if not words:
            return "error empty command"
        if unit not in self.blocks:
            return f"error unit {unit} is not served"
        command, arguments = words[0], words[1:]
        if command == "ping":
            return "ok"
        if command not in ("set", "unset", "get"):
            return f"error unknown command '{command}'"
        if len(arguments) < 2 or arguments[0] not in ("hr", "ir", "co", "di"):
            return f"error usage: {command} hr|ir|co|di ADDRESS ..."
        block = self.blocks[unit][arguments[0]]
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
    if not arguments.serial and arguments.tunnel_port is None:
        print("error: give --serial or --tunnel-port", file=sys.stderr, flush=True)
        sys.exit(2)
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    server = Server(arguments, load_map(arguments))
    where = await server.start()
    print(f"listening {where}", flush=True)
    await read_commands(server)
    await server.stop()


if __name__ == "__main__":
    asyncio.run(main())
