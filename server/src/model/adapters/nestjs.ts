/**
 * The NestJS adapter: controllers (`@Controller` + `@Get`/`@Post`/…), the app's global prefix, versioning, global
 * guards and pipes (`useGlobalGuards`, `APP_GUARD`, `APP_PIPE`), `@UseGuards`/`@UsePipes`, metadata decorators such as
 * `@Public()` and `@Roles()`, throttling and validation → Route facts with quick-fix anchors for decorators.
 */
import type { FrameworkAdapter } from '../adapter';
import { collectNest } from './nestjs/collect';
import type { NestFacts } from './nestjs/facts';
import { linkNest } from './nestjs/link';

const NEST_TEXT = /@nestjs\/|\bAPP_GUARD\b|\bAPP_PIPE\b|\bNestFactory\b|\bCanActivate\b|\bSetMetadata\b|\bapplyDecorators\b|\bcreateDecorator\b/;

export const nestjsAdapter: FrameworkAdapter<NestFacts> = {
  id: 'nestjs',
  framework: 'nestjs',
  mayApply: (text) => NEST_TEXT.test(text),
  collect: collectNest,
  link: linkNest,
};
