/**
 * The region's theme vocabulary in a cycle's template. The template's own list of themes is
 * only where a region starts: from then on the coordinator adds, renames and retires themes,
 * and every theme column of the regional offer (`offerField: "themes"`) offers the region's
 * list. A retired theme stays valid for the answers that chose it and is offered to no one else.
 * Shared by browser and server.
 */
import type { ColumnDefinition, FieldDefinition, OptionDefinition, TemplateDefinition } from "../template/definition";

export interface RegionTheme {
  key: string;
  label: string;
  retired: boolean;
}

export function themeOptions(themes: readonly RegionTheme[]): OptionDefinition[] {
  return themes.map((t) => (t.retired ? { value: t.key, label: t.label, retired: true } : { value: t.key, label: t.label }));
}

function withThemeColumns(columns: ColumnDefinition[], options: OptionDefinition[]): ColumnDefinition[] {
  return columns.map((column) => (column.kind === "choice" && column.offerField === "themes" ? { ...column, options } : column));
}

function withThemeField(field: FieldDefinition, options: OptionDefinition[]): FieldDefinition {
  if (field.kind === "list" && field.itemFields) return { ...field, itemFields: withThemeColumns(field.itemFields, options) };
  if (field.kind === "table") return { ...field, columns: withThemeColumns(field.columns, options) };
  return field;
}

/** The template as the region uses it: its themes, and its theme columns' options, are the region's. */
export function withRegionThemes(template: TemplateDefinition, themes: readonly RegionTheme[]): TemplateDefinition {
  if (themes.length === 0) return template;
  const options = themeOptions(themes);
  return {
    ...template,
    themes: options,
    sections: template.sections.map((section) => ({ ...section, fields: section.fields.map((field) => withThemeField(field, options)) })),
  };
}
