"""Writes pickles.jsonl: location metadata pickles as Glance stored them before legacy 029, and the JSON text
Glance's 029 wrote for each (`jsonutils.dumps(pickle.loads(meta_data))`, oslo.serialization's `dumps` being
`json.dumps` with `to_primitive` as `default`), or the failure that stopped Glance. Vectors marked
`refused` name a class or a function (a datetime, an OrderedDict, a set, `os.system`): Glance unpickled them
by running code, glance-bridge refuses them.

    python3 make-pickle-vectors.py > pickles.jsonl     # Python 3.11 with oslo.serialization installed

The Python 3 pickles are made here at protocols 0-5. The Python 2 ones come from a real Python 2.7 (the
Havana-era Glance that wrote most of these rows), run as `python2 make-pickle-vectors.py --python2`,
which prints hex lines that this script reads back from python2 on PATH (`PYTHON2`, default `python2`).
"""
import json
import os
import pickle
import subprocess
import sys

# The values, written so that Python 2 and Python 3 read them alike (u'' is unicode in both).
VALUES = r'''[
    {},
    {u'backend': u'file1'},
    {u'a': [1, 2], u'b': u'c'},
    {u'store': {u'pool': u'images', u'fsid': u'5c2b1c4e-1f1a-4d1e-9a3e-0f0e1c2d3b4a', u'snapshot': u'snap'}},
    {u'datastore_name': u'datastore1', u'dc_path': u'ha-datacenter', u'weight': 0.75, u'ports': (443, 8443)},
    {u'caf\xe9': u'na\xefve \u2603 \U0001f600', u'quote"back\\slash': u'tab\there\nnewline\x00nul\x7fdel'},
    {u'nested': [[], {}, [[u'deep', {u'deeper': [None, True, False]}]]], u'empty': u''},
    {u'ints': [0, -1, 255, 256, 65535, 65536, -2147483648, 2147483647, 2**31, 2**63, -2**63 - 1, 10**30]},
    {u'floats': [0.0, -0.0, 0.1, 1.5, 1e16, 1e15, 1e-5, 0.0001, 123456789.123, 2.0**-1074, 1.7976931348623157e308,
                 float('inf'), float('-inf'), float('nan')]},
    {1: u'int key', 2.5: u'float key', True: u'true key overwrites 1', None: u'none key', False: u'false key'},
    [u'a list', {u'at': u'top'}],
    u'just a string',
    {u'order': {u'z': 1, u'a': 2, u'm': 3, u'b': 4}},
]'''
PY2_STR_VALUES = r'''[
    {'backend': 'file1', 'size': 12},
    {'a': ['b', u'c'], 'non-ascii-free': 'plain str'},
    {'latin': 'caf\xe9'},
]'''


def python2_hex():
    """Python 2 side: hex of every value at protocols 0-2, one per line."""
    for source in (VALUES, PY2_STR_VALUES):
        for value in eval(source):
            for protocol in (0, 1, 2):
                print('%d %s' % (protocol, pickle.dumps(value, protocol).encode('hex')))


def expected(data):
    from oslo_serialization import jsonutils
    try:
        value = pickle.loads(data)
        return {'json': jsonutils.dumps(value)}
    except Exception as error:
        return {'error': type(error).__name__}


def shared_value():
    shared = [u'shared']
    return {u'first': shared, u'second': shared, u'third': (shared, shared)}


def python3_vectors():
    values = eval(VALUES) + [shared_value(), {u'bytes': b'utf-8 \xc3\xa9'}, {u'bytearray': bytearray(b'ab')},
                             {u'bad bytes': b'\xff'}]
    for value in values:
        for protocol in range(6):
            data = pickle.dumps(value, protocol)
            yield dict(origin='python 3.11 protocol %d' % protocol, hex=data.hex(), **expected(data))


def refused_vectors():
    import collections
    import datetime
    import fractions

    class Evil:
        def __reduce__(self):
            return (os.system, ('true',))

    cyclic = []
    cyclic.append(cyclic)
    for label, value in [('a datetime', {u'at': datetime.datetime(2013, 10, 17, 12, 0)}),
                         ('an OrderedDict', collections.OrderedDict([(u'a', 1)])),
                         ('a set', {u'tags': {u'x'}}), ('a Fraction', {u'f': fractions.Fraction(1, 3)}),
                         ('os.system via __reduce__', {u'x': Evil()}), ('a cycle', {u'loop': cyclic}),
                         ('a tuple key', {(1, 2): u'v'})]:
        for protocol in (0, 2, 4):
            data = pickle.dumps(value, protocol)
            # glance-bridge refuses these whatever Glance made of them: they name classes or functions.
            yield dict(origin='python 3.11 protocol %d, %s' % (protocol, label), hex=data.hex(), refused=True,
                       **expected(data))


def main():
    if '--python2' in sys.argv:
        return python2_hex()
    vectors = list(python3_vectors()) + list(refused_vectors())
    python2 = os.environ.get('PYTHON2', 'python2')
    lines = subprocess.run([python2, __file__, '--python2'], check=True, capture_output=True, text=True).stdout
    for protocol, hexdata in (line.split(' ') for line in lines.splitlines()):
        data = bytes.fromhex(hexdata)
        vectors.append(dict(origin='python 2.7 protocol %s' % protocol, hex=hexdata, **expected(data)))
    for vector in vectors:
        print(json.dumps(vector, sort_keys=True))


main()
