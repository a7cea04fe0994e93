/** A rating grid (signatures of success): for each area, one rating and one direction of travel. */
import type { OptionDefinition, RatingGridField as RatingGridDefinition } from "~/template/definition";
import type { AreaRating } from "~/template/values";

import { fieldIds } from "./field-parts";
import { asGrid } from "./field-values";

function RadioGroup({
  name,
  legend,
  options,
  chosen,
  onChoose,
}: {
  name: string;
  legend: string;
  options: OptionDefinition[];
  chosen: string | undefined;
  onChoose: (value: string) => void;
}) {
  return (
    <fieldset className="rating-area__group">
      <legend className="rating-area__legend">{legend}</legend>
      <div className="radios">
        {options.map((option) => {
          const id = `${name}-${option.value}`;
          return (
            <div className="radios__item" key={option.value}>
              <input type="radio" id={id} name={name} value={option.value} checked={chosen === option.value} onChange={() => onChoose(option.value)} />
              <label htmlFor={id}>
                {option.symbol ? (
                  <span className="rating-area__symbol" aria-hidden="true">
                    {option.symbol}{" "}
                  </span>
                ) : null}
                {option.label}
                {option.hint ? <span className="hint rating-area__option-hint">{option.hint}</span> : null}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

export function RatingGridField({
  field,
  value,
  onChange,
}: {
  field: RatingGridDefinition;
  value: unknown;
  onChange: (update: (previous: unknown) => unknown) => void;
}) {
  const grid = asGrid(value);
  const ids = fieldIds(field.key);
  const choose = (areaKey: string, part: keyof AreaRating, chosen: string) =>
    onChange((previous) => {
      const current = asGrid(previous);
      return { ...current, [areaKey]: { ...current[areaKey], [part]: chosen } };
    });

  return (
    <div className="rating-grid">
      {field.areas.map((area) => {
        const prefix = `${ids.wrapper}-${area.key}`;
        return (
          <fieldset className="rating-area" key={area.key} aria-describedby={`${prefix}-hint`}>
            <legend className="rating-area__title">
              <h3 className="rating-area__heading">{area.title}</h3>
            </legend>
            <div className="hint rating-area__guidance" id={`${prefix}-hint`}>
              <span className="rating-area__guidance-label">What good looks like: </span>
              {area.guidance}
            </div>
            <div className="rating-area__choices">
              <RadioGroup
                name={`${prefix}-rating`}
                legend="Rating"
                options={field.ratings}
                chosen={grid[area.key]?.rating}
                onChoose={(chosen) => choose(area.key, "rating", chosen)}
              />
              <RadioGroup
                name={`${prefix}-direction`}
                legend="Direction of travel"
                options={field.directions}
                chosen={grid[area.key]?.direction}
                onChoose={(chosen) => choose(area.key, "direction", chosen)}
              />
            </div>
          </fieldset>
        );
      })}
    </div>
  );
}
