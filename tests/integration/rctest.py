"""Shared setup for the integration tests: one throwaway profile with the
built .oxt installed, one headless soffice on a fresh port per test run."""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)

import uno  # noqa: E402
from lohelper import OfficeProcess, dispatch, install_extension, props, write_ui_language  # noqa: E402
import testbook  # noqa: E402

TEST_RULES = os.path.join(HERE, "data", "test.rules")
PROTOCOL = "org.reportcheck.calc:"
UI_LANGUAGE = "vi"


def _first(paths):
    for p in paths:
        if p and os.path.exists(p):
            return p
    return None


OXT = _first([os.environ.get("RC_OXT"), os.path.join(ROOT, "build", "package", "reportcheck.oxt")])
CLI = _first([os.environ.get("RC_CLI"), os.path.join(ROOT, "build", "engine", "reportcheck")])

_office = None
_tmp = None
timings = {}


def office():
    """The running office (started on first use, with the extension)."""
    global _office, _tmp
    if _office is None:
        if not OXT:
            raise RuntimeError("reportcheck.oxt not found: build it (target reportcheck_oxt) or set RC_OXT")
        _tmp = tempfile.mkdtemp(prefix="rc-it-")
        os.chmod(_tmp, 0o755)  # unopkg runs as `nobody` when we are root
        profile = os.path.join(_tmp, "profile")
        timings["install_s"] = install_extension(OXT, profile)
        # The extension speaks LibreOffice's UI language; these tests read its
        # Vietnamese (test_language switches to English and back).
        write_ui_language(profile, UI_LANGUAGE)
        t0 = time.time()
        # The tests' rules come from a file (origin "file") unless a workbook embeds rules.
        _office = OfficeProcess(profile_dir=profile, extra_env={"REPORTCHECK_RULES": TEST_RULES},
                                ui_language=UI_LANGUAGE).start()
        timings["start_s"] = time.time() - t0
    return _office


def shutdown():
    global _office
    if _office is not None:
        _office.stop()
        _office = None
    if _tmp:
        shutil.rmtree(_tmp, ignore_errors=True)
    if timings:
        sys.stderr.write("timings: %s\n" % json.dumps(timings, sort_keys=True))


def tmpdir():
    office()
    d = tempfile.mkdtemp(dir=_tmp)
    return d


def run(doc, command, **args):
    """Dispatch org.reportcheck.calc:<command> on doc's frame; (state, dict)."""
    lo = office()
    frame = doc.CurrentController.Frame
    args.setdefault("Silent", True)
    ev = dispatch(lo, frame, PROTOCOL + command, **args)
    return ev.State, json.loads(ev.Result)


def save(doc, path, filt="calc8"):
    doc.storeToURL(uno.systemPathToFileUrl(path), props(FilterName=filt))


def cli_findings(path, rules=None):
    """`reportcheck validate --format json` on a saved file."""
    if not CLI:
        raise RuntimeError("reportcheck CLI not found: build target reportcheck or set RC_CLI")
    cmd = [CLI, "validate", path, "--format", "json"]
    if rules:
        cmd += ["--rules", rules]
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    if r.returncode not in (0, 1):
        raise RuntimeError("reportcheck failed (%d): %s" % (r.returncode, r.stderr.decode()))
    data = json.loads(r.stdout.decode())
    return data["files"][0]


def key(f):
    """What must agree between the CLI and the extension for one finding."""
    return (f["rule"], f["severity"], f["kind"], f["sheet"], f["cell"] or "",
            f.get("messageVi", f.get("message", {}).get("vi")))


def wait_for(fn, timeout=10.0, interval=0.05):
    """Poll fn() until it returns a truthy value (live results arrive
    asynchronously, posted to the office's main loop)."""
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        last = fn()
        if last:
            return last
        time.sleep(interval)
    return last
