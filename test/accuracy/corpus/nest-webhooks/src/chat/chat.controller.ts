import { Body, Controller, Post } from '@nestjs/common';
import { IsString, MaxLength } from 'class-validator';
import OpenAI from 'openai';

export class ChatDto {
  @IsString() @MaxLength(2000) message!: string;
}

const openai = new OpenAI();

@Controller('chat')
export class ChatController {
  // No ValidationPipe is registered anywhere, so the DTO decorators are never enforced.
  @Post() // expect: auth-missing, ratelimit-missing
  async chat(@Body() dto: ChatDto) {
    const r = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: dto.message }] }); // expect: validation-missing
    return { reply: r.choices[0].message.content };
  }
}
