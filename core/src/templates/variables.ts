// The variables a template may use, and where each comes from: Vapi's built-ins, the ones its place adds
// (an analysis prompt's `{{transcript}}`), the file's own (`variableValues`, extraction aliases and
// schemas) and the user's setting. A name is a dotted path: `customer.number`.
import { closest } from '../validation/suggest';
import { vapiBuiltins } from './builtins';

export type VariableSource =
  | { kind: 'vapi' }
  /** Added by the field the template is in, e.g. `analysisPlan.summaryPlan.messages`. */
  | { kind: 'field'; field: string }
  /** Declared in the file at `path` (dotted, e.g. `members[0].assistantOverrides.variableValues`). */
  | { kind: 'file'; path: string; how: DeclarationKind }
  | { kind: 'setting' };

/** `keys`: a key of `variableValues`; `name`: an extraction alias's `key`; `schema`: a property an extraction schema names. */
export type DeclarationKind = 'keys' | 'name' | 'schema';

export interface KnownVariable {
  name: string;
  meaning?: string;
  source: VariableSource;
}

/** A variable the file declares. */
export interface DeclaredVariable {
  name: string;
  /** Dotted path of the declaration in the file. */
  path: string;
  how: DeclarationKind;
}

/** What a template's place says about its variables. */
export interface TemplatePlace {
  /** Variables the place adds, with their meaning. */
  variables?: Readonly<Record<string, string>>;
  /** Dotted path of the field that adds them. */
  field?: string;
  /** Any name may be a variable here (an alias value reads the tool's response). */
  open?: boolean;
}

export type Lookup = { known: true; variable: KnownVariable } | { known: false; suggestion?: string };

export class KnownVariables {
  private readonly byName = new Map<string, KnownVariable>();

  constructor(
    variables: Iterable<KnownVariable>,
    /** Every name counts as known (the place reads data whose fields are not in the file). */
    readonly open = false,
  ) {
    // The first source of a name wins: the file and the place before the setting, before Vapi's built-ins.
    for (const variable of variables) if (!this.byName.has(variable.name)) this.byName.set(variable.name, variable);
  }

  /** The variables of a template at `place`, in a file that declares `declared`, with the user's names. */
  static forPlace(place: TemplatePlace, declared: readonly DeclaredVariable[], settingNames: readonly string[]): KnownVariables {
    const variables: KnownVariable[] = [];
    for (const [name, meaning] of Object.entries(place.variables ?? {})) variables.push({ name, meaning: meaning || undefined, source: { kind: 'field', field: place.field ?? '' } });
    for (const declaration of declared) variables.push({ name: declaration.name, source: { kind: 'file', path: declaration.path, how: declaration.how } });
    for (const name of settingNames) variables.push({ name, source: { kind: 'setting' } });
    for (const [name, meaning] of Object.entries(vapiBuiltins)) variables.push({ name, meaning, source: { kind: 'vapi' } });
    return new KnownVariables(variables, place.open === true);
  }

  get(name: string): KnownVariable | undefined {
    return this.byName.get(name);
  }

  all(): KnownVariable[] {
    return [...this.byName.values()];
  }

  /**
   * A reference `customer.number` (as its leading name segments) is known when a known name is a prefix of
   * it (`name` covers `name.first`) or it names part of one (`structuredOutput` of `structuredOutput.name`).
   * Under a known object (`customer`) an unknown property is unknown: Vapi's objects have fixed fields.
   */
  lookup(segments: readonly string[]): Lookup {
    for (let length = segments.length; length > 0; length--) {
      const variable = this.byName.get(segments.slice(0, length).join('.'));
      if (variable) return { known: true, variable };
    }
    const path = segments.join('.');
    const below = [...this.byName.values()].find((variable) => variable.name.startsWith(`${path}.`));
    if (below) return { known: true, variable: below };
    const root = `${segments[0]}.`;
    const siblings = [...this.byName.keys()].filter((name) => name.startsWith(root));
    return { known: false, suggestion: closest(path, siblings.length ? siblings : this.byName.keys()) };
  }
}

/** Where a variable comes from, in words: "Vapi built-in", "declared in `…`". */
export function describeSource(source: VariableSource): string {
  switch (source.kind) {
    case 'vapi':
      return 'Vapi built-in variable';
    case 'field':
      return `Provided by Vapi in \`${source.field}\``;
    case 'file':
      return source.how === 'keys'
        ? `Declared in this file: \`${source.path}\``
        : source.how === 'name'
          ? `Extraction alias declared in this file: \`${source.path}\``
          : `Extracted by the schema at \`${source.path}\``;
    case 'setting':
      return 'Listed in the setting `assistantConfig.templateVariables`';
  }
}
