import { Controller, ForbiddenException, Get, Param, Req, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '../common/api-key.guard';
import { PrismaService } from '../common/prisma.service';

@Controller('conversations')
@UseGuards(ApiKeyGuard)
export class ConversationsController {
  constructor(private readonly prisma: PrismaService) {}

  @Get(':id') // ok: auth-missing, authz-missing
  async get(@Param('id') id: string, @Req() req: { user: { workspaceId: string } }) {
    const convo = await this.prisma.conversation.findUnique({ where: { id } }); // ok: authz-missing
    if (convo?.workspaceId !== req.user.workspaceId) throw new ForbiddenException();
    return convo;
  }

  @Get(':id/messages') // ok: auth-missing
  async messages(@Param('id') id: string) {
    return this.prisma.message.findMany({ where: { conversationId: id } }); // expect: authz-missing
  }
}
