/**
 * Recognising record-level database operations in the IR across ORMs and query builders (Prisma, Drizzle, TypeORM,
 * Sequelize, Mongoose, Knex, Supabase, raw SQL), and which part of each call is the filter that picks the record.
 * The IDOR check asks of that filter: is it keyed by client input, and is it scoped by the verified identity?
 */
import type { CallFact, FileFacts, Span, ValueFact } from '../api';
import { importedModule, prop } from './calls';

export type DbOp = 'read' | 'update' | 'delete' | 'create';

export interface DbQuery {
  call: CallFact;
  op: DbOp;
  /** Model/table when the callee names it (`prisma.ticket.findUnique` → ticket). */
  model?: string;
  /** The values that select the record(s). */
  filter: ValueFact[];
  /** Sources of earlier builder calls count as part of the filter (`.eq('tenant_id', …).eq('id', id)`). */
  chained: boolean;
  /** The `where` object literal when there is one (for the tenant-predicate fix). */
  where?: ValueFact;
  /** The written data (`data`, `set`, update's second argument), for mass assignment and admin purpose. */
  data?: ValueFact;
  /** The filter's key paths relative to it (`id`, `tenant.id`), with their values. */
  keys: { path: string; value: ValueFact }[];
  /** The written data's key paths relative to it (`role`, `plan`). */
  dataKeys: { path: string; value: ValueFact }[];
  /** A list query (`findMany`, `find`): an IDOR only when keyed by a client-chosen id or tenant. */
  many?: boolean;
}

/** The props of `v` under `prefix` (nested literals keep their props only on the outermost value). */
function under(v: ValueFact | undefined, prefix: string): { path: string; value: ValueFact }[] {
  if (!v?.props) return [];
  if (!prefix) return v.props;
  return v.props.filter((p) => p.path.startsWith(`${prefix}.`)).map((p) => ({ path: p.path.slice(prefix.length + 1), value: p.value }));
}

const DB_ROOT = /^(prisma|db|database|knex|sql|pool|pg|client|supabase|sb|mongoose|sequelize|drizzle|tx|trx|em|orm|conn|connection|manager|dataSource|models?|repo|repos|repository|collection|\w*(Repository|Repo|Model|Collection|Db|DB|Client|Table))$/;
const DB_MODULE = /^(@prisma\/client|drizzle-orm|typeorm|sequelize|mongoose|mongodb|knex|pg|postgres|mysql2?|@supabase\/(supabase-js|ssr|auth-helpers-\w+)|@vercel\/postgres|@neondatabase\/serverless|better-sqlite3|kysely)(\/|$)|(^|\/)(db|database|prisma|drizzle|knex|supabase|mongo|models?|repositories|repo)(\/index)?(\.[cm]?[jt]s)?$/;

const MANY = /^(findMany|find|findAll|findAndCount|findBy)$/;
const PRISMA: Record<string, DbOp> = {
  findMany: 'read', findUnique: 'read', findUniqueOrThrow: 'read', findFirst: 'read', findFirstOrThrow: 'read', update: 'update',
  updateMany: 'update', upsert: 'update', delete: 'delete', deleteMany: 'delete',
};
/** Methods whose first argument is the id or the filter itself (TypeORM, Sequelize, Mongoose). */
const BY_FIRST_ARG: Record<string, DbOp> = {
  find: 'read', findAll: 'read', findBy: 'read', findByPk: 'read', findById: 'read', findOneBy: 'read', findOneByOrFail: 'read', findOne: 'read', findOneOrFail: 'read',
  findByIdAndUpdate: 'update', findOneAndUpdate: 'update', updateOne: 'update', findByIdAndDelete: 'delete',
  findByIdAndRemove: 'delete', findOneAndDelete: 'delete', deleteOne: 'delete', destroy: 'delete', softDelete: 'delete',
};
const RAW = /(^|\.)(query|execute|\$queryRaw|\$executeRaw|\$queryRawUnsafe|\$executeRawUnsafe|raw|sql)$/;

