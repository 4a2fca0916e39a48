import { Body, Controller, Post, Req } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';
import { IsString, MaxLength } from 'class-validator';
import OpenAI from 'openai';

class AskDto {
  @IsString() @MaxLength(4000) question!: string;
}

@Controller('chat')
export class ChatController {
  private readonly openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @Post() // ok: auth-missing // expect: ratelimit-missing (AI route limited only per IP: reported at warning)
  async ask(@Body() dto: AskDto, @Req() req: any) {
    const res = await this.openai.chat.completions.create({ // ok: validation-missing
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: dto.question }],
      user: req.user.sub,
    });
    return { answer: res.choices[0].message.content };
  }
}
