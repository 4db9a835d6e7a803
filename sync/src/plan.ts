// What a push or an apply will do, in the order it will do it: every file that has no resource in the
// environment is created before whatever names it (so a squad pushed to an empty org creates its
// assistants' tools, then the assistants, then the squad); files changed locally are updated with the field
// paths that changed; live changes since the last sync are conflicts. A reference cycle (two assistants
// that hand off to each other) is broken by creating the first one without the back link and setting it
// with an update once the other exists. Nothing here sends a mutating request.
import * as path from 'node:path';
import { resourceName, validateForPush } from './localFile';
import { currentText, linkMap } from './resolve';
import { fileStatus, fetchedCopies, listedCopies, listLive, environmentKinds, publicStatus, type LiveCopies } from './status';
import type { FileDiagnostic, FileStatus, PathChange, PlanRequest, PlanStep, SyncContext, SyncPlan, WorkspaceStatus } from './types';
import { findResourceFiles, isOfVendor, loadWithReferences, type HeldFile, type WorkspaceNode } from './workspace';
import type { JsonObject } from './normalise';

/** A step with what carrying it out needs, beyond what the caller is shown. */
export interface PlannedStep {
  step: PlanStep;
  node: WorkspaceNode;
  /** The live copy read while planning, normalised (a single push sends right after, without reading it again). */
  liveNorm?: JsonObject;
  /** For a step in a cycle: keys of the referenced files whose references are left out (created later in the plan). */
  leaveOut?: Set<string>;
}

export interface InternalPlan {
  plan: SyncPlan;
  planned: PlannedStep[];
  nodes: Map<string, WorkspaceNode>;
  /** The live copies read while planning, normalised, by file key (undefined: deleted). */
  lives: Map<string, JsonObject | undefined>;
}

export interface PlanInput extends PlanRequest {
  /** 'list': one list request per kind (a workspace); 'get': one GET per file that may be sent (a single push). */
  live: 'list' | 'get';
  /** Files the caller holds (by absolute path). */
  held?: ReadonlyMap<string, HeldFile>;
  /** Files (absolute paths) the caller has just validated: not checked again. */
  checked?: ReadonlySet<string>;
}

function createChanges(body: JsonObject): PathChange[] {
  return Object.keys(body).map((key) => ({ path: key, kind: 'added' as const }));
}

/**
 * Plans `input.paths` (every resource file of the workspace when none) and what they refer to. Files named
 * (or all of them) are roots: each gets the step its state calls for. A referenced file outside them gets a
 * create when it has no resource here, an update (changed locally) or conflict only with
 * `withDependencies`, else a skip saying why it was left alone.
 */
