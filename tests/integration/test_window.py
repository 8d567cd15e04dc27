"""What a user sees in a real LibreOffice window (issue 14): Undo and Redo of
our steps through the view (Ctrl+Z with a real keyboard, .uno:Undo through the
frame), info bars that never describe a sheet that is gone, the view that
stays where the user was. Needs the GUI packages and Xvfb (window.missing)."""
import json
import os
import unittest

import rctest
import test_suspects
import testbook
import window
from lohelper import dispatch

MARK_COLORS = (0xFFC7CE, 0xFFEB9C)
SHOTS = os.environ.get("RC_SHOTS")  # a directory: keep screenshots there for a person to look at


class _WindowCase(unittest.TestCase):
    lang = "en-US"

    @classmethod
    def setUpClass(cls):
        why = window.missing()
        if why:
            raise unittest.SkipTest(why)
        cls.win = window.Window(lang=cls.lang).start()

    @classmethod
    def tearDownClass(cls):
        cls.win.stop()

    def setUp(self):
        self.doc = self.win.open(testbook.build(self.win.lo))

    def tearDown(self):
        if self.win.alive():
            try:
                self.doc.close(True)
            except Exception:
                # a dialog a failed test left open vetoes the close: Escape it, then close
                self.win.xdotool("key", "Escape")
                self.win.settle(1)
                self.doc.close(True)

    def run_cmd(self, command, **args):
        args.setdefault("Silent", True)
        ev = dispatch(self.win.lo, self.doc.CurrentController.Frame, rctest.PROTOCOL + command, **args)
        self.win.settle()
        return ev.State, json.loads(ev.Result)

    def bar(self):
        """(the view has our info bar, what it says)"""
        _, res = self.run_cmd("Feedback")
        return window.Window.infobar(self.doc), res["bar"]

    def cell(self, sheet, a1):
        return self.doc.Sheets.getByName(sheet).getCellRangeByName(a1)

    def select(self, sheet, a1):
        ctl = self.doc.CurrentController
        sh = self.doc.Sheets.getByName(sheet)
        ctl.setActiveSheet(sh)
        ctl.select(sh.getCellRangeByName(a1))
        self.win.settle()
        return window.Window.view_state(self.doc)

    def shot(self, name):
        if SHOTS:
            os.makedirs(SHOTS, exist_ok=True)
            self.win.shot(os.path.join(SHOTS, name + ".png"))


class SuspectUndoInWindowTests(_WindowCase):
    """Undo of Validate takes the suspect mark back with the others (issue 12)."""

    def setUp(self):
        self.doc = self.win.open(test_suspects.build(self.win.lo))
        state, res = self.run_cmd("EmbedFile", Path=test_suspects.RULES)
        self.assertEqual(state, 1, res)

    def test_ctrl_z_after_validate_restores_the_suspect_cell(self):
        before = testbook.cell_state(self.doc)
        state, res = self.run_cmd("Validate")
        self.assertEqual(state, 1, res)
        c4 = self.cell(test_suspects.SHEET, "C4")
        self.assertEqual(c4.CellBackColor, test_suspects.SUSPECT_COLOR)
        self.win.keys(self.doc, "ctrl+z")
        self.assertTrue(self.win.alive(), "soffice died on Ctrl+Z")
        self.assertEqual(testbook.cell_state(self.doc), before)


