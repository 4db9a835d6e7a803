// Message text shared by the schema generator (deprecationMessage) and the validator (diagnostics).

/** What the generated schema records about a field or value the current API no longer has. */
export interface LegacyInfo {
  /** Date of the last snapshot that had it, or 'seed' when no snapshot has it (only the seed-era docs). */
  removedAfter: string;
  /** Date of the first snapshot without it (for 'seed': the oldest snapshot). */
  firstMissing: string;
  /** Seed documents that show it, e.g. ["000", "002"]. */
  seeds?: string[];
  /** Dotted path of its current place, only when certain: from the same object as `movedFrom`. */
  movedTo?: string;
  /**
   * With `movedTo`: the field's own dotted path from the assistant it belongs to (`model.functions`), so a
   * move inside an inline assistant (a squad member's) stays inside it.
   */
  movedFrom?: string;
  /** True when the value can be moved to `movedTo` unchanged. */
  moveValue?: boolean;
}

export function whenRemoved(info: LegacyInfo): string {
  if (info.removedAfter === 'seed') {
    const seeds = info.seeds?.length ? ` (seed ${info.seeds.join(', ')})` : '';
    return `left the published Vapi API before ${info.firstMissing}: only the seed-era reference documents it${seeds}`;
  }
  return `left the published Vapi API after ${info.removedAfter} (absent from the ${info.firstMissing} snapshot on)`;
}

/** `where` names the branch, e.g. " (azure voice)". */
export function legacyFieldMessage(key: string, info: LegacyInfo, where = ''): string {
  const moved = info.movedTo ? ` It moved to "${info.movedTo}".` : '';
  return `"${key}"${where} ${whenRemoved(info)}.${moved}`;
}

export function legacyValueMessage(value: string, key: string, info: LegacyInfo, where = ''): string {
  return `Value "${value}" of "${key}"${where} ${whenRemoved(info)}.`;
}

/** The path of the object a legacy field's `movedTo` starts from, given the field's own path in the document. */
export function moveBase(fieldPath: string[], info: LegacyInfo): string[] {
  const depth = info.movedFrom ? info.movedFrom.split('.').length : fieldPath.length;
  return fieldPath.slice(0, Math.max(0, fieldPath.length - depth));
}