export async function planSync(ctx: SyncContext, input: PlanInput): Promise<InternalPlan> {
  const links = await linkMap(ctx);
  const named = Boolean(input.paths?.length);
  // A file whose text the caller holds need not be on disk yet (an editor's new file).
  const held = (input.paths ?? []).filter((given) => input.held?.has(path.resolve(given))).map((given) => path.resolve(given));
  const rest = (input.paths ?? []).filter((given) => !input.held?.has(path.resolve(given)));
  const found = [...held, ...(named && !rest.length ? [] : await findResourceFiles(ctx.workspaceRoot, rest))];
  const paths: string[] = [];
  const given = new Set((input.paths ?? []).map((item) => path.resolve(item)));
  for (const filePath of found) {
    const text = input.held?.get(filePath)?.text ?? (await currentText(ctx, filePath).catch(() => undefined));
    // Searching finds other vendors' files too: left out, unless the file itself was named.
    if (given.has(filePath) || text === undefined || isOfVendor(ctx, filePath, text)) paths.push(filePath);
  }
  const { nodes, problems, roots } = await loadWithReferences(ctx, paths, links, input.held);
  const rootSet = new Set(roots);

  let copies: LiveCopies;
  let listedStatus: Pick<WorkspaceStatus, 'orphans'> = { orphans: [] };
  if (input.live === 'list') {
    ctx.onProgress?.('Listing live resources…');
    const listed = await listLive(ctx, environmentKinds(ctx));
    copies = listedCopies(listed);
    const linkedIds = new Set([...links.values()].flatMap((link) => (link.id ? [link.id] : [])));
    listedStatus = {
      orphans: [...listed].filter(([id]) => !linkedIds.has(id)).map(([id, { kind, resource }]) => ({ kind: kind.id, id, ...(resourceName(resource) ? { name: resourceName(resource) } : {}) })),
    };
  } else copies = fetchedCopies(ctx);

  // A referenced file only matters for its id unless it has none yet or `withDependencies` asks for more.
  const mayGetStep = (node: WorkspaceNode) => rootSet.has(node.key) || input.withDependencies || !node.link?.id || node.localHash !== node.link.localHash;
  // Checked before anything is fetched or sent: every file that may be sent (new here, or changed locally).
  const diagnostics = new Map<string, FileDiagnostic[]>();
  for (const node of nodes.values()) {
    if (!mayGetStep(node) || (node.link?.id && node.localHash === node.link.localHash) || input.checked?.has(node.path)) continue;
    const found = await validateForPush(ctx, { path: node.path, text: node.text }, node.kind, { value: node.value });
    if (found.length) diagnostics.set(node.key, found);
  }

  const statuses = new Map<string, ReturnType<typeof fileStatus>>();
  const lives = new Map<string, JsonObject | undefined>();
  for (const node of nodes.values()) {
    if (!mayGetStep(node)) continue;
    const status = fileStatus(node, await copies.get(node));
    lives.set(node.key, status.liveNorm);
    statuses.set(node.key, status);
  }

  const steps = new Map<string, PlannedStep>();
  for (const node of nodes.values()) {
    const status = statuses.get(node.key);
    if (!status) continue;
    const file = publicStatus(status);
    const isRoot = rootSet.has(node.key);
    const add = (step: PlanStep) => {
      const invalid = diagnostics.get(node.key);
      const checked: PlanStep = invalid && (step.action === 'create' || step.action === 'update') ? { ...step, action: 'invalid', diagnostics: invalid, reason: `${invalid.length} schema error(s)` } : step;
      steps.set(node.key, { step: checked, node, liveNorm: lives.get(node.key) });
    };
    switch (status.state) {
      case 'not-pushed':
        add({ action: 'create', file, changes: createChanges(node.resolved.body) });
        break;
      case 'local-changes':
        if (isRoot || input.withDependencies) add({ action: 'update', file, changes: status.changes ?? [] });
        else add({ action: 'skip', file, changes: status.changes ?? [], reason: 'changed locally; files it refers to are pushed only when asked (--with-deps)' });
        break;
      case 'live-changed':
      case 'conflict':
      case 'live-deleted':
        if (isRoot || input.withDependencies) add({ action: 'conflict', file, changes: status.changes ?? [] });
        else if (status.state === 'live-deleted') add({ action: 'skip', file, changes: [], reason: `deleted in '${ctx.env.name}'; what refers to it will be refused` });
        break;
      case 'in-sync':
        break;
    }
  }

  // Depth-first from the roots in order, each file after the files it refers to. A referenced file without a
  // resource that is still being visited (a cycle) cannot be named yet: its references are left out of this
  // create and set by an update at the end.
  const ordered: PlannedStep[] = [];
  const completions: PlannedStep[] = [];
  const visiting = new Set<string>();
  const done = new Set<string>();
  const hasId = (key: string) => Boolean(links.get(key)?.id) || done.has(key);
  const visit = (key: string): void => {
    if (done.has(key) || visiting.has(key)) return;
    const node = nodes.get(key);
    if (!node) return;
    visiting.add(key);
    for (const reference of node.resolved.references) visit(reference.key);
    visiting.delete(key);
    const planned = steps.get(key);
    // An update or conflict can meet this too: a cycle's first create done, the run interrupted before the rest.
    if (planned && (planned.step.action === 'create' || planned.step.action === 'update' || planned.step.action === 'conflict')) {
      const leaveOut = new Set(node.resolved.unresolved.filter((reference) => !hasId(reference.key)).map((reference) => reference.key));
      if (leaveOut.size) {
        const left = node.resolved.unresolved.filter((reference) => leaveOut.has(reference.key)).map((reference) => reference.site.value);
        planned.step = { ...planned.step, leftOut: [...new Set(left)] };
        planned.leaveOut = leaveOut;
        const sitePaths = node.resolved.unresolved.filter((reference) => leaveOut.has(reference.key)).map((reference) => ({ path: reference.site.path.join('.'), kind: 'changed' as const }));
        completions.push({ step: { action: 'update', file: planned.step.file, changes: sitePaths, completes: true }, node });
      }
    }
    done.add(key);
    if (planned) ordered.push(planned);
  };
  for (const root of roots) visit(root);
  for (const key of [...nodes.keys()].sort()) visit(key);
  const planned = [...ordered, ...completions];

  const files: FileStatus[] = [...statuses.values()].filter((status) => rootSet.has(status.key)).map(publicStatus);
  files.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    plan: { env: ctx.env.name, steps: planned.map((entry) => entry.step), status: { env: ctx.env.name, files, orphans: listedStatus.orphans, problems } },
    planned,
    nodes,
    lives,
  };
}

/** The plan of a workspace (or of `request.paths`): from one list request per kind, no mutating request. */
export async function plan(ctx: SyncContext, request: PlanRequest = {}): Promise<SyncPlan> {
  return (await planSync(ctx, { ...request, live: 'list' })).plan;
}
