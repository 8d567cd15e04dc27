#!/usr/bin/env python3
"""The readers measured side by side for docs/READERS.md: parity with LibreOffice on the
corpus, time and peak memory. Every time is a ratio against a baseline measured in the same
run (rounds interleave the readers, medians are kept), so it means the same on another machine.

  python3 scripts/bench_readers.py [--rows 50000] [--rounds 3] [--corpus DIR]

Needs build/engine/reportcheck_bench_readers (cmake --build build --target
reportcheck_bench_readers) and, for the .xlsx / .fods rows, soffice to convert the large
workbook and the corpus once.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(REPO, 'build', 'engine', 'reportcheck_bench_readers')
sys.path.insert(0, os.path.join(REPO, 'tests', 'formats'))
import corpus_parity  # noqa: E402


def run(reader, files, reps, outdir):
    """-> (ms per file summed, peak RSS in MB) of one process reading every file."""
    p = subprocess.run(['/usr/bin/time', '-f', '%M', BENCH, reader, str(reps), outdir] + files,
                       capture_output=True, text=True, check=True)
    ms = sum(float(line.split('\t')[1]) for line in p.stdout.splitlines() if line)
    return ms, int(p.stderr.strip().splitlines()[-1]) / 1024.0


def rounds(readers, files, reps, n, outdir):
    times = {r: [] for r in readers}
    mem = {r: 0.0 for r in readers}
    for _ in range(n):
        for r in readers:
            ms, mb = run(r, files, reps, outdir)
            times[r].append(ms)
            mem[r] = max(mem[r], mb)
    return {r: statistics.median(t) for r, t in times.items()}, mem


def convert(files, fmt, outdir, profile):
    if not shutil.which('soffice'):
        return []
    subprocess.run(['soffice', '-env:UserInstallation=file://' + profile, '--headless', '--convert-to', fmt,
                    '--outdir', outdir] + files, capture_output=True, timeout=1800)
    return [os.path.join(outdir, os.path.splitext(os.path.basename(f))[0] + '.' + fmt) for f in files
            if os.path.exists(os.path.join(outdir, os.path.splitext(os.path.basename(f))[0] + '.' + fmt))]


def table(title, base, times, mem):
    print('\n### %s\n' % title)
    print('| reader | time | × %s | peak memory |' % base)
    print('| --- | ---: | ---: | ---: |')
    for r, t in times.items():
        print('| %s | %.0f ms | %.2f | %.0f MB |' % (r, t, t / times[base], mem[r]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--rows', type=int, default=50000)
    ap.add_argument('--rounds', type=int, default=3)
    ap.add_argument('--corpus', default=None)
    a = ap.parse_args()
    corpus = os.path.join(a.corpus or corpus_parity.default_corpus(), 'ods')
    tmp = tempfile.mkdtemp(prefix='rc-readers-')
    profile = os.path.join(tmp, 'lo-profile')
    out = os.path.join(tmp, 'out')
    os.makedirs(out)
    try:
        large = os.path.join(tmp, 'large.ods')
        subprocess.run([sys.executable, os.path.join(REPO, 'scripts', 'make_large_ods.py'), large,
                        os.path.join(tmp, 'large.rules'), str(a.rows)], check=True)
        parsers = ['inflate', 'walk-libxml2', 'walk-expat', 'walk-orcus', 'native', 'orcus']
        t, m = rounds(parsers, [large], 1, a.rounds, out)
        table('.ods, one sheet of %d rows x 5 columns (make_large_ods.py)' % a.rows, 'inflate', t, m)

        xlsx = convert([large], 'xlsx', tmp, profile)
        if xlsx:
            t, m = rounds(['inflate', 'walk-libxml2', 'walk-orcus', 'orcus'], xlsx, 1, a.rounds, out)
            table('the same saved as .xlsx by LibreOffice', 'inflate', t, m)
        fods = convert([large], 'fods', tmp, profile)
        if fods:
            t, m = rounds(['auto', 'orcus'], fods, 1, a.rounds, out)
            table('the same saved as .fods (auto = the .ods reader after indentation is removed)', 'auto', t, m)

        if os.path.isdir(corpus):
            files = sorted(os.path.join(corpus, f) for f in os.listdir(corpus) if f.endswith('.ods'))
            t, m = rounds(['inflate', 'native', 'orcus'], files, 5, a.rounds, out)
            table('corpus: %d .ods files, sum of per-file medians' % len(files), 'inflate', t, m)
            unzip = []
            for _ in range(a.rounds):
                s = __import__('time').perf_counter()
                for f in files:
                    subprocess.run(['unzip', '-p', f, 'content.xml'], capture_output=True)
                unzip.append((__import__('time').perf_counter() - s) * 1000)
            print('\n`unzip -p FILE content.xml` over the corpus, one process a file: %.0f ms '
                  '(%.2f × inflate in-process)' % (statistics.median(unzip), statistics.median(unzip) / t['inflate']))
            # Per file: cells LibreOffice shows, how many each reader gives the same, and the first differences.
            res = {}
            for reader in ('native', 'orcus'):
                d = os.path.join(tmp, reader)
                os.makedirs(d)
                subprocess.run([BENCH, reader, '1', d] + files, capture_output=True, check=True)
                for f in files:
                    name = os.path.basename(f)
                    truth = open(f + '.tsv', encoding='utf-8').read()
                    ours = open(os.path.join(d, name + '.tsv'), encoding='utf-8').read()
                    res.setdefault(name, {})[reader] = corpus_parity.compare(truth, ours) + (
                        corpus_parity.parse(truth)[2], corpus_parity.parse(ours)[2])
            print('\n### parity on the corpus .ods: cells equal to LibreOffice\'s reading\n')
            print('| file | cells | native | orcus | native differs | orcus differs |')
            print('| --- | ---: | ---: | ---: | --- | --- |')
            tot = {'n': 0, 'native': 0, 'orcus': 0}
            def why(diffs):
                kinds = {}
                for cell, what in diffs:
                    key = what.split(',')[0].split(' ours')[0][:30]
                    kinds[key] = kinds.get(key, 0) + 1
                return '; '.join('%s ×%d' % (k.replace('|', '/'), v) for k, v in kinds.items())
            for name in sorted(res):
                nat, orc = res[name]['native'], res[name]['orcus']
                short = name.replace('__', ' ').replace('PHPOffice+PhpSpreadsheet', 'PhpSpreadsheet')
                if nat[3]:
                    print('| %s | LibreOffice cannot load | %s | %s | | |' % (
                        short, 'error' if nat[4] else 'read', 'error' if orc[4] else 'read'))
                    continue
                tot['n'] += nat[0]
                tot['native'] += nat[1]
                tot['orcus'] += orc[1]
                print('| %s | %d | %d | %d | %s | %s |' % (short, nat[0], nat[1], orc[1], why(nat[2]), why(orc[2])))
            print('| **all** | **%d** | **%d (%.1f %%)** | **%d (%.1f %%)** | | |' % (
                tot['n'], tot['native'], 100.0 * tot['native'] / tot['n'], tot['orcus'], 100.0 * tot['orcus'] / tot['n']))
        print('\nmachine: %d cores, load %.1f; %s' % (os.cpu_count(), os.getloadavg()[0],
                                                    subprocess.run(['date', '-u', '+%Y-%m-%d %H:%M'],
                                                                   capture_output=True, text=True).stdout.strip()))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == '__main__':
    main()
