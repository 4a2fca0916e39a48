import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { Ticket } from './tickets/ticket.entity';
import { TicketsController } from './tickets/tickets.controller';
import { TicketsService } from './tickets/tickets.service';
import { ChatController } from './chat/chat.controller';
import { McpController } from './mcp/mcp.controller';
import { BillingController } from './billing/billing.controller';
import { HealthController } from './health/health.controller';
import { WebhooksController } from './webhooks/webhooks.controller';
import { ProcessedEvent } from './webhooks/processed-event.entity';

@Module({
  imports: [
    TypeOrmModule.forRoot({
      type: 'postgres',
      host: process.env.DB_HOST,
      username: process.env.DB_USER,
      password: process.env.DB_PASSWORD, // expect: env-undocumented
      database: process.env.DB_NAME,
      entities: [Ticket, ProcessedEvent],
    }),
    TypeOrmModule.forFeature([Ticket, ProcessedEvent]),
    JwtModule.register({ global: true, secret: process.env.JWT_SECRET, signOptions: { expiresIn: '1h' } }), // ok: secret-hardcoded
    ThrottlerModule.forRoot([{ ttl: 60_000, limit: 120 }]),
  ],
  controllers: [TicketsController, ChatController, McpController, BillingController, HealthController, WebhooksController],
  providers: [
    TicketsService,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: ThrottlerGuard },
  ],
})
export class AppModule {}
