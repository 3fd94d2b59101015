"""Run the C, Python and Lua versions of an example and check that they
print the same text (the example programs promise identical reports).

    same_output.py DATA -- CMD1 ... -- CMD2 ... [-- CMD3 ...]

Each command is run with DATA appended; the first one's output is the
reference. Exits 1, showing the first differing line, when one differs."""
import subprocess
import sys


def main(argv):
    data, rest = argv[0], argv[1:]
    cmds, cur = [], None
    for a in rest:
        if a == "--":
            cur = []
            cmds.append(cur)
        else:
            cur.append(a)
    outs = []
    for c in cmds:
        p = subprocess.run(c + [data], capture_output=True, text=True)
        if p.returncode != 0:
            sys.stderr.write(f"{' '.join(c)} failed ({p.returncode}):\n{p.stderr}")
            return 1
        outs.append(p.stdout.splitlines())
    ref = outs[0]
    for c, out in zip(cmds[1:], outs[1:]):
        for i, (a, b) in enumerate(zip(ref, out)):
            if a != b:
                sys.stderr.write(f"{' '.join(c)} differs at line {i + 1}:\n  {a!r}\n  {b!r}\n")
                return 1
        if len(ref) != len(out):
            sys.stderr.write(f"{' '.join(c)} prints {len(out)} lines, not {len(ref)}\n")
            return 1
    print(f"{len(cmds)} programs, {len(ref)} identical lines")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
