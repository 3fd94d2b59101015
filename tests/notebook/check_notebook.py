#!/usr/bin/python3
"""The example notebook as its users see it.

    check_notebook.py NOTEBOOK OUTDIR

1. Executes NOTEBOOK headless with nbclient in a python3 kernel (which
   imports csat from PYTHONPATH: the meson test points it at the build
   folder's package), its working folder the notebook's, as Jupyter runs
   it; any cell that raises fails the test.
2. Checks the outputs: the HTML tables of the results it shows (their
   _repr_html_), pandas tables, the progress bar of the bootstrap, and
   PNG charts that are not blank.
3. Writes the executed notebook and its HTML (nbconvert) to OUTDIR, opens
   the HTML in headless Chromium and checks the screenshot: a page with
   text (many dark pixels, many distinct colours) and charts (saturated
   colours), not a blank or an error page.

Exit status 0 when everything holds, 1 when something does not, 77 (the
skip status of meson test) when a tool is missing (nbclient, ipykernel,
nbconvert, matplotlib, tqdm, ipywidgets, Chromium) -- except under CI
(CI=true in the environment), where a missing tool fails the test.
"""

import base64
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77

# The result classes whose HTML tables the notebook shows (the <strong>
# heading of each _repr_html_).
HTML_RESULTS = ("NPSResult", "ShareResult", "MeanResult", "Distribution", "GroupedResult",
                "Trend", "KeyDriverModel", "Survival", "SurvivalPoint", "Comparison", "Rank")
CHARTS_MIN = 7          # distribution, tiers, tracking, gaps, importance, IPA, retention
DATAFRAMES_MIN = 8      # pandas tables (headline, comparisons, tracking, gaps, drivers...)
SCREEN = (1280, 7000)   # the screenshot's width and height in pixels


def in_ci():
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def missing(what):
    """A tool is missing: skip outside CI, fail under CI."""
    if in_ci():
        print(f"FAIL: {what} is missing, and CI requires every notebook check "
              "(tests/setup/debian-packages.txt lists the packages)", file=sys.stderr)
        sys.exit(1)
    print(f"SKIP: {what} is missing (Debian: python3-nbclient python3-ipykernel "
          "python3-nbconvert jupyter-nbconvert python3-matplotlib python3-tqdm "
          "python3-ipywidgets chromium)")
    sys.exit(SKIP)


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def requirements():
    for module, package in (("nbformat", "python3-nbformat"), ("nbclient", "python3-nbclient"),
                            ("ipykernel", "python3-ipykernel"),
                            ("nbconvert", "python3-nbconvert"),
                            ("matplotlib", "python3-matplotlib"), ("tqdm", "python3-tqdm"),
                            ("ipywidgets", "python3-ipywidgets")):
        try:
            __import__(module)
        except ImportError:
            missing(f"the Python module {module} ({package})")
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    missing("Chromium (chromium)")
    return None


def pixels(png):
    """The PNG bytes as an RGB float array (0..1), read with matplotlib."""
    import matplotlib.image
    import numpy as np
    a = matplotlib.image.imread(io.BytesIO(png), format="png")
    a = np.asarray(a, dtype=float)
    if a.ndim == 2:
        a = np.stack([a] * 3, axis=-1)
    return a[..., :3]


def colour_stats(rgb):
    """(distinct colours, share of non-white pixels, saturated pixels) of an
    RGB image: text makes non-white pixels and anti-aliased shades, charts
    make saturated (coloured) ones."""
    import numpy as np
    q = np.round(rgb * 255).astype(np.int32)
    codes = (q[..., 0] << 16) | (q[..., 1] << 8) | q[..., 2]
    distinct = len(np.unique(codes))
    non_white = float(np.mean(q.min(axis=-1) < 235))
    saturated = int(np.sum(q.max(axis=-1) - q.min(axis=-1) > 80))
    return distinct, non_white, saturated


def execute(path, kernel_dir):
    import nbformat
    from nbclient import NotebookClient

    class _Client(NotebookClient):
        """nbclient 0.7 reads the widget protocol of ipywidgets 7 and later
        (the state under data["state"]); Debian 12's ipywidgets 6 sends the
        state as the data itself, which nbclient's handler takes for a
        KeyError. Such a widget (the progress bar) is left to the page, as
        a front end without the widget manager leaves it."""

        def on_comm_open_jupyter_widget(self, msg):
            if "state" not in msg["content"].get("data", {}):
                return None
            return super().on_comm_open_jupyter_widget(msg)

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count")):
            fail(f"{path} is stored with outputs (cell {cell.get('id')}); store it without")
    # The kernel draws inline, as in Jupyter: a backend chosen for scripts
    # (MPLBACKEND=Agg) would hide every chart.
    os.environ.pop("MPLBACKEND", None)
    client = _Client(nb, timeout=600, kernel_name="python3",
                     resources={"metadata": {"path": kernel_dir}})
    start = time.monotonic()
    try:
        client.execute()
    except Exception as e:  # CellExecutionError, a dead kernel, a timeout
        text = re.sub(r"\x1b\[[0-9;]*m", "", str(e))     # the traceback's colours
        fail(f"executing {path}: {type(e).__name__}: {text}")
    print(f"executed {path} in {time.monotonic() - start:.1f} s")
    return nb