function isDbRoot(facts: FileFacts | undefined, call: CallFact): boolean {
  const root = call.root;
  if (!root) return false;
  if (root === 'this') return DB_ROOT.test(call.callee.split('.')[1] ?? '');
  const mod = importedModule(facts, root);
  return DB_ROOT.test(root) || (!!mod && DB_MODULE.test(mod));
}

const segments = (callee: string): string[] => callee.split('.');
const last = (callee: string): string => segments(callee).pop()!.replace(/\(\)$/, '');

/** Prisma-style `x.model.method({ where, data })` (also Drizzle's `db.query.t.findFirst({ where })`). */
function prismaLike(call: CallFact): DbQuery | undefined {
  const method = last(call.callee);
  const op = PRISMA[method];
  const where = prop(call.args[0], 'where');
  if (!op || !where) return undefined;
  const segs = segments(call.callee);
  const model = segs[segs.length - 2]?.replace(/\(\)$/, '');
  const dataKey = prop(call.args[0], 'data') ? 'data' : 'update';
  return {
    call, op, model, filter: [where], chained: /\(\)/.test(call.callee), where, data: prop(call.args[0], dataKey),
    keys: under(call.args[0], 'where'), dataKeys: under(call.args[0], dataKey), many: MANY.test(method),
  };
}

function firstArgLike(call: CallFact): DbQuery | undefined {
  const method = last(call.callee);
  let op = BY_FIRST_ARG[method];
  let filterArg = call.args[0];
  let data: ValueFact | undefined = call.args[1];
  if (!op && /^(update|delete|remove)$/.test(method) && call.args[0] && !call.args[0].props?.some((p) => p.path === 'where')) {
    op = method === 'update' ? 'update' : 'delete'; // TypeORM repo.update(id, data) / repo.delete(id)
  }
  if (method === 'update' && prop(call.args[1], 'where')) {
    op = 'update'; // Sequelize Model.update(data, { where })
    filterArg = call.args[1];
    data = call.args[0];
  }
  if (!op || !filterArg) return undefined;
  const hasWhere = !!prop(filterArg, 'where');
  const where = prop(filterArg, 'where') ?? filterArg;
  const segs = segments(call.callee);
  const owner = segs.length > 1 ? segs[segs.length - 2].replace(/\(\)$/, '') : undefined;
  const model = owner && !/^(collection|getRepository|model|db)$/.test(owner) ? owner : undefined;
  const keys = under(filterArg, hasWhere ? 'where' : '');
  const chained = /\(\)\./.test(call.callee);
  return { call, op, model, filter: [where], chained, where: where.text.startsWith('{') ? where : undefined, data, keys, dataKeys: under(data, ''), many: MANY.test(method) };
}

/** Builder chains: Drizzle/Knex `.where(...)`, Supabase `.eq('id', id)`, with earlier calls' args in the chain. */
function builder(call: CallFact): DbQuery | undefined {
  const segs = segments(call.callee);
  const method = last(call.callee);
  const whereLike = /^(where|andWhere|whereIn|eq|match|in|filter)$/.test(method) || segs.slice(1).some((s) => /^(where|eq|match)\(\)$/.test(s));
  if (!whereLike || segs.length < 2) return undefined;
  const text = call.callee;
  const op: DbOp = /\b(delete|del)\(\)/.test(text) ? 'delete' : /\b(update|set)\(\)/.test(text) ? 'update' : /\binsert\(\)/.test(text) ? 'create' : 'read';
  return { call, op, filter: call.args, chained: true, keys: [], dataKeys: [] };
}

/** Reads the exact source of a value (string literals are shortened in the IR; SQL needs the whole text). */
export type SourceText = (span: Span) => string | undefined;

