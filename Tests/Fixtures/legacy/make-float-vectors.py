"""Writes python-floats.txt: `<IEEE bits as 16 hex digits> <repr(x)>` for doubles whose repr Glance's 029
wrote through json.dumps (Python 3.11): random bit patterns, random magnitudes, and the neighbours of the
points where repr switches between positional and exponent form.

    python3 make-float-vectors.py > python-floats.txt
"""
import math
import random
import struct

random.seed(29)
values = set()
while len(values) < 1500:
    (x,) = struct.unpack('<d', random.getrandbits(64).to_bytes(8, 'little'))
    if math.isfinite(x):
        values.add(x)
for _ in range(1500):
    values.add(random.uniform(-1, 1) * 10.0 ** random.randint(-30, 30))
    values.add(round(random.uniform(0, 1000), random.randint(0, 6)))
for exponent in (-5, -4, -3, 15, 16, 17):
    for x in (10.0 ** exponent, 9.999999999999999 * 10.0 ** (exponent - 1), 1.5 * 10.0 ** exponent):
        values.update((x, math.nextafter(x, 0), math.nextafter(x, math.inf), -x))
values.update((5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 2.0 ** 53, 2.0 ** 53 + 2, 0.1 + 0.2))
for x in sorted(values):
    print(struct.pack('>d', x).hex(), repr(x))
