/** The context panel's small chart: AI confidence (0..1) and customer sentiment (-1..1) over the conversation. Plain SVG. */
interface Point {
  seq: number;
  value: number;
}

export function TrendChart({ confidence, sentiment }: { confidence: Point[]; sentiment: Point[] }) {
  const W = 260;
  const H = 90;
  const pad = 6;
  const seqs = [...confidence, ...sentiment].map((p) => p.seq);
  if (seqs.length === 0) return <p class="muted">No scores yet.</p>;
  const min = Math.min(...seqs);
  const max = Math.max(...seqs);
  const x = (seq: number) => pad + (max === min ? (W - 2 * pad) / 2 : ((seq - min) / (max - min)) * (W - 2 * pad));
  // Both series on one -1..1 axis (confidence is 0..1, so it uses the top half).
  const y = (v: number) => pad + ((1 - v) / 2) * (H - 2 * pad);
  const path = (pts: Point[]) =>
    pts.map((p, i) => `${i ? "L" : "M"}${x(p.seq).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ");
  const desc = `Confidence: ${confidence.map((p) => p.value.toFixed(2)).join(", ") || "none"}. Sentiment: ${sentiment.map((p) => p.value.toFixed(2)).join(", ") || "none"}.`;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`Confidence and sentiment trend. ${desc}`}>
        <line x1={pad} x2={W - pad} y1={y(0)} y2={y(0)} class="axis" />
        <line x1={pad} x2={W - pad} y1={y(1)} y2={y(1)} class="grid" />
        <line x1={pad} x2={W - pad} y1={y(-1)} y2={y(-1)} class="grid" />
        <path d={path(confidence)} class="line conf" />
        <path d={path(sentiment)} class="line sent" />
        {confidence.map((p) => (
          <circle cx={x(p.seq)} cy={y(p.value)} r="2.5" class="dot conf" />
        ))}
        {sentiment.map((p) => (
          <rect x={x(p.seq) - 2.5} y={y(p.value) - 2.5} width="5" height="5" class="dot sent" />
        ))}
      </svg>
      <figcaption>
        <span class="key conf">● confidence</span> <span class="key sent">■ sentiment</span>{" "}
        <span class="muted">(top +1, middle 0, bottom −1)</span>
      </figcaption>
    </figure>
  );
}
