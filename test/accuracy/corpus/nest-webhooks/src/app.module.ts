import { Module } from '@nestjs/common';
import { WebhooksController } from './webhooks/webhooks.controller';
import { ChatController } from './chat/chat.controller';
import { ConversationsController } from './conversations/conversations.controller';
import { PrismaService } from './common/prisma.service';

@Module({ controllers: [WebhooksController, ChatController, ConversationsController], providers: [PrismaService] })
export class AppModule {}
