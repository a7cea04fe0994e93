/**
 * A sign-off has no answer to edit or show in a section: people sign on the sign-off page,
 * which lists each sign-off's roles and signatures.
 */
import type { SignOffField } from "~/template/definition";

import type { FieldComponents } from "./types";

const Nothing = () => null;

export const signOffComponents: FieldComponents<SignOffField> = { Editor: Nothing, View: Nothing, labelsOneControl: false };
