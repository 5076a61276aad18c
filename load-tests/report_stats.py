#!/usr/bin/env python3
"""Reads Gatling HTML reports for bench.sh: Gatling 3.15 writes no machine-readable stats, only the pages.

  report_stats.py REPORT_DIR         one JSON object: {"group / request": {ok, ko, p50, p95, p99}, ...}
"""
import glob
import html
import json
import os
import re
import sys

ROW = re.compile(r'<td class="title">(.*?)</td>\s*<td class="total">([^<]*)</td>\s*'
                 r'<td class="ok">([^<]*)</td>\s*<td class="ko">([^<]*)</td>', re.S)
TAG = re.compile(r'<[^>]+>')
TITLE = re.compile(r'<title>Gatling Stats - (.*?)</title>')


def number(text):
    text = text.strip().replace(',', '')
    try:
        return float(text)
    except ValueError:
        return None


def request_stats(page):
    with open(page, encoding='utf-8') as f:
        text = f.read()
    title = TITLE.search(text)
    rows = {TAG.sub('', name).strip(): (number(ok), number(ko)) for name, _, ok, ko in ROW.findall(text)}
    if not title or 'Total count' not in rows:
        return None, None
    ok, ko = rows['Total count']
    return html.unescape(title.group(1)), {
        'ok': int(ok or 0), 'ko': int(ko or 0),
        'p50': rows.get('50th percentile', (None,))[0],
        'p95': rows.get('95th percentile', (None,))[0],
        'p99': rows.get('99th percentile', (None,))[0],
    }


def main(report_dir):
    stats = {}
    for page in sorted(glob.glob(os.path.join(report_dir, 'req_*.html'))):
        name, values = request_stats(page)
        if name:
            stats[name] = values
    json.dump(stats, sys.stdout)
    print()


if __name__ == '__main__':
    main(sys.argv[1])
