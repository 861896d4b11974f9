"""Writes swift-locations.jsonl: what Glance's own 015 `legacy_parse_uri(uri, to_quote=True)` makes of each
location below. Run with the Python the reference runs used (3.11) and a Glance checkout that still has the
legacy repository (its parent of b28b0e29d, "db: Remove old sqlalchemy-migrate migrations"):

    git -C glance show b28b0e29d^:glance/db/sqlalchemy/migrate_repo/versions/015_quote_swift_credentials.py \
        > /tmp/glance_015.py
    python3 make-swift-vectors.py /tmp/glance_015.py > swift-locations.jsonl

Only the function is taken from the file (its imports are Glance's); nothing of Glance is kept here.
A location Glance fails on records the exception's class instead of a result.
"""
import json
import re
import sys
import types
import urllib.parse

source = open(sys.argv[1]).read()
function = source[source.index('def legacy_parse_uri'):]


class BadStoreUri(Exception):
    def __init__(self, message):
        super().__init__(message)


module = types.ModuleType('glance_015')
module.__dict__.update(urlparse=urllib.parse, exception=types.SimpleNamespace(BadStoreUri=BadStoreUri),
                       _=lambda text: text)
exec(function, module.__dict__)

LOCATIONS = [
    # The forms Glance's own tests and the reference databases hold.
    'swift://acct:usr:pass@example.com/container/obj-id',
    'swift://user:key!@auth.example.com/v2.0/container/obj',
    'swift+http://user:pass@authurl.com/v1/container/obj',
    'swift+https://account:user:p%40ss@auth.example.com/v2.0/images/0b7d5bd1-3b3e-4f0e-9c1f-6a4c3e7c1a5e',
    'swift://auth.example.com/v1/container/obj',
    'swift://user:key@auth.example.com:5000/v2.0/container/obj',
    # The Python 2.6 form (lp659445): empty netloc, credentials and host in the path.
    'swift:///user:key!@auth.example.com/v2.0/container/obj',
    'swift:///acct:usr:pass@example.com/container/obj-id',
    'swift+https:///tenant:user:s3cr3t key@keystone.example.org:5000/v2.0/glance/9e2c1f3a',
    'swift:///auth.example.com/v1/container/obj',
    'swift:///user:key@auth.example.com',
    'swift:///user:key@host',
    'swift:///user:key@',
    'swift:///',
    'swift:////user:key@auth.example.com//v1//container//obj//',
    'swift:///user:key@a@b/v1/c/o',
    # Case of the scheme: urlparse lower-cases it.
    'SWIFT://user:key@auth.example.com/v1/container/obj',
    'Swift+HTTPS://user:key@auth.example.com/v1/container/obj',
    'SWIFT:///user:key@auth.example.com/v1/container/obj',
    # Credentials that quote, or that Glance drops.
    'swift://user:ke y/+=é@auth.example.com/v1/container/obj',
    'swift://a:b:c:d@auth.example.com/v1/container/obj',
    'swift://@auth.example.com/v1/container/obj',
    'swift://:key@auth.example.com/v1/container/obj',
    'swift://user:@auth.example.com/v1/container/obj',
    'swift://us\ter:key@auth.example.com/v1/container/obj',
    'swift://user:k%ey@auth.example.com/v1/container/obj?query=1#frag',
    'swift://user:ke?y@auth.example.com/v1/container/obj',
    'swift://user:ke#y@auth.example.com/v1/container/obj',
    'swift://user:key@auth.example.com/v1//container/obj',
    'swift://user:key@auth.example.com/v1/container/obj/',
    'swift://user:key@[::1]:8080/v1/container/obj',
    # Locations Glance fails on.
    'swift://user:pass@http://authurl.com/v1/container/obj',
    'swift://acctusr@example.com/container/obj-id',
    'swift://a@b:c@example.com/container/obj-id',
    'swift+http://container/obj-id',
    'swift://user:key@auth.example.com/obj',
    'swift://httpuser:key@httpauth.example.com/v1/c/o',
    'swift://user:pa[ss@auth.example.com/v1/container/obj',
    'swift://user:pa[ss]@auth.example.com/v1/container/obj',
    'swift://user:key＠evil@auth.example.com/v1/container/obj',
    'swiftly://user:key@auth.example.com/v1/container/obj',
    'swift:/user:key@auth.example.com/v1/container/obj',
]

for location in LOCATIONS:
    try:
        record = {'location': location, 'result': module.legacy_parse_uri(location, True)}
    except Exception as error:
        record = {'location': location, 'error': type(error).__name__}
    print(json.dumps(record, ensure_ascii=False))
