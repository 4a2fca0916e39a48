import { Body, Controller, Post, Req, UseGuards } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';
import { IsString, MaxLength } from 'class-validator';
import OpenAI from 'openai';
import { UserThrottlerGuard } from '../auth/user-throttler.guard';

class ChatDto {
  @IsString() @MaxLength(4000) message!: string;
}

@Controller('chat')
@UseGuards(UserThrottlerGuard)
export class ChatController {
  private readonly openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY }); // ok: env-undocumented

  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @Post() // ok: auth-missing, ratelimit-missing
  async chat(@Req() req: any, @Body() dto: ChatDto) {
    const out = await this.openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: dto.message }], user: req.user.sub }); // ok: validation-missing
    return { reply: out.choices[0].message.content };
  }
}
