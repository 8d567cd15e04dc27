#!/usr/bin/python3
"""The README's screenshots, taken from a real LibreOffice window: the GUI
LibreOffice under Xvfb with the built .oxt (tests/integration/window.py, the
harness of the window tests), the sample workbook opened, its checks embedded,
Validate run, then captures of the window as a user sees it.

Usage: screenshots.py OXT OUTDIR [vi|en-US]
Writes OUTDIR/screenshot-marks.png (Biểu 11 with its marks and one comment
shown) and OUTDIR/screenshot-report.png (the report sheet)."""
import os
import shutil
import signal
import subprocess
import sys
import threading

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))

oxt, outdir = sys.argv[1], sys.argv[2]
lang = sys.argv[3] if len(sys.argv) > 3 else "vi"
os.environ["RC_OXT"] = oxt  # before rctest reads it
import window  # noqa: E402
from lohelper import dispatch  # noqa: E402

why = window.missing()
if why:
    sys.exit("screenshots need a real window: " + why)
sample = os.path.join(ROOT, "sample-workbooks", "bao-cao-536.ods")
rules = os.path.join(ROOT, "rules", "report-536.rules")
WIDTH, HEIGHT = 1280, 800


def capture(win, doc, name):
    """The display cut to the LibreOffice window (no window manager: it sits at 0,0)."""
    del doc  # the frame's own size is not the window's under Xvfb: the capture is trimmed instead
    path = os.path.join(outdir, name)
    win.settle(1.0)
    win.shot(path)
    if not os.path.exists(path):
        sys.exit("no capture (ImageMagick's import is needed)")
    # the window's area at 0,0, then the black of the empty display around it trimmed away
    subprocess.run(["convert", path, "-crop", "%dx%d+0+0" % (WIDTH, HEIGHT), "+repage", "-bordercolor", "black",
                    "-border", "1", "-trim", "+repage", path], check=True)
    print("wrote", path)




def too_long():
    # A UNO call that never returns blocks the main thread, where a signal
    # handler would run: this watchdog thread stops LibreOffice and Xvfb itself.
    print("screenshots: no answer from LibreOffice within 300 s; stopped", file=sys.stderr, flush=True)
    for proc in (win.lo.proc if win.lo else None, win.display.proc if win.display else None):
        if proc is not None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
    os._exit(3)


win = window.Window(lang=lang, rules=None)
watchdog = threading.Timer(300, too_long)
watchdog.daemon = True
watchdog.start()
win.start()
print("started on display", win.display.name, flush=True)
try:
    work = os.path.join(win.tmp, "bao-cao-536.ods")
    shutil.copyfile(sample, work)
    # Loaded hidden, then shown and sized: loading straight into a visible window
    # never returned in 3 of 4 runs on a busy machine (the window tests, which
    # show models built hidden, never hang).
    doc = win.lo.load(work, hidden=True)
    frame = doc.CurrentController.Frame
    frame.ContainerWindow.setVisible(True)
    frame.ContainerWindow.setPosSize(0, 0, WIDTH, HEIGHT, 15)
    win.focus(doc)
    print("opened", flush=True)
    win.settle(1.0)
    ev = dispatch(win.lo, frame, "org.reportcheck.calc:EmbedFile", Path=rules, Silent=True)
    print("embed:", ev.Result[:200])
    ev = dispatch(win.lo, frame, "org.reportcheck.calc:Validate", Silent=True)
    print("validate:", ev.Result[:300])
    ctl = doc.CurrentController
    sheet = doc.Sheets.getByName("Biểu 11")
    ctl.setActiveSheet(sheet)
    # one marked cell selected with its comment shown, so the picture carries a message
    for i in range(sheet.Annotations.Count):
        a = sheet.Annotations.getByIndex(i)
        if a.getString().startswith("⚑ ReportCheck"):
            a.setIsVisible(True)
            p = a.Position
            ctl.select(sheet.getCellByPosition(p.Column, p.Row))
            break
    capture(win, doc, "screenshot-marks.png")
    rep = doc.Sheets.getByName("ReportCheck")
    ctl.setActiveSheet(rep)
    ctl.select(rep.getCellRangeByName("A1"))
    capture(win, doc, "screenshot-report.png")
    doc.setModified(False)
finally:
    win.stop()
    watchdog.cancel()
