#!/usr/bin/env python3
"""Builds data/messages-extra.jsonl (SCHEMA.md) from data/extra-source.txt, and the never-trained
data/messages-holdout.jsonl and data/messages-frozen.jsonl from holdout-source.txt and
frozen-source.txt. Places and phones are labeled by the patterns below; a line may correct them
with a trailing " || building=123 unit=- room=-" ("-" is null).
Usage: python3 data/build_extra.py   (run from anywhere; python3 stdlib only)"""
import json, os, re, unicodedata

here = os.path.dirname(os.path.abspath(__file__))


def build(source, target, prefix, first_id):
  out = []
  for line in open(os.path.join(here, source), encoding='utf-8'):
      line = line.rstrip('\n')
      if not line or line.startswith('#'):
          continue
      intent, category, urgent, script, text = line.split('|', 4)
      overrides = {}
      if ' || ' in text:
          text, fixes = text.split(' || ', 1)
          for fix in fixes.split():
              key, value = fix.split('=', 1)
              overrides[key] = None if value == '-' else value
      t = unicodedata.normalize('NFKC', text)
      phone = re.search(r'(?<!\d)(1[3-9]\d{9})(?!\d)', t)
      t_np = t.replace(phone.group(1), ' ') if phone else t
      triple = re.search(r'(?<![\d-])(\d{1,3})-(\d{1,2})-(\d{3,4})(?!\d)', t_np)
      building = re.search(r'((?<![\d])\d{1,4}|(?<![A-Za-z])[A-Z])(?:号楼|號樓|栋|棟|幢|座|#)', t_np)
      unit = re.search(r'(\d{1,2})(?:单元|單元)', t_np)
      # A room right after the unit or building ("2单元1803", "7号楼502室") or marked by 室.
      room = (re.search(r'(?:单元|單元|号楼|號樓|栋|棟|幢|座)\s*([1-9]\d{2,3})(?!\d)(?![年月日号点元块米度个层楼])', t_np) or
              re.search(r'(?<![\d-])([1-9]\d{2,3})室', t_np))
      b = building.group(1) if building else None
      spoken = re.search(r'([一二三四五六七八九十]{1,3})号楼', t_np)
      if not b and spoken:
          digits = {c: i for i, c in enumerate('零一二三四五六七八九')}
          n = spoken.group(1)
          tens, _, ones = n.rpartition('十') if '十' in n else ('', '', n)
          b = str((digits.get(tens, 1) * 10 if '十' in n else 0) + (digits[ones] if ones else 0))
      u = unit.group(1) if unit else None
      r = room.group(1) if room else None
      if triple:
          b, u, r = triple.groups()
      b, u, r = overrides.get('building', b), overrides.get('unit', u), overrides.get('room', r)
      out.append({'id': f'{prefix}{first_id + len(out):04d}', 'text': text, 'intent': intent,
                  'category': None if category == '-' else category, 'urgent': urgent == '1',
                  'building': b, 'unit': u, 'room': r, 'phone': phone.group(1) if phone else None,
                  'script': script})
  with open(os.path.join(here, target), 'w', encoding='utf-8') as f:
    for o in out:
      f.write(json.dumps(o, ensure_ascii=False) + '\n')
  print(f'{len(out)} messages written to {target}')


# Extra ids start at d5001 so they never collide with the dev corpus.
build('extra-source.txt', 'messages-extra.jsonl', 'd', 5001)
build('holdout-source.txt', 'messages-holdout.jsonl', 'h', 1)
build('frozen-source.txt', 'messages-frozen.jsonl', 'f', 1)
