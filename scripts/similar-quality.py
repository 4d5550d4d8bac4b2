#!/usr/bin/env python3
"""How often `search similar` finds documents of the source's own unit.

For the first 40 petitions (of `type:petition`, top 400) whose unit is in
corpus/units.txt, asks each binary given for the 10 most similar documents
and prints the share of the top 5 and top 10 naming the same unit (aliases
resolved through corpus/units.txt). Run from the repository, with an index/
of the sample corpus:

    python3 scripts/similar-quality.py .build/release/search [OTHER_BINARY ...]
"""
import json, subprocess, sys
canon = {}
for line in open('corpus/units.txt', encoding='utf-8'):
    if line.startswith('#') or '|' not in line: continue
    parts = [p.strip() for p in line.split('|')]
    names = [parts[0]] + [a for a in parts[1].split('、') if a]
    for n in names: canon[n] = parts[0]
def unit(u): return canon.get(u, u)
# sources: petitions with a known unit
out = subprocess.run([sys.argv[1], 'query', 'type:petition', '--limit', '400', '--json', '--no-snippets'], capture_output=True, text=True).stdout
hits = json.loads(out)['hits']
sources = [h for h in hits if h.get('unit') in canon][:40]
for binary in sys.argv[1:]:
    s5 = s10 = n = 0
    for h in sources:
        r = json.loads(subprocess.run([binary, 'similar', h['id'], '--limit', '10', '--json'], capture_output=True, text=True).stdout)
        want = unit(h['unit'])
        us = [unit(x.get('unit', '')) for x in r['hits']]
        s5 += sum(u == want for u in us[:5]) / 5; s10 += sum(u == want for u in us[:10]) / 10; n += 1
    print(binary, n, 'same unit in top 5: %.3f  top 10: %.3f' % (s5 / n, s10 / n))
