/**
 * Fixes (offset edits + files to create, computed by rules against a snapshot) → one LSP WorkspaceEdit. Fixes are
 * taken whole or not at all: a fix is dropped when a file it edits changed since the analysis, when a file it creates
 * already exists, or when its edits overlap an edit of a fix already taken. Identical edits (two fixes adding the
 * same import) are kept once. This is the only place that turns offsets into LSP positions.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  AnnotatedTextEdit,
  ChangeAnnotation,
  CreateFile,
  TextDocumentEdit,
  TextEdit as LspTextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import type { Fix, TextEdit } from '../../../rules/api';

/** How to reach the files of one folder at the moment the edit is built. */
export interface EditTarget {
  uriOf(file: string): string;
  /** The text the fix's offsets index into, or undefined when the file changed since the analysis (stale). */
  textOf(file: string): string | undefined;
  /** Whether a file exists (on disk or as an open buffer): a fix never overwrites a file. */
  exists(file: string): boolean;
  /** Version of an open document, or null for files that are not open. */
  docVersion(uri: string): number | null;
}

export interface EditOptions {
  documentChanges: boolean;
  /** The client can create files in a WorkspaceEdit (documentChanges with the `create` resource operation). */
  canCreate: boolean;
  /** Annotate every edit with this change annotation (e.g. `needsConfirmation` for bulk fixes). */
  annotation?: { id: string; annotation: ChangeAnnotation };
}

interface DocEdits {
  uri: string;
  version: number | null;
  text: string;
  raw: TextEdit[];
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  return a.start < b.end && b.start < a.end;
}

function same(a: TextEdit, b: TextEdit): boolean {
  return a.start === b.start && a.end === b.end && a.newText === b.newText;
}

export class EditBuilder {
  private readonly docs = new Map<string, DocEdits>();
  private readonly creates = new Map<string, string>();
  private taken = 0;

  constructor(private readonly options: EditOptions) {}

  get fixes(): number {
    return this.taken;
  }

  get files(): number {
    return this.touched().length + this.creates.size;
  }

  /** Documents with at least one edit (a refused fix may have looked a document up without editing it). */
  private touched(): DocEdits[] {
    return [...this.docs.values()].filter((d) => d.raw.length > 0);
  }

  /** Try to take one fix; returns false (and changes nothing) when it is stale, conflicting or not expressible. */
  add(target: EditTarget, fix: Fix): boolean {
    if (fix.createFiles?.length && !(this.options.documentChanges && this.options.canCreate)) return false;
    const staged: { doc: DocEdits; edit: TextEdit }[] = [];
    for (const edit of fix.edits) {
      const doc = this.docFor(target, edit.file);
      if (!doc || edit.start < 0 || edit.end > doc.text.length || edit.start > edit.end) return false;
      if (doc.raw.some((e) => !same(e, edit) && overlaps(e, edit))) return false;
      if (staged.some((s) => s.doc === doc && !same(s.edit, edit) && overlaps(s.edit, edit))) return false;
      staged.push({ doc, edit });
    }
    for (const c of fix.createFiles ?? []) {
      const uri = target.uriOf(c.file);
      const known = this.creates.get(uri);
      if (known !== undefined ? known !== c.text : target.exists(c.file)) return false;
    }
    for (const { doc, edit } of staged) if (!doc.raw.some((e) => same(e, edit))) doc.raw.push(edit);
    for (const c of fix.createFiles ?? []) this.creates.set(target.uriOf(c.file), c.text);
    this.taken++;
    return true;
  }

  private docFor(target: EditTarget, file: string): DocEdits | undefined {
    const uri = target.uriOf(file);
    const known = this.docs.get(uri);
    if (known) return known;
    const text = target.textOf(file);
    if (text === undefined) return undefined;
    const doc: DocEdits = { uri, version: target.docVersion(uri), text, raw: [] };
    this.docs.set(uri, doc);
    return doc;
  }

  /** The WorkspaceEdit of every fix taken, or undefined when none was. */
  build(): WorkspaceEdit | undefined {
    if (!this.taken) return undefined;
    const annotationId = this.options.annotation?.id;
    const lspEdits = (doc: DocEdits): LspTextEdit[] => {
      const td = TextDocument.create(doc.uri, 'plaintext', 0, doc.text);
      return doc.raw
        .filter((e) => e.start !== e.end || e.newText !== '')
        .map((e, i) => ({ e, i }))
        .sort((a, b) => a.e.start - b.e.start || a.i - b.i)
        .map(({ e }) => {
          const edit: LspTextEdit = { range: { start: td.positionAt(e.start), end: td.positionAt(e.end) }, newText: e.newText };
          return annotationId ? ({ ...edit, annotationId } as AnnotatedTextEdit) : edit;
        });
    };
    if (!this.options.documentChanges) {
      const changes: Record<string, LspTextEdit[]> = {};
      for (const doc of this.touched()) changes[doc.uri] = lspEdits(doc);
      return { changes };
    }
    const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
    for (const [uri, text] of this.creates) {
      documentChanges.push({ kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false }, ...(annotationId ? { annotationId } : {}) });
      const start = { line: 0, character: 0 };
      const insert: LspTextEdit = { range: { start, end: start }, newText: text };
      documentChanges.push({ textDocument: { uri, version: null }, edits: [annotationId ? { ...insert, annotationId } : insert] });
    }
    for (const doc of this.touched()) {
      documentChanges.push({ textDocument: { uri: doc.uri, version: doc.version }, edits: lspEdits(doc) });
    }
    const edit: WorkspaceEdit = { documentChanges };
    if (this.options.annotation) edit.changeAnnotations = { [this.options.annotation.id]: this.options.annotation.annotation };
    return edit;
  }
}
