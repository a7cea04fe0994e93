/** The little a field kind's checks need to know about the rest of its template. */
export interface TemplateLike {
  sections: Array<{ key: string; author: string; fields: Array<{ key: string; kind: string }> }>;
}
