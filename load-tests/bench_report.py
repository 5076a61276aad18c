#!/usr/bin/env python3
"""Turns one bench.sh run (its folder: round-1..N, the cart runs, peak-rss.txt) into its table: medians of the
rounds, each ratio, each target met or **no**. Writes load-tests/results/<date>.md and the latest-run section of
docs/BENCHMARKS.md (between the bench markers; the rest of that file is left as written).

  bench_report.py RUN_DIR --phase S --markdown FILE [--benchmarks docs/BENCHMARKS.md]
"""
import argparse
import glob
import json
import os
import platform
import re
import statistics
import subprocess
from datetime import datetime, timezone

START = '<!-- bench:latest:start -->'
END = '<!-- bench:latest:end -->'
# the purchase the targets are set against (issue 13): 47 statements, as counted on 2026-12-03, and a TPC-B-like
# transaction's 7 (BEGIN, three UPDATEs, a SELECT, an INSERT, END)
BASELINE_STATEMENTS = 47
TPCB_STATEMENTS = 7
SHOP = ('auth', 'user', 'product', 'cart', 'order', 'payment', 'checkout', 'entry', 'postgres')
HZ = os.sysconf('SC_CLK_TCK')


def load_json(path):
    if not os.path.exists(path):
        return None
    with open(path, encoding='utf-8') as f:
        text = f.read().strip()
    return json.loads(text) if text else None


def ticks(path):
    values = {}
    if os.path.exists(path):
        with open(path, encoding='utf-8') as f:
            for line in f:
                parts = line.split()
                if len(parts) == 2 and parts[1].isdigit():
                    values[parts[0]] = int(parts[1])
    return values


def cpu_ms(folder, name, count, generator_ms):
    """CPU milliseconds per unit of work of each process over a window, plus 'shop' (their sum: the shop's core)
    and 'generator' (the load generator's own process)."""
    a = ticks(os.path.join(folder, f'cpu-{name}-before.txt'))
    b = ticks(os.path.join(folder, f'cpu-{name}-after.txt'))
    if not count or not a or not b:
        return None
    per = {k: (b[k] - a[k]) * 1000 / HZ / count for k in b if k in a}
    per['shop'] = sum(v for k, v in per.items() if k in SHOP)
    if generator_ms is not None:
        per['generator'] = generator_ms / count
    return per


def wrk(path):
    if not os.path.exists(path):
        return None
    text = open(path, encoding='utf-8').read()
    requests, seconds = re.search(r'(\d+) requests in ([0-9.]+)(m?s)', text).group(1, 2)
    unit = re.search(r'\d+ requests in [0-9.]+(m?s)', text).group(1)
    seconds = float(seconds) / (1000 if unit == 'ms' else 1)
    bad = sum(int(n) for n in re.findall(r'Non-2xx or 3xx responses: (\d+)', text))
    errors = re.search(r'Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)', text)
    if errors:
        bad += sum(int(n) for n in errors.groups())
    ok = int(requests) - bad
    generator = re.search(r'wrk CPU ticks: (\d+)', text)
    latency = {}
    for pct, value, unit in re.findall(r'^\s+(50|99)%\s+([0-9.]+)(us|ms|s)\s*$', text, re.M):
        latency[f'p{pct}'] = float(value) * {'us': 0.001, 'ms': 1, 's': 1000}[unit]
    return {'ok': ok, 'failed': bad, 'rate': ok / seconds, 'latency_ms': latency,
            'driver_cpu_ms': int(generator.group(1)) * 1000 / HZ if generator else None}


def tps(path):
    if not os.path.exists(path):
        return None
    found = re.search(r'^tps = ([0-9.]+)', open(path, encoding='utf-8').read(), re.M)
    return float(found.group(1)) if found else None


def divide(a, b):
    return None if a is None or not b else a / b


