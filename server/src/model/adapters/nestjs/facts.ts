/**
 * The NestJS adapter's per-file facts (plain JSON, cached with the file's other facts): controllers and their routes,
 * app-wide setup (global prefix, global guards/pipes, APP_GUARD/APP_PIPE providers, versioning), guard classes and
 * metadata decorators (`@Public()`, `@Roles()`, composites built with `applyDecorators`).
 */
import type { ExprRef, HttpMethod, Span } from '../../types';

/** A decorator as written: `@UseGuards(AuthGuard('jwt'), RolesGuard)` → name `UseGuards`, two arg refs. */
export interface NestDecorator {
  name: string;
  args: ExprRef[];
  /** String-literal arguments' values (`@Roles('admin')` → ['admin']); other arguments' text. */
  values: string[];
  span: Span;
}

export interface NestParam {
  /** The parameter decorator (`Body`, `Query`, `Param`, `Req`, `Request`, a custom one). */
  decorator: string;
  /** Declared type name without generics/arrays (`CreateTicketDto`), when written. */
  type?: string;
  /** Pipes passed to the decorator (`@Body(new ValidationPipe())`, `@Param('id', ParseIntPipe)`). */
  pipes: ExprRef[];
  span: Span;
}

export interface NestRouteFact {
  method: HttpMethod;
  /** Paths of the HTTP decorator (`@Get([':id', 'by-id/:id'])`); `['']` when it has none. */
  paths: string[];
  /** The HTTP method decorator (`@Get(':id')`): where the route is registered. */
  span: Span;
  functionId: string;
  /** Every other method decorator (guards, pipes, metadata, versions). */
  decorators: NestDecorator[];
  params: NestParam[];
  /** Offset of the start of the line holding the method's first decorator. */
  decoratorInsert: number;
}

export interface NestController {
  name: string;
  paths: string[];
  /** `@Controller({ version })`. */
  versions?: string[];
  /** The `@Controller(...)` decorator. */
  span: Span;
  /** Every other class decorator. */
  decorators: NestDecorator[];
  routes: NestRouteFact[];
  /** Offset of the start of the line holding the class's first decorator. */
  classDecoratorInsert: number;
}

/** A metadata key as written: a string literal, or an identifier to resolve (`IS_PUBLIC_KEY`). */
export interface MetaKey {
  literal?: string;
  ident?: string;
}

/** A guard class: `implements CanActivate`, `extends AuthGuard('jwt')`, or any class with `canActivate`. */
export interface NestGuardClass {
  name: string;
  span: Span;
  extends?: ExprRef;
  canActivateId?: string;
  /** Metadata keys the class reads through the Reflector (`IS_PUBLIC_KEY`, `ROLES_KEY`). */
  reads: MetaKey[];
  /** Method names (a throttler subclass that overrides `getTracker` keys limits by something custom). */
  methods: string[];
}

/** `export const Public = () => SetMetadata(IS_PUBLIC_KEY, true)`, `Reflector.createDecorator()`, `applyDecorators(...)`. */
export interface NestMetaDecorator {
  name: string;
  keys: MetaKey[];
  /** Guards applied by a composite decorator (`applyDecorators(UseGuards(JwtGuard, RolesGuard), ...)`). */
  guards: ExprRef[];
  /** True when the metadata value is literally `false` (`SetMetadata('isPublic', false)`). */
  falseValue?: boolean;
  span: Span;
}

export interface NestPrefix {
  value: string;
  exclude: { path: string; method?: HttpMethod }[];
  span: Span;
}

/** A route selector of `forRoutes(...)` / `exclude(...)`: a path pattern (with method) or a controller class. */
export interface NestRouteSel {
  path?: string;
  method?: HttpMethod;
  controller?: string;
}

/** `consumer.apply(AuthMiddleware).exclude(...).forRoutes(...)` in a module's `configure()`. */
export interface NestConsumer {
  apply: ExprRef[];
  forRoutes: NestRouteSel[];
  exclude: NestRouteSel[];
  span: Span;
}

export interface NestFacts {
  controllers: NestController[];
  guardClasses: NestGuardClass[];
  metaDecorators: NestMetaDecorator[];
  /** The file bootstraps an app (`NestFactory.create`): its folder is the app's root. */
  bootstrap?: boolean;
  prefix?: NestPrefix;
  /** `app.enableVersioning({ type: VersioningType.URI, prefix?, defaultVersion? })`. */
  versioning?: { uri: boolean; prefix: string; defaultVersion?: string[] };
  /** `app.useGlobalGuards(...)` and `{ provide: APP_GUARD, useClass: X }`, in source order. */
  globalGuards: ExprRef[];
  /** `app.useGlobalPipes(...)` and `{ provide: APP_PIPE, ... }`. */
  globalPipes: ExprRef[];
  /** `app.use(mw)` in a bootstrap file: Express/Fastify middleware in front of every route. */
  appUses?: ExprRef[];
  /** Module middleware bound with MiddlewareConsumer. */
  consumers?: NestConsumer[];
  /** `@Module({ controllers: [...] })` classes of this file. */
  modules?: { name: string; controllers: string[] }[];
  /** `RouterModule.register([{ path, module, children }])`, flattened: each module's full path prefix. */
  routerPaths?: { module: string; path: string; span: Span }[];
}
