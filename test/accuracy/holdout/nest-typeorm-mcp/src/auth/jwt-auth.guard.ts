import { CanActivate, ExecutionContext, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { IS_PUBLIC } from './public.decorator';

export interface AuthUser { sub: string; tenantId: string; role: 'agent' | 'admin' }

@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly logger = new Logger(JwtAuthGuard.name);
  constructor(private readonly jwt: JwtService, private readonly reflector: Reflector) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()])) return true;
    const req = ctx.switchToHttp().getRequest();
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    try {
      req.user = await this.jwt.verifyAsync<AuthUser>(token);
      return true;
    } catch (err) {
      this.logger.debug(`rejected token ${token}: ${(err as Error).message}`); // expect: log-sensitive
      throw new UnauthorizedException();
    }
  }
}
