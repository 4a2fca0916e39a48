import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

// Customers call the gateway with their workspace API key.
@Injectable()
export class ApiKeyGuard implements CanActivate {
  async canActivate(context: ExecutionContext) {
    const req = context.switchToHttp().getRequest();
    const key = await prisma.apiKey.findUnique({ where: { hash: String(req.headers['x-api-key'] ?? '') } });
    if (!key) throw new UnauthorizedException();
    req.user = { workspaceId: key.workspaceId };
    return true;
  }
}
