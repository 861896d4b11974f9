"""The expected splits in Tests/DatabaseCoreTests/SQLAlchemyURLTests.swift, from the real SQLAlchemy.

Run with SQLAlchemy 2.0 installed (pip install 'sqlalchemy==2.0.54'); prints one line per URL. Not run by
the tests.
"""
from sqlalchemy.engine import make_url

urls = [
    "postgresql://glance:pa/ss@db/glance",
    "postgresql://glance:pa?ss@db/glance",
    "postgresql://glance:a/b?c@db:5433/glance?sslmode=require",
    "postgresql://glance:p:w@db/glance",
    "postgresql://glance:pa#ss@db/glance",
    "postgresql://glance:%2Fx%40y@db/glance",
    "postgresql://glance:p@ss@db/glance",
    "postgresql://gl/ance:pass@db/glance",
    "postgresql://u@h/gl%2Fance",
    "postgresql://u@h/db?sslmode=re+q&x=&y",
    "postgresql://[::1]:5432/db",
    "postgresql://glance@/glance?host=/run/postgresql",
    "sqlite:////tmp/a%20b.sqlite?mode=ro",
    # Non-ASCII, and combining marks right after a separator: Python's pattern matches code points.
    "postgresql://gl\u00e4nce:p\u00e4:ss@d\u00df/gl\u00e4nce",
    "sqlite:///\u0301x.sqlite",
    "postgresql://u:p\u0301@h/\u0301db",
]
for url in urls:
    u = make_url(url)
    print(repr(url), dict(user=u.username, password=u.password, host=u.host, port=u.port, database=u.database,
                          query=dict(u.query)))
