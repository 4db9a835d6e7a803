// Hover inside a template: a variable says what it is and where it comes from (a Vapi built-in, the field
// the template is in, a declaration in the file, the setting, or the template itself); a filter or a tag
// says what it does.
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { assignedNames, describeSource, filterDocs, tagDocs, templateTokens } from '../../core/src/templates';
import type { TemplateTarget } from './templateTargets';

export function templateHover(target: TemplateTarget, document: TextDocument, at: number): Hover | null {
  const token = templateTokens(target.template).find((candidate) => candidate.start <= at && at < candidate.end);
  if (!token) return null;
  let markdown: string | undefined;
  if (token.kind === 'variable' && token.path?.length) markdown = variableText(target, token.path);
  else if (token.kind === 'filter' && token.name) markdown = `**${token.name}** (Liquid filter)${filterDocs[token.name] ? `\n\n${filterDocs[token.name]}` : ''}`;
  else if (token.kind === 'tag' && token.name) markdown = `**${token.name}** (Liquid tag)${tagDocs[token.name] ? `\n\n${tagDocs[token.name]}` : ''}`;
  if (!markdown) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: markdown },
    range: { start: document.positionAt(target.toDocument(token.start)), end: document.positionAt(target.toDocument(token.end)) },
  };
}

function variableText(target: TemplateTarget, path: string[]): string {
  const name = path.join('.');
  if (assignedNames(target.template).includes(path[0])) return `**${name}**\n\nSet in this template (\`assign\`, \`capture\` or a \`for\` loop).`;
  const found = target.known.lookup(path);
  if (!found.known) {
    const didYouMean = found.suggestion ? ` Did you mean \`${found.suggestion}\`?` : '';
    return `**${name}**\n\nNot a variable Vapi provides or this file declares.${didYouMean} If it is passed at call time, add it to the setting \`assistantConfig.templateVariables\`.`;
  }
  const { variable } = found;
  if (variable.name.startsWith(`${name}.`)) {
    // An object whose parts are known (`customer`, `structuredOutput`).
    const parts = target.known.all().filter((candidate) => candidate.name.startsWith(`${name}.`)).map((candidate) => `\`${candidate.name}\``);
    return `**${name}**\n\nHas ${parts.join(', ')}.\n\n${describeSource(variable.source)}`;
  }
  const title = variable.name === name ? `**${name}**` : `**${name}** (part of \`${variable.name}\`)`;
  return [title, variable.meaning, describeSource(variable.source)].filter(Boolean).join('\n\n');
}