def check_outputs(nb):
    html, pngs, frames, widgets, bars = [], [], 0, 0, 0
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                fail(f"cell {i} raised {out.get('ename')}: {out.get('evalue')}")
            data = out.get("data", {})
            if "text/html" in data:
                page = "".join(data["text/html"])
                html.append(page)
                frames += 'class="dataframe"' in page
            if "image/png" in data:
                pngs.append((i, base64.b64decode(data["image/png"])))
            if "application/vnd.jupyter.widget-view+json" in data:
                widgets += 1
            if out.get("output_type") == "stream" and "100%" in "".join(out.get("text", "")):
                bars += 1       # tqdm's text bar, where its widget cannot be drawn
    page = "\n".join(html)
    for name in HTML_RESULTS:
        if f"<strong>{name}</strong>" not in page:
            fail(f"no HTML table of a {name} in the outputs")
    if frames < DATAFRAMES_MIN:
        fail(f"{frames} pandas tables in the outputs, expected at least {DATAFRAMES_MIN}")
    if len(pngs) < CHARTS_MIN:
        fail(f"{len(pngs)} charts in the outputs, expected at least {CHARTS_MIN}")
    for i, png in pngs:
        distinct, non_white, saturated = colour_stats(pixels(png))
        if distinct < 50 or non_white < 0.02 or saturated < 100:
            fail(f"the chart of cell {i} looks blank: {distinct} colours, "
                 f"{100 * non_white:.1f}% non-white, {saturated} coloured pixels")
    if widgets + bars < 1:
        fail("no progress bar (tqdm's notebook widget or its text bar) in the outputs")
    print(f"outputs: {len(html)} HTML tables ({frames} pandas), {len(pngs)} charts, "
          f"progress: {widgets} widget(s), {bars} text bar(s)")


def to_html(nb, out_html):
    from nbconvert import HTMLExporter
    body, _ = HTMLExporter().from_notebook_node(nb)
    with open(out_html, "w", encoding="utf-8") as f:
        f.write(body)
    for name in ("KeyDriverModel", "data:image/png;base64"):
        if name not in body:
            fail(f"the HTML page has no {name}")
    print(f"wrote {out_html} ({len(body) // 1024} KiB)")


def screenshot(chromium, page, png_path):
    profile = tempfile.mkdtemp(prefix="csat-chromium-")
    cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
           "--hide-scrollbars", "--no-first-run", "--disable-extensions",
           f"--user-data-dir={profile}", f"--window-size={SCREEN[0]},{SCREEN[1]}",
           "--virtual-time-budget=10000", f"--screenshot={png_path}",
           "file://" + os.path.abspath(page)]
    try:
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=180,
                           check=False)
    except subprocess.TimeoutExpired:
        fail("Chromium took more than 180 s for the screenshot")
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if r.returncode != 0 or not os.path.exists(png_path):
        fail(f"Chromium failed (status {r.returncode}):\n"
             + r.stdout.decode("utf-8", "replace")[-2000:])
    with open(png_path, "rb") as f:
        rgb = pixels(f.read())
    height, width = rgb.shape[:2]
    distinct, non_white, saturated = colour_stats(rgb)
    print(f"screenshot {png_path}: {width}x{height}, {distinct} colours, "
          f"{100 * non_white:.1f}% non-white, {saturated} coloured pixels")
    if (width, height) != SCREEN:
        fail(f"the screenshot is {width}x{height}, not {SCREEN[0]}x{SCREEN[1]}")
    # A blank page has one colour; an error page a little text; the notebook
    # has lines of text, tables and charts down the page.
    if distinct < 1000 or non_white < 0.03 or saturated < 5000:
        fail("the page in Chromium looks blank or incomplete")


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    path, outdir = os.path.abspath(argv[1]), argv[2]
    chromium = requirements()
    os.makedirs(outdir, exist_ok=True)
    nb = execute(path, os.path.dirname(os.path.abspath(path)))
    check_outputs(nb)
    import nbformat
    stem = os.path.splitext(os.path.basename(path))[0]
    executed = os.path.join(outdir, stem + ".ipynb")
    nbformat.write(nb, executed)
    page = os.path.join(outdir, stem + ".html")
    to_html(nb, page)
    screenshot(chromium, page, os.path.join(outdir, stem + ".png"))
    print("notebook checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
