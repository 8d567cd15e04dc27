#!/usr/bin/python3
"""Render PNGs of the sample workbook validated in real LibreOffice with the
extension installed: one of a checked sheet with its marks, one of the report
sheet. Usage: screenshot.py OXT OUTDIR

This machine has libreoffice-calc-nogui, which ships no VCL window plugin (no
gen/gtk): soffice cannot draw a window even on Xvfb. So the pictures are made
by LibreOffice's own renderer through the Calc PNG export of the sheet (the
same drawing code as the window, without the menus and toolbars): the sheet
is exported to PDF (the PNG export filter is not in this build either) and
ghostscript turns the first page into a PNG."""
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))
from lohelper import OfficeProcess, dispatch, install_extension, props  # noqa: E402

oxt, outdir = sys.argv[1], sys.argv[2]
sample = os.path.join(ROOT, "sample-workbooks", "bao-cao-536.ods")
rules = os.path.join(ROOT, "rules", "report-536.rules")
if not os.path.exists(rules):
    rules = os.path.join(ROOT, "tests", "integration", "data", "sample.rules")

tmp = tempfile.mkdtemp(prefix="rc-shot-")
os.chmod(tmp, 0o755)
profile = os.path.join(tmp, "profile")
install_extension(oxt, profile)
work = os.path.join(tmp, "bao-cao-536.ods")
shutil.copyfile(sample, work)


def export_png(doc, sheet_name, area, name, dpi=110):
    """PDF of the range (LibreOffice's renderer), first page to PNG with ghostscript."""
    sheet = doc.Sheets.getByName(sheet_name)
    doc.CurrentController.setActiveSheet(sheet)
    style = doc.StyleFamilies.getByName("PageStyles").getByName(sheet.PageStyle)
    style.IsLandscape = True
    w, h = style.Width, style.Height
    if w < h:
        style.Width, style.Height = h, w
    style.ScaleToPagesX = 1
    style.ScaleToPagesY = 1
    fd = uno.Any("[]com.sun.star.beans.PropertyValue", props(Selection=sheet.getCellRangeByName(area)))
    pdf = os.path.join(tmp, name + ".pdf")
    uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(pdf), props(FilterName="calc_pdf_Export", FilterData=fd)))
    path = os.path.join(outdir, name)
    subprocess.run(["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=png16m", "-r%d" % dpi,
                    "-dTextAlphaBits=4", "-dGraphicsAlphaBits=4", "-dFirstPage=1", "-dLastPage=1",
                    "-sOutputFile=" + path, pdf], check=True)
    subprocess.run(["convert", path, "-trim", "-bordercolor", "white", "-border", "20", path], check=True)
    print("wrote", path)


lo = OfficeProcess(profile_dir=profile).start()
try:
    doc = lo.load(work)
    frame = doc.CurrentController.Frame
    ev = dispatch(lo, frame, "org.reportcheck.calc:EmbedFile", Path=rules, Silent=True)
    print("embed:", ev.Result)
    ev = dispatch(lo, frame, "org.reportcheck.calc:Validate", Silent=True)
    print("validate:", ev.Result[:400])
    sheet = doc.Sheets.getByName("Biểu 11")
    # show the comments of the marked cells so the picture carries the messages
    for i in range(sheet.Annotations.Count):
        a = sheet.Annotations.getByIndex(i)
        if a.getString().startswith("⚑ ReportCheck"):
            a.setIsVisible(True)
            break
    export_png(doc, "Biểu 11", "A1:N20", "screenshot-marks.png")
    rep = doc.Sheets.getByName("ReportCheck")
    cur = rep.createCursor()
    cur.gotoEndOfUsedArea(False)
    export_png(doc, "ReportCheck", "A1:J%d" % (cur.RangeAddress.EndRow + 1), "screenshot-report.png", dpi=160)
    doc.close(True)
finally:
    lo.stop()
    shutil.rmtree(tmp, ignore_errors=True)
