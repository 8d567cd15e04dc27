"""Start, connect to and stop a headless LibreOffice for integration tests.

Each OfficeProcess uses a fresh profile directory and a fresh TCP port. It is
stopped through Desktop.terminate() and, failing that, its own process group
(never by process name).
"""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

import uno  # Debian's /usr/bin/python3 (python3-uno)
from com.sun.star.beans import PropertyValue

SOFFICE = os.environ.get("SOFFICE", "/usr/lib/libreoffice/program/soffice")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def props(**kw):
    return tuple(prop(k, v) for k, v in kw.items())


class OfficeProcess:
    def __init__(self, profile_dir=None, port=None, extra_env=None, visible=False, max_memory=None,
                 ui_language=None):
        self.own_profile = profile_dir is None
        self.profile_dir = profile_dir or tempfile.mkdtemp(prefix="rc-lo-profile-")
        self.port = port or free_port()
        self.extra_env = extra_env or {}
        self.visible = visible
        # Address-space cap (bytes) for soffice: a test that feeds it hostile
        # input then sees a failed allocation, not the machine's OOM killer.
        self.max_memory = max_memory
        # "vi" / "en-US": set once connected (a fresh headless profile's ooLocale
        # is reset to the system's at first start, whatever the profile says).
        self.ui_language = ui_language
        self.proc = None
        self.ctx = None
        self.smgr = None
        self.desktop = None

    def start(self, timeout=60):
        env = dict(os.environ)
        env.update(self.extra_env)
        args = [SOFFICE]
        if not self.visible:
            args += ["--headless", "--invisible"]
        args += ["--norestore", "--nolockcheck", "--nodefault", "--nologo",
                 "-env:UserInstallation=" + uno.systemPathToFileUrl(self.profile_dir),
                 "--accept=socket,host=127.0.0.1,port=%d;urp;" % self.port]
        preexec = None
        if self.max_memory:
            import resource
            cap = self.max_memory
            preexec = lambda: resource.setrlimit(resource.RLIMIT_AS, (cap, cap))  # noqa: E731
        self.proc = subprocess.Popen(args, env=env, start_new_session=True, preexec_fn=preexec,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        url = "uno:socket,host=127.0.0.1,port=%d;urp;StarOffice.ComponentContext" % self.port
        deadline = time.time() + timeout
        last = None
        while time.time() < deadline:
            try:
                self.ctx = resolver.resolve(url)
                break
            except Exception as e:  # NoConnectException while starting
                last = e
                if self.proc.poll() is not None and self.proc.returncode != 0:
                    raise RuntimeError("soffice exited with %s" % self.proc.returncode)
                time.sleep(0.2)
        if self.ctx is None:
            self.kill_group()
            raise RuntimeError("could not connect to soffice on port %d: %s" % (self.port, last))
        self.smgr = self.ctx.ServiceManager
        self.desktop = self.smgr.createInstanceWithContext("com.sun.star.frame.Desktop", self.ctx)
        if self.ui_language:
            set_ui_language(self, self.ui_language)
        return self

    def create(self, name):
        return self.smgr.createInstanceWithContext(name, self.ctx)

    def load(self, path_or_url, hidden=True, **kw):
        url = path_or_url if "://" in path_or_url or path_or_url.startswith("private:") \
            else uno.systemPathToFileUrl(os.path.abspath(path_or_url))
        args = dict(Hidden=hidden)
        args.update(kw)
        return self.desktop.loadComponentFromURL(url, "_blank", 0, props(**args))

    def new_calc(self, hidden=True):
        return self.load("private:factory/scalc", hidden=hidden)

    def kill_group(self):
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(10)

    def _group_alive(self):
        try:
            os.killpg(self.proc.pid, 0)
            return True
        except ProcessLookupError:
            return False

    def stop(self):
        if self.proc is None:
            return
        try:
            if self.desktop is not None:
                self.desktop.terminate()
        except Exception:
            pass  # the bridge goes away while terminating: expected
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.proc.poll() is not None and not self._group_alive():
                break
            time.sleep(0.1)
        if self.proc.poll() is None or self._group_alive():
            self.kill_group()
        else:
            self.proc.wait()
        self.proc = None
        if self.own_profile:
            shutil.rmtree(self.profile_dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def write_ui_language(profile_dir, lang):
    """The UI language as Tools > Options > Language Settings sets it
    (ooLocale in the profile): "vi" or "en-US". The extension speaks it."""
    user = os.path.join(profile_dir, "user")
    os.makedirs(user, exist_ok=True)
    path = os.path.join(user, "registrymodifications.xcu")
    item = ('<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse">'
            '<value>%s</value></prop></item>\n' % lang)
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        text = text.replace("</oor:items>", item + "</oor:items>")
    else:
        text = ('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry"'
                ' xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
                + item + "</oor:items>\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def set_ui_language(lo, lang):
    """Change ooLocale in a running office, as the options dialog does; the
    extension reads it at its next command (cell functions: within a second)."""
    provider = lo.create("com.sun.star.configuration.ConfigurationProvider")
    access = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess",
                                                  (prop("nodepath", "/org.openoffice.Setup/L10N"),))
    access.replaceByName("ooLocale", lang)
    access.commitChanges()


def install_extension(oxt_path, profile_dir, timeout=180):
    """Install an .oxt into a throwaway user profile with `unopkg add`.

    Plain `unopkg add` refuses to run as root, so when we are root it runs as
    the unprivileged user `nobody` on a profile directory that user owns
    (LIBREOFFICE-NOTES.md). Returns the seconds it took."""
    import pwd
    t0 = time.time()
    os.makedirs(profile_dir, exist_ok=True)
    staged = os.path.join(profile_dir, "reportcheck.oxt")
    shutil.copyfile(oxt_path, staged)
    unopkg = os.path.join(os.path.dirname(SOFFICE), "unopkg")
    cmd = [unopkg, "add", "-s", staged,
           "-env:UserInstallation=" + uno.systemPathToFileUrl(profile_dir)]
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        for root, dirs, files in os.walk(profile_dir):
            for n in dirs + files:
                os.chown(os.path.join(root, n), nobody.pw_uid, nobody.pw_gid)
        os.chown(profile_dir, nobody.pw_uid, nobody.pw_gid)
        cmd = ["runuser", "-u", "nobody", "--"] + cmd
    env = dict(os.environ, HOME=profile_dir)
    r = subprocess.run(cmd, cwd=profile_dir, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=timeout, start_new_session=True)
    out = r.stdout.decode("utf-8", "replace")
    if r.returncode != 0 or "ERROR" in out:
        raise RuntimeError("unopkg add failed (%s):\n%s" % (r.returncode, out))
    return time.time() - t0


def dispatch(lo, frame, url, **args):
    """Dispatch a command URL; returns (state, result) from XNotifyingDispatch."""
    helper = lo.create("com.sun.star.frame.DispatchHelper")
    ev = helper.executeDispatch(frame, url, "", 0, props(**args))
    return ev