def round_figures(folder, phase):
    f = {}
    f['tpcb'] = tps(os.path.join(folder, 'pgbench-tpcb.log'))
    f['select'] = tps(os.path.join(folder, 'pgbench-select.log'))
    for name in ('reads-entry', 'reads-product'):
        run = wrk(os.path.join(folder, name + '.txt'))
        if run:
            f[name] = run['rate']
            f[name + ' failed'] = run['failed']
            f[name + ' vs select'] = divide(run['rate'], f['select'])
            f[name + ' cpu'] = cpu_ms(folder, name, run['ok'], run['driver_cpu_ms'])
    for name in ('purchases-many', 'purchases-hot', 'reads-half', 'purchases-half', 'sign-up', 'log-in'):
        run = load_json(os.path.join(folder, name + '.json'))
        if run:
            f[name] = run['rate']
            f[name + ' failed'] = run['failed']
            f[name + ' latency'] = run['latency_ms']
            f[name + ' cpu'] = cpu_ms(folder, name, run['ok'], run.get('driver_cpu_ms'))
    f['hot vs many'] = divide(f.get('purchases-hot'), f.get('purchases-many'))
    if f['tpcb']:
        # what PostgreSQL alone spends on today's statements of a purchase, at TPC-B-like cost, in ms
        f['statements cost'] = BASELINE_STATEMENTS / TPCB_STATEMENTS / f['tpcb'] * 1000
        cpu = f.get('purchases-many cpu')
        f['purchase vs statements'] = divide(cpu and cpu['shop'], f['statements cost'])
    hashing = load_json(os.path.join(folder, 'argon2id.json')) or {}
    f['hash'] = hashing.get('hash_ms')
    f['check'] = hashing.get('check_ms')
    f['sign-up vs hash'] = divide((f.get('sign-up cpu') or {}).get('shop'), f['hash'])
    f['log-in vs check'] = divide((f.get('log-in cpu') or {}).get('shop'), f['check'])
    return f


def median(rounds, key, part=None):
    values = []
    for r in rounds:
        v = r.get(key)
        if part is not None:
            v = v.get(part) if isinstance(v, dict) else None
        if v is not None:
            values.append(v)
    return statistics.median(values) if values else None


def spread(rounds, key):
    values = [r[key] for r in rounds if r.get(key) is not None]
    return f' ({fmt(min(values))}-{fmt(max(values))})' if len(values) > 1 else ''


def fmt(value, digits=None):
    if value is None:
        return '-'
    if digits is None:
        digits = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2
    return f'{value:,.{digits}f}'


def pct(value):
    return '-' if value is None else f'{value * 100:.0f}%'


def verdict(condition):
    if condition is None:
        return 'not measured'
    return 'yes' if condition else '**no**'


def cpu_text(rounds, key):
    names = sorted({n for r in rounds for n in (r.get(key) or {}) if n not in ('shop', 'generator')},
                   key=lambda n: -(median(rounds, key, n) or 0))
    parts = [f'{n} {fmt(median(rounds, key, n), 2)}' for n in names if (median(rounds, key, n) or 0) >= 0.005]
    return ', '.join(parts)


def machine():
    cpu = ''
    with open('/proc/cpuinfo', encoding='utf-8') as f:
        cpu = next((l.split(':', 1)[1].strip() for l in f if l.startswith('model name')), '')
    load = os.getloadavg()
    return f'{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}; load average at the end {load[0]:.1f}'


