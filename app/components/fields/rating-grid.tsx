/** The ratings grid: a radio group per area, and the answer as a table. */
import type { OptionDefinition, RatingGridField as RatingGridDefinition } from "~/template/definition";

import { optionText } from "../assessment/field-parts";
import { asGrid } from "../assessment/field-values";
import { RatingGridField } from "../assessment/rating-grid-field";
import { Cell, NotAnswered } from "./answer-parts";
import type { FieldComponents, FieldEditorProps, FieldViewProps } from "./types";

function RatingGridEditor({ field, value, onChange }: FieldEditorProps<RatingGridDefinition>) {
  return <RatingGridField field={field} value={value} onChange={onChange} />;
}

function RatingGridView({ field, value }: FieldViewProps<RatingGridDefinition>) {
  const grid = asGrid(value);
  const started = field.areas.some((area) => grid[area.key]?.rating || grid[area.key]?.direction);
  if (!started) return <NotAnswered />;
  const label = (options: OptionDefinition[], chosen: string | undefined) => {
    const option = options.find((o) => o.value === chosen);
    return option ? optionText(option) : "";
  };
  return (
    <table className="table answer-table">
      <caption className="visually-hidden">{field.title}</caption>
      <thead>
        <tr>
          <th scope="col">Area</th>
          <th scope="col">Rating</th>
          <th scope="col">Direction of travel</th>
        </tr>
      </thead>
      <tbody>
        {field.areas.map((area) => (
          <tr key={area.key}>
            <th scope="row">{area.title}</th>
            <td>
              <Cell text={label(field.ratings, grid[area.key]?.rating)} />
            </td>
            <td>
              <Cell text={label(field.directions, grid[area.key]?.direction)} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export const ratingGridComponents: FieldComponents<RatingGridDefinition> = { Editor: RatingGridEditor, View: RatingGridView, labelsOneControl: false };
