import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { TicketsController } from './tickets/tickets.controller';
import { TicketsService } from './tickets/tickets.service';
import { AdminController } from './admin/admin.controller';
import { ChatController } from './chat/chat.controller';
import { HealthController } from './health/health.controller';
import { Ticket } from './tickets/ticket.entity';

@Module({
  imports: [
    ThrottlerModule.forRoot([{ ttl: 60_000, limit: 60 }]),
    TypeOrmModule.forRoot({ type: 'postgres', host: process.env.DB_HOST, password: process.env.DB_PASSWORD, entities: [Ticket] }),
    TypeOrmModule.forFeature([Ticket]),
  ],
  controllers: [TicketsController, AdminController, ChatController, HealthController],
  providers: [
    TicketsService,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: ThrottlerGuard },
  ],
})
export class AppModule {}
