"""Many Modbus TCP devices for the gateway-scale benchmark, built on pymodbus 3.0 (Debian's python3-pymodbus).

Run it with Debian's interpreter, /usr/bin/python3, because pymodbus is installed for that one only.

    /usr/bin/python3 scale_modbus_servers.py --servers 8 --units 50 --registers 20

It starts SERVERS Modbus TCP servers on 127.0.0.1, each on a free port. Each responds to unit ids 1..UNITS, like a
Modbus TCP gateway with a serial line behind it, and every unit has holding registers 0..REGISTERS-1. All units of
all servers share one register block, so the memory of the peer stays small. Every 5 s each register takes a new
value, so that the gateway sees changing readings, as from real sensors.

When every socket is bound the script prints one line, "listening PORT PORT ...". End of stdin stops it, so the
process never outlives the benchmark that started it.
"""

import argparse
import asyncio
import random
import sys

MISSING_PYMODBUS = "install python3-pymodbus (apt-get install python3-pymodbus)"

try:
    from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
    from pymodbus.server.async_io import ModbusTcpServer
except ImportError as error:
    print(f"error: pymodbus is missing ({error}); {MISSING_PYMODBUS}", file=sys.stderr, flush=True)
    sys.exit(3)

# Seconds between two changes of the register values.
CHANGE_PERIOD = 5.0


def parse_arguments():
    parser = argparse.ArgumentParser(description="Many Modbus TCP units for a scale benchmark (pymodbus 3.0).")
    parser.add_argument("--servers", type=int, default=8, help="number of TCP servers (ports)")
    parser.add_argument("--units", type=int, default=50, help="unit ids 1..UNITS on every server")
    parser.add_argument("--registers", type=int, default=20, help="holding registers 0..REGISTERS-1 per unit")
    return parser.parse_args()


async def change_values(block, registers):
    """Random walk of every register in 0..1000, one step per CHANGE_PERIOD."""
    values = [random.randint(0, 1000) for _ in range(registers)]
    while True:
        values = [min(1000, max(0, value + random.randint(-5, 5))) for value in values]
        block.setValues(0, values)
        await asyncio.sleep(CHANGE_PERIOD)


async def wait_for_end_of_stdin():
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)


async def main():
    arguments = parse_arguments()
    block = ModbusSequentialDataBlock(0, [0] * arguments.registers)
    slave = ModbusSlaveContext(hr=block, ir=block, di=block, co=block, zero_mode=True)
    context = ModbusServerContext(slaves={unit: slave for unit in range(1, arguments.units + 1)}, single=False)

    servers = [ModbusTcpServer(context, address=("127.0.0.1", 0), allow_reuse_address=True) for _ in range(arguments.servers)]
    tasks = [asyncio.create_task(server.serve_forever()) for server in servers]
    for server in servers:
        await server.serving
    ports = [server.server.sockets[0].getsockname()[1] for server in servers]
    print("listening " + " ".join(str(port) for port in ports), flush=True)

    changer = asyncio.create_task(change_values(block, arguments.registers))
    await wait_for_end_of_stdin()
    changer.cancel()
    for server in servers:
        await server.shutdown()
    for task in tasks:
        task.cancel()


if __name__ == "__main__":
    asyncio.run(main())