class UndoInWindowTests(_WindowCase):
    def test_ctrl_z_after_validate_removes_sheet_bar_and_keeps_the_view(self):
        where = self.select("Biểu 11", "B4:C5")
        state, res = self.run_cmd("Validate")
        self.assertEqual(state, 1, res)
        self.assertIn("ReportCheck", self.doc.Sheets.ElementNames)
        shown, text = self.bar()
        self.assertTrue(shown)
        self.assertIn('see sheet "ReportCheck"', text)
        self.shot("validate")
        # a real Ctrl+Z into the window (undo of a sheet insertion crashes headless 7.4)
        self.win.keys(self.doc, "ctrl+z")
        self.assertTrue(self.win.alive(), "soffice died on Ctrl+Z")
        self.assertNotIn("ReportCheck", self.doc.Sheets.ElementNames)
        self.assertNotIn(self.cell("Biểu 11", "D5").CellBackColor, MARK_COLORS)
        shown, text = self.bar()
        self.assertFalse(shown, text)
        self.assertEqual(text, "")
        self.assertEqual(window.Window.view_state(self.doc), where)
        self.shot("validate-undone")
        # Ctrl+Y brings the step and its bar back
        self.win.keys(self.doc, "ctrl+y")
        self.assertTrue(self.win.alive())
        self.assertIn("ReportCheck", self.doc.Sheets.ElementNames)
        self.assertIn(self.cell("Biểu 11", "D5").CellBackColor, MARK_COLORS)
        shown, text = self.bar()
        self.assertTrue(shown)
        self.assertIn('see sheet "ReportCheck"', text)

    def test_uno_undo_through_the_view_after_validate(self):
        where = self.select("Biểu 3", "C6")
        self.run_cmd("Validate")
        self.win.uno(self.doc, ".uno:Undo")
        self.assertTrue(self.win.alive())
        self.assertNotIn("ReportCheck", self.doc.Sheets.ElementNames)
        self.assertEqual(self.bar(), (False, ""))
        self.assertEqual(window.Window.view_state(self.doc), where)

    def test_recompute_after_validate_leaves_no_stale_marks(self):
        self.run_cmd("Validate")
        d5 = self.cell("Biểu 11", "D5")
        self.assertIn(d5.CellBackColor, MARK_COLORS)
        self.assertIn("8.5", d5.Annotation.getString())  # an English UI: English numbers, one language
        self.assertNotIn("8,5", d5.Annotation.getString())
        validated_bar = self.bar()[1]
        state, res = self.run_cmd("Recompute")
        self.assertEqual(state, 1, res)
        self.assertTrue(res["revalidated"], res)
        self.assertAlmostEqual(d5.getValue(), 8.2)
        # the corrected cell is no longer marked and its comment is gone
        self.assertNotIn(d5.CellBackColor, MARK_COLORS)
        self.assertEqual(d5.Annotation.getString(), "")
        # cells still wrong stay marked (Biểu 3 is not derived)
        self.assertIn(self.cell("Biểu 3", "B6").CellBackColor, MARK_COLORS)
        shown, text = self.bar()
        self.assertTrue(shown)
        self.assertIn("Wrote", text)
        self.shot("recompute")
        # undo Recompute through the view: values, marks and the Validate bar come back
        self.win.uno(self.doc, ".uno:Undo")
        self.assertTrue(self.win.alive())
        self.assertAlmostEqual(d5.getValue(), 8.5)
        self.assertIn(d5.CellBackColor, MARK_COLORS)
        shown, text = self.bar()
        self.assertNotIn("Wrote", text)
        self.assertEqual(text, validated_bar)
        self.assertTrue(shown)

    def test_undo_recompute_alone_removes_its_bar(self):
        self.run_cmd("Recompute")
        self.assertIn("Wrote", self.bar()[1])
        self.win.keys(self.doc, "ctrl+z")
        self.assertTrue(self.win.alive())
        self.assertAlmostEqual(self.cell("Biểu 11", "D5").getValue(), 8.5)
        self.assertEqual(self.bar(), (False, ""))

    def test_undo_of_a_users_own_edit_leaves_our_bar(self):
        self.run_cmd("Validate")
        self.cell("Biểu 3", "A10").setString("ghi chú")
        self.win.uno(self.doc, ".uno:Undo")
        self.assertEqual(self.cell("Biểu 3", "A10").getString(), "")
        shown, text = self.bar()
        self.assertTrue(shown)
        self.assertIn('see sheet "ReportCheck"', text)


if __name__ == "__main__":
    unittest.main()


def vi_number(n):
    """An integer as the report writes it: 87.986."""
    return "{:,}".format(n).replace(",", ".")


