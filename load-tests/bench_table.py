#!/usr/bin/env python3
"""Turns one bench.sh run into its table: load-tests/results/<date>.md, and the latest-run section of
docs/BENCHMARKS.md (between the bench markers; the rest of that file is left as written)."""
import argparse
import json
import os
import platform
import subprocess
from datetime import datetime, timezone

START = '<!-- bench:latest:start -->'
END = '<!-- bench:latest:end -->'
BROWSE_REQUESTS = ('browse / categories', 'browse / category page', 'browse / product', 'browse / search')


def load(path):
    if not path or not os.path.exists(path):
        return {}
    with open(path, encoding='utf-8') as f:
        return json.load(f)


def passed_at(out, label, rate):
    """The stats of the passing run at the chosen rate."""
    path = os.path.join(out, label + '-passed.txt')
    if not os.path.exists(path):
        return {}
    found = {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            at, json_path = line.split(maxsplit=1)
            if float(at) == float(rate):
                found = load(json_path.strip())
    return found


def ok(stats, *names):
    return sum(stats.get(n, {}).get('ok', 0) for n in names)


def ko_total(stats):
    return sum(v.get('ko', 0) for v in stats.values())


def ms(value):
    return '-' if value is None else f'{value:.0f}'


def latencies(stats, name):
    s = stats.get(name)
    if not s:
        return 'not measured'
    return f"{ms(s['p50'])} / {ms(s['p95'])} / {ms(s['p99'])} ms"


def verdict(condition):
    if condition is None:
        return 'not measured'
    return 'yes' if condition else '**no**'


def ticks(path):
    values = {}
    if os.path.exists(path):
        with open(path, encoding='utf-8') as f:
            for line in f:
                parts = line.split()
                if len(parts) == 2 and parts[1].isdigit():
                    values[parts[0]] = int(parts[1])
    return values


def cpu_per(out, before, after, count):
    """CPU milliseconds per unit of work of each process between two snapshots, and of the machine."""
    a, b = ticks(os.path.join(out, before)), ticks(os.path.join(out, after))
    hz = os.sysconf('SC_CLK_TCK')
    if not count or 'machine' not in a or 'machine' not in b:
        return None
    per = {name: (b[name] - a[name]) * 1000 / hz / count for name in b if name in a}
    machine = per.pop('machine')
    per['load generator and the rest'] = max(machine - sum(per.values()), 0)
    return per, machine


def cpu_text(split):
    if split is None:
        return 'not measured'
    per, machine = split
    parts = [f'{name} {value:.1f}' for name, value in sorted(per.items(), key=lambda kv: -kv[1])]
    return ', '.join(parts) + f'; machine {machine:.1f} ms, so {os.cpu_count()} cores serve at most ' \
        f'{os.cpu_count() * 1000 / machine:.0f}/s' if machine else ', '.join(parts)


def machine():
    cpu = ''
    try:
        with open('/proc/cpuinfo', encoding='utf-8') as f:
            cpu = next((l.split(':', 1)[1].strip() for l in f if l.startswith('model name')), '')
    except OSError:
        pass
    with open('/proc/meminfo', encoding='utf-8') as f:
        mem_kib = int(next(l for l in f if l.startswith('MemTotal')).split()[1])
    load = os.getloadavg()
    return (f'{os.cpu_count()} cores ({cpu}), {mem_kib / 1048576:.0f} GiB, {platform.system()} '
            f'{platform.release()}; load average when the table was written {load[0]:.1f}')


def main():
    p = argparse.ArgumentParser()
    for name in ('out', 'phase', 'clients', 'tpcb', 'select', 'checkout-rate', 'reads-rate', 'checkout-half',
                 'reads-half', 'cart1', 'cart50', 'markdown', 'benchmarks', 'checkout-start', 'reads-start',
                 'checkout-half-rate', 'reads-half-rate'):
        p.add_argument('--' + name, default='')
    a = p.parse_args()
    phase = float(a.phase)
    tpcb = float(a.tpcb or 0)
    select = float(a.select or 0)

    checkout_best = passed_at(a.out, 'checkout', a.checkout_rate)
    reads_best = passed_at(a.out, 'reads', a.reads_rate)
    checkouts_per_s = ok(checkout_best, 'buy / checkout') / phase
    reads_per_s = ok(reads_best, *BROWSE_REQUESTS) / phase
    checkout_half = load(a.checkout_half)
    reads_half = load(a.reads_half)
    cart1 = load(a.cart1).get('buy / checkout')
    cart50 = load(a.cart50).get('buy / checkout')

    checkout_ratio = checkouts_per_s / tpcb if tpcb else 0
    reads_ratio = reads_per_s / select if select else 0
    p99 = checkout_half.get('buy / checkout', {}).get('p99')
    cart_ratio = None
    if cart1 and cart50 and cart1.get('p50') and cart50.get('p50'):
        cart_ratio = cart50['p50'] / cart1['p50']

    rss = []
    with open(os.path.join(a.out, 'peak-rss.txt'), encoding='utf-8') as f:
        for line in f:
            parts = line.split()
            if len(parts) == 2:
                rss.append((parts[0], int(parts[1]) / 1024))
    rss.sort()

    failed_checkouts = sum(s.get('buy / checkout', {}).get('ko', 0)
                           for s in (checkout_half, load(a.cart1), load(a.cart50)))
    failed_half = ko_total(checkout_half) + ko_total(reads_half)

    try:
        commit = subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True,
                                cwd=os.path.dirname(os.path.abspath(__file__))).stdout.strip()
    except OSError:
        commit = ''
    when = datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')

    def capacity(per_s, rate, start, unit, each):
        if float(rate or 0) == 0:
            return f'0: no rate met the objectives (lowest tried: {start} {unit}/s, {each} each)'
        return f'{per_s:.1f} ({unit} {rate}/s, {each} each)'

    def half_label(what, rate, half_rate, unit):
        base = 'half that rate' if float(rate or 0) else 'half the lowest tried rate'
        return f'{what} at {base}' + (f' ({half_rate} {unit}/s)' if half_rate else '')

    rows = [
        ('pgbench TPC-B-like (baseline)', f'{tpcb:.0f} tps', '', ''),
        ('pgbench select-only (baseline)', f'{select:.0f} tps', '', ''),
        ('checkouts/s at the highest rate meeting the objectives',
         capacity(checkouts_per_s, a.checkout_rate, a.checkout_start, 'buyers', '3 purchases'), '', ''),
        ('  ratio to pgbench TPC-B-like', f'{checkout_ratio:.1%}', '>= 20%',
         verdict(checkout_ratio >= 0.20 if tpcb else None)),
        ('product reads/s at the highest rate meeting the objectives',
         capacity(reads_per_s, a.reads_rate, a.reads_start, 'visitors', '4 reads'), '', ''),
        ('  ratio to pgbench select-only', f'{reads_ratio:.1%}', '>= 25%',
         verdict(reads_ratio >= 0.25 if select else None)),
        (half_label('checkout p50 / p95 / p99', a.checkout_rate, a.checkout_half_rate, 'buyers'), latencies(checkout_half, 'buy / checkout'), 'p99 <= 50 ms',
         verdict(p99 <= 50 if p99 is not None else None)),
        (half_label('product read (by id) p50 / p95 / p99', a.reads_rate, a.reads_half_rate, 'visitors'), latencies(reads_half, 'browse / product'), '', ''),
        (half_label('search p50 / p95 / p99', a.reads_rate, a.reads_half_rate, 'visitors'), latencies(reads_half, 'browse / search'), '', ''),
        ('checkout p50, cart of 50 / cart of 1',
         'not measured' if cart_ratio is None else
         f"{cart_ratio:.2f} ({ms(cart50['p50'])} ms / {ms(cart1['p50'])} ms)", '<= 3',
         verdict(cart_ratio <= 3 if cart_ratio is not None else None)),
    ]
    purchases = ok(checkout_half, 'buy / checkout')
    reads = ok(reads_half, *BROWSE_REQUESTS)
    rows.append(('CPU ms per purchase at half rate, by process (the buyer\'s whole path: sign-up, browse, cart,'
                 ' checkout, orders, over its purchases; the rest is mostly the load generator)',
                 cpu_text(cpu_per(a.out, 'cpu-checkout-before.txt', 'cpu-checkout-after.txt', purchases)), '', ''))
    rows.append(('CPU ms per product read at half rate, by process',
                 cpu_text(cpu_per(a.out, 'cpu-reads-before.txt', 'cpu-reads-after.txt', reads)), '', ''))
    for service, mib in rss:
        rows.append((f'peak RSS, {service}', f'{mib:.0f} MiB', '<= 256 MB', verdict(mib * 1.048576 <= 256)))
    rows.append(('failed requests, half-rate runs', str(failed_half), '', ''))
    rows.append(('failed checkouts (half-rate and cart runs)', str(failed_checkouts), '0', verdict(failed_checkouts == 0)))

    lines = [
        f'### Run of {when}' + (f' at {commit}' if commit else ''),
        '',
        f'Machine: {machine()}. Phases of {phase:.0f} s; pgbench {a.clients} clients, scale 10. '
        f'Reports: `load-tests/results/{os.path.basename(a.out)}/`.',
        '',
        '| figure | measured | target | met |',
        '| --- | --- | --- | --- |',
    ]
    lines += [f'| {r[0]} | {r[1]} | {r[2]} | {r[3]} |' for r in rows]
    table = '\n'.join(lines) + '\n'

    with open(a.markdown, 'w', encoding='utf-8') as f:
        f.write(table)
    if a.benchmarks and os.path.exists(a.benchmarks):
        with open(a.benchmarks, encoding='utf-8') as f:
            doc = f.read()
        if START in doc and END in doc:
            head, rest = doc.split(START, 1)
            _, tail = rest.split(END, 1)
            doc = f'{head}{START}\n{table}{END}{tail}'
            with open(a.benchmarks, 'w', encoding='utf-8') as f:
                f.write(doc)


if __name__ == '__main__':
    main()
