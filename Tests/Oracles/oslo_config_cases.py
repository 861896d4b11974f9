"""The expected values in Tests/GlanceManageTests/ConfigurationTests.swift, from the real oslo.config.

Run with oslo.config installed (pip install oslo.config); prints one line per case. Not run by the tests.
"""
import os
import tempfile
from oslo_config import cfg
cases = {
 "quoted-double": '[database]\nconnection = "sqlite:////tmp/a.sqlite"\n',
 "quoted-single": "[database]\nconnection = 'sqlite:////tmp/a.sqlite'\n",
 "quote-unbalanced": '[database]\nconnection = "sqlite:////tmp/a.sqlite\n',
 "interpolate-default": '[DEFAULT]\nstate_path = /var/lib/glance\n[database]\nconnection = sqlite:///$state_path/glance.sqlite\n',
 "interpolate-braces": '[DEFAULT]\nstate_path = /var/lib/glance\n[database]\nconnection = sqlite:///${state_path}x.sqlite\n',
 "interpolate-same-group": '[database]\nbase = /srv\nconnection = sqlite:///$base/g.sqlite\n',
 "interpolate-group-dot": '[paths]\nroot = /data\n[database]\nconnection = sqlite:///${paths.root}/g.sqlite\n',
 "dollar-escapes": '[database]\nconnection = postgresql://u:p$$w\\$d@h/db\n',
 "crlf": '[database]\r\nconnection = sqlite:////tmp/crlf.sqlite\r\n',
 "cr-only": '[database]\rconnection = sqlite:////tmp/cr.sqlite\r',
 "upper-section": '[DATABASE]\nconnection = sqlite:////tmp/upper.sqlite\n',
 "mixed-section": '[Database]\nconnection = sqlite:////tmp/mixed.sqlite\n',
 "inline-hash": '[database]\nconnection = sqlite:////tmp/a.sqlite # note\n',
 "continuation": '[database]\nconnection = sqlite:////tmp/\n  cont.sqlite\n',
 "later-wins": '[database]\nconnection = sqlite:////tmp/first.sqlite\n[DATABASE]\nconnection = sqlite:////tmp/second.sqlite\n',
 "colon-separator": '[database]\nconnection: sqlite:////tmp/colon.sqlite\n',
 "spaced-section": '[ database ]\nconnection = sqlite:////tmp/spaced.sqlite\n',
 "lower-default-debug": '[default]\ndebug = true\n[database]\nconnection = sqlite:////tmp/a.sqlite\n',
 "default-debug": '[DEFAULT]\ndebug = TRUE\n',
 "indented-comment-after-section": '[database]\n  # comment\nconnection = sqlite:////tmp/a.sqlite\n',
}
directory = tempfile.mkdtemp()
for name, text in cases.items():
    path = os.path.join(directory, f"{name}.conf")
    with open(path, "w", newline="") as f: f.write(text)
    conf = cfg.ConfigOpts()
    conf.register_opts([cfg.StrOpt("connection"), cfg.StrOpt("base")], group="database")
    conf.register_opts([cfg.StrOpt("root")], group="paths")
    conf.register_opts([cfg.StrOpt("state_path"), cfg.BoolOpt("debug", default=False)])
    try:
        conf(args=["--config-file", path], project="glance", default_config_files=[], default_config_dirs=[])
        print(f"{name}\t{conf.database.connection!r}\tdebug={conf.debug!r}")
    except Exception as e:
        print(f"{name}\tERROR {type(e).__name__}: {e}")
