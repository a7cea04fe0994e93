import { RATING_FILLS } from "~/regional/ratings";

/**
 * One area's ratings over the cycles as a small line chart, drawn on the server as SVG. Best
 * rating at the top. Decorative for screen readers: the table below it carries the same facts.
 */
export function TrendChart({ title, levels, points }: { title: string; levels: string[]; points: Array<{ label: string; level: number | null }> }) {
  const width = 280;
  const left = 10;
  const top = 12;
  const rowHeight = 22;
  const height = top + rowHeight * (levels.length - 1) + 34;
  const step = points.length > 1 ? (width - 2 * left - 20) / (points.length - 1) : 0;
  const x = (i: number) => left + 10 + i * step;
  const y = (level: number) => top + level * rowHeight;
  const drawn = points.map((p, i) => ({ ...p, i })).filter((p): p is { label: string; level: number; i: number } => p.level !== null);
  return (
    <figure className="trend">
      <figcaption className="trend__title">{title}</figcaption>
      <svg className="chart" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false">
        {levels.map((_, level) => (
          <line key={level} x1={left} x2={width - left} y1={y(level)} y2={y(level)} stroke="#dddddd" />
        ))}
        <polyline fill="none" stroke="#12436d" strokeWidth={2} points={drawn.map((p) => `${x(p.i)},${y(p.level)}`).join(" ")} />
        {drawn.map((p) => (
          <circle key={p.i} cx={x(p.i)} cy={y(p.level)} r={6} fill={RATING_FILLS[p.level % RATING_FILLS.length]} stroke="#0b0c0c" />
        ))}
        {points.map((p, i) => (
          <text key={i} x={x(i)} y={height - 6} fontSize={11} textAnchor="middle" fill="#0b0c0c">
            {p.label}
          </text>
        ))}
      </svg>
    </figure>
  );
}
