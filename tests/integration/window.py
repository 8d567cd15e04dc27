"""LibreOffice in a real window: Xvfb, the GTK3 VCL plugin, the built .oxt.

Headless LibreOffice has no view behind a frame in some paths (undo of a
sheet insertion crashes it) and shows no info bar, menu or dialog, so what a
user sees is tested here: one Xvfb display and one visible soffice per test
class, driven through UNO on the visible frame and, where only a keyboard
shows it, with xdotool. Screenshots (`shot`) are for a person checking by eye;
tests assert document and view state, never pixels.
"""
import os
import shutil
import signal
import subprocess
import tempfile
import time

import rctest
from lohelper import OfficeProcess, install_extension, write_ui_language

XVFB = shutil.which("Xvfb")
XDOTOOL = shutil.which("xdotool")
IMPORT = shutil.which("import")
GTK3_PLUGIN = "/usr/lib/libreoffice/program/libvclplug_gtk3lo.so"


def missing():
    """Why a real window cannot be opened here (None when it can)."""
    if not XVFB:
        return "Xvfb missing (apt-get install xvfb)"
    if not os.path.exists(GTK3_PLUGIN):
        return "GUI LibreOffice missing (apt-get install libreoffice-calc libreoffice-gtk3)"
    return None


class Display:
    """An Xvfb server on a display number it picks itself (-displayfd)."""

    def __init__(self, size="1280x1024x24"):
        self.size = size
        self.proc = None
        self.name = None

    def start(self):
        r, w = os.pipe()
        self.proc = subprocess.Popen([XVFB, "-displayfd", str(w), "-screen", "0", self.size,
                                      "-nolisten", "tcp"], pass_fds=(w,), start_new_session=True,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(w)
        with os.fdopen(r) as f:
            num = f.readline().strip()
        if not num:
            self.stop()
            raise RuntimeError("Xvfb did not start")
        self.name = ":" + num
        return self

    def stop(self):
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)
        self.proc = None