def commit(root):
    try:
        head = subprocess.run(['git', '-C', root, 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True,
                              check=True).stdout.strip()
        dirty = subprocess.run(['git', '-C', root, 'status', '--porcelain', '--untracked-files=no'],
                               capture_output=True, text=True, check=True).stdout.strip()
        return head + (' with uncommitted changes' if dirty else '')
    except (OSError, subprocess.CalledProcessError):
        return 'unknown'


def main():
    p = argparse.ArgumentParser()
    p.add_argument('run')
    p.add_argument('--phase', type=float, required=True)
    p.add_argument('--markdown', required=True)
    p.add_argument('--benchmarks')
    a = p.parse_args()
    rounds = [round_figures(folder, a.phase) for folder in sorted(glob.glob(os.path.join(a.run, 'round-*')))]
    n = len(rounds)
    cart1 = load_json(os.path.join(a.run, 'cart-of-1.json')) or {}
    cart50 = load_json(os.path.join(a.run, 'cart-of-50.json')) or {}
    rss = {}
    if os.path.exists(os.path.join(a.run, 'peak-rss.txt')):
        for line in open(os.path.join(a.run, 'peak-rss.txt'), encoding='utf-8'):
            service, kib = line.split()
            rss[service] = int(kib) / 1024
    m = lambda key, part=None: median(rounds, key, part)
    failed_purchases = sum(r.get(k + ' failed', 0) or 0 for r in rounds
                           for k in ('purchases-many', 'purchases-hot', 'purchases-half')) \
        + (cart1.get('failed') or 0) + (cart50.get('failed') or 0)
    cart_ratio = None
    if cart1.get('checkout_ms') and cart50.get('checkout_ms'):
        cart_ratio = cart50['checkout_ms']['p50'] / cart1['checkout_ms']['p50']

    def lat(key):
        v = m(key + ' latency', 'p50'), m(key + ' latency', 'p95'), m(key + ' latency', 'p99')
        return ' / '.join(fmt(x, 1) for x in v) + ' ms'

    def per_request(key, unit):
        return (f"shop {fmt(m(key + ' cpu', 'shop'), 2)} ms per {unit} ({cpu_text(rounds, key + ' cpu')}); "
                f"load generator {fmt(m(key + ' cpu', 'generator'), 2)} ms")

    when = datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    lines = [
        f'Run of {when} on {commit(root)}: {machine()}. The shop (seven services, the entry, PostgreSQL) on one '
        f'core, every load generator on the other; medians of {n} rounds of {a.phase:g} s windows (range in '
        f'brackets).',
        '',
        '| figure | median | target | met |',
        '| --- | --- | --- | --- |',
        f"| pgbench TPC-B-like / select-only, tps (PostgreSQL's own ceiling on the shop's core) | "
        f"{fmt(m('tpcb'))}{spread(rounds, 'tpcb')} / {fmt(m('select'))}{spread(rounds, 'select')} | | |",
        f"| product reads/s through the entry (wrk, 8 connections) | {fmt(m('reads-entry'))}"
        f"{spread(rounds, 'reads-entry')}: {pct(m('reads-entry vs select'))} of select-only | at least 40% | "
        f"{verdict(None if m('reads-entry vs select') is None else m('reads-entry vs select') >= 0.40)} |",
        f"| product reads/s straight to product | {fmt(m('reads-product'))}{spread(rounds, 'reads-product')}: "
        f"{pct(m('reads-product vs select'))} of select-only | at least 60% | "
        f"{verdict(None if m('reads-product vs select') is None else m('reads-product vs select') >= 0.60)} |",
        f"| purchases/s (add to cart + checkout PAID), 8 shoppers over 60 products | {fmt(m('purchases-many'), 1)}"
        f"{spread(rounds, 'purchases-many')} | | |",
        f"| shop CPU per purchase against PostgreSQL's cost of a purchase's {BASELINE_STATEMENTS} statements at "
        f"TPC-B-like cost ({fmt(m('statements cost'), 2)} ms) | {fmt(m('purchases-many cpu', 'shop'), 1)} ms: "
        f"{fmt(m('purchase vs statements'), 1)}x | at most 2x | "
        f"{verdict(None if m('purchase vs statements') is None else m('purchase vs statements') <= 2)} |",
        f"| purchases/s, 8 shoppers all buying one product | {fmt(m('purchases-hot'), 1)}"
        f"{spread(rounds, 'purchases-hot')}: {pct(m('hot vs many'))} of over 60 products | at least 80% | "
        f"{verdict(None if m('hot vs many') is None else m('hot vs many') >= 0.80)} |",
        f"| product read p50 / p95 / p99 at half capacity ({fmt(m('reads-half'))}/s, open loop) | "
        f"{lat('reads-half')} | p99 at most 5 ms | "
        f"{verdict(None if m('reads-half latency', 'p99') is None else m('reads-half latency', 'p99') <= 5)} |",
        f"| purchase p50 / p95 / p99 at half capacity ({fmt(m('purchases-half'), 1)}/s, open loop) | "
        f"{lat('purchases-half')} | p99 at most 25 ms | "
        f"{verdict(None if m('purchases-half latency', 'p99') is None else m('purchases-half latency', 'p99') <= 25)} |",
        f"| sign-up: shop CPU against one Argon2id hash ({fmt(m('hash'), 1)} ms) | "
        f"{fmt(m('sign-up cpu', 'shop'), 1)} ms: {fmt(m('sign-up vs hash'), 2)}x ({fmt(m('sign-up'), 1)}/s) | "
        f"at most 1.2x | {verdict(None if m('sign-up vs hash') is None else m('sign-up vs hash') <= 1.2)} |",
        f"| login: shop CPU against one Argon2id check ({fmt(m('check'), 1)} ms) | "
        f"{fmt(m('log-in cpu', 'shop'), 1)} ms: {fmt(m('log-in vs check'), 2)}x ({fmt(m('log-in'), 1)}/s) | "
        f"at most 1.2x | {verdict(None if m('log-in vs check') is None else m('log-in vs check') <= 1.2)} |",
        f"| peak RSS, highest service | "
        f"{(max(rss, key=rss.get) + ' ' + fmt(max(rss.values())) + ' MiB') if rss else '-'} | at most 256 MiB | "
        f"{verdict(max(rss.values()) <= 256 if rss else None)} |",
        f"| checkout p50, cart of 50 against cart of 1 | "
        f"{fmt((cart50.get('checkout_ms') or {}).get('p50'), 1)} / {fmt((cart1.get('checkout_ms') or {}).get('p50'), 1)}"
        f" ms: {fmt(cart_ratio, 2)}x | at most 3x | {verdict(None if cart_ratio is None else cart_ratio <= 3)} |",
        f"| failed purchases (every purchase window, both carts) | {failed_purchases} | none | "
        f"{verdict(failed_purchases == 0)} |",
        '',
        'CPU by process, median ms per unit of work at capacity (from `/proc`; the load generator: its own process):',
        '',
        f"- product read through the entry: {per_request('reads-entry', 'read')}",
        f"- product read straight to product: {per_request('reads-product', 'read')}",
        f"- purchase over 60 products: {per_request('purchases-many', 'purchase')}",
        f"- purchase of one hot product: {per_request('purchases-hot', 'purchase')}",
        f"- sign-up: {per_request('sign-up', 'sign-up')}",
        f"- login: {per_request('log-in', 'login')}",
        f"- purchase latency at capacity (8 shoppers) p50 / p95 / p99: over 60 products {lat('purchases-many')}, "
        f"one product {lat('purchases-hot')}",
        f"- peak RSS: {', '.join(f'{k} {fmt(v)} MiB' for k, v in sorted(rss.items()))}",
        '',
    ]
    table = '\n'.join(lines)
    with open(a.markdown, 'w', encoding='utf-8') as f:
        f.write('# Benchmark ' + when + '\n\n' + table)
    if a.benchmarks and os.path.exists(a.benchmarks):
        with open(a.benchmarks, encoding='utf-8') as f:
            doc = f.read()
        if START in doc and END in doc:
            head, rest = doc.split(START, 1)
            _, tail = rest.split(END, 1)
            with open(a.benchmarks, 'w', encoding='utf-8') as f:
                f.write(f'{head}{START}\n{table}{END}{tail}')


if __name__ == '__main__':
    main()
