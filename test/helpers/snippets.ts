// What VS Code inserts for an LSP snippet when the user accepts each placeholder as it is: the schema
// generation's reading of snippet text, which checks the shipped snippets the same way.
export { acceptSnippet } from '../../core/src/schemaGeneration/snippets';