class Window:
    """A visible soffice with the extension installed, on its own display.

    lang: "en-US" or "vi" — the UI language (LO takes it from the locale
    environment when the profile names none)."""

    def __init__(self, lang="en-US", rules=rctest.TEST_RULES):
        self.lang = lang
        self.rules = rules
        self.display = None
        self.lo = None
        self.tmp = None

    def start(self):
        if not rctest.OXT:
            raise RuntimeError("reportcheck.oxt not found: build target reportcheck_oxt or set RC_OXT")
        self.tmp = tempfile.mkdtemp(prefix="rc-win-")
        os.chmod(self.tmp, 0o755)  # unopkg runs as `nobody` when we are root
        profile = os.path.join(self.tmp, "profile")
        install_extension(rctest.OXT, profile)
        self._set_ui_language(profile)
        self.display = Display().start()
        loc = "vi_VN.UTF-8" if self.lang.startswith("vi") else "en_US.UTF-8"
        env = {"DISPLAY": self.display.name, "SAL_USE_VCLPLUGIN": "gtk3",
               "LANG": loc, "LC_ALL": loc, "LANGUAGE": self.lang.replace("-", "_"),
               # no GTK accessibility bus or dbus session to wait for under Xvfb
               "NO_AT_BRIDGE": "1", "GTK_A11Y": "none"}
        if self.rules:
            env["REPORTCHECK_RULES"] = self.rules
        self.lo = OfficeProcess(profile_dir=profile, extra_env=env, visible=True,
                                ui_language=self.lang).start()
        return self

    def _set_ui_language(self, profile):
        """ooLocale in the profile: the locale environment alone is not enough
        when the system lacks the locale."""
        write_ui_language(profile, self.lang)

    def stop(self):
        if self.lo is not None:
            # A modified visible document would stop terminate() on "Save changes?".
            try:
                comps = self.lo.desktop.Components.createEnumeration()
                docs = []
                while comps.hasMoreElements():
                    docs.append(comps.nextElement())
                for d in docs:
                    try:
                        d.setModified(False)
                        d.close(True)
                    except Exception:
                        pass
            except Exception:
                pass
            self.lo.stop()
            self.lo = None
        if self.display is not None:
            self.display.stop()
            self.display = None
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None

    def alive(self):
        return self.lo is not None and self.lo.proc is not None and self.lo.proc.poll() is None

    # -- driving ------------------------------------------------------------
    def open(self, doc_or_path):
        """A visible document: a path, or a model built hidden (then shown)."""
        if isinstance(doc_or_path, str):
            doc = self.lo.load(doc_or_path, hidden=False)
        else:
            doc = doc_or_path
            doc.CurrentController.Frame.ContainerWindow.setVisible(True)
        self.settle()
        self.focus(doc)
        return doc

    def settle(self, seconds=0.3):
        """Let the main loop paint and post pending events (info bars, listeners)."""
        time.sleep(seconds)
        tk = self.lo.create("com.sun.star.awt.Toolkit")
        try:
            tk.processEventsToIdle()
        except Exception:
            pass

    def focus(self, doc):
        win = doc.CurrentController.Frame.ContainerWindow
        win.setFocus()
        wid = self.window_id(doc)
        if wid and XDOTOOL:
            # No window manager under Xvfb: give the X focus directly (windowactivate needs one).
            self.focus_window(wid)
        self.settle(0.2)

    def window_id(self, doc):
        """The X window of the document's frame (by its title)."""
        if not XDOTOOL:
            return None
        return self.find_window(doc.CurrentController.Frame.Title)

    def find_window(self, title_part):
        """The X window whose title contains title_part, or None. (xdotool's own
        --name regex misses titles with non-ASCII characters: match here.)"""
        env = dict(os.environ, DISPLAY=self.display.name)
        # only mapped windows: a dialog found before it is shown cannot take the focus yet
        r = subprocess.run([XDOTOOL, "search", "--onlyvisible", "--name", "."], stdout=subprocess.PIPE, env=env,
                           timeout=20)
        for wid in r.stdout.decode().split():
            n = subprocess.run([XDOTOOL, "getwindowname", wid], stdout=subprocess.PIPE, env=env, timeout=20)
            if title_part in n.stdout.decode("utf-8", "replace"):
                return wid
        return None

    def focus_window(self, wid, timeout=15):
        """Give the X focus to a window, waiting until it can take it (a busy
        machine maps a new dialog late)."""
        import time as _t
        deadline = _t.time() + timeout
        while True:
            r = subprocess.run([XDOTOOL, "windowfocus", "--sync", wid], env=dict(os.environ, DISPLAY=self.display.name),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30)
            if r.returncode == 0:
                return
            if _t.time() > deadline:
                raise RuntimeError("window %s never took the focus" % wid)
            _t.sleep(0.3)

    def xdotool(self, *args):
        if not XDOTOOL:
            raise RuntimeError("xdotool missing (apt-get install xdotool)")
        subprocess.run([XDOTOOL] + list(args), env=dict(os.environ, DISPLAY=self.display.name),
                       timeout=30, check=True)

    def keys(self, doc, *keys):
        """Real key presses into the document's window (e.g. "ctrl+z")."""
        self.focus(doc)
        for k in keys:
            self.xdotool("key", "--clearmodifiers", k)
            self.settle(0.3)

    def uno(self, doc, command, **args):
        """A .uno: command through the visible frame's dispatch chain (what a
        menu item or shortcut does)."""
        from lohelper import dispatch
        ev = dispatch(self.lo, doc.CurrentController.Frame, command, **args)
        self.settle()
        return ev

    def shot(self, path):
        """A screenshot of the whole display, for a person to look at."""
        if IMPORT and self.display:
            subprocess.run([IMPORT, "-window", "root", path], env=dict(os.environ, DISPLAY=self.display.name),
                           timeout=30, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return path

    # -- what the view shows --------------------------------------------------
    @staticmethod
    def infobar(doc):
        """Our info bar's text as the view shows it, or None."""
        ctl = doc.CurrentController
        return ctl.hasInfobar("reportcheck")

    @staticmethod
    def view_state(doc):
        """(active sheet, selected range as text) of the view."""
        ctl = doc.CurrentController
        sel = ctl.Selection
        addr = sel.RangeAddress if hasattr(sel, "RangeAddress") else None
        return ctl.ActiveSheet.Name, (addr.Sheet, addr.StartColumn, addr.StartRow, addr.EndColumn, addr.EndRow) \
            if addr else None
