import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { PrismaService } from '../common/prisma.service';

@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly prisma: PrismaService) {}

  // Stripe billing events: parsed JSON, the signature header is read but never checked.
  @Post('stripe') // expect: webhook-unverified, ratelimit-missing // ok: authz-missing
  @HttpCode(200)
  async stripe(@Body() event: any, @Headers('stripe-signature') _sig: string) {
    if (event.type === 'customer.subscription.deleted') {
      await this.prisma.workspace.update({ where: { stripeCustomerId: event.data.object.customer }, data: { plan: 'free' } }); // expect: validation-missing
    }
    return { received: true };
  }
}
