import { BadRequestException, Body, Controller, Headers, Post, RawBodyRequest, Req } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsEmail, IsString, MaxLength } from 'class-validator';
import { Repository } from 'typeorm';
import Stripe from 'stripe';
import { Public } from '../auth/public.decorator';
import { ProcessedEvent } from './processed-event.entity';
import { TicketsService } from '../tickets/tickets.service';

class InboundEmailDto {
  @IsEmail() from!: string;
  @IsString() @MaxLength(200) subject!: string;
  @IsString() tenantId!: string;
}

@Controller('webhooks')
export class WebhooksController {
  private readonly stripe = new Stripe(process.env.STRIPE_SECRET_KEY!); // ok: secret-hardcoded
  constructor(@InjectRepository(ProcessedEvent) private readonly events: Repository<ProcessedEvent>, private readonly tickets: TicketsService) {}

  @Public()
  @Post('stripe') // ok: webhook-unverified, auth-missing, ratelimit-missing
  async stripeEvent(@Req() req: RawBodyRequest<Request>, @Headers('stripe-signature') sig: string) {
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(req.rawBody!, sig, process.env.STRIPE_WEBHOOK_SECRET!);
    } catch {
      throw new BadRequestException('invalid signature');
    }
    const res = await this.events.createQueryBuilder().insert().values({ id: event.id }).orIgnore().execute();
    if (!res.raw.length) return { duplicate: true };
    return { received: true };
  }

  // The mail provider posts parsed emails here. No shared secret, no signature: anyone can open tickets in any tenant.
  @Public()
  @Post('inbound-email') // expect: webhook-unverified // ok: auth-missing, ratelimit-missing, validation-missing
  async inboundEmail(@Body() dto: InboundEmailDto) {
    return this.tickets.create(dto.tenantId, dto.subject);
  }
}