function rawSql(call: CallFact, source?: SourceText): DbQuery | undefined {
  if (!RAW.test(call.callee)) return undefined;
  const first = call.args[0];
  const sql = first ? (source?.(first.span) ?? first.text) : '';
  if (!/\bwhere\b/i.test(sql)) return undefined;
  const verb = sql.replace(/^[`'"\s]+/, '');
  const op: DbOp = /^delete\b/i.test(verb) ? 'delete' : /^update\b/i.test(verb) ? 'update' : 'read';
  const table = /\b(?:from|update|into)\s+["`]?(\w+)/i.exec(sql)?.[1];
  return { call, op, model: table, filter: call.args, chained: false, keys: [], dataKeys: [] };
}

/** Functions that return a DB client or query builder (`tenantDb(user)`, `knex('t')`, `getSupabase()`). */
const FACTORY = /^(\w*(Db|DB|db|Database|database)|knex|sql|supabase|getSupabase\w*|createClient|prisma|getPrisma\w*|forTenant|withTenant|scoped\w*|\w*Repo(sitory)?|getRepository|getManager)$/;

/** The record-level DB operation a call performs, or undefined. */
export function dbQuery(facts: FileFacts | undefined, call: CallFact, source?: SourceText): DbQuery | undefined {
  const root = isDbRoot(facts, call);
  // `tenantDb(user).ticket.findUnique`, `knex('tickets').where(…)`: a factory call at the root of the chain.
  const factory = /^[\w$]+\(\)\./.test(call.callee) && FACTORY.test(call.root ?? '');
  if (!root && !factory && !/\bfrom\(\)\./.test(call.callee)) return undefined;
  return prismaLike(call) ?? (root ? rawSql(call, source) : undefined) ?? (root || factory ? firstArgLike(call) : undefined) ?? builder(call);
}

/** Writes that create or change records from request data (for mass assignment / validation). */
export interface DbWrite {
  data: ValueFact[];
  model?: string;
  /** Creates a new record (`create`, `insert`, `save`), as opposed to changing existing ones. */
  creates: boolean;
  /** Key paths of the written object (`conversationId`, `subject`). */
  keys: { path: string; value: ValueFact }[];
}

/** Key-value stores share method names with ORMs (`redis.set(key, value)`): not record writes. */
const KV_ROOT = /redis|cache|kv|store|headers|params|searchParams|map$/i;

export function dbWrite(facts: FileFacts | undefined, call: CallFact): DbWrite | undefined {
  if (!isDbRoot(facts, call) || KV_ROOT.test(call.root ?? '')) return undefined;
  const method = last(call.callee);
  if (!/^(create|createMany|update|updateMany|upsert|insert|insertOne|insertMany|save|values|set|updateOne|findByIdAndUpdate|findOneAndUpdate|build)$/.test(method)) return undefined;
  if (method === 'set' && !call.args[0]?.text.startsWith('{')) return undefined;
  const segs = segments(call.callee);
  const model = segs.length > 2 ? segs[segs.length - 2].replace(/\(\)$/, '') : undefined;
  const first = call.args[0];
  const data = prop(first, 'data') ?? prop(first, 'create') ?? (first?.props?.some((p) => p.path === 'where') ? undefined : first);
  const extra = /^(update|updateOne|findByIdAndUpdate|findOneAndUpdate)$/.test(method) && call.args[1] && !prop(call.args[1], 'where') ? [call.args[1]] : [];
  const all = [data, ...extra].filter((v): v is ValueFact => !!v);
  const dataKey = prop(first, 'data') ? 'data' : prop(first, 'create') ? 'create' : '';
  const keys = dataKey ? under(first, dataKey) : data === first ? under(first, '') : [];
  const creates = /^(create|createMany|insert|insertOne|insertMany|save|values|build)$/.test(method);
  return all.length ? { data: all, model, creates, keys } : undefined;
}

/** Names of owner/tenant columns and claims. */
export const OWNER_NAMES = /^(tenant|tenantid|tenant_id|org|orgid|org_id|organization|organizationid|organization_id|organisationid|workspace|workspaceid|workspace_id|account|accountid|account_id|team|teamid|team_id|company|companyid|company_id|owner|ownerid|owner_id|userid|user_id|createdby|created_by|authorid|author_id|customerid|customer_id|memberid|projectid)$/;
