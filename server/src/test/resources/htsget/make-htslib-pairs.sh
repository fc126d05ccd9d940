#!/usr/bin/env bash
# Writes htslib-pairs.{fa,fa.fai,cram,cram.crai}: the CRAM HtsgetApiTest cuts to check files written
# by htslib (its own block content ids, series it leaves out, mates stored "attached" inside a
# slice), which htsjdk's writer never makes. Made with samtools 1.16.1 (Debian); run in an empty
# directory, then copy the four files here.
set -euo pipefail
python3 - <<'EOF'
import random
random.seed(23)
refs = {'chr1': 40000, 'chr2': 20000}
seqs = {}
with open('htslib-pairs.fa', 'w') as f:
    for n, l in refs.items():
        s = ''.join(random.choice('ACGT') for _ in range(l)); seqs[n] = s
        f.write('>%s\n' % n)
        for i in range(0, l, 60): f.write(s[i:i + 60] + '\n')
lines = ['@HD\tVN:1.6\tSO:unsorted'] + ['@SQ\tSN:%s\tLN:%d' % (n, l) for n, l in refs.items()] + ['@RG\tID:g1\tSM:s']
k = 0
def mk(n, p, L=100):
    s = list(seqs[n][p - 1:p - 1 + L])
    for _ in range(random.randint(0, 3)):
        j = random.randrange(L); s[j] = random.choice('ACGT')
    return ''.join(s)
def q(): return ''.join(chr(33 + random.randint(10, 40)) for _ in range(100))
for n, l in refs.items():
    for i in range(1000 if n == 'chr1' else 500):
        k += 1; L = 100; ins = random.randint(200, 600)
        p1 = random.randint(1, l - ins - L); p2 = p1 + ins - L
        kind = random.random()
        tags = '\tRG:Z:g1' + ('\tXS:i:%d' % random.randint(0, 60) if random.random() < 0.5 else '')
        if kind < 0.04:  # mate unmapped, placed at this read
            lines.append('p%d\t%d\t%s\t%d\t60\t100M\t=\t%d\t0\t%s\t%s%s' % (k, 1 | 8 | 64, n, p1, p1, mk(n, p1), q(), tags))
            lines.append('p%d\t%d\t%s\t%d\t0\t*\t=\t%d\t0\t%s\t%s%s' % (k, 1 | 4 | 128, n, p1, p1, mk(n, p1), q(), tags))
        elif kind < 0.08:  # mate on the other reference, not in the file
            other = 'chr2' if n == 'chr1' else 'chr1'; op = random.randint(1, refs[other] - 200)
            lines.append('p%d\t%d\t%s\t%d\t60\t100M\t%s\t%d\t0\t%s\t%s%s' % (k, 1 | 64, n, p1, other, op, mk(n, p1), q(), tags))
        else:  # a proper pair, some with a deletion
            tlen = p2 + L - p1
            deletion = random.random() < 0.1
            cig2 = '40M2D60M' if deletion else '100M'
            lines.append('p%d\t%d\t%s\t%d\t60\t100M\t=\t%d\t%d\t%s\t%s%s' % (k, 1 | 2 | 32 | 64, n, p1, p2, tlen, mk(n, p1), q(), tags))
            end2 = p2 + (102 if deletion else 100) - 1
            lines.append('p%d\t%d\t%s\t%d\t60\t%s\t=\t%d\t%d\t%s\t%s%s' % (k, 1 | 2 | 16 | 128, n, p2, cig2, p1, -(end2 - p1 + 1), mk(n, p2), q(), tags))
for i in range(100):
    lines.append('u%d\t4\t*\t0\t0\t*\t*\t0\t0\t%s\t%s' % (i, ''.join(random.choice('ACGT') for _ in range(100)), q()))
# Few distinct qualities, so the file stays small.
random.seed(5)
out = []
for l in lines:
    if l.startswith('@'): out.append(l); continue
    f = l.split('\t')
    f[10] = ''.join(random.choice('FFFFFFF:,') for _ in range(len(f[9])))
    out.append('\t'.join(f))
open('in.sam', 'w').write('\n'.join(out))
EOF
samtools faidx htslib-pairs.fa
samtools sort -O bam -o sorted.bam in.sam
samtools view -T htslib-pairs.fa --output-fmt cram,version=3.0,seqs_per_slice=200,slices_per_container=2 \
  -o htslib-pairs.cram sorted.bam
samtools index htslib-pairs.cram
rm in.sam sorted.bam