class CommandsInWindowTests(_WindowCase):
    def open_dialog(self, command, title_part, **args):
        """Dispatch a command that opens a modal dialog; returns (window id,
        thread, result holder) once the dialog is on screen."""
        import threading
        holder = {}

        def go():
            ev = dispatch(self.win.lo, self.doc.CurrentController.Frame, rctest.PROTOCOL + command, **args)
            holder["state"], holder["res"] = ev.State, json.loads(ev.Result)

        t = threading.Thread(target=go, daemon=True)
        t.start()
        wid = rctest.wait_for(lambda: self.find_window(title_part), timeout=20, interval=0.3)
        return wid, t, holder

    def find_window(self, title_part):
        return self.win.find_window(title_part)

    def clipboard_text(self):
        import uno
        clip = self.win.lo.create("com.sun.star.datatransfer.clipboard.SystemClipboard")
        contents = clip.getContents()
        for fl in contents.getTransferDataFlavors():
            if fl.MimeType.startswith("text/plain"):
                data = contents.getTransferData(fl)
                return data if isinstance(data, str) else bytes(data.value).decode("utf-16")
        return ""

    def test_embedded_checks_viewer_lists_rules_and_its_text_copies(self):
        self.run_cmd("EmbedFile", Path=rctest.TEST_RULES)
        _, res = self.run_cmd("ShowEmbedded")
        ids = [r["id"] for r in res["list"]]
        self.assertEqual(ids, res["ruleIds"])  # every rule, in file order
        b3 = next(r for r in res["list"] if r["id"] == "B3.cot4")
        self.assertEqual((b3["kind"], b3["severity"], b3["sheet"]), ("check", "error", "Biểu 3"))
        self.assertIn("Cột 4 phải bằng", b3["what"])  # the rule's own words
        self.assertEqual(b3["where"], 'rows "1. Xã" to "Cộng"')
        tong = next(r for r in res["list"] if r["id"] == "B3.tong")
        self.assertEqual(tong["where"], '"Cộng"')
        # the dialog in the window: its rules text selects and copies
        wid, t, holder = self.open_dialog("ShowEmbedded", "Embedded checks", Silent=False)
        self.assertTrue(wid, "the viewer did not open")
        self.shot("viewer")
        self.win.focus_window(wid)
        self.win.xdotool("key", "--clearmodifiers", "ctrl+a")
        self.win.xdotool("key", "--clearmodifiers", "ctrl+c")
        self.win.settle(0.5)
        copied = rctest.wait_for(self.clipboard_text, timeout=5)
        self.win.xdotool("key", "--clearmodifiers", "Escape")
        t.join(20)
        self.assertFalse(t.is_alive(), "the viewer did not close on Escape")
        self.assertTrue(holder["res"]["ok"], holder)
        self.assertIn("B3.cot4", copied)  # the first field (the readable list) has the focus

    def test_export_embedded_writes_exactly_the_embedded_text(self):
        self.run_cmd("EmbedFile", Path=rctest.TEST_RULES)
        out = os.path.join(self.win.tmp, "exported.rules")
        state, res = self.run_cmd("ExportEmbedded", Path=out)
        self.assertEqual(state, 1, res)
        with open(out, encoding="utf-8") as f, open(rctest.TEST_RULES, encoding="utf-8") as g:
            self.assertEqual(f.read(), g.read())
        self.assertIn("{:,}".format(res["bytes"]), self.bar()[1])  # an English UI: 87,986
        # nothing embedded: a clear message, no file
        self.run_cmd("RemoveEmbedded")
        state, res = self.run_cmd("ExportEmbedded", Path=out + "2")
        self.assertEqual(state, 0)
        self.assertIn("no embedded rules", res["error"])
        self.assertFalse(os.path.exists(out + "2"))

    def test_embed_result_once_with_a_formatted_byte_count(self):
        rules = os.path.join(rctest.ROOT, "rules", "report-536.rules")
        state, res = self.run_cmd("EmbedFile", Path=rules)
        self.assertEqual(state, 1, res)
        self.assertGreater(res["bytes"], 1000)
        self.assertIn("(%s byte," % vi_number(res["bytes"]), res["messageVi"])
        self.assertIn("(%s bytes," % "{:,}".format(res["bytes"]), res["messageEn"])
        self.assertEqual(self.bar(), (True, "ReportCheck: %s" % res["messageEn"]))  # the UI's language alone

    def test_about_names_no_internal_path(self):
        import re
        win = window.Window(lang="en-US", rules=None)  # no rules file: the bundled set is in use
        try:
            win.start()
            doc = win.open(testbook.build(win.lo))
            ev = dispatch(win.lo, doc.CurrentController.Frame, rctest.PROTOCOL + "UseRuleSet",
                          Silent=True, Name="report-536")
            ev = dispatch(win.lo, doc.CurrentController.Frame, rctest.PROTOCOL + "About", Silent=True)
            about = json.loads(ev.Result)
            self.assertEqual(about["originKind"], "bundled")
            self.assertIsNone(re.search(r"\S/\S", about["text"]), about["text"])  # no path into the extension's cache
            self.assertIn("report-536", about["text"])
        finally:
            win.stop()

    def test_menu_mnemonics_are_unique_per_language(self):
        import xml.etree.ElementTree as ET
        ns = {"oor": "http://openoffice.org/2001/registry"}
        tree = ET.parse(os.path.join(rctest.ROOT, "package", "registry", "Addons.xcu"))
        XML = "{http://www.w3.org/XML/1998/namespace}lang"
        seen = {}
        for prop in tree.iter("prop"):
            if prop.get("{http://openoffice.org/2001/registry}name") != "Title":
                continue
            for v in prop.findall("value"):
                title = v.text
                if "~" not in title or title == "Report~Check":
                    continue
                seen.setdefault(v.get(XML), []).append(title[title.index("~") + 1].lower())
        self.assertEqual(set(seen), {"vi", "en-US"})
        for lang, keys in seen.items():
            self.assertEqual(len(keys), len(set(keys)), (lang, keys))
            self.assertEqual(len(keys), 11, (lang, keys))  # every command has one

    def test_suggest_drafts_rules_validates_and_embeds(self):
        state, res = self.run_cmd("Suggest")
        self.assertEqual(state, 1, res)
        self.assertGreater(res["relations"], 0)
        self.assertGreater(res["rules"], 0)
        self.assertIn('sheet "Biểu 3"', res["draft"])
        # validate with the draft at once: the wrong total of column 4 on Biểu 3 (50 != 45) is found
        state, res = self.run_cmd("Suggest", Action="validate")
        self.assertEqual(state, 1, res)
        v = res["validate"]
        self.assertEqual(v["originKind"], "suggested")
        self.assertGreater(v["errors"], 0)
        self.assertTrue(any(f["sheet"] == "Biểu 3" and f["cell"] in ("B6", "C6", "D6", "E6")
                            for f in v["findingsList"]), v["findingsList"])
        self.assertIn("ReportCheck", self.doc.Sheets.ElementNames)
        # embed it: the workbook now carries the draft
        state, res = self.run_cmd("Suggest", Action="embed")
        self.assertEqual(state, 1, res)
        _, shown = self.run_cmd("ShowEmbedded")
        self.assertEqual(shown["text"], res["draft"])
        # the dialog in the window shows the draft; Escape closes it without doing anything
        wid, t, holder = self.open_dialog("Suggest", "Suggested rules", Silent=False)
        self.assertTrue(wid, "the draft dialog did not open")
        self.shot("suggest")
        self.win.focus_window(wid)
        self.win.xdotool("key", "--clearmodifiers", "Escape")
        t.join(20)
        self.assertFalse(t.is_alive())
        self.assertEqual(holder["state"], 1, holder)
        self.assertNotIn("validate", holder["res"])


