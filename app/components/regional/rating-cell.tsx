import { CHANGE_MARKS, CHANGE_WORDS, type RatingCell } from "~/regional/ratings";

/** A rating in colour and in words, never colour alone: label, direction of travel, change since last cycle. */
export function RatingCellView({ cell, showPrevious = true }: { cell: RatingCell; showPrevious?: boolean }) {
  if (cell.level === null) return <span className="rating rating--none">Not rated</span>;
  return (
    <span className={`rating rating--${cell.level}`}>
      {cell.label}
      {cell.direction ? (
        <span className="change">
          <span aria-hidden="true">{cell.direction.symbol} </span>
          {cell.direction.label}
        </span>
      ) : null}
      {showPrevious && cell.change ? (
        <span className="change">
          <span aria-hidden="true">{CHANGE_MARKS[cell.change]} </span>
          {cell.previous && cell.change !== "same" ? `${CHANGE_WORDS[cell.change]} (${cell.previous.label})` : CHANGE_WORDS[cell.change]}
        </span>
      ) : null}
    </span>
  );
}
