"""Print the folder for Python packages installed under the prefix argv[1].

The interpreter's own default (on Debian /usr/local/lib/python3.X/
dist-packages) when it lies under that prefix, else the standard
<prefix>/lib/python3.X/site-packages layout.
"""
import sys
import sysconfig

prefix = sys.argv[1].rstrip("/")
default = sysconfig.get_path("platlib")
if default.startswith(prefix + "/"):
    print(default)
else:
    print(sysconfig.get_path("platlib", "posix_prefix", vars={"base": prefix, "platbase": prefix}))