ADDIN = 11  # com.sun.star.sheet.FunctionCategory.ADDIN


class _WizardCase(_WindowCase):
    """What the Function Wizard lists, read from the same service it reads
    (com.sun.star.sheet.FunctionDescriptions), in the UI language."""

    def functions(self):
        fd = self.win.lo.create("com.sun.star.sheet.FunctionDescriptions")
        out = {}
        for i in range(fd.Count):
            props = {p.Name: p.Value for p in fd.getByIndex(i)}
            if props["Name"].startswith("RC."):
                out[props["Name"]] = props
        return out

    def args(self, f):
        return [(a.Name, a.Description) for a in (f["Arguments"] or ())]


class FunctionWizardEnglishTests(_WizardCase):
    lang = "en-US"

    def test_functions_in_add_in_with_full_help(self):
        fs = self.functions()
        self.assertEqual(set(fs), {"RC.EVAL", "RC.PCT", "RC.TARGETSTATUS", "RC.TARGETSHARE", "RC.RULE",
                                   "RC.RULESFAILED"})
        self.assertEqual({f["Category"] for f in fs.values()}, {ADDIN})
        self.assertIn("Example: RC.EVAL", fs["RC.EVAL"]["Description"])  # the fuller text
        pct = self.args(fs["RC.PCT"])
        self.assertEqual([n for n, _ in pct], ["part", "whole", "decimals"])
        self.assertIn("whose share", pct[0][1])  # "Part" alone says nothing
        direction = dict(self.args(fs["RC.TARGETSTATUS"]))["direction"]
        for w in ("at least", "more than", "ít nhất", "tối đa", "trên", "dưới", "trong khoảng"):
            self.assertIn(w, direction)
        # the document argument of RC.RULE is hidden
        self.assertEqual([n for n, _ in self.args(fs["RC.RULE"])], ["rule", "mode"])
        self.assertEqual(self.args(fs["RC.RULESFAILED"]), [])


