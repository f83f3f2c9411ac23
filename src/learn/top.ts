/**
 * The indices of the `k` largest values, largest first (earlier index first among equals), among those `keep`
 * accepts: one pass with a small sorted buffer, so a pack of thousands of classes is not sorted for the dozen
 * a decision reads.
 */
export function topIndices(values: ArrayLike<number>, k: number, keep: (i: number) => boolean = () => true): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (k <= 0 || !keep(i)) continue;
    const v = values[i]!;
    if (out.length === k) {
      if (v <= values[out[k - 1]!]!) continue;
      out[k - 1] = i;
    } else out.push(i);
    for (let at = out.length - 1; at > 0 && values[out[at - 1]!]! < v; at--) [out[at - 1], out[at]] = [out[at]!, out[at - 1]!];
  }
  return out;
}
