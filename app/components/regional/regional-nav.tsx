import { NavLink } from "@remix-run/react";

/** The region's shared pages for one cycle, linked to each other. */
export function RegionalNav({ cycleId, coordinator, trendsHref }: { cycleId: number; coordinator: boolean; trendsHref: string | null }) {
  const links: Array<[string, string]> = [
    [`/cycles/${cycleId}/offer`, "Regional offer"],
    [`/cycles/${cycleId}/heatmap`, "Ratings heatmap"],
    ...(trendsHref ? ([[trendsHref, "Year on year"]] as Array<[string, string]>) : []),
    ...(coordinator ? ([[`/cycles/${cycleId}/progress`, "Progress board"]] as Array<[string, string]>) : []),
  ];
  return (
    <nav aria-label="Regional pages" className="subnav">
      <ul>
        {links.map(([to, label]) => (
          <li key={to}>
            <NavLink to={to} end>
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Switch between the region's cycles on the same page. */
export function CycleSwitcher({ cycles, currentId, page }: { cycles: Array<{ id: number; label: string }>; currentId: number; page: string }) {
  if (cycles.length < 2) return null;
  return (
    <p className="hint">
      Other cycles:{" "}
      {cycles
        .filter((c) => c.id !== currentId)
        .map((c, i) => (
          <span key={c.id}>
            {i > 0 ? " · " : null}
            <a href={`/cycles/${c.id}/${page}`}>{c.label}</a>
          </span>
        ))}
    </p>
  );
}