class FunctionWizardVietnameseTests(_WizardCase):
    lang = "vi"

    def test_names_and_help_in_vietnamese(self):
        fs = self.functions()
        self.assertEqual({f["Category"] for f in fs.values()}, {ADDIN})
        self.assertIn("Ví dụ: RC.EVAL", fs["RC.EVAL"]["Description"])
        self.assertEqual([n for n, _ in self.args(fs["RC.PCT"])], ["phan", "tong", "so_le"])
        ts = self.args(fs["RC.TARGETSTATUS"])
        self.assertEqual([n for n, _ in ts], ["thuc_hien", "huong", "chi_tieu", "muc_tren", "ngon_ngu"])
        for w in ("ít nhất", "tối đa", "trên", "dưới", "trong khoảng"):
            self.assertIn(w, ts[1][1])
        self.assertEqual([n for n, _ in self.args(fs["RC.RULE"])], ["ma_quy_tac", "che_do"])


class _OnMainThread:
    """Runs fn on soffice's main thread, as a menu command runs: an
    AsyncCallback calls back into this process from the main loop, and the
    calls fn makes from there execute on that same thread (URP keeps the
    thread identity of a nested call)."""

    def __init__(self, lo, fn):
        import threading
        import unohelper
        from com.sun.star.awt import XCallback

        outer = self

        class Call(unohelper.Base, XCallback):
            def notify(self, data):
                try:
                    outer.result = fn()
                except Exception as e:  # noqa: BLE001 - handed to the test
                    outer.error = e
                finally:
                    outer.done.set()

        self.done = threading.Event()
        self.result = None
        self.error = None
        lo.create("com.sun.star.awt.AsyncCallback").addCallback(Call(), None)

    def wait(self, timeout):
        if not self.done.wait(timeout):
            raise AssertionError("not done after %d s" % timeout)
        if self.error:
            raise self.error
        return self.result


class ProgressInWindowTests(_WindowCase):
    """Validate of a 100,000-row sheet from the menu (the main thread): the
    status bar indicator starts, moves and ends, and the window's events are
    processed while the rules run (issue 14 item 7)."""
    ROWS = 100000

    def setUp(self):
        doc = self.win.lo.new_calc()
        sh = doc.Sheets.getByIndex(0)
        sh.Name = "Lớn"
        # A = B + C on every row; every 1000th row is wrong
        data = tuple((float(2 * i + 1 + (1 if i % 1000 == 7 else 0)), float(i), float(i + 1))
                     for i in range(self.ROWS))
        sh.getCellRangeByPosition(0, 0, 2, self.ROWS - 1).setDataArray(data)
        self.doc = self.win.open(doc)
        rules = os.path.join(self.win.tmp, "large.rules")
        with open(rules, "w", encoding="utf-8") as f:
            f.write('sheet "Lớn"\ncheck L.sum error: A = B + C\n  for rows 1:%d\n' % self.ROWS)
        state, res = self.run_cmd("EmbedFile", Path=rules)
        self.assertEqual(state, 1, res)

    def test_validate_shows_progress_and_keeps_the_window_answering(self):
        frame = self.doc.CurrentController.Frame
        call = _OnMainThread(self.win.lo, lambda: dispatch(self.win.lo, frame, rctest.PROTOCOL + "Validate",
                                                           Silent=True))
        ev = call.wait(600)
        self.assertTrue(self.win.alive())
        res = json.loads(ev.Result)
        self.assertEqual(ev.State, 1, res)
        self.assertEqual(res["errors"], self.ROWS // 1000)
        self.assertIn("ReportCheck", self.doc.Sheets.ElementNames)
        _, fb = self.run_cmd("Feedback")
        self.assertTrue(fb["progressMainThread"], fb)  # it ran as a menu command runs
        self.assertEqual((fb["progressStarted"], fb["progressEnded"]), (1, 1), fb)
        self.assertGreaterEqual(fb["progressUpdates"], 3, fb)  # reading, running, marking, writing
        # while the rules ran on their worker the window's events were processed (how long
        # between two pumps depends on the machine: measured in scripts/bench_calc.py and
        # reported below, never asserted here)
        self.assertGreaterEqual(fb["pumps"], 1, fb)
        self.assertGreaterEqual(fb["longestBusyMs"], 0, fb)
        rctest.timings["window_validate_100k_rows_longest_busy_ms"] = round(fb["longestBusyMs"], 1)
        rctest.timings["window_validate_100k_rows_ms"] = round(res["totalMs"], 1)
        rctest.timings["window_validate_100k_rows_run_ms"] = round(res["runMs"], 1)
        rctest.timings["window_validate_100k_rows_snapshot_ms"] = round(res["snapshotMs"], 1)
        shown, text = self.bar()
        self.assertTrue(shown)
        self.assertIn('see sheet "ReportCheck"', text)
